using Conformance.Harness.Running;

namespace Conformance.Tests.Running;

public sealed class NamedOsObjectsTests
{
    [Test]
    public void A_new_entry_named_for_a_pid_of_the_run_is_the_runs_and_others_are_not()
    {
        var before = NamedOsObjects.Snapshot();
        var ours = $"sem.mp-{int.MaxValue - 7}-{Guid.NewGuid().ToString("N")[..8]}";
        var someoneElses = $"sem.mp-{int.MaxValue - 8}-{Guid.NewGuid().ToString("N")[..8]}";
        File.WriteAllBytes(Path.Combine("/dev/shm", ours), []);
        File.WriteAllBytes(Path.Combine("/dev/shm", someoneElses), []);
        try
        {
            var left = NamedOsObjects.LeftBy(before, new HashSet<int> { int.MaxValue - 7 });
            Assert.That(left, Is.EqualTo(new[] { ours }));

            NamedOsObjects.Remove(left);
            Assert.That(File.Exists(Path.Combine("/dev/shm", ours)), Is.False);
        }
        finally
        {
            File.Delete(Path.Combine("/dev/shm", ours));
            File.Delete(Path.Combine("/dev/shm", someoneElses));
        }
    }
}
