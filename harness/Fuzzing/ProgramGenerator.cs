using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Conformance.Harness.Fuzzing.Internal;
using ValueType = Conformance.Harness.Fuzzing.Internal.ValueType;

namespace Conformance.Harness.Fuzzing;

/// <summary>
/// Random single-process scenario documents (Csmith-style): typed expressions over ints (big ones through products of
/// large literals), floats, strings, lists, tuples, dicts, logic, comparisons, built-ins and container methods, and
/// the steps set/setitem/print/if/while/for/try/raise/break/continue, with errors on purpose (wrong operand types,
/// zero divisors, bad indexes and keys). Variables keep the type they were made with, so most programs run a while
/// before an error; loops are bounded and repetition counts small, so every program ends quickly in both interpreters.
/// </summary>
public sealed partial class ProgramGenerator
{
    private readonly Random _rng;
    private readonly List<(string Name, ValueType Type)> _vars = new();
    private int _next;
    private int _loops;
    private bool _noContainerVars; // while generating a value stored into a container: no cycles ([a] inside a)

    /// <summary>A generator whose documents are a function of <paramref name="seed"/>.</summary>
    public ProgramGenerator(int seed) => _rng = new Random(seed);

    /// <summary>The probability that an operator gets operands of random types instead of well-typed ones.</summary>
    public double ErrorRate { get; init; } = 0.06;

    /// <summary>One document: <c>description</c>, <c>features</c>, <c>main</c>.</summary>
    public JsonObject Generate()
    {
        _vars.Clear();
        _next = 0;
        _loops = 0;
        var functions = Functions();
        var main = new JsonArray();
        var document = new JsonObject
        {
            ["description"] = "A generated program (language fuzzer).",
            ["features"] = new JsonArray("language"),
        };
        Interplay(document, ref functions, main);
        var n = _rng.Next(2, 10);
        for (var i = 0; i < n; i++)
            main.Add(Step(2));
        if (functions is not null)
            document["functions"] = functions;
        document["main"] = main;
        return document;
    }

    private bool Chance(double p) => _rng.NextDouble() < p;

    private T Pick<T>(params T[] items) => items[_rng.Next(items.Length)];

    private string Fresh(string prefix) => $"{prefix}{_next++}";

    private static readonly ValueType[] Concrete =
        [ValueType.Int, ValueType.Float, ValueType.Bool, ValueType.Str, ValueType.None, ValueType.List, ValueType.Tuple, ValueType.Dict];

    private static readonly ValueType[] Common =
        [ValueType.Int, ValueType.Int, ValueType.Int, ValueType.Float, ValueType.Float, ValueType.Str, ValueType.Str, ValueType.Bool, ValueType.List, ValueType.Tuple, ValueType.Dict];

    private ValueType AnyConcrete() => Chance(0.15) ? Pick(Concrete) : Pick(Common);

    // ------------------------------------------------------------------------------------------------------------
    // Literals
    // ------------------------------------------------------------------------------------------------------------

    private static readonly long[] LargeInts =
    [
        long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, 1L << 62, -(1L << 62), 1L << 53, (1L << 53) + 1,
        (1L << 53) - 1, 1_000_000_000_000_000_000, -1_000_000_000_000_000_000, 4_294_967_296, 3_037_000_500, 999_999_999_999_999_999,
        123_456_789_012_345_678, 18_014_398_509_481_985, 9_007_199_254_740_993,
    ];

    private JsonNode IntLiteral() => _rng.Next(10) switch
    {
        < 5 => JsonValue.Create((long)_rng.Next(-6, 11)),
        < 7 => JsonValue.Create((long)_rng.Next(-1000, 1001)),
        < 9 => JsonValue.Create(Pick(LargeInts)),
        _ => JsonValue.Create(_rng.NextInt64(long.MinValue, long.MaxValue)),
    };

    private JsonNode SmallIntLiteral(int lo = -3, int hi = 6) => JsonValue.Create((long)_rng.Next(lo, hi + 1));

    private static readonly double[] Floats =
    [
        0.1, 0.2, 0.3, 0.5, 1.5, -2.5, 2.675, 3.14159, 1e16, 1.5e16, 1e-7, 1e-4, 1.0001e-5, 123456789.123, 1e300, 1e308, 1.7976931348623157e308,
        2.5e-308, 5e-324, -0.1, 1e22, 1e23, 9007199254740993.5, 0.30000000000000004, 4.35, 1e15 + 0.5, 2.5, 0.125, -7.75,
    ];

    private JsonNode FloatLiteral()
    {
        double d;
        if (Chance(0.6))
        {
            d = Pick(Floats);
        }
        else
        {
            // A random float of random magnitude. Integral values below 1e15 are skipped: the loader's JSON writes
            // them without a fraction ("2" for 2.0), so they would reach both interpreters as ints.
            do
                d = (_rng.NextDouble() - 0.5) * Math.Pow(10, _rng.Next(-8, 25));
            while (d == Math.Floor(d) && Math.Abs(d) < 1e15);
        }
        return JsonValue.Create(Chance(0.2) ? -d : d);
    }

    private static readonly string[] Chars =
    [
        "a", "b", "z", "A", "0", "7", " ", " ", "'", "\"", "\\", "\n", "\t", "\r", "\0", "\u0001", "\u001b", "\u007f",
        "é", "ß", "中", "\U0001F600", "\u00a0", "\u00ad", "\u200b", "\u2028", "\ufeff", "\u0085", "\u0301", "\ue000",
        "\U0010FFFF", "\u0378", "{", "}", "$", "x", "y", "%", "\u00ff", "\u0100", "\uffff", "\U0001D11E",
    ];

    private string RandomText(int max = 6)
    {
        var sb = new StringBuilder();
        var n = _rng.Next(0, max + 1);
        for (var i = 0; i < n; i++)
            sb.Append(Chance(0.5) ? Pick("a", "b", "c", "x", " ", "hello", "1") : Pick(Chars));
        return sb.ToString();
    }

    /// <summary>A string literal: <c>$</c> at the start means a reference, so a literal one is written <c>$$</c>.</summary>
    private static JsonNode Text(string s) => JsonValue.Create(s.StartsWith('$') ? "$" + s : s);

    private JsonNode StrLiteral() => Text(RandomText());

    // A dict key: ints, floats and booleans that are equal (1, 1.0, True; 0, 0.0, False) are one key in Python.
    private JsonNode? KeyLiteral() => _rng.Next(14) switch
    {
        0 => JsonValue.Create(1L),
        1 => JsonValue.Create(true),
        2 => JsonValue.Create(1.5),
        3 => JsonValue.Create(0L),
        4 => JsonValue.Create(false),
        5 => JsonValue.Create("a"),
        6 => JsonValue.Create("b"),
        7 => JsonValue.Create(""),
        8 => null,
        9 => new JsonObject { ["tuple"] = new JsonArray(JsonValue.Create(1L), JsonValue.Create("a")) },
        10 => new JsonObject { ["div"] = new JsonArray(JsonValue.Create(2L), JsonValue.Create(2L)) }, // 1.0
        11 => new JsonObject { ["tuple"] = new JsonArray(JsonValue.Create(1L)) },
        12 => JsonValue.Create((long)_rng.Next(-3, 4)),
        _ => StrLiteral(),
    };
}
