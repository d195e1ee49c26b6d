namespace Conformance.Harness.Cli;

/// <summary>The parsed command line: a verb, its <c>--options</c> and positional arguments.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

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
            if (flags.Contains(name))
                line._options[name] = null;
            else if (eq > 0)
                line._options[name] = arg[(eq + 1)..];
            else if (i + 1 < args.Length)
                line._options[name] = args[++i];
            else
                throw new UsageException($"option --{name} needs a value");
        }
        return line;
    }

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public bool Has(string name) => _options.ContainsKey(name);

    public string Require(string name) => Get(name) ?? throw new UsageException($"option --{name} is required");

    /// <summary>Fails on any option not in <paramref name="known"/>, naming the ones that are.</summary>
    public void RejectUnknown(params string[] known)
    {
        var unknown = _options.Keys.Except(known).ToList();
        if (unknown.Count > 0)
            throw new UsageException($"unknown option --{unknown[0]} for '{Verb}'; expected one of: {string.Join(", ", known.Select(k => "--" + k))}");
    }
}
