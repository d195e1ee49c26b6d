using System;
using System.Diagnostics;
using System.Text;
using Multiprocessing.Python;

namespace Multiprocessing.Internal;

/// <summary>
/// An exception that crosses processes (CPython's <c>ExceptionWithTraceback</c> / <c>rebuild_exc</c>, used by the
/// pool and usable by a manager): its Python type, its args and the traceback text of the process it was raised in.
/// Rebuilt on the other side as the same type with the same args, <c>__cause__</c> a <see cref="RemoteTraceback"/>.
/// </summary>
internal static class RemoteExceptions
{
    private const byte Plain = 0;
    private const byte Encoding = 1;

    /// <summary>
    /// The bytes of <paramref name="e"/> with its traceback; throws <see cref="PicklingError"/> (or the pickler's error)
    /// when its args cannot be pickled, so the caller can send a <see cref="MaybeEncodingError"/> instead.
    /// </summary>
    public static byte[] Encode(Exception e)
    {
        var w = new PickleWriter(spawn: null);
        if (e is MaybeEncodingError m)
        {
            w.WriteValue(Encoding);
            w.WriteString(m.Exc);
            w.WriteString(m.Value);
            return w.ToArray();
        }
        w.WriteValue(Plain);
        w.WriteString(PyErrors.Kind(e));
        w.WriteValue(e is PyException { UserBase: { } b } ? b : null);
        var args = PyErrors.Args(e).Items;
        var items = new object?[args.Count];
        for (var i = 0; i < items.Length; i++) items[i] = args[i];
        w.WriteValue(items);
        w.WriteString(FormatTraceback(e));
        return w.ToArray();
    }

    /// <summary>The exception <see cref="Encode"/> wrote, with <c>__cause__</c> its remote traceback.</summary>
    public static Exception Decode(byte[] data, int offset = 0)
    {
        var r = new PickleReader(offset == 0 ? data : data.AsSpan(offset).ToArray(), spawning: false);
        if ((byte)r.ReadValue()! == Encoding)
        {
            var exc = r.ReadString();
            return new MaybeEncodingError(exc, r.ReadString());
        }
        var kind = r.ReadString();
        var userBase = (string?)r.ReadValue();
        var args = (object?[])r.ReadValue()!;
        var tb = r.ReadString();
        var e = Rebuild(kind, args, userBase);
        PyErrors.SetCause(e, new RemoteTraceback(tb));
        return e;
    }

    private static Exception Rebuild(string kind, object?[] args, string? userBase) => kind switch
    {
        "PicklingError" => new PicklingError(args.Length > 0 ? PyRepr.Str(args[0]) : ""),
        "EOFError" => new EOFError(args.Length > 0 ? PyRepr.Str(args[0]) : ""),
        _ => PyErrors.Raise(kind, args, userBase),
    };

    /// <summary>
    /// CPython's <c>'\n"""\n%s"""' % ''.join(traceback.format_exception(...))</c>: the header, one line per .NET frame
    /// (the frames differ from CPython's; the first and last lines are CPython's) and <c>Type: message</c>.
    /// </summary>
    public static string FormatTraceback(Exception e) => "\n\"\"\"\n" + FormatException(e) + "\"\"\"";

    /// <summary>
    /// CPython's <c>''.join(traceback.format_exception(e))</c> as this port can give it: <c>Traceback (most recent call
    /// last):</c>, one <c>  File "Type", in Method</c> line per .NET frame (a port has no Python frames) and CPython's
    /// last line, <c>Type: message</c>; each line ends in a newline.
    /// </summary>
    public static string FormatException(Exception e)
    {
        var sb = new StringBuilder("Traceback (most recent call last):\n");
        foreach (var frame in new StackTrace(e, fNeedFileInfo: false).GetFrames())
        {
            var m = frame.GetMethod();
            if (m is null) continue;
            sb.Append("  File \"").Append(m.DeclaringType?.FullName ?? "<unknown>").Append("\", in ").Append(m.Name).Append('\n');
        }
        return sb.Append(ExceptionLine(e)).Append('\n').ToString();
    }

    /// <summary>CPython's <c>traceback.format_exception_only</c>: <c>module.Type: str</c> (no module for builtins and __main__).</summary>
    public static string ExceptionLine(Exception e)
    {
        var cls = PyErrors.ClassRepr(e); // <class 'name'>
        var name = cls.Substring(8, cls.Length - 10);
        if (name.StartsWith("__main__.", StringComparison.Ordinal)) name = name[9..];
        var text = PyErrors.Str(e);
        return text.Length == 0 ? name : name + ": " + text;
    }
}
