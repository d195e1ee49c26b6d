using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Backends;

/// <summary>The implementation under test: the <c>impl</c> library running the scenario in real child processes.</summary>
/// <remarks>
/// The library's scenario runner does not exist yet, so every run reports not-implemented (never a pass):
/// see issue "The C# implementation, part 1".
/// </remarks>
public sealed class CSharpBackend : IBackend
{
    /// <inheritdoc />
    public string Id => "csharp";

    /// <inheritdoc />
    public Task<string> DescribeAsync(CancellationToken ct) => Task.FromResult("csharp");

    /// <inheritdoc />
    public Task<BackendRun> RunAsync(Scenario scenario, string scenarioJson, string tracePath, CancellationToken ct) =>
        Task.FromResult(new BackendRun(
            BackendRun.NotImplemented,
            TimedOut: false,
            StandardOutput: "",
            StandardError: "not implemented: the C# backend has no scenario runner yet (impl/ provides the primitives; the runner comes with the C# implementation issue)",
            Duration: TimeSpan.Zero));
}
