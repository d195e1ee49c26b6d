using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>
/// One operation of a history: a <c>call</c> event and the <c>return</c> or <c>raise</c> of the same process, object
/// and op that ends it (none: it never returned). Its real-time interval is the positions of the two events in the
/// trace (a trace is appended in the order things happen across processes).
/// </summary>
/// <param name="Call">The call event.</param>
/// <param name="End">The return or raise event, or null.</param>
/// <param name="Args">The positional arguments, read from their reprs.</param>
/// <param name="Kwargs">The keyword arguments (<c>name=repr</c> in the trace).</param>
/// <param name="Observed">How it ended.</param>
internal sealed record LinearOperation(TraceEvent Call, TraceEvent? End, IReadOnlyList<PyValue> Args, IReadOnlyDictionary<string, PyValue> Kwargs, Outcome Observed)
{
    /// <summary>The method name.</summary>
    public string Op => Call.Op!;

    /// <summary>The process that made it.</summary>
    public int Pid => Call.Pid;

    /// <summary>Where it starts in real time: its call event's position.</summary>
    public long Invoked => Call.Index;

    /// <summary>Whether it has no known end: it may take effect at any time after its call, or never.</summary>
    public bool Pending => Observed is Outcome.Unknown;

    /// <summary>The positional argument <paramref name="i"/>, or the keyword <paramref name="name"/>, or null.</summary>
    public PyValue? Arg(int i, string? name = null) =>
        i < Args.Count ? Args[i] : name is not null && Kwargs.TryGetValue(name, out var v) ? v : null;

    /// <summary>How many arguments it was given.</summary>
    public int ArgCount => Args.Count + Kwargs.Count;

    /// <summary>"d.get('a')" as the trace recorded it (each argument shortened).</summary>
    public string Signature() =>
        $"{Call.Obj}.{Op}({string.Join(", ", (Call.Args ?? []).Select(a => Shorten(a)))})";

    /// <summary>"Process-2 (pid 4242) d.get('a') -> 0 (#5..#6)" for messages.</summary>
    public override string ToString() =>
        $"{Call.Proc} (pid {Pid}) {Signature()} -> {(Observed is Outcome.Returned ? Shorten(End!.Result ?? "") : Observed.ToString())} (#{Call.Index}..{(End is null ? "no return" : "#" + End.Index)})";

    /// <summary>A value's text for a message: a trace may hold megabytes in one repr.</summary>
    public static string Shorten(string text, int length = 80) => text.Length <= length ? text : text[..(length - 3)] + "...";
}
