using Conformance.Harness.Running;

namespace Conformance.Tests.Running;

/// <summary>The run's ledger is the only source of what the run may have left in /dev/shm.</summary>
public sealed class NamedOsObjectsTests
{
    private readonly List<string> _cleanup = [];
    private string _ledger = "";

    [SetUp]
    public void CreateLedger() => _ledger = Path.Combine(Path.GetTempPath(), $"objects-{Guid.NewGuid():N}.jsonl");

    [TearDown]
    public void RemoveFiles()
    {
        foreach (var path in _cleanup.Append(_ledger))
            File.Delete(path);
    }

    [Test]
    public void Only_names_registered_and_not_unregistered_that_still_exist_are_left()
    {
        var left = Make("sem.mp-left", out var leftName);
        var unregistered = Make("sem.mp-unreg", out var unregisteredName);
        var notInLedger = Make("sem.mp-other", out _);
        var shm = Make("psm_", out var shmName);
        Ledger(
            Line("register", "semaphore", leftName),
            Line("register", "semaphore", unregisteredName),
            Line("unregister", "semaphore", unregisteredName),
            Line("register", "semaphore", "/mp-gone00000"), // unlinked by a resource tracker: not there any more
            Line("register", "shared_memory", shmName));

        Assert.That(NamedOsObjects.LeftBy(_ledger), Is.EqualTo(new[] { Path.GetFileName(left), Path.GetFileName(shm) }));
        Assert.That(File.Exists(unregistered) && File.Exists(notInLedger), Is.True, "nothing is touched while looking");
    }

    [Test]
    public void A_torn_last_line_and_malformed_records_are_ignored()
    {
        Make("sem.mp-torn", out var name);
        File.WriteAllText(_ledger, "not json\n{\"op\": \"register\", \"kind\": \"semaphore\"}\n[1, 2]\n"
            + "{\"pid\": 1, \"op\": \"create\", \"kind\": \"semaphore\", \"name\": \"" + name + "\"}\n"
            + "{\"pid\": 1, \"op\": \"register\", \"kind\": \"file\", \"name\": \"" + name + "\"}\n"
            + "{\"pid\": 1, \"op\": \"register\", \"kind\": \"semaphore\", \"name\": \"" + name[..^2]);

        Assert.That(NamedOsObjects.LeftBy(_ledger), Is.Empty);
    }

    [TestCase("../../tmp/{0}")]
    [TestCase("/../../tmp/{0}")]
    [TestCase("/../{0}")]
    [TestCase("/a/b")]
    [TestCase("/..")]
    [TestCase("/.{0}")]
    [TestCase("{0}")]
    [TestCase("/{0}\n")]
    [TestCase("//{0}")]
    public void A_name_that_is_not_one_plain_path_component_is_never_followed(string pattern)
    {
        // A file outside /dev/shm that a malicious ledger line tries to reach, and one inside with the bare name.
        var victim = Path.Combine("/tmp", $"victim-{Guid.NewGuid():N}"[..15]);
        File.WriteAllText(victim, "keep");
        _cleanup.Add(victim);
        var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, Path.GetFileName(victim));
        Ledger(Line("register", "shared_memory", name), Line("register", "semaphore", name));

        var left = NamedOsObjects.LeftBy(_ledger);

        Assert.Multiple(() =>
        {
            Assert.That(left, Is.Empty);
            Assert.That(File.Exists(victim), Is.True);
            Assert.Throws<ArgumentException>(() => NamedOsObjects.Remove(["../../tmp/" + Path.GetFileName(victim)]));
            Assert.That(File.Exists(victim), Is.True);
        });
    }

    [Test]
    public void Remove_unlinks_the_entries()
    {
        var left = Make("sem.mp-rm", out var name);
        Ledger(Line("register", "semaphore", name));

        NamedOsObjects.Remove(NamedOsObjects.LeftBy(_ledger));

        Assert.That(File.Exists(left), Is.False);
    }

    /// <summary>Creates <c>/dev/shm/{prefix}{random}</c>; <paramref name="name"/> is its POSIX name (<c>/mp-…</c>).</summary>
    private string Make(string prefix, out string name)
    {
        var entry = $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];
        var path = Path.Combine("/dev/shm", entry);
        File.WriteAllBytes(path, []);
        _cleanup.Add(path);
        name = "/" + (entry.StartsWith("sem.", StringComparison.Ordinal) ? entry[4..] : entry);
        return path;
    }

    private void Ledger(params string[] lines) => File.WriteAllLines(_ledger, lines);

    private static string Line(string op, string kind, string name) =>
        System.Text.Json.JsonSerializer.Serialize(new { pid = 4242, op, kind, name });
}
