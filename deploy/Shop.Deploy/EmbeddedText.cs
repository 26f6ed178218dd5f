namespace Shop.Deploy;

/// <summary>Source files the app ships to AWS as text (inline Lambda code, collector configuration), kept beside the C# that uses them.</summary>
public static class EmbeddedText
{
    public static string Read(string path)
    {
        var name = "Shop.Deploy." + path.Replace('/', '.');
        using var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{path} is not embedded in {typeof(EmbeddedText).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
