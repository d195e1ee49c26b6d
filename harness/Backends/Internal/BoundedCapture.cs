using System.Globalization;
using System.Text;
using CliWrap;

namespace Conformance.Harness.Backends.Internal;

/// <summary>Keeps the first and the last bytes of a runner's stdout or stderr and counts all of them, so a flood costs no memory.</summary>
/// <remarks>
/// The tail matters most: a runner's verdict is its last stderr line (<c>scenario error at …</c>, <c>not implemented: …</c>).
/// One pipe task appends; the watchdog reads <see cref="TotalBytes"/> from another thread.
/// </remarks>
internal sealed class BoundedCapture
{
    /// <summary>What is kept at each end by default: far more than a traceback, far less than a flood.</summary>
    public const int DefaultKeep = 64 * 1024;

    private readonly byte[] head;
    private readonly byte[] tail;
    private int headLength;
    private long tailWritten; // bytes ever written into the tail ring; the next write goes to tailWritten % tail.Length
    private long total;

    public BoundedCapture(int headBytes = DefaultKeep, int tailBytes = DefaultKeep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(headBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tailBytes);
        head = new byte[headBytes];
        tail = new byte[tailBytes];
    }

    /// <summary>Every byte seen, kept or not (for the run's output limit).</summary>
    public long TotalBytes => Interlocked.Read(ref total);

    /// <summary>A CliWrap target that reads the pipe to its end into this capture.</summary>
    public PipeTarget Target => PipeTarget.Create(CopyFromAsync);

    /// <summary>Reads <paramref name="source"/> to its end.</summary>
    public async Task CopyFromAsync(Stream source, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            Append(buffer.AsSpan(0, read));
    }

    /// <summary>Adds <paramref name="bytes"/>: into the head until it is full, then into the tail ring.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        Interlocked.Add(ref total, bytes.Length);
        var toHead = Math.Min(head.Length - headLength, bytes.Length);
        bytes[..toHead].CopyTo(head.AsSpan(headLength));
        headLength += toHead;
        bytes = bytes[toHead..];
        // Only the last tail.Length bytes can survive this write.
        if (bytes.Length > tail.Length)
        {
            tailWritten += bytes.Length - tail.Length;
            bytes = bytes[^tail.Length..];
        }
        while (bytes.Length > 0)
        {
            var at = (int)(tailWritten % tail.Length);
            var chunk = Math.Min(tail.Length - at, bytes.Length);
            bytes[..chunk].CopyTo(tail.AsSpan(at));
            tailWritten += chunk;
            bytes = bytes[chunk..];
        }
    }

    /// <summary>The text (UTF-8): all of it when it fit, else the head, a line saying how much was left out, and the tail.</summary>
    public override string ToString()
    {
        var kept = Math.Min(tailWritten, tail.Length);
        var start = (int)((tailWritten - kept) % tail.Length);
        var tailBytes = new byte[kept];
        var firstPart = (int)Math.Min(kept, tail.Length - start);
        tail.AsSpan(start, firstPart).CopyTo(tailBytes);
        tail.AsSpan(0, (int)kept - firstPart).CopyTo(tailBytes.AsSpan(firstPart));
        var omitted = tailWritten - kept;
        if (omitted == 0)
            return Encoding.UTF8.GetString([.. head.AsSpan(0, headLength), .. tailBytes]);
        // The cut may fall inside a character: start the tail at the next character, not at a stray continuation byte.
        var skip = 0;
        while (skip < tailBytes.Length && skip < 3 && (tailBytes[skip] & 0xC0) == 0x80)
            skip++;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Encoding.UTF8.GetString(head.AsSpan(0, headLength))}\n[… {omitted + skip} bytes left out …]\n{Encoding.UTF8.GetString(tailBytes.AsSpan(skip))}");
    }
}
