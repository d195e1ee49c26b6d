namespace Conformance.Harness.Scenarios.Internal;

/// <summary>The names the language knows, copied from docs/scenario-authors.md (keywords and methods are CPython's).</summary>
internal static class Vocabulary
{
    /// <summary>A primitive type: its constructor's keywords in positional order and its methods.</summary>
    public sealed record Primitive(string[] Keywords, string[] Methods);

    private static readonly string[] QueueMethods =
        ["put", "get", "put_nowait", "get_nowait", "qsize", "empty", "full", "close", "join_thread", "cancel_join_thread"];

    private static readonly string[] LockMethods = ["acquire", "release"];

    public static readonly IReadOnlyDictionary<string, Primitive> Primitives = new Dictionary<string, Primitive>
    {
        ["Process"] = new(["group", "target", "name", "args", "kwargs", "daemon"], ["start", "join", "is_alive", "terminate", "kill", "close", "run"]),
        ["Queue"] = new(["maxsize"], QueueMethods),
        ["JoinableQueue"] = new(["maxsize"], [.. QueueMethods, "task_done", "join"]),
        ["Event"] = new([], ["set", "clear", "is_set", "wait"]),
        ["Lock"] = new([], LockMethods),
        ["RLock"] = new([], LockMethods),
        ["Condition"] = new(["lock"], ["acquire", "release", "wait", "wait_for", "notify", "notify_all"]),
        ["Semaphore"] = new(["value"], [.. LockMethods, "get_value"]),
        ["BoundedSemaphore"] = new(["value"], [.. LockMethods, "get_value"]),
        ["Manager"] = new([], ["dict", "list", "Namespace", "shutdown"]),
        ["Pool"] = new(
            ["processes", "initializer", "initargs", "maxtasksperchild"],
            ["map", "imap", "imap_unordered", "starmap", "apply", "apply_async", "map_async", "close", "join", "terminate"]),
    };

    /// <summary>Methods of values that are not made with <c>new</c>: manager proxies and pool results.</summary>
    private static readonly string[] OtherMethods =
    [
        // dict proxy
        "keys", "values", "items", "get", "setdefault", "pop", "popitem", "update", "clear", "copy",
        // list proxy
        "append", "extend", "insert", "remove", "index", "count", "sort", "reverse",
        // AsyncResult, and the iterator imap returns
        "wait", "ready", "successful", "next",
    ];

    /// <summary>Every method name a traced object can be called with.</summary>
    public static readonly IReadOnlySet<string> KnownMethods =
        Primitives.Values.SelectMany(p => p.Methods).Concat(OtherMethods).ToHashSet(StringComparer.Ordinal);

    /// <summary>Operations the trace records besides method names.</summary>
    public static readonly IReadOnlySet<string> TraceOps =
        new HashSet<string>(["__enter__", "__exit__", "__getattr__", "__setattr__", "__getitem__", "__setitem__"], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> BuiltinFunctions = new HashSet<string>(
        ["current_process", "parent_process", "active_children", "cpu_count", "str", "repr", "len", "list", "sorted", "range", "map"],
        StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> ExceptionTypes = new HashSet<string>(
    [
        "Exception", "ValueError", "TypeError", "AssertionError", "AttributeError", "KeyError", "IndexError",
        "RuntimeError", "OSError", "NotImplementedError", "Empty", "Full", "TimeoutError", "ProcessError",
    ], StringComparer.Ordinal);

    /// <summary>Python names a user class or function must not take, beyond the ones above.</summary>
    private static readonly string[] PythonBuiltins =
    [
        "object", "type", "int", "float", "bool", "str", "bytes", "list", "dict", "tuple", "set", "frozenset",
        "print", "len", "range", "map", "filter", "zip", "sum", "min", "max", "abs", "iter", "next", "id", "hash",
        "super", "isinstance", "open", "input", "BaseException", "KeyboardInterrupt", "SystemExit", "StopIteration",
        "ZeroDivisionError", "NameError", "ImportError", "time", "sys", "queue", "multiprocessing", "os",
    ];

    public static readonly IReadOnlySet<string> ReservedNames =
        Primitives.Keys.Concat(BuiltinFunctions).Concat(ExceptionTypes).Concat(PythonBuiltins)
            .Concat(["DictProxy", "ListProxy", "AsyncResult", "Namespace"]).ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> PythonKeywords = new HashSet<string>(
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ], StringComparer.Ordinal);

    /// <summary>Attributes of primitives and results a scenario may read besides their methods (CPython's names).</summary>
    public static readonly IReadOnlySet<string> DocumentedAttributes = new HashSet<string>(
        ["name", "pid", "ident", "exitcode", "daemon", "args"], StringComparer.Ordinal);

    /// <summary>The only attribute names starting with '_' a scenario may read.</summary>
    /// <remarks>Also in harness/python/conformance_runner.py and harness/backend-csharp/Policy.cs, which enforce it at run time.</remarks>
    public static readonly IReadOnlySet<string> ReadableDunders = new HashSet<string>(["__name__", "__class__"], StringComparer.Ordinal);

    /// <summary>The only method names starting with '_' a user class may define and a scenario may call.</summary>
    public static readonly IReadOnlySet<string> SpecialMethods = new HashSet<string>(["__call__", "__str__", "__repr__"], StringComparer.Ordinal);

    /// <summary>
    /// Public names that reach CPython's frames, code objects or <c>str.format</c>'s attribute walk: never an
    /// attribute, field or method of a scenario, whatever object they are asked of.
    /// </summary>
    public static readonly IReadOnlySet<string> ForbiddenNames = new HashSet<string>(
    [
        "format", "format_map", "mro", "fget", "fset", "fdel",
        "gi_frame", "gi_code", "gi_yieldfrom", "cr_frame", "cr_code", "cr_await", "ag_frame", "ag_code",
        "f_back", "f_globals", "f_locals", "f_builtins", "f_code", "tb_frame", "tb_next", "co_code",
    ], StringComparer.Ordinal);

    public static readonly string[] TraceEvents = ["print", "call", "return", "raise", "begin", "end", "crash"];

    public static readonly string[] InvariantKinds =
        ["before", "program_order", "mutual_exclusion", "max_concurrent", "count", "exactly_once", "min_elapsed"];
}
