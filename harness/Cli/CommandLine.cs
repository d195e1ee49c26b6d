using Conformance.Harness.Running;

namespace Conformance.Harness.Cli;

/// <summary>The parsed command line: a verb, its <c>--options</c> and positional arguments.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _repeated = new(StringComparer.Ordinal);

    /// <summary>Options that may be given several times, each value kept in order (<c>--python 3.11 --python 3.13</c>).</summary>
    public static IReadOnlySet<string> Repeatable { get; } = new HashSet<string>(StringComparer.Ordinal) { "python", "features", "exclude-features" };

    private CommandLine(string verb) => Verb = verb;

    public string Verb { get; }

    public List<string> Positional { get; } = [];

    /// <summary>Parses <c>verb [--name value | --flag]... [positional]...</c>; <paramref name="flags"/> take no value.</summary>
    public static CommandLine Parse(string[] args, IReadOnlySet<string> flags)
    {
        if (args.Length == 0)
            throw new UsageException("no command given");
        var line = new CommandLine(args[0]);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                line.Positional.Add(arg);
                continue;
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (name.Length == 0)
                throw new UsageException($"'{arg}' is not an option; options are --name VALUE or --name=VALUE");
            // The last of two values would win silently: "--repeat 3 ... --repeat 30" is a mistake either way.
            if (line._options.ContainsKey(name) && !Repeatable.Contains(name))
                throw new UsageException($"option --{name} is given twice; give it once");
            if (flags.Contains(name))
                line._options[name] = null;
            else if (eq > 0)
                line._options[name] = arg[(eq + 1)..];
            else if (i + 1 < args.Length)
                line._options[name] = args[++i];
            else
                throw new UsageException($"option --{name} needs a value");
            if (Repeatable.Contains(name) && line._options[name] is { } value)
                (line._repeated.TryGetValue(name, out var values) ? values : line._repeated[name] = []).Add(value);
        }
        return line;
    }

    public string? Get(string name) => _repeated.TryGetValue(name, out var values) ? values[0] : _options.GetValueOrDefault(name);

    /// <summary>Every value of a <see cref="Repeatable"/> option, in order; empty when it is not given.</summary>
    public IReadOnlyList<string> GetAll(string name) => _repeated.TryGetValue(name, out var values) ? values : [];

    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>Fails when there are positional arguments: a command that takes none would otherwise ignore them.</summary>
    public void RejectPositional()
    {
        if (Positional.Count > 0)
            throw new UsageException($"'{Verb}' takes no arguments besides options, found '{Positional[0]}'");
    }

    /// <summary>The suite named by <c>--root</c> (or found from the current folder); a missing one is a usage error.</summary>
    public SuitePaths Suite()
    {
        if (Get("root") is "")
            throw new UsageException("--root needs the repository's folder, not an empty name");
        try
        {
            return SuitePaths.Locate(Get("root"));
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The file an option names for writing (a report), checked before anything runs: not a folder, in a folder that exists.</summary>
    public string? OutputFile(string name)
    {
        if (Get(name) is not { } path)
            return null;
        if (path.Length == 0)
            throw new UsageException($"--{name} needs a file to write, not an empty name");
        if (Directory.Exists(path))
            throw new UsageException($"--{name} needs a file to write, not the folder '{path}'");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new UsageException($"--{name} '{path}': the folder '{folder}' does not exist");
        return path;
    }

    /// <summary>Fails on any option not in <paramref name="known"/>, naming the ones that are.</summary>
    public void RejectUnknown(params string[] known)
    {
        var unknown = _options.Keys.Except(known).ToList();
        if (unknown.Count > 0)
            throw new UsageException($"unknown option --{unknown[0]} for '{Verb}'; expected one of: {string.Join(", ", known.Select(k => "--" + k))}");
    }
}
