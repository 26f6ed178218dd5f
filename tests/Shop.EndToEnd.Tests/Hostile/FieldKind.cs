using System.Globalization;

namespace Shop.EndToEnd.Tests.Hostile;

/// <summary>What a field of a request body holds, and raw JSON values that the API's rules make invalid for it.</summary>
public abstract record FieldKind
{
    private static readonly string[] WrongTypes = ["true", "[]", "{}", "[1,2]", "{\"a\":1}"];

    /// <summary>Whether leaving the field out makes the request invalid.</summary>
    public bool Required { get; init; } = true;

    public abstract IReadOnlyList<string> InvalidValues(Random random);

    protected static string Quoted(string text) => "\"" + text + "\"";

    protected static string Repeat(char c, int count) => new(c, count);

    protected static string ControlCharacter(Random random)
    {
        int[] controls = [0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x85, 0x9F];
        return $"\\u{controls[random.Next(controls.Length)]:x4}";
    }

    protected static IEnumerable<string> WithWrongTypes(IEnumerable<string> values, params string[] alsoWrong) =>
        values.Concat(WrongTypes).Concat(alsoWrong);

    /// <summary>Required text of at most <paramref name="MaxLength"/> characters, not blank, no control characters.</summary>
    public sealed record Text(int MaxLength, bool MayBeEmpty = false) : FieldKind
    {
        public override IReadOnlyList<string> InvalidValues(Random random)
        {
            var values = new List<string>
            {
                "null",
                "42",
                Quoted(Repeat('x', MaxLength + 1 + random.Next(MaxLength * 20))),
                Quoted("a" + ControlCharacter(random) + "b"),
                Quoted("a\\ud800b"),
                Quoted("a\\udc00"),
                Quoted("a" + JsonBody.InvalidUtf8Marker + "b"),
            };
            if (!MayBeEmpty)
            {
                values.AddRange([Quoted(""), Quoted("   "), Quoted("\\t\\n")]);
            }

            return [.. WithWrongTypes(values)];
        }
    }

    /// <summary>A code matching a fixed pattern (currency, country, a token subject).</summary>
    public sealed record Code(params string[] Wrong) : FieldKind
    {
        public override IReadOnlyList<string> InvalidValues(Random random) =>
            [.. WithWrongTypes(Wrong.Select(Quoted), "null", "840", Quoted(ControlCharacter(random)), Quoted(JsonBody.InvalidUtf8Marker))];
    }

    /// <summary>A whole number in [<paramref name="Min"/>, <paramref name="Max"/>].</summary>
    public sealed record WholeNumber(long Min, long Max) : FieldKind
    {
        public override IReadOnlyList<string> InvalidValues(Random random) =>
        [
            .. WithWrongTypes(
                [
                    Invariant(Min - 1),
                    Invariant(Max + 1),
                    Invariant(Min - 1 - random.Next(1_000_000)),
                    "-2147483649",
                    "2147483648",
                    "99999999999999999999999999999",
                    "1e400",
                    "-1e400",
                    "1.5",
                    "NaN",
                    "Infinity",
                    "0x10",
                    "null",
                    Quoted("two"),
                    Quoted(""),
                ]),
        ];
    }

    /// <summary>A price: greater than 0, at most 9,999,999,999.99, at most 2 decimal places.</summary>
    public sealed record Price : FieldKind
    {
        public override IReadOnlyList<string> InvalidValues(Random random) =>
        [
            .. WithWrongTypes(
                ["0", "-0", "-1", "-0.01", "1.234", "0.001", "10000000000", "1e400", "1e-400", "79228162514264337593543950336", "NaN", "-Infinity", "null", Quoted("free"), Quoted("")]),
        ];
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
