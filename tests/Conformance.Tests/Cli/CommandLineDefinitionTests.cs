using System.CommandLine;
using System.Diagnostics;
using Conformance.Harness.Cli;

namespace Conformance.Tests.Cli;

/// <summary>
/// The command line as System.CommandLine parses it from the commands' declarations: each value checked by the parser
/// with a message naming the option and what it accepts, unknown options with a did-you-mean, generated help for every
/// command, and completion through the <c>[suggest]</c> directive (and the bash script that asks it).
/// </summary>
[NonParallelizable] // Console output is redirected per test.
public sealed class CommandLineDefinitionTests
{
    private const string Name = "dotnet run --project harness --";

    private static readonly string[] Commands = ["run", "new", "validate", "coverage", "accept", "fuzz-language", "help"];

    [TestCase("run --backend jython", "--backend takes cpython, csharp or all, not 'jython'")]
    [TestCase("run --repeat 0", "--repeat takes a whole number of at least 1, not '0'")]
    [TestCase("run --repeat 2.5", "--repeat takes a whole number of at least 1, not '2.5'")]
    [TestCase("run --shard 3/2", "--shard: a shard is i/n with 1 <= i <= n (e.g. 2/3), not '3/2'")]
    [TestCase("run --shard 0/3", "--shard: a shard is i/n with 1 <= i <= n (e.g. 2/3), not '0/3'")]
    [TestCase("run --timeout-multiplier -1", "--timeout-multiplier takes a positive number (e.g. 2 or 1.5), not '-1'")]
    [TestCase("run --chaos seven", "--chaos takes a whole number (the seed of chaos mode's delays, e.g. --chaos 1), not 'seven'")]
    [TestCase("run --python /nonexistent/python3.13", "--python '/nonexistent/python3.13' does not exist; give an interpreter's path or a version such as 3.13")]
    [TestCase("run --python 3.99", "--python 3.99: no interpreter under ")]
    [TestCase("run --features Queue,,Pipe", "--features 'Queue,,Pipe' has an empty name")]
    [TestCase("run --features Queu", "--features: unknown feature 'Queu'; features are listed in scenarios/features.txt; did you mean 'Queue'?")]
    [TestCase("run --repat 3", "unknown option '--repat' for 'run'; did you mean '--repeat'? ('dotnet run --project harness -- run --help' lists its options)")]
    [TestCase("run --backend=all --jsno r.json", "unknown option '--jsno' for 'run'; did you mean '--json'?")]
    [TestCase("validate --filtr 'queue/**'", "unknown option '--filtr' for 'validate'; did you mean '--filter'?")]
    [TestCase("validate --colour on", "unknown option '--colour' for 'validate' (")]
    [TestCase("accept --prun", "unknown option '--prun' for 'accept'; did you mean '--prune'?")]
    [TestCase("fuzz-language --count -1", "--count takes a whole number of at least 0, not '-1'")]
    [TestCase("runn", "unknown command 'runn' (the commands are run, new, validate, coverage, accept, fuzz-language, help); did you mean 'run'?")]
    [TestCase("--repeat 3", "unknown option '--repeat' before the command; a command's options follow it (run --repeat 3)")]
    [TestCase("new queue/a queue/b", "'new' does not take 'queue/b' here")]
    [TestCase("help frob", "Argument 'frob' not recognized. Must be one of:")]
    [TestCase("run --repeat 1 --repeat 2", "Option '--repeat' expects a single argument but 2 were provided.")]
    [TestCase("run --", "'--' ends the options, and 'run' takes no arguments")]
    public async Task A_wrong_value_is_refused_by_the_parser_naming_the_option_and_what_it_accepts(string line, string message)
    {
        var args = line.Split(' ').Select(a => a.Trim('\'')).ToArray();
        var result = await Cli.RunAsync(TimeSpan.FromSeconds(10), args);

        var command = Commands.Contains(args[0]) ? args[0] + " " : "";
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(2), result.Stderr);
            Assert.That(result.Stderr, Does.StartWith("error: " + message));
            Assert.That(result.Stderr, Does.Contain($"Usage:\n  {Name} {command}"), "the help of the command that was wrong");
            Assert.That(result.Stdout, Is.Empty, "nothing ran");
        });
    }

    [Test]
    public void Repeated_options_keep_every_value_in_order_and_comma_lists_are_split()
    {
        var parse = Program.Definition.Parse(["run", "--backend", "csharp", "--features", "Queue, Pipe", "--features", "Process", "--exclude-features=Manager"]);

        Assert.Multiple(() =>
        {
            Assert.That(parse.Errors, Is.Empty);
            Assert.That(parse.GetValue<string[]>("--features"), Is.EqualTo(new[] { "Queue", "Pipe", "Process" }));
            Assert.That(parse.GetValue<string[]>("--exclude-features"), Is.EqualTo(new[] { "Manager" }));
            Assert.That(parse.GetValue<string>("--backend"), Is.EqualTo("csharp"));
            Assert.That(parse.GetValue<int>("--repeat"), Is.EqualTo(1), "the default");
            Assert.That(parse.GetValue<double>("--timeout-multiplier"), Is.EqualTo(1), "the default");
            Assert.That(parse.GetValue<int?>("--chaos"), Is.Null, "absent");
            Assert.That(parse.GetValue<string[]>("--python"), Is.Empty, "absent: CONFORMANCE_PYTHON or python3 decides");
        });
    }

    [TestCaseSource(nameof(Commands))]
    public async Task Every_command_has_generated_help_listing_each_of_its_options_with_its_description(string name)
    {
        var command = Program.Definition.Subcommands.Single(c => c.Name == name);

        var result = await Cli.RunAsync(TimeSpan.FromSeconds(10), name, "--help");
        var viaHelp = await Cli.RunAsync(TimeSpan.FromSeconds(10), "help", name);

        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.Zero, result.Stderr);
            Assert.That(result.Stdout, Does.StartWith($"Description:\n  {command.Description![..40]}"));
            Assert.That(result.Stdout, Does.Contain($"Usage:\n  {Name} {name} "));
            foreach (var option in command.Options)
                Assert.That(result.Stdout, Does.Contain(option.Name).And.Contain(option.Description![..Math.Min(30, option.Description!.Length)]), option.Name);
            foreach (var argument in command.Arguments)
                Assert.That(result.Stdout, Does.Contain("Arguments:").And.Contain(argument.HelpName ?? argument.Name), argument.Name);
            Assert.That(viaHelp.Code, Is.Zero, viaHelp.Stderr);
            Assert.That(viaHelp.Stdout, Is.EqualTo(result.Stdout), "help COMMAND is COMMAND --help");
        });
    }

    [Test]
    public async Task Runs_help_shows_the_value_labels_and_defaults()
    {
        var result = await Cli.RunAsync(TimeSpan.FromSeconds(10), "run", "--help");

        Assert.That(result.Stdout, Does.Match(@"\n  --backend <cpython\|csharp\|all> +the backends to run \[default: all\]\n"));
        Assert.That(result.Stdout, Does.Match(@"\n  --repeat <N> +run each scenario N times; .*\[default: 1\]\n"));
        Assert.That(result.Stdout, Does.Match(@"\n  --shard <I/N> +only the scenarios of shard I of N"));
        Assert.That(result.Stdout, Does.Match(@"\n  --python <PATH\|VERSION> +a CPython interpreter"));
    }

    [Test]
    public async Task Help_lists_every_command_with_its_options_and_the_exit_codes()
    {
        var result = await Cli.RunAsync(TimeSpan.FromSeconds(10), "help");
        var root = await Cli.RunAsync(TimeSpan.FromSeconds(10), "--help");

        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.Zero, result.Stderr);
            Assert.That(result.Stdout, Does.StartWith(root.Stdout), "the root's help first");
            Assert.That(root.Stdout, Does.Contain(Program.ExitCodes));
            foreach (var name in Commands.Where(c => c != "help"))
                Assert.That(result.Stdout, Does.Contain($"Usage:\n  {Name} {name} "), name);
            Assert.That(result.Stdout, Does.Contain("--timeout-multiplier <F>").And.Contain("--prune").And.Contain("--reduce <N>"));
            Assert.That(root.Stdout, Does.Not.Contain("schema"), "schema stays hidden");
        });
    }

    [TestCase("run --bac", "--backend")]
    [TestCase("run --re", "--repeat")]
    [TestCase("run --backend ", "all", "cpython", "csharp")]
    [TestCase("acc", "accept")]
    [TestCase("accept --pr", "--prune")]
    [TestCase("help fuzz", "fuzz-language")]
    public async Task The_suggest_directive_completes_commands_options_and_values(string line, params string[] expected)
    {
        var result = await Cli.RunAsync(TimeSpan.FromSeconds(10), $"[suggest:{line.Length}]", line);

        Assert.That(result.Code, Is.Zero, result.Stderr);
        Assert.That(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(expected));
    }

    [Test]
    public async Task Completion_offers_the_suites_scenario_ids_globs_and_feature_names()
    {
        // Completions read the suite found from the current folder: the test's output folder is inside the repository.
        var ids = await Cli.RunAsync(TimeSpan.FromSeconds(10), "[suggest:16]", "validate tutori");
        var filter = await Cli.RunAsync(TimeSpan.FromSeconds(10), "[suggest:21]", "run --filter tutorial");
        var features = await Cli.RunAsync(TimeSpan.FromSeconds(10), "[suggest:23]", "run --features JoinableQ");

        Assert.Multiple(() =>
        {
            Assert.That(ids.Stdout.Split('\n'), Does.Contain("tutorial/**").And.Contain("tutorial/01-queue-user-object"));
            Assert.That(filter.Stdout.Split('\n'), Does.Contain("tutorial/**").And.Contain("tutorial/01-queue-user-object"));
            Assert.That(features.Stdout.Split('\n'), Does.Contain("JoinableQueue"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_bash_completion_script_completes_through_the_harness()
    {
        var script = Path.Combine(Loading.RepositoryRoot.Find(), "scripts", "completion.bash");
        var harness = Path.Combine(AppContext.BaseDirectory, "Conformance.Harness.dll");
        Assume.That(File.Exists(Path.Combine(AppContext.BaseDirectory, "Conformance.Harness.runtimeconfig.json")), "the harness can run from the test's folder");
        const string complete = """
            source "$SCRIPT"
            ask() { COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< "$1"; [[ $1 == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _conformance_harness_complete; printf '%s\n' "${COMPREPLY[@]}"; echo --; }
            ask 'harness run --ba'
            ask 'harness run --backend c'
            ask 'harness val'
            complete -p harness
            """;
        var start = new ProcessStartInfo("bash", ["-c", complete]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SCRIPT"] = script;
        start.Environment["CONFORMANCE_HARNESS_DLL"] = harness;
        using var bash = Process.Start(start)!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();

        Assert.That(await stdout, Is.EqualTo("--backend\n--\ncpython\ncsharp\n--\nvalidate\n--\ncomplete -o default -F _conformance_harness_complete harness\n"), await stderr);
    }
}
