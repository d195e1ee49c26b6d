namespace Conformance.Harness.Checks;

/// <summary>One line of a trace (see docs/backend-authors.md, "The trace").</summary>
/// <param name="Index">0-based position of the event in the file.</param>
/// <param name="T">Monotonic time in nanoseconds.</param>
/// <param name="Pid">OS process id.</param>
/// <param name="Proc">The process name at the time of the event.</param>
/// <param name="Ev">Event kind: meta, print, call, return, raise, begin, end, crash, task_begin, task_end.</param>
/// <param name="Obj">The traced object's label (call, return, raise).</param>
/// <param name="Type">The traced object's type name (call, return, raise).</param>
/// <param name="Op">The method name (call, return, raise).</param>
/// <param name="Args">The call's arguments as reprs (call).</param>
/// <param name="Result">The repr of the returned value (return).</param>
/// <param name="Text">The exact text written (print).</param>
/// <param name="Error">The exception class name (raise, crash).</param>
/// <param name="Message">The exception message (raise, crash).</param>
/// <param name="Backend">The backend name (meta).</param>
/// <param name="CpuCount">The machine's cpu count (meta).</param>
/// <param name="Fn">The pool function's name (task_begin, task_end; Args are its arguments' reprs).</param>
/// <param name="Chunk">CPython's task index of the chunk the call belongs to (task_begin, task_end).</param>
public sealed record TraceEvent(
    int Index,
    long T,
    int Pid,
    string Proc,
    string Ev,
    string? Obj = null,
    string? Type = null,
    string? Op = null,
    IReadOnlyList<string>? Args = null,
    string? Result = null,
    string? Text = null,
    string? Error = null,
    string? Message = null,
    string? Backend = null,
    int? CpuCount = null,
    string? Fn = null,
    long? Chunk = null);
