using System.Text.RegularExpressions;
using Mp = Multiprocessing;

namespace Conformance.Tests.BackendCSharp;

/// <summary>impl behaviours the C# backend relies on, pinned to CPython 3.11's output.</summary>
public sealed class ImplParityTests
{
    private sealed class Named : Mp.Process
    {
        public Named() : base("Consumer")
        {
        }
    }

    [Test]
    public void A_closed_process_repr_keeps_parent_and_daemon()
    {
        // CPython: <Process name='Process-3' parent=1234 closed> (close() drops _popen, so no pid; daemon still shown).
        var p = new Mp.Process(daemon: true);
        p.Close();
        Assert.That(Regex.IsMatch(p.ToString(), $@"^<Process name='Process-\d+' parent={Environment.ProcessId} closed daemon>$"), Is.True, p.ToString());
    }

    [Test]
    public void A_subclass_given_a_class_name_is_named_and_shown_by_it()
    {
        var p = new Named();
        Assert.Multiple(() =>
        {
            Assert.That(p.Name, Does.Match(@"^Consumer-\d+$"));
            Assert.That(p.ToString(), Does.StartWith($"<Consumer name='{p.Name}' parent="));
        });
    }
}
