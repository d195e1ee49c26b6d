namespace Multiprocessing.Python;

/// <summary><c>x.__class__</c> as a scenario sees it (conformance_runner.py's <c>TypeView</c>): a name, never a callable class.</summary>
/// <param name="Name">The class's <c>__name__</c>.</param>
/// <param name="Module">Its module as CPython's repr shows it (<c>builtins</c> is left out of the repr).</param>
public sealed record PyType(string Name, string Module) : IPyObject
{
    /// <summary>The class of <paramref name="value"/>.</summary>
    public static PyType Of(object? value) => value switch
    {
        PyType => new PyType("type", "builtins"),
        IPyObject o => new PyType(PyOps.TypeName(value), o.PyTypeModule),
        System.Exception e => new PyType(PyOps.TypeName(value), ModuleOf(e)),
        Multiprocessing.Process => new PyType("Process", "multiprocessing.context"),
        Multiprocessing.Queue q => new PyType(q.GetType().Name, "multiprocessing.queues"), // Queue, JoinableQueue
        Multiprocessing.Event => new PyType("Event", "multiprocessing.synchronize"),
        _ => new PyType(PyOps.TypeName(value), "builtins"),
    };

    private static string ModuleOf(System.Exception e)
    {
        // PyErrors.ClassRepr knows where CPython defines each exception class: "<class 'queue.Full'>".
        var repr = PyErrors.ClassRepr(e);
        var qualified = repr["<class '".Length..^"'>".Length];
        var dot = qualified.LastIndexOf('.');
        return dot < 0 ? "builtins" : qualified[..dot];
    }

    /// <inheritdoc />
    public string PyRepr() => Module == "builtins" ? $"<class '{Name}'>" : $"<class '{Module}.{Name}'>";
}
