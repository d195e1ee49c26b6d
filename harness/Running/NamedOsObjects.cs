using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Running;

/// <summary>
/// The named OS objects (POSIX semaphores, shared memory) in <c>/dev/shm</c> a run left behind, known from the run's
/// own ledger (<c>CONFORMANCE_OBJECTS</c>) and nothing else: other programs' objects, including concurrent suite runs',
/// are never looked at.
/// </summary>
internal static partial class NamedOsObjects
{
    private const string Folder = "/dev/shm";

    /// <summary>
    /// The <c>/dev/shm</c> entries of the objects the ledger at <paramref name="ledgerPath"/> registered and did not
    /// unregister that still exist, in the order they were registered. Torn lines (a process killed mid-write),
    /// unknown ops or kinds and names that are not one plain path component are ignored: processes of the run wrote
    /// the ledger while running scenario data, so it is not trusted to point anywhere outside <c>/dev/shm</c>.
    /// </summary>
    public static List<string> LeftBy(string ledgerPath) => Left(ledgerPath).Select(o => o.Entry).ToList();

    /// <summary>What <see cref="LeftBy"/> finds, each with the name the ledger gave it (<c>/mp-x</c> for <c>sem.mp-x</c>).</summary>
    public static List<(string Name, string Entry)> Left(string ledgerPath)
    {
        if (!File.Exists(ledgerPath))
            return [];
        var open = new Dictionary<string, (int Order, string Name)>(StringComparer.Ordinal); // /dev/shm entry → registration
        var order = 0;
        foreach (var line in File.ReadLines(ledgerPath))
        {
            if (Parse(line) is not var (op, name, entry))
                continue;
            if (op == "register")
                open.TryAdd(entry, (order++, name));
            else
                open.Remove(entry);
        }
        return open.OrderBy(e => e.Value.Order).Select(e => (e.Value.Name, e.Key)).Where(o => Exists(Path.Combine(Folder, o.Key))).ToList();
    }

    /// <summary>Unlinks <paramref name="entries"/> (names from <see cref="LeftBy"/>), so one leaking run does not disturb the next.</summary>
    public static void Remove(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            if (!PlainEntry().IsMatch(entry))
                throw new ArgumentException($"'{entry}' is not an entry of {Folder}; refusing to remove it", nameof(entries));
            try
            {
                File.Delete(Path.Combine(Folder, entry));
            }
            catch (IOException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>The op, the name and the /dev/shm entry of one ledger line, or null when the line is not a valid record.</summary>
    private static (string Op, string Name, string Entry)? Parse(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                return null;
            if (op.GetString() is not ("register" or "unregister"))
                return null;
            var text = name.GetString()!;
            // POSIX names are "/" plus one component: sem_open("/mp-x") is /dev/shm/sem.mp-x, shm_open("/psm_x") is /dev/shm/psm_x.
            if (text.Length < 2 || text[0] != '/' || !PlainEntry().IsMatch(text[1..]))
                return null;
            return kind.GetString() switch
            {
                "semaphore" => (op.GetString()!, text, $"sem.{text[1..]}"),
                "shared_memory" => (op.GetString()!, text, text[1..]),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when the entry itself exists (a dangling symlink counts; its target is never followed).</summary>
    private static bool Exists(string path)
    {
        try
        {
            return (File.GetAttributes(path) & FileAttributes.Directory) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>One path component of safe characters: no '/', no "..", no leading '.', no control characters.</summary>
    [GeneratedRegex(@"^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9_.\-]{0,250}\z")]
    private static partial Regex PlainEntry();
}
