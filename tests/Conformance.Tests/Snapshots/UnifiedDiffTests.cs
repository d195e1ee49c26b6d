using Conformance.Harness.Snapshots;

namespace Conformance.Tests.Snapshots;

public class UnifiedDiffTests
{
    private static string Lines(params object[] lines) => string.Concat(lines.Select(l => l + "\n"));

    [Test]
    public void Equal_texts_have_no_diff() => Assert.That(UnifiedDiff.Create("a\n", "a\n"), Is.Empty);

    [Test]
    public void A_change_shows_removed_then_added_with_three_lines_of_context()
    {
        var diff = UnifiedDiff.Create(Lines(1, 2, 3, 4, 5, 6, 7, 8, 9), Lines(1, 2, 3, 4, "five", 6, 7, 8, 9));
        Assert.That(diff, Is.EqualTo("--- verified\n+++ received\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"));
    }

    [Test]
    public void Insertions_and_deletions_far_apart_make_separate_hunks()
    {
        var expected = Lines(Enumerable.Range(1, 20).Cast<object>().ToArray());
        var actual = Lines([.. Enumerable.Range(2, 15).Cast<object>(), "new", 17, 18, 19, 20]);
        Assert.That(UnifiedDiff.Create(expected, actual), Is.EqualTo(
            "--- verified\n+++ received\n" +
            "@@ -1,4 +1,3 @@\n-1\n 2\n 3\n 4\n" +
            "@@ -14,6 +13,7 @@\n 14\n 15\n 16\n+new\n 17\n 18\n 19\n"));
    }

    [Test]
    public void Diffs_from_and_to_empty_text()
    {
        Assert.That(UnifiedDiff.Create("", "a\nb\n"), Is.EqualTo("--- verified\n+++ received\n@@ -0,0 +1,2 @@\n+a\n+b\n"));
        Assert.That(UnifiedDiff.Create("a\n", ""), Is.EqualTo("--- verified\n+++ received\n@@ -1 +0,0 @@\n-a\n"));
    }

    [Test]
    public void A_missing_final_newline_is_shown()
    {
        Assert.That(UnifiedDiff.Create("a\n", "a"),
            Is.EqualTo("--- verified\n+++ received\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n"));
    }

    [Test]
    public void Applying_the_diff_reproduces_the_received_text()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 15)).Select(_ => "l" + random.Next(0, 5)).ToList();
            var b = Enumerable.Range(0, random.Next(0, 15)).Select(_ => "l" + random.Next(0, 5)).ToList();
            var expected = string.Concat(a.Select(l => l + "\n"));
            var actual = string.Concat(b.Select(l => l + "\n"));
            Assert.That(Apply(a, UnifiedDiff.Create(expected, actual)), Is.EqualTo(b), $"{string.Join(",", a)} -> {string.Join(",", b)}");
        }
    }

    [Test]
    public void Hunks_match_gnu_diff_u()
    {
        var numbers = Lines(Enumerable.Range(1, 30).Cast<object>().ToArray());
        var cases = new (string Old, string New)[]
        {
            (numbers, numbers.Replace("15\n", "fifteen\n", StringComparison.Ordinal)),
            (numbers, "zero\n" + numbers.Replace("12\n13\n", "", StringComparison.Ordinal) + "31\n"),
            (numbers, numbers.Replace("3\n", "3\nnew\n", StringComparison.Ordinal).Replace("27\n", "", StringComparison.Ordinal)),
            (numbers, numbers[..numbers.LastIndexOf("28", StringComparison.Ordinal)] + "28"),
            ("", numbers),
            (numbers, "1\n"),
        };
        foreach (var (oldText, newText) in cases)
        {
            var ours = UnifiedDiff.Create(oldText, newText).Split('\n').Skip(2);
            var theirs = GnuDiff(oldText, newText).Split('\n').Skip(2);
            Assert.That(ours, Is.EqualTo(theirs), GnuDiff(oldText, newText));
        }
    }

    [Test]
    public void Two_wholly_different_large_texts_still_give_a_diff_that_applies()
    {
        // 30,000 lines each with no line in common: past the edit budget, so the middle is shown as one replacement.
        var a = Enumerable.Range(0, 30_000).Select(i => "a" + i).ToList();
        var b = Enumerable.Range(0, 30_000).Select(i => "b" + i).Prepend("same").Append("end").ToList();
        a = [.. a.Prepend("same").Append("end")];
        var diff = UnifiedDiff.Create(string.Concat(a.Select(l => l + "\n")), string.Concat(b.Select(l => l + "\n")));
        Assert.That(diff, Does.StartWith("--- verified\n+++ received\n@@ -1,30002 +1,30002 @@\n same\n-a0\n"));
        Assert.That(Apply(a, diff), Is.EqualTo(b));
    }

    /// <summary>GNU diffutils' <c>diff -u</c> of the two texts (its header lines carry file names and times).</summary>
    private static string GnuDiff(string oldText, string newText)
    {
        var directory = Directory.CreateTempSubdirectory("unified-diff-");
        try
        {
            var oldPath = Path.Combine(directory.FullName, "old");
            var newPath = Path.Combine(directory.FullName, "new");
            File.WriteAllText(oldPath, oldText);
            File.WriteAllText(newPath, newText);
            var start = new System.Diagnostics.ProcessStartInfo("diff") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-u", oldPath, newPath })
                start.ArgumentList.Add(argument);
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                Assert.Fail("diff -u did not finish within 30 s");
            }
            Assert.That(process.ExitCode, Is.EqualTo(1), "diff -u exits 1 when the files differ");
            return output.Result;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A minimal patch: walks the hunks, checking context and removed lines against the original.</summary>
    private static List<string> Apply(List<string> original, string diff)
    {
        var result = new List<string>();
        var at = 0;
        foreach (var line in diff.Split('\n').Skip(2).Where(l => l.Length > 0))
        {
            if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                var old = line.Split(' ')[1][1..].Split(',');
                var start = int.Parse(old[0], System.Globalization.CultureInfo.InvariantCulture);
                var count = old.Length > 1 ? int.Parse(old[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
                var to = count == 0 ? start : start - 1;
                while (at < to)
                    result.Add(original[at++]);
            }
            else if (line[0] == '+')
            {
                result.Add(line[1..]);
            }
            else
            {
                Assert.That(original[at++], Is.EqualTo(line[1..]));
                if (line[0] == ' ')
                    result.Add(line[1..]);
            }
        }
        while (at < original.Count)
            result.Add(original[at++]);
        return result;
    }
}
