using System.Text.Json;

using CliWrap.Buffered;
using Conformance.Backend.CSharp;
using Conformance.Harness.Backends;
using Conformance.Harness.Scenarios.Internal;

namespace Conformance.Tests.Safety;

/// <summary>The validator, the Python runner and the C# interpreter each load the attribute policy (from harness/Language/language.json) and get the same sets.</summary>
public sealed class PolicyDriftTests
{
    [Test]
    public void The_csharp_interpreter_enforces_the_validators_sets()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Policy.ReadableDunders, Is.EquivalentTo(Vocabulary.ReadableDunders));
            Assert.That(Policy.SpecialMethods, Is.EquivalentTo(Vocabulary.SpecialMethods));
            Assert.That(Policy.ForbiddenNames, Is.EquivalentTo(Vocabulary.ForbiddenNames));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_python_runner_enforces_the_validators_sets()
    {
        var python = await PythonInstallation.DiscoverAsync();
        var folder = Path.Combine(AppContext.BaseDirectory, "python");
        var script = "import json, sys; sys.path.insert(0, sys.argv[1]); import conformance_runner as r; "
            + "print(json.dumps({k: sorted(getattr(r, k)) for k in ('READABLE_DUNDERS', 'SPECIAL_METHODS', 'FORBIDDEN_NAMES')}))";

        var result = await CliWrap.Cli.Wrap(python.Executable).WithArguments(["-c", script, folder]).ExecuteBufferedAsync();

        var sets = JsonSerializer.Deserialize<Dictionary<string, string[]>>(result.StandardOutput)!;
        Assert.Multiple(() =>
        {
            Assert.That(sets["READABLE_DUNDERS"], Is.EquivalentTo(Vocabulary.ReadableDunders));
            Assert.That(sets["SPECIAL_METHODS"], Is.EquivalentTo(Vocabulary.SpecialMethods));
            Assert.That(sets["FORBIDDEN_NAMES"], Is.EquivalentTo(Vocabulary.ForbiddenNames));
        });
    }
}
