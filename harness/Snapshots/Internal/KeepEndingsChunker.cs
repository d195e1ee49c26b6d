using DiffPlex;

namespace Conformance.Harness.Snapshots.Internal;

/// <summary>Splits a text into lines at "\n" only, each keeping its terminator, so a missing final newline is a difference too.</summary>
/// <remarks>DiffPlex's own line chunkers also split at a lone "\r" or drop the terminators; a snapshot is "\n"-separated.</remarks>
internal sealed class KeepEndingsChunker : IChunker
{
    public static KeepEndingsChunker Instance { get; } = new();

    public IReadOnlyList<string> Chunk(string text)
    {
        var lines = new List<string>();
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }
}
