namespace Conformance.Harness.Snapshots.Internal;

/// <summary>One step of a line diff: keep, delete (from expected) or insert (from actual).</summary>
/// <param name="Kind">' ' keep, '-' delete, '+' insert: the unified diff prefix.</param>
/// <param name="Old">0-based index in the expected lines before this step.</param>
/// <param name="New">0-based index in the actual lines before this step.</param>
/// <param name="Line">The line, including its "\n" unless it is a last line without one.</param>
internal readonly record struct DiffOp(char Kind, int Old, int New, string Line);
