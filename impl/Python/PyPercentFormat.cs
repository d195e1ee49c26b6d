using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Multiprocessing.Python;

/// <summary>
/// <c>str % value</c>, printf-style formatting: the argument rules (a tuple gives the arguments, a mapping-like list or
/// dict none, anything else one), <c>%%</c>, and the conversions <c>%s</c>, <c>%r</c>, <c>%d</c>/<c>%i</c> without flags,
/// width or precision, with CPython's errors. Other conversions raise NotImplementedError (outside this model).
/// </summary>
public static class PyPercentFormat
{
    /// <summary>Python <c>template % value</c>.</summary>
    public static string Apply(string template, object? value)
    {
        value = IPyWrapper.Unwrap(value);
        IReadOnlyList<object?> args = value is PyTuple t ? t.Items : new[] { value };
        var mapping = value is List<object?> or PyDict; // has __getitem__ and is not a tuple or str
        var next = 0;
        var sb = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            if (i + 1 >= template.Length)
                throw new Multiprocessing.ValueError("incomplete format");
            var type = template[++i];
            if (type == '%')
            {
                sb.Append('%');
                continue;
            }
            if (type is not ('s' or 'r' or 'd' or 'i'))
            {
                if ("diouxXeEfFgGcrsa".Contains(type, StringComparison.Ordinal))
                    throw new PyException("NotImplementedError", $"printf-style conversion '%{type}' is not modelled");
                if ("-+ #0123456789.*(hlL".Contains(type, StringComparison.Ordinal))
                    throw new PyException("NotImplementedError", "printf-style flags, width and precision are not modelled");
                // CPython: any other character is no conversion; shown as itself when printable ASCII, else '?'; the
                // index counts code points.
                var code = char.IsHighSurrogate(type) && i + 1 < template.Length ? char.ConvertToUtf32(type, template[i + 1]) : type;
                var shown = code is >= 31 and <= 126 ? (char)code : '?';
                var index = 0;
                for (var j = 0; j < i; j++)
                {
                    if (!char.IsLowSurrogate(template[j]))
                        index++;
                }
                throw new Multiprocessing.ValueError(string.Create(CultureInfo.InvariantCulture, $"unsupported format character '{shown}' (0x{code:x}) at index {index}"));
            }
            if (next >= args.Count)
                throw PyErrors.TypeError("not enough arguments for format string");
            var arg = args[next++];
            sb.Append(type switch
            {
                's' => PyRepr.Str(arg),
                'r' => PyRepr.Repr(arg),
                _ => arg switch
                {
                    bool or long or int or System.Numerics.BigInteger => PyRepr.Repr(PyOps.FloorDiv(arg, 1L)),
                    double d when double.IsFinite(d) => PyRepr.Repr(PyInt.Normalize(new System.Numerics.BigInteger(Math.Truncate(d)))),
                    double d => throw PyErrors.Create("OverflowError", double.IsNaN(d) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer"),
                    _ => throw PyErrors.TypeError($"%{type} format: a real number is required, not {PyOps.TypeName(arg)}"),
                },
            });
        }
        if (next < args.Count && !(mapping && next == 0 && value is not PyTuple))
            throw PyErrors.TypeError("not all arguments converted during string formatting");
        return sb.ToString();
    }
}
