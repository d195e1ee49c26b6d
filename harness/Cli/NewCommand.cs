using System.Text;
using Conformance.Harness.Running;
using Conformance.Harness.Scenarios;
using Conformance.Harness.Scenarios.Internal;

namespace Conformance.Harness.Cli;

/// <summary><c>new &lt;id&gt;</c>: writes <c>scenarios/&lt;id&gt;.yaml</c> from a template that validates, and says the next commands.</summary>
internal static class NewCommand
{
    public static int Execute(CommandLine line)
    {
        line.RejectUnknown("root");
        if (line.Positional.Count != 1)
            throw new UsageException("new takes one scenario id, e.g. new queue/put-then-get-returns-the-item");
        var id = line.Positional[0];
        var segments = id.Split('/');
        if (segments.Length < 2 || segments.Any(s => !Names.IsKebab(s)))
            throw new UsageException($"'{id}' is not a scenario id: <primitive>/<behaviour>, each part kebab-case (lower-case words joined by '-'), e.g. queue/put-then-get-returns-the-item");
        var paths = line.Suite();
        var file = Path.Combine(paths.Scenarios, Path.Combine(segments) + ".yaml");
        if (File.Exists(file))
            throw new UsageException($"{file} already exists; edit it, or choose another id");
        var feature = Feature(paths, segments[0]);
        var depth = string.Concat(Enumerable.Repeat("../", segments.Length - 1));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, $$"""
            # yaml-language-server: $schema={{depth}}scenario.schema.json
            description: >-
              One behaviour, as a sentence a reader can check against the output (say what CPython does, and how
              anything racy is ordered or checked by an invariant).
            features: [{{feature}}]
            # covers: [Q-12]   # the items of docs/reference/cpython-semantics.md this scenario pins (see 'coverage --uncovered')
            main:
              - print: "replace this with the behaviour's steps"

            """.ReplaceLineEndings("\n"), new UTF8Encoding(false));
        Console.WriteLine($"wrote {file}");
        Console.WriteLine($"features: [{feature}] (add the names the scenario exercises, from {FeatureList.Where})");
        Console.WriteLine($"covers: (commented out) name the checklist items it pins, from {SemanticsChecklist.Where}; 'coverage --uncovered' lists the gaps");
        Console.WriteLine("next:");
        Console.WriteLine($"  dotnet run --project harness -c Release -- validate '{id}'");
        Console.WriteLine($"  dotnet run --project harness -c Release -- run --backend cpython --filter '{id}'   # writes expected/{id}.received.txt");
        Console.WriteLine("  dotnet run --project harness -c Release -- accept                                # once the received output is right");
        Console.WriteLine($"  dotnet run --project harness -c Release -- run --filter '{id}'                  # every backend against it");
        return 0;
    }

    /// <summary>
    /// The template's feature: the listed name the primitive folder spells (<c>joinable-queue</c> is
    /// <c>JoinableQueue</c>), else <c>Process</c>, so the written file validates against the suite's list.
    /// </summary>
    private static string Feature(SuitePaths paths, string folder)
    {
        FeatureList? list;
        try
        {
            list = FeatureList.Of(paths.Scenarios);
        }
        catch (ScenarioValidationException e)
        {
            throw new UsageException($"{FeatureList.Where} is invalid; fix it first:\n" + string.Join('\n', e.Diagnostics));
        }
        var spelled = folder.Replace("-", "", StringComparison.Ordinal);
        if (list is null)
            return string.Concat(folder.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return list.Names.Order(StringComparer.Ordinal).FirstOrDefault(n => string.Equals(n.Replace(" ", "", StringComparison.Ordinal), spelled, StringComparison.OrdinalIgnoreCase))
            ?? (list.Contains("Process") ? "Process" : list.Names.Order(StringComparer.Ordinal).FirstOrDefault())
            ?? throw new UsageException($"{FeatureList.Where} lists no feature; add the names scenarios use, one per line");
    }
}
