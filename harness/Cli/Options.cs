using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using System.Globalization;
using Conformance.Harness.Backends;
using Conformance.Harness.Running;

namespace Conformance.Harness.Cli;

/// <summary>
/// The kinds of option the commands declare, each with its parsing, its validation (an error that names the option and
/// what it accepts, reported by the parser before anything runs), its help label and its completions: a command
/// declares an option in one line (<c>Options.Whole("--jobs", "N", "...", min: 1, Environment.ProcessorCount)</c>).
/// </summary>
internal static class Options
{
    /// <summary>A flag: present or not (<c>--prune</c>).</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A whole number of at least <paramref name="min"/>; <paramref name="fallback"/> when absent.</summary>
    public static Option<int> Whole(string name, string valueName, string description, int min, int fallback)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            HelpName = valueName,
            DefaultValueFactory = _ => fallback,
            CustomParser = result => Parse(result, out var n) && n >= min
                ? n
                : Fail<int>(result, $"{name} takes a whole number of at least {min}, not '{Text(result)}'"),
        };
        return option;
    }

    /// <summary>Any whole number (negative too), or null when absent (<c>--chaos SEED</c>).</summary>
    public static Option<int?> Seed(string name, string valueName, string description, string what) =>
        new(name)
        {
            Description = description,
            HelpName = valueName,
            CustomParser = result => Parse(result, out var n) ? n : Fail<int?>(result, $"{name} takes a whole number ({what}), not '{Text(result)}'"),
        };

    /// <summary>A positive finite number; <paramref name="fallback"/> when absent.</summary>
    public static Option<double> Positive(string name, string valueName, string description, double fallback) =>
        new(name)
        {
            Description = description,
            HelpName = valueName,
            DefaultValueFactory = _ => fallback,
            CustomParser = result =>
                double.TryParse(Text(result), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && double.IsFinite(f)
                    ? f
                    : Fail<double>(result, $"{name} takes a positive number (e.g. 2 or 1.5), not '{Text(result)}'"),
        };

    /// <summary>One of <paramref name="values"/> (offered as completions, listed in the help label); <paramref name="fallback"/> when absent.</summary>
    public static Option<string> OneOf(string name, string description, string fallback, params string[] values)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', values),
            DefaultValueFactory = _ => fallback,
            CustomParser = result => values.Contains(Text(result), StringComparer.Ordinal)
                ? Text(result)
                : Fail<string>(result, $"{name} takes {Words(values)}, not '{Text(result)}'"),
        };
        option.CompletionSources.Add(values);
        return option;
    }

    /// <summary><c>--shard i/n</c>: shard i of n (1 &lt;= i &lt;= n), or null when absent.</summary>
    public static Option<Shard?> Shard(string description) =>
        new("--shard")
        {
            Description = description,
            HelpName = "I/N",
            CustomParser = result => Running.Shard.TryParse(Text(result), out var error) ?? Fail<Shard?>(result, $"--shard: {error}"),
        };

    /// <summary>A text that must not be empty, or null when absent; <paramref name="completions"/> offers values.</summary>
    public static Option<string?> Text(string name, string valueName, string description, string emptyError, Func<CompletionContext, IEnumerable<string>>? completions = null)
    {
        var option = new Option<string?>(name)
        {
            Description = description,
            HelpName = valueName,
            CustomParser = result => Text(result) is { Length: > 0 } text ? text : Fail<string?>(result, $"{name} {emptyError}"),
        };
        if (completions is not null)
            option.CompletionSources.Add(Safe(completions));
        return option;
    }

    /// <summary>An option given any number of times, each value kept in order (<c>--python 3.11 --python 3.13</c>).</summary>
    public static Option<string[]> Repeated(string name, string valueName, string description, Action<string, OptionResult>? validate = null)
    {
        var option = new Option<string[]>(name)
        {
            Description = description,
            HelpName = valueName,
            Arity = ArgumentArity.OneOrMore,
            DefaultValueFactory = _ => [],
        };
        if (validate is not null)
        {
            option.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                    validate(token.Value, result);
            });
        }
        return option;
    }

    /// <summary>
    /// Names given as comma lists, the option repeatable (<c>--features Queue,Pipe --features Process</c>, as
    /// test262-harness takes them): the value is every name, trimmed, in order; an empty name is an error.
    /// </summary>
    public static Option<string[]> Names(string name, string valueName, string description, Func<CompletionContext, IEnumerable<string>>? completions = null)
    {
        var option = new Option<string[]>(name)
        {
            Description = description,
            HelpName = valueName,
            Arity = ArgumentArity.OneOrMore,
            DefaultValueFactory = _ => [],
            CustomParser = result =>
            {
                var names = new List<string>();
                foreach (var token in result.Tokens)
                {
                    foreach (var part in token.Value.Split(','))
                    {
                        if (part.Trim() is { Length: > 0 } trimmed)
                            names.Add(trimmed);
                        else
                            return Fail<string[]>(result, $"{name} '{token.Value}' has an empty name; give names separated by commas, e.g. {name} Queue,Pipe");
                    }
                }
                return [.. names];
            },
        };
        if (completions is not null)
            option.CompletionSources.Add(Safe(completions));
        return option;
    }

    /// <summary>A file to write (a report), checked before anything runs: not empty, not a folder, in a folder that exists.</summary>
    public static Option<string?> OutputFile(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "PATH",
            CustomParser = result =>
            {
                var path = Text(result);
                if (path.Length == 0)
                    return Fail<string?>(result, $"{name} needs a file to write, not an empty name");
                if (path.Contains('\0', StringComparison.Ordinal))
                    return Fail<string?>(result, $"{name} needs a file name, and a file name has no NUL character");
                if (Directory.Exists(path))
                    return Fail<string?>(result, $"{name} needs a file to write, not the folder '{path}'");
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                return folder is not null && !Directory.Exists(folder)
                    ? Fail<string?>(result, $"{name} '{path}': the folder '{folder}' does not exist")
                    : path;
            },
        };

    /// <summary><c>--root DIR</c>: the repository root, which must have a <c>scenarios/</c> folder (found from the current folder when absent).</summary>
    public static Option<string?> Root() =>
        new("--root")
        {
            Description = "the repository root (default: found from the current folder)",
            HelpName = "DIR",
            CustomParser = result =>
            {
                var root = Text(result);
                if (root.Length == 0 || root.Contains('\0', StringComparison.Ordinal))
                    return Fail<string?>(result, "--root needs the repository's folder, not an empty name");
                try
                {
                    SuitePaths.Locate(root);
                    return root;
                }
                catch (DirectoryNotFoundException e)
                {
                    return Fail<string?>(result, e.Message);
                }
            },
        };

    /// <summary>The suite <paramref name="root"/> names (validated by the parser), or the one found from the current folder.</summary>
    /// <exception cref="UsageException">No <c>--root</c> and no repository above the current folder.</exception>
    public static SuitePaths Suite(this ParseResult parse, Option<string?> root)
    {
        try
        {
            return SuitePaths.Locate(parse.GetValue(root));
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>
    /// A CPython interpreter that <c>--python</c> names, checked as far as the file system tells: a version must match
    /// one interpreter (the error names the candidates), a path must exist. Whether pythonnet loads it is checked once
    /// the run starts.
    /// </summary>
    public static void Interpreter(string spec, OptionResult result)
    {
        try
        {
            var located = PythonInstallation.Locate(spec);
            if (located.Length == 0 || located.Contains('\0', StringComparison.Ordinal))
                result.AddError($"--python needs an interpreter's path or a version such as 3.13, not '{spec}'");
            else if (located.Contains('/', StringComparison.Ordinal) && !File.Exists(located))
                result.AddError($"--python '{spec}' does not exist; give an interpreter's path or a version such as 3.13");
        }
        catch (PythonNotFoundException e)
        {
            result.AddError(e.Message);
        }
    }

    /// <summary>The one token's text (the parser gives a single-valued option exactly one).</summary>
    private static string Text(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static bool Parse(ArgumentResult result, out int n) =>
        int.TryParse(Text(result), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n);

    private static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    /// <summary>"a, b or c".</summary>
    private static string Words(IReadOnlyList<string> values) =>
        values.Count == 1 ? values[0] : string.Join(", ", values.Take(values.Count - 1)) + " or " + values[^1];

    /// <summary>A completion source never fails the shell: a suite it cannot read offers nothing.</summary>
    private static Func<CompletionContext, IEnumerable<string>> Safe(Func<CompletionContext, IEnumerable<string>> source) => context =>
    {
        try
        {
            return [.. source(context)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Scenarios.ScenarioValidationException)
        {
            return [];
        }
    };
}
