using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Reads a YAML input file (a scenario, the expectations) within <see cref="ScenarioLimits.MaxFileBytes"/>, every refusal a located diagnostic.</summary>
internal static partial class InputFile
{
    // Linux's values (x86-64 and arm64 alike); the harness runs its backends on Linux only.
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    /// <summary>The text of <paramref name="file"/>; <paramref name="advice"/> ends the message of a file past the size limit.</summary>
    /// <exception cref="ScenarioValidationException">
    /// It is not a readable regular file (a directory, a FIFO, missing, a symlink loop, unreadable), is larger than the
    /// limit (reported at 1:1), or is not UTF-8 (reported at the first byte that is not).
    /// </exception>
    public static string Read(string file, string advice)
    {
        byte[]? bytes;
        long size;
        try
        {
            if (Directory.Exists(file))
                throw Refusal(file, "this is a directory, not a file; name the .yaml files in it, or select them with --filter");
            using var stream = OpenForReading(file);
            // A FIFO or socket would block the reader until someone writes; a regular file (or a device such as
            // /dev/zero, which the size limit stops) can seek.
            if (!stream.CanSeek)
                throw Refusal(file, "this is not a regular file (a pipe, socket or terminal); name a .yaml file");
            (bytes, size) = ReadBounded(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refusal(file, $"cannot read the file: {e.Message}");
        }
        if (bytes is null)
            throw TooLarge(file, size, advice);
        return Decode(file, bytes);
    }

    /// <summary>The diagnostic for a file of <paramref name="size"/> bytes (-1: more than the limit, how many unknown).</summary>
    public static ScenarioValidationException TooLarge(string file, long size, string advice)
    {
        var limit = ScenarioLimits.MaxFileBytes;
        var what = size < 0
            ? string.Create(CultureInfo.InvariantCulture, $"more than {limit:N0} bytes")
            : string.Create(CultureInfo.InvariantCulture, $"{size:N0} bytes");
        return Refusal(file, string.Create(CultureInfo.InvariantCulture, $"the file is {what}, larger than the limit of {limit:N0} bytes{advice}"));
    }

    private static ScenarioValidationException Refusal(string file, string message) => new([new ScenarioDiagnostic(file, 1, 1, message)]);

    /// <summary>Opens without blocking: <c>open(2)</c> of a FIFO with no writer waits for one, unless O_NONBLOCK is set.</summary>
    private static FileStream OpenForReading(string file)
    {
        if (!OperatingSystem.IsLinux())
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var fd = Open(file, ORdOnly | ONonBlock | OCloExec);
        if (fd < 0)
            throw new IOException(Marshal.GetLastPInvokeErrorMessage());
        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
    }

    /// <summary>The bytes, or null and the size (-1 when unknown) when there are more than the limit.</summary>
    /// <remarks>
    /// The length is checked before anything is read, and the read itself stops past the limit: a file may grow after it
    /// was measured, and a device (<c>validate /dev/zero</c>) has no length at all.
    /// </remarks>
    private static (byte[]? Bytes, long Size) ReadBounded(FileStream stream)
    {
        if (stream.Length > ScenarioLimits.MaxFileBytes)
            return (null, stream.Length);
        using var bytes = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            bytes.Write(chunk, 0, read);
            if (bytes.Length > ScenarioLimits.MaxFileBytes)
                return (null, -1);
        }
        return (bytes.ToArray(), bytes.Length);
    }

    /// <summary>
    /// UTF-8 (a leading mark dropped); UTF-16 or UTF-32 when a byte-order mark says so, as <c>File.ReadAllText</c> reads.
    /// UTF-8 is decoded strictly: a replacement character would silently change a name or a string the scenario prints.
    /// </summary>
    private static string Decode(string file, byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
            return new UTF32Encoding(bigEndian: false, byteOrderMark: true).GetString(bytes, 4, bytes.Length - 4);
        if (span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
            return new UTF32Encoding(bigEndian: true, byteOrderMark: true).GetString(bytes, 4, bytes.Length - 4);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        if (span.StartsWith(Encoding.UTF8.Preamble))
            span = span[Encoding.UTF8.Preamble.Length..];

        var chars = new char[span.Length];
        if (Utf8.ToUtf16(span, chars, out var read, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done)
            return new string(chars, 0, written);
        var (line, column) = TextPosition.After(chars.AsSpan(0, written));
        var bad = Convert.ToHexString(span[read..Math.Min(span.Length, read + 4)]);
        throw new ScenarioValidationException([new ScenarioDiagnostic(file, line, column,
            $"the file is not UTF-8 text here (bytes 0x{bad}...); save it as UTF-8")]);
    }
}
