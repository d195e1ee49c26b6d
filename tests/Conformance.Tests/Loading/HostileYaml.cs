using System.Text;
using Conformance.Harness.Scenarios;

namespace Conformance.Tests.Loading;

/// <summary>Generates scenario texts at and just past <see cref="ScenarioLimits"/>, and the alias bomb.</summary>
/// <remarks>Generated rather than checked in: each is tied to the limit it probes, so changing a limit moves the test with it.</remarks>
internal static class HostileYaml
{
    /// <summary>The lines of a valid scenario; every generated file that should load starts with them.</summary>
    public const string Head = "description: Probes a loader limit.\nfeatures: [print]\nmain:\n";

    /// <summary>Nodes of <see cref="Head"/> plus the print step around the values: root map, 2 + 3 + 2 (keys, values, the features item), step map, its key, the list.</summary>
    public const int HeadNodes = 11;

    /// <summary>
    /// Ten lines that expand to 10^7 scalars: <c>a</c> is a list of ten scalars, <c>b</c> ten aliases of <c>a</c>, … <c>g</c>.
    /// The first anchor is at 1:4.
    /// </summary>
    public static string AliasBomb()
    {
        var text = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (var level = 'b'; level <= 'g'; level++)
            text.Append(level).Append(": &").Append(level).Append(" [").AppendJoin(',', Enumerable.Repeat($"*{(char)(level - 1)}", 10)).Append("]\n");
        return text.ToString();
    }

    /// <summary>A valid scenario whose deepest node sits inside <paramref name="depth"/> lists and maps (the root map is 1).</summary>
    /// <remarks>Root map, <c>main</c>'s list and the step map are 3 levels; the rest is a nested list value on line 4, from column 12.</remarks>
    public static string Nested(int depth)
    {
        var lists = depth - 3;
        return Head + "  - print: " + new string('[', lists) + "1" + new string(']', lists) + "\n";
    }

    /// <summary>A valid scenario of exactly <paramref name="nodes"/> YAML nodes: a print of one value per line, from line 5, each at column 9.</summary>
    public static string Nodes(int nodes)
    {
        var text = new StringBuilder(Head).Append("  - print:\n");
        for (var i = HeadNodes; i < nodes; i++)
            text.Append("      - 1\n");
        return text.ToString();
    }

    /// <summary>A valid scenario of exactly <paramref name="bytes"/> bytes in UTF-8, padded with a comment.</summary>
    public static string Sized(int bytes, char padding = 'x')
    {
        var body = Head + "  - pass\n#";
        var room = bytes - Encoding.UTF8.GetByteCount(body) - 1;
        var each = Encoding.UTF8.GetByteCount(padding.ToString());
        return body + new string(padding, room / each) + new string('x', room % each) + "\n";
    }
}
