using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>
/// Wing &amp; Gong's search with Lowe's memoisation, as Porcupine's <c>checkSingle</c> does it: the call and return
/// entries of a history in real-time order form a linked list; the search repeatedly takes the first call whose
/// operation the model explains from the current state, removes it and its return from the list ("lifts" it) and
/// starts over; reaching a return means that operation cannot be placed, so it backtracks. A (linearized set, state)
/// pair seen before is not explored again. An operation that never returned has its return after everything: it may
/// be placed anywhere after its call, or not at all (the search ends once every returned operation is placed).
/// </summary>
internal sealed class LinearizabilitySearch
{
    private const int Head = 0;

    private readonly ISequentialModel _model;
    private readonly IReadOnlyList<LinearOperation> _ops;
    private readonly SearchBudget _budget;

    // Entries 1..2n: operation i's call is 2i+1, its return 2i+2; 0 is the list's head. -1 ends the list.
    private readonly int[] _next;
    private readonly int[] _prev;

    private LinearizabilitySearch(ISequentialModel model, IReadOnlyList<LinearOperation> ops, SearchBudget budget)
    {
        (_model, _ops, _budget) = (model, ops, budget);
        var entries = Enumerable.Range(0, ops.Count)
            .SelectMany(i => new[] { (Entry: 2 * i + 1, Time: ops[i].Invoked), (Entry: 2 * i + 2, Time: ReturnTime(i)) })
            .OrderBy(e => e.Time)
            .Select(e => e.Entry)
            .ToList();
        _next = new int[2 * ops.Count + 1];
        _prev = new int[2 * ops.Count + 1];
        var last = Head;
        foreach (var e in entries)
        {
            _next[last] = e;
            _prev[e] = last;
            last = e;
        }
        _next[last] = -1;
    }

    /// <summary>Searches for a linearization of <paramref name="ops"/> from <paramref name="initial"/>, within <paramref name="budget"/>.</summary>
    public static SearchResult Run(ISequentialModel model, PyValue initial, IReadOnlyList<LinearOperation> ops, SearchBudget budget) =>
        new LinearizabilitySearch(model, ops, budget).Search(initial);

    private long ReturnTime(int i) =>
        // Unknown ends are after every known one, in call order (a raise outside the model keeps no end either).
        _ops[i].Pending ? long.MaxValue / 2 + _ops[i].Invoked : _ops[i].End!.Index;

    private SearchResult Search(PyValue initial)
    {
        var state = initial;
        var linearized = new ulong[(_ops.Count + 63) / 64];
        var cache = new HashSet<Memo>();
        var calls = new Stack<(int Op, PyValue Before)>();
        var remaining = _ops.Count(o => !o.Pending);
        List<LinearOperation> longest = [];
        LinearOperation? blocked = null;
        var longestState = initial;

        var entry = _next[Head];
        while (true)
        {
            if (remaining == 0)
                return new SearchResult(SearchVerdict.Linearizable, [.. calls.Reverse().Select(c => _ops[c.Op])], null, state);
            var op = (entry - 1) / 2;
            if (entry % 2 == 1)
            {
                // A call: try to place its operation next.
                if (_budget.Exhausted)
                    return new SearchResult(SearchVerdict.Undecided, longest, null, longestState);
                _budget.Step();
                var (after, predicted) = _model.Apply(state, _ops[op]);
                if (_ops[op].Observed.ExplainedBy(predicted))
                {
                    linearized[op / 64] |= 1UL << (op % 64);
                    if (cache.Add(new Memo((ulong[])linearized.Clone(), after)))
                    {
                        _budget.Remember(linearized.Length + 2 + after.Weight);
                        calls.Push((op, state));
                        state = after;
                        Lift(entry);
                        if (!_ops[op].Pending)
                            remaining--;
                        entry = _next[Head];
                        continue;
                    }
                    linearized[op / 64] &= ~(1UL << (op % 64));
                }
                entry = _next[entry];
                continue;
            }

            // A return: its operation had to be placed by now and was not.
            if (blocked is null || calls.Count > longest.Count)
            {
                longest = [.. calls.Reverse().Select(c => _ops[c.Op])];
                blocked = _ops[op];
                longestState = state;
            }
            if (calls.Count == 0)
                return new SearchResult(SearchVerdict.NotLinearizable, longest, blocked, longestState);
            var (top, before) = calls.Pop();
            linearized[top / 64] &= ~(1UL << (top % 64));
            state = before;
            Unlift(2 * top + 1);
            if (!_ops[top].Pending)
                remaining++;
            entry = _next[2 * top + 1];
        }
    }

    private void Lift(int call)
    {
        var ret = call + 1;
        _next[_prev[call]] = _next[call];
        if (_next[call] >= 0)
            _prev[_next[call]] = _prev[call];
        _next[_prev[ret]] = _next[ret];
        if (_next[ret] >= 0)
            _prev[_next[ret]] = _prev[ret];
    }

    private void Unlift(int call)
    {
        var ret = call + 1;
        _next[_prev[ret]] = ret;
        if (_next[ret] >= 0)
            _prev[_next[ret]] = ret;
        _next[_prev[call]] = call;
        if (_next[call] >= 0)
            _prev[_next[call]] = call;
    }

    /// <summary>A memoised (linearized set, state) pair.</summary>
    private sealed class Memo(ulong[] linearized, PyValue state) : IEquatable<Memo>
    {
        private readonly int _hash = Hash(linearized, state);

        public bool Equals(Memo? other) =>
            other is not null && other._hash == _hash && other.State.Equals(State) && other.Linearized.AsSpan().SequenceEqual(Linearized);

        public override bool Equals(object? obj) => obj is Memo m && Equals(m);

        public override int GetHashCode() => _hash;

        private ulong[] Linearized { get; } = linearized;

        private PyValue State { get; } = state;

        private static int Hash(ulong[] bits, PyValue state)
        {
            var h = new HashCode();
            foreach (var b in bits)
                h.Add(b);
            h.Add(state);
            return h.ToHashCode();
        }
    }
}
