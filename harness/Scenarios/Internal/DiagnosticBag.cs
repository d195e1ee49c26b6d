namespace Conformance.Harness.Scenarios.Internal;

/// <summary>Collects the problems of one file, placing each at the nearest located JSON pointer.</summary>
internal sealed class DiagnosticBag(string file, IReadOnlyDictionary<string, (int Line, int Column)> locations)
{
    private readonly List<ScenarioDiagnostic> _items = [];

    public int Count => _items.Count;

    public void Add(string pointer, string message)
    {
        var (line, column) = Locate(pointer);
        _items.Add(new ScenarioDiagnostic(file, line, column, message));
    }

    public void AddAt(int line, int column, string message) => _items.Add(new ScenarioDiagnostic(file, line, column, message));

    public IReadOnlyList<ScenarioDiagnostic> Sorted() =>
        [.. _items.Distinct().OrderBy(d => d.Line).ThenBy(d => d.Column)];

    private (int, int) Locate(string pointer)
    {
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (locations.TryGetValue(p, out var at))
                return at;
            if (p.Length == 0)
                return (1, 1);
        }
    }
}
