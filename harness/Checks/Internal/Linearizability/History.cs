using System.Text.RegularExpressions;
using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>The operations on one labelled object in a trace: each process's calls paired with the returns or raises that end them.</summary>
internal static partial class History
{
    /// <summary>
    /// The operations on <paramref name="obj"/> (only <paramref name="ops"/> when given), in call order; or why they
    /// cannot be checked against <paramref name="model"/> (an operation outside it, arguments it does not take, a
    /// return with no call).
    /// </summary>
    public static (List<LinearOperation> Operations, string? Problem) Build(Trace trace, string obj, IReadOnlyList<string>? ops, ISequentialModel model)
    {
        var operations = new List<LinearOperation>();
        // Per process and op, the calls not yet ended: a process is sequential, so its latest call of that op is the
        // one a return ends (a stack each, so a hostile trace of many unended calls costs no scan per return).
        var open = new Dictionary<(int Pid, string Op), Stack<TraceEvent>>();
        var ended = new Dictionary<int, TraceEvent>();
        foreach (var e in trace.Events)
        {
            if (e.Obj != obj || e.Ev is not ("call" or "return" or "raise") || (ops is not null && !ops.Contains(e.Op!)))
                continue;
            if (!model.Ops.Contains(e.Op!))
            {
                return ([], $"{trace.Describe(e)} is not an operation of the {model.Name} model (its operations: {string.Join(", ", model.Ops)}); " +
                    "name the operations to check in ops, or keep the others off this object");
            }
            var mine = open.TryGetValue((e.Pid, e.Op!), out var stack) ? stack : open[(e.Pid, e.Op!)] = new();
            if (e.Ev == "call")
            {
                mine.Push(e);
                continue;
            }
            if (!mine.TryPop(out var call))
                return ([], $"{trace.Describe(e)} ends no call: the trace has no call of {e.Obj}.{e.Op} by pid {e.Pid} before it");
            ended[call.Index] = e;
        }

        foreach (var call in trace.Events.Where(e => e.Obj == obj && e.Ev == "call" && (ops is null || ops.Contains(e.Op!))))
        {
            var end = ended.GetValueOrDefault(call.Index);
            var (args, kwargs) = Arguments(call.Args ?? []);
            Outcome observed = end switch
            {
                null => new Outcome.Unknown("no return"),
                { Ev: "return" } => new Outcome.Returned(PyLiteral.Parse(end.Result ?? "None")),
                _ when model.CanRaise(call.Op!, end.Error ?? "") => new Outcome.Raised(end.Error!),
                _ => new Outcome.Unknown($"raised {end.Error}, which the model never does: its effect is unknown"),
            };
            var op = new LinearOperation(call, end, args, kwargs, observed);
            if (model.CheckArgs(op) is { } problem)
                return ([], $"{trace.Describe(call)}: {problem}");
            operations.Add(op);
        }
        return (operations, null);
    }

    /// <summary>The trace writes positional arguments as reprs and keyword arguments as <c>name=repr</c>.</summary>
    private static (List<PyValue>, Dictionary<string, PyValue>) Arguments(IReadOnlyList<string> shown)
    {
        var args = new List<PyValue>();
        var kwargs = new Dictionary<string, PyValue>(StringComparer.Ordinal);
        foreach (var text in shown)
        {
            // No repr of plain data starts with a name and '=': a str is quoted, None/True/False are followed by nothing.
            if (Keyword().Match(text) is { Success: true } m)
                kwargs[m.Groups[1].Value] = PyLiteral.Parse(m.Groups[2].Value);
            else
                args.Add(PyLiteral.Parse(text));
        }
        return (args, kwargs);
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", RegexOptions.Singleline)]
    private static partial Regex Keyword();
}
