using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Conformance.Harness.Scenarios;

/// <summary>
/// Reads the repr of plain Python data back into a <see cref="PyValue"/> (the counterpart of <c>ast.literal_eval</c>
/// on what <c>repr</c> writes): None, True, False, ints, floats (also <c>inf</c>, <c>nan</c>), strs in either quote
/// with their escapes, tuples, lists and dicts. Nothing is evaluated; text is data. Bounded: nesting deeper than
/// <see cref="MaxDepth"/> or text longer than <see cref="MaxLength"/> is not parsed.
/// </summary>
public static class PyLiteral
{
    /// <summary>The deepest nesting read (a trace is hostile data: no recursion without end).</summary>
    public const int MaxDepth = 100;

    /// <summary>The longest text read.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>The value of <paramref name="text"/>, or null with <paramref name="error"/> saying where and why it is not a plain-data repr.</summary>
    public static PyValue? TryParse(string text, out string? error)
    {
        if (text.Length > MaxLength)
        {
            error = $"longer than {MaxLength} characters";
            return null;
        }
        var reader = new Reader(text);
        try
        {
            reader.Space();
            var value = reader.Value(0);
            reader.Space();
            if (!reader.AtEnd)
                throw reader.Fail("unexpected text after the value");
            error = null;
            return value;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>The value of <paramref name="text"/>; text that is not a plain-data repr is an <see cref="PyValue.OpaqueValue"/>, compared as text.</summary>
    public static PyValue Parse(string text) => TryParse(text, out _) ?? new PyValue.OpaqueValue(text);

    private sealed class Reader(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public FormatException Fail(string why) => new($"{why} at character {_at + 1} of {Shorten(text)}");

        public void Space()
        {
            while (_at < text.Length && text[_at] is ' ' or '\t' or '\n' or '\r')
                _at++;
        }

        public PyValue Value(int depth)
        {
            if (depth > MaxDepth)
                throw Fail($"nested deeper than {MaxDepth}");
            if (AtEnd)
                throw Fail("expected a value, found the end");
            var c = text[_at];
            switch (c)
            {
                case '\'' or '"':
                    return new PyValue.StrValue(Str());
                case '(':
                    return Sequence(depth, ')', isTuple: true);
                case '[':
                    return Sequence(depth, ']', isTuple: false);
                case '{':
                    return Dict(depth);
                case '-' or '+' or '.' or (>= '0' and <= '9'):
                    return Number();
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = _at;
                while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_'))
                    _at++;
                return text[start.._at] switch
                {
                    "None" => PyValue.None,
                    "True" => PyValue.True,
                    "False" => PyValue.False,
                    "inf" => new PyValue.FloatValue(double.PositiveInfinity),
                    "nan" => new PyValue.FloatValue(double.NaN),
                    var word => throw Fail($"'{word}' is not a literal"),
                };
            }
            throw Fail($"unexpected '{c}'");
        }

        private PyValue Sequence(int depth, char close, bool isTuple)
        {
            _at++;
            var items = ImmutableArray.CreateBuilder<PyValue>();
            var comma = false;
            while (true)
            {
                Space();
                if (Eat(close))
                    break;
                if (items.Count > 0 && !comma)
                    throw Fail($"expected ',' or '{close}'");
                items.Add(Value(depth + 1));
                Space();
                comma = Eat(',');
            }
            // (x) is x in parentheses; (x,) is the one-item tuple.
            if (isTuple && items.Count == 1 && !comma)
                return items[0];
            return new PyValue.SequenceValue(items.ToImmutable(), isTuple);
        }

        private PyValue Dict(int depth)
        {
            _at++;
            var dict = PyValue.DictValue.Empty;
            var first = true;
            while (true)
            {
                Space();
                if (Eat('}'))
                    return dict;
                if (!first && !Eat(','))
                    throw Fail("expected ',' or '}'");
                Space();
                if (!first && Eat('}'))
                    return dict;
                first = false;
                var key = Value(depth + 1);
                Space();
                if (!Eat(':'))
                    throw Fail("expected ':' (a set is not plain data here)");
                Space();
                dict = dict.With(key, Value(depth + 1));
            }
        }

        private PyValue Number()
        {
            var start = _at;
            if (text[_at] is '-' or '+')
                _at++;
            if (_at + 3 <= text.Length && text.AsSpan(_at, 3).SequenceEqual("inf"))
            {
                _at += 3;
                return new PyValue.FloatValue(text[start] == '-' ? double.NegativeInfinity : double.PositiveInfinity);
            }
            var isFloat = false;
            while (_at < text.Length && (char.IsAsciiDigit(text[_at]) || text[_at] is '.' or 'e' or 'E' or '_'
                       || (text[_at] is '+' or '-' && text[_at - 1] is 'e' or 'E')))
            {
                isFloat |= text[_at] is '.' or 'e' or 'E';
                _at++;
            }
            var number = text[start.._at].Replace("_", "", StringComparison.Ordinal);
            if (isFloat)
            {
                return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? new PyValue.FloatValue(d)
                    : throw Fail($"'{number}' is not a number");
            }
            return BigInteger.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? PyValue.Int(n)
                : throw Fail($"'{number}' is not a number");
        }

        private string Str()
        {
            var quote = text[_at++];
            var s = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                    throw Fail("unterminated string");
                var c = text[_at++];
                if (c == quote)
                    return s.ToString();
                if (c != '\\')
                {
                    s.Append(c);
                    continue;
                }
                if (AtEnd)
                    throw Fail("unterminated string");
                var e = text[_at++];
                switch (e)
                {
                    case '\\' or '\'' or '"':
                        s.Append(e);
                        break;
                    case 'n':
                        s.Append('\n');
                        break;
                    case 'r':
                        s.Append('\r');
                        break;
                    case 't':
                        s.Append('\t');
                        break;
                    case 'a':
                        s.Append('\a');
                        break;
                    case 'b':
                        s.Append('\b');
                        break;
                    case 'f':
                        s.Append('\f');
                        break;
                    case 'v':
                        s.Append('\v');
                        break;
                    case '0':
                        s.Append('\0');
                        break;
                    case 'x':
                        s.Append(char.ConvertFromUtf32(Hex(2)));
                        break;
                    case 'u':
                        s.Append(char.ConvertFromUtf32(Hex(4)));
                        break;
                    case 'U':
                        var cp = Hex(8);
                        if (cp > 0x10FFFF)
                            throw Fail("\\U escape beyond U+10FFFF");
                        s.Append(char.ConvertFromUtf32(cp));
                        break;
                    default:
                        throw Fail($"unknown escape '\\{e}'");
                }
            }
        }

        private int Hex(int digits)
        {
            if (_at + digits > text.Length || !int.TryParse(text.AsSpan(_at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
                throw Fail($"expected {digits} hex digits");
            _at += digits;
            // A lone surrogate (\ud800) is a valid Python str but no .NET string: keep it as the replacement character.
            return v is >= 0xD800 and <= 0xDFFF ? 0xFFFD : v;
        }

        private bool Eat(char c)
        {
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
    }
}
