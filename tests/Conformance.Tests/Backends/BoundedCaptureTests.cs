using System.Text;
using Conformance.Harness.Backends.Internal;

namespace Conformance.Tests.Backends;

/// <summary>The runner's output capture: all of a small output, the head and the intact tail of a flood, every byte counted.</summary>
public sealed class BoundedCaptureTests
{
    [Test]
    public void Output_that_fits_is_kept_whole()
    {
        var capture = new BoundedCapture(headBytes: 8, tailBytes: 8);
        capture.Append("hello "u8);
        capture.Append("world\n"u8);

        Assert.Multiple(() =>
        {
            Assert.That(capture.ToString(), Is.EqualTo("hello world\n"));
            Assert.That(capture.TotalBytes, Is.EqualTo(12));
        });
    }

    [Test]
    public void A_flood_keeps_its_head_and_its_last_bytes_and_says_how_much_was_left_out()
    {
        var capture = new BoundedCapture(headBytes: 6, tailBytes: 12);
        capture.Append("begin\n"u8);
        for (var i = 0; i < 1000; i++)
            capture.Append(Encoding.UTF8.GetBytes($"line {i}\n"));
        capture.Append("verdict\n"u8);

        var text = capture.ToString();
        Assert.Multiple(() =>
        {
            // The tail is contiguous and in order across the ring's wrap.
            Assert.That(text, Is.EqualTo($"begin\n\n[… {capture.TotalBytes - 18} bytes left out …]\n999\nverdict\n"));
            Assert.That(capture.TotalBytes, Is.EqualTo(6 + Enumerable.Range(0, 1000).Sum(i => $"line {i}\n".Length) + 8));
        });
    }

    [Test]
    public void A_write_larger_than_the_tail_keeps_its_end()
    {
        var capture = new BoundedCapture(headBytes: 0, tailBytes: 4);
        capture.Append("0123456789"u8);

        Assert.That(capture.ToString(), Is.EqualTo("\n[… 6 bytes left out …]\n6789"));
    }

    [Test]
    public void A_tail_cut_inside_a_character_starts_at_the_next_character()
    {
        var capture = new BoundedCapture(headBytes: 0, tailBytes: 5);
        capture.Append(Encoding.UTF8.GetBytes("aé€!")); // 1 + 2 + 3 + 1 bytes: the tail starts inside 'é'

        Assert.That(capture.ToString(), Does.EndWith("]\n€!"));
    }

    [Test]
    public async Task The_pipe_is_read_to_its_end()
    {
        var capture = new BoundedCapture(headBytes: 100, tailBytes: 100);
        using var source = new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 100_000) + "\nlast line\n"));

        await capture.CopyFromAsync(source, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(capture.TotalBytes, Is.EqualTo(100_011));
            Assert.That(capture.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], Is.EqualTo("last line"));
        });
    }
}
