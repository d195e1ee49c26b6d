using System.Collections.Concurrent;

namespace Conformance.Harness.Scenarios.Internal;

/// <summary>
/// Parsed suite files (the feature list, the checklist) by full path, reused while the file's size and time stamp
/// stay the same: a suite loads them once per scenario.
/// </summary>
internal sealed class ParsedFileCache<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, T Parsed)> _cache = new(StringComparer.Ordinal);

    /// <summary>The parse of <paramref name="file"/> (cached), or null when it does not exist.</summary>
    /// <param name="file">The file's full path.</param>
    /// <param name="parse">Parses the file (reading it within the input limits); its exceptions propagate and nothing is cached.</param>
    public T? Get(string file, Func<string, T> parse)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
            return null;
        if (_cache.TryGetValue(file, out var cached) && cached.Written == info.LastWriteTimeUtc && cached.Length == info.Length)
            return cached.Parsed;
        var parsed = parse(file);
        _cache[file] = (info.LastWriteTimeUtc, info.Length, parsed);
        return parsed;
    }
}
