using System.Globalization;
using System.Text;

namespace Conformance.Harness.Running;

/// <summary>
/// <c>--shard i/n</c> (and <c>CONFORMANCE_SHARD=i/n</c>): the scenarios whose id hashes to shard <c>i</c> of <c>n</c>, so that
/// <c>n</c> machines together run each scenario exactly once. The hash is FNV-1a over the id's UTF-8 bytes: the same on
/// every machine and in every process (<c>string.GetHashCode</c> is randomised per process).
/// </summary>
/// <param name="Index">1-based: 1..<paramref name="Count"/>.</param>
/// <param name="Count">How many shards the suite is split into.</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The variable the NUnit suite reads as <c>run --shard</c>.</summary>
    public const string Variable = "CONFORMANCE_SHARD";

    /// <summary>Parses <c>i/n</c> (1 ≤ i ≤ n); null with <paramref name="error"/> saying what is wrong otherwise.</summary>
    public static Shard? TryParse(string text, out string? error)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && i >= 1 && i <= n)
        {
            error = null;
            return new Shard(i, n);
        }
        error = $"a shard is i/n with 1 <= i <= n (e.g. 2/3), not '{text}'";
        return null;
    }

    /// <summary>Whether the scenario <paramref name="id"/> belongs to this shard.</summary>
    public bool Contains(string id) => (int)(Hash(id) % (ulong)Count) == Index - 1;

    /// <summary>64-bit FNV-1a of the id's UTF-8 bytes.</summary>
    public static ulong Hash(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
