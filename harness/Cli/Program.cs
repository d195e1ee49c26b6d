using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Conformance.Harness.Language;
using Conformance.Harness.Scenarios.Internal;

namespace Conformance.Harness.Cli;

/// <summary>
/// Entry point: <c>run</c>, <c>new</c>, <c>validate</c>, <c>coverage</c>, <c>accept</c>, <c>fuzz-language</c>, <c>help</c> (and the hidden
/// <c>schema</c>), parsed by System.CommandLine from the commands' declarations (each command's file declares its
/// options and arguments); help is generated from them, and the <c>[suggest]</c> directive completes them.
/// </summary>
public static class Program
{
    /// <summary>What the exit code says; the root's help ends with it.</summary>
    public const string ExitCodes = "exit codes: 0 every result passed (or is a listed expected-*), 1 one did not, 2 invalid input (a file or the command line)";

    /// <summary>What the usage line calls the program.</summary>
    private const string Name = "dotnet run --project harness --";

    private static readonly ParserConfiguration Parsing = new()
    {
        // "@file" would be read as a response file: a scenario argument must mean what it says.
        ResponseFileTokenReplacer = null,
    };

    /// <summary>Every command, built once: the parser, help and completion all read this one definition.</summary>
    internal static RootCommand Definition { get; } = Create();

