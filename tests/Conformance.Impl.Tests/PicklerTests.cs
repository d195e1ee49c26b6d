using System.Collections.Generic;
using Multiprocessing;
using NUnit.Framework;

namespace Conformance.Impl.Tests;

public class PicklerTests
{
    [Test]
    public void Round_trips_values_with_their_types()
    {
        object?[] values =
        [
            null, true, 1, 2L, 3.5, "s", 'c', 1.5f, (byte)2, (short)3, 4u, 5ul, 6.5m, new byte[] { 1, 2 },
            new[] { 1, 2 }, new List<string> { "a" }, new Dictionary<string, int> { ["k"] = 1 },
            new List<object?> { 1, "x", null }, System.DayOfWeek.Friday,
        ];
        foreach (var v in values)
        {
            var back = Pickler.Loads(Pickler.Dumps(v));
            Assert.That(back, Is.EqualTo(v));
            Assert.That(back?.GetType(), Is.EqualTo(v?.GetType()));
        }
    }

    [Test]
    public void User_types_need_permission()
    {
        var p = (Payload)Pickler.Loads(Pickler.Dumps(new Payload { Text = "a", Number = 2 }))!;
        Assert.That((p.Text, p.Number), Is.EqualTo(("a", 2)));
        var e = Assert.Throws<PicklingError>(() => Pickler.Dumps(new Forbidden()));
        Assert.That(e!.Message, Does.Contain("Pickler.Allow<Forbidden>()"));
    }
}
