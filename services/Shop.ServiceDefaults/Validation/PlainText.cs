using System.Buffers;
using System.Text;

namespace Shop.ServiceDefaults.Validation;

/// <summary>Text a person could have typed: no control characters (line breaks and tabs only where allowed), no unpaired surrogates.</summary>
public static class PlainText
{
    public static bool IsPlain(string value, bool allowLineBreaks = false)
    {
        var text = value.AsSpan();
        while (!text.IsEmpty)
        {
            // An unpaired surrogate is not text, and cannot be stored as UTF-8.
            if (Rune.DecodeFromUtf16(text, out var rune, out var used) != OperationStatus.Done)
            {
                return false;
            }

            if (Rune.IsControl(rune) && !(allowLineBreaks && rune.Value is '\n' or '\r' or '\t'))
            {
                return false;
            }

            text = text[used..];
        }

        return true;
    }
}