    /// <summary>Parses and runs the command; exit code 0 success, 1 a scenario did not pass, 2 bad input (usage errors, invalid scenarios).</summary>
    public static async Task<int> Main(string[] args)
    {
        var parse = Definition.Parse(args, Parsing);
        // Help and the [suggest] directive answer whatever else the line holds (a completion is asked of a half-typed one).
        if (parse.Action is not { ClearsParseErrors: true } && Errors(parse) is { Count: > 0 } errors)
        {
            await UsageErrorAsync(string.Join("\nerror: ", errors), parse.CommandResult.Command).ConfigureAwait(false);
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = Console.Out,
                Error = Console.Error,
                // A command's UsageException is a usage error (exit 2); anything else is a bug and keeps its stack trace.
                EnableDefaultExceptionHandler = false,
                // run handles Ctrl+C itself: it cancels, then waits for every backend to kill and reap its processes.
                ProcessTerminationTimeout = null,
            }).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await UsageErrorAsync(e.Message, parse.CommandResult.Command).ConfigureAwait(false);
            return 2;
        }
    }

    private static RootCommand Create()
    {
        var schema = new Command("schema", "write scenarios/scenario.schema.json's text (generated from harness/Language/language.json) to stdout") { Hidden = true };
        schema.SetAction(_ => Console.Out.Write(SchemaGenerator.Generate(LanguageDefinition.Current)));
        var root = new RootCommand("The conformance harness: runs YAML scenarios on CPython and on the C# implementation of multiprocessing, and compares their output with CPython's verified snapshots.")
        {
            RunCommand.Create(),
            NewCommand.Create(),
            ValidateCommand.Create(),
            CoverageCommand.Create(),
            AcceptCommand.Create(),
            FuzzLanguageCommand.Create(),
            schema,
        };
        root.HelpName = Name;
        root.Add(HelpCommand(root));
        // The root's help ends with what the exit codes say: the generated help, then one line.
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            var help = (HelpAction)option.Action!;
            // Logs and pipes have no width: wrap there as a terminal would.
            if (Console.IsOutputRedirected)
                help.MaxWidth = 120;
            option.Action = new HelpWithExitCodes(help);
        }
        return root;
    }

    /// <summary><c>help</c> lists every command with its options; <c>help COMMAND</c> one command's (as <c>COMMAND --help</c>).</summary>
    private static Command HelpCommand(RootCommand root)
    {
        var visible = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        var which = new Argument<string?>("COMMAND") { Description = "the command to describe (default: all of them)", Arity = ArgumentArity.ZeroOrOne, HelpName = "COMMAND" };
        which.AcceptOnlyFromAmong([.. visible, "help"]);
        var help = new Command("help", "list every command and its options, or one command's (as COMMAND --help)") { which };
        help.SetAction(parse =>
        {
            if (parse.GetValue(which) is { } name)
                return WriteHelp([name], Console.Out);
            WriteHelp([], Console.Out);
            foreach (var command in visible)
            {
                Console.Out.WriteLine(new string('-', 40));
                WriteHelp([command], Console.Out);
            }
            return 0;
        });
        return help;
    }

    /// <summary>The generated help of the command <paramref name="path"/> names (empty: the root), written to <paramref name="output"/>.</summary>
    internal static int WriteHelp(IEnumerable<string> path, TextWriter output) =>
        Definition.Parse([.. path, "--help"], Parsing).Invoke(new InvocationConfiguration { Output = output, Error = output });

    /// <summary>The names from the root down to <paramref name="command"/>.</summary>
    private static IEnumerable<string> PathOf(Command command) =>
        command is RootCommand || command.Parents.OfType<Command>().FirstOrDefault() is not { } parent ? [] : PathOf(parent).Append(command.Name);

    /// <summary>
    /// The parse errors as lines: an unknown option or command says what it is and the likeliest one meant (the
    /// suite's own did-you-mean), a stray argument names its command; the parser's own messages name the option and
    /// what it accepts.
    /// </summary>
    private static List<string> Errors(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        // An unknown option's value ("--repat 3") is unmatched too; the option is the mistake to report. At the root,
        // a mistyped command ("rn --repeat 3") is the mistake, and its options are unmatched only because of it.
        var unmatched = command is RootCommand && parse.UnmatchedTokens.Count > 0
            ? [parse.UnmatchedTokens[0]]
            : parse.UnmatchedTokens.Any(t => t.StartsWith('-')) ? parse.UnmatchedTokens.Where(t => t.StartsWith('-')) : parse.UnmatchedTokens;
        var lines = unmatched.Select(token => Unmatched(command, token)).ToList();
        if (command is RootCommand)
        {
            // The parser's own "Required command was not provided" only restates the lines above.
            if (lines.Count == 0 && parse.Errors.Count > 0)
                lines.Add($"no command given; the commands are {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}");
            return lines;
        }
        lines.AddRange(parse.Errors.Select(e => e.Message).Where(m => !parse.UnmatchedTokens.Any(t => m.Contains($"'{t}'", StringComparison.Ordinal))));
        // "--" ends the options; before nothing (run's arguments), it is a mistake rather than a no-op.
        if (command.Arguments.Count == 0 && parse.Tokens.Any(t => t.Type == TokenType.DoubleDash))
            lines.Add($"'--' ends the options, and '{command.Name}' takes no arguments");
        lines.AddRange(OptionLikeArguments(parse).Select(token => Unmatched(command, token)));
        return lines;
    }

    /// <summary>
    /// The arguments before <c>--</c> that look like options: a command that takes arguments (validate's files) would
    /// otherwise take a mistyped <c>--colour</c> for a file. After <c>--</c>, <c>-name.yaml</c> is a file.
    /// </summary>
    private static IEnumerable<string> OptionLikeArguments(ParseResult parse)
    {
        var takesValue = false;
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
                yield break;
            if (token.Type == TokenType.Option)
            {
                takesValue = parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == token.Value || o.Aliases.Contains(token.Value)) is { Arity.MaximumNumberOfValues: > 0 };
                continue;
            }
            if (token.Type == TokenType.Argument && !takesValue && token.Value.StartsWith('-') && token.Value.Length > 1)
                yield return token.Value;
            takesValue = false;
        }
    }

    private static string Unmatched(Command command, string token)
    {
        if (token.StartsWith('-'))
        {
            var name = token.Split('=')[0];
            var known = command.Options.Concat(Definition.Options.Where(o => o.Recursive)).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct().ToList();
            var meant = Names.Suggest(name, known.Where(k => k.StartsWith("--", StringComparison.Ordinal)));
            if (command is RootCommand)
                return $"unknown option '{name}' before the command; a command's options follow it (run --repeat 3), and '{Name} help' lists them";
            var file = command.Arguments.Count > 0 ? "; a file whose name starts with '-' goes after '--'" : "";
            return $"unknown option '{name}' for '{command.Name}'" + (meant is null ? "" : $"; did you mean '{meant}'?") +
                   $" ('{Name} {command.Name} --help' lists its options{file})";
        }
        if (command is RootCommand)
        {
            var commands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            return $"unknown command '{token}' (the commands are {string.Join(", ", commands)})" + Names.DidYouMean(token, commands);
        }
        return command.Arguments.Count == 0
            ? $"'{command.Name}' takes no arguments besides options, found '{token}'"
            : $"'{command.Name}' does not take '{token}' here";
    }

    /// <summary>"error: ..." and the command's help on stderr: what was wrong, then what is right.</summary>
    private static async Task UsageErrorAsync(string message, Command command)
    {
        await Console.Error.WriteLineAsync($"error: {message}\n").ConfigureAwait(false);
        WriteHelp(PathOf(command), Console.Error);
    }

    /// <summary>The generated help, then the exit codes after the root's.</summary>
    private sealed class HelpWithExitCodes(HelpAction help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            help.Invoke(parseResult);
            if (parseResult.CommandResult.Command is RootCommand)
                parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes);
            return 0;
        }
    }
}
