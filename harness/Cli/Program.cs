using Conformance.Harness.Language;

namespace Conformance.Harness.Cli;

/// <summary>Entry point: <c>run</c>, <c>new</c>, <c>validate</c>, <c>accept</c>, <c>fuzz-language</c> (and the hidden <c>schema</c>).</summary>
public static class Program
{
    private const string Usage = """
        usage: dotnet run --project harness -- <command> [options]

          run        run scenarios on backends and print a scenario × backend table (exit 0 only when all pass)
                       --backend cpython|csharp|all   (default all)
                       --filter GLOB                  scenario ids, e.g. 'tutorial/0*' or 'queue/**'
                       --repeat N                     run each scenario N times; runs that differ make it inconsistent
                       --chaos SEED                   chaos mode: every process sleeps 0-5 ms (drawn from SEED) around
                                                      every traced call; verdicts and snapshots must not change
                       --timeout-multiplier F         multiply every scenario's time limit by F (slow or loaded machines)
                       --jobs N                       runs at once (default: the number of CPUs; 1 = one after another);
                                                      the table and reports keep the sequential order
                       --json PATH  --junit PATH      reports
                       --html PATH                    a self-contained HTML report: the matrix, every trace as a timeline
                       --python PATH|VERSION          a CPython interpreter (3.13: $(pyenv root)/versions/3.13*, then
                                                      /usr/bin/python3.13); give it several times for a version matrix,
                                                      one column each; the first is the reference 'accept' promotes
                                                      (default: CONFORMANCE_PYTHON's entries, else python3 on PATH)
                       --features A,B                 only scenarios with any of these features (repeatable; names
                                                      from scenarios/features.txt, as test262-harness's --features)
                       --exclude-features C           leave out scenarios with any of these (repeatable, comma lists)
                       --shard I/N                    only the scenarios of shard I of N (a stable hash of the id)
                       --root DIR                     the repository root (default: found from the current folder)
          new ID     write scenarios/ID.yaml from a template (e.g. new queue/put-then-get-returns-the-item)
          validate   check scenario files (all, or those given: files, or id globs such as 'queue/**') and
                     expected/expectations.yaml; exit 2 when invalid
                       --features A,B  --exclude-features C   count only the valid scenarios these select
          accept     turn CPython's *.received.txt snapshots into *.verified.txt
                       --prune                        first delete snapshots of scenarios that no longer exist
                                                      (a run fails while any verified one is left dangling)
          fuzz-language  run generated programs on both interpreters and report every difference, reduced
                       --count N  --seed S                (default 1000, 1)
                       --reduce N                     reduce and print the first N differences (default 25)
                       --write PATH                   only write the programs, one JSON per line (the runners' --batch input)

        exit codes: 0 every result passed (or is a listed expected-*), 1 one did not, 2 invalid input (a file or the command line)
        """;

    /// <summary>Dispatches the command; exit code 0 success, 1 a scenario did not pass, 2 bad input.</summary>
    public static async Task<int> Main(string[] args)
    {
        try
        {
            var line = CommandLine.Parse(args, new HashSet<string>(StringComparer.Ordinal) { "help", "prune" });
            if (line.Has("help"))
            {
                Console.WriteLine(Usage);
                return 0;
            }
            switch (line.Verb)
            {
                case "run":
                    return await RunCommand.ExecuteAsync(line).ConfigureAwait(false);
                case "validate":
                    return ValidateCommand.Execute(line);
                case "accept":
                    return AcceptCommand.Execute(line);
                case "new":
                    return NewCommand.Execute(line);
                case "fuzz-language":
                    return FuzzLanguageCommand.Execute(line);
                case "schema":
                    // Hidden: writes scenarios/scenario.schema.json's text (generated from harness/Language/language.json) to stdout.
                    line.RejectUnknown();
                    Console.Out.Write(SchemaGenerator.Generate(LanguageDefinition.Current));
                    return 0;
                case "help" or "--help" or "-h":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    throw new UsageException($"unknown command '{line.Verb}'");
            }
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}\n\n{Usage}").ConfigureAwait(false);
            return 2;
        }
    }
}
