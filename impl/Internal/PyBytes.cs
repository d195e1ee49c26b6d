using System.Text;

namespace Multiprocessing.Internal;

/// <summary>CPython's <c>repr(bytes)</c>, for error texts that quote a message (<c>message=b'...'</c>).</summary>
internal static class PyBytes
{
    public static string Repr(byte[] data)
    {
        var quote = System.Array.IndexOf(data, (byte)'\'') >= 0 && System.Array.IndexOf(data, (byte)'"') < 0 ? '"' : '\'';
        var sb = new StringBuilder(data.Length + 3);
        sb.Append('b').Append(quote);
        foreach (var b in data)
        {
            if (b == quote || b == '\\') sb.Append('\\').Append((char)b);
            else if (b == '\t') sb.Append("\\t");
            else if (b == '\n') sb.Append("\\n");
            else if (b == '\r') sb.Append("\\r");
            else if (b < 0x20 || b >= 0x7f) sb.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append((char)b);
        }
        return sb.Append(quote).ToString();
    }
}
