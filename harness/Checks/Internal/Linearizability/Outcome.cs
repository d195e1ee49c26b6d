using Conformance.Harness.Scenarios;

namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>How an operation ended, as the trace recorded it or as a sequential model predicts it.</summary>
internal abstract record Outcome
{
    /// <summary>It returned <see cref="Value"/>.</summary>
    public sealed record Returned(PyValue Value) : Outcome
    {
        /// <inheritdoc />
        public override string ToString() => Value.Repr();
    }

    /// <summary>It raised an exception of type <see cref="Error"/> (a <c>__name__</c>).</summary>
    public sealed record Raised(string Error) : Outcome
    {
        /// <inheritdoc />
        public override string ToString() => $"raised {Error}";
    }

    /// <summary>
    /// Nothing is known: the call never returned (its process crashed, or the trace ended first) or it raised an
    /// error the model never does (a lost connection). It may have taken effect or not (Porcupine's treatment).
    /// </summary>
    public sealed record Unknown(string Why) : Outcome
    {
        /// <inheritdoc />
        public override string ToString() => Why;
    }

    /// <summary>Whether an operation that ended so is explained by a model that predicts <paramref name="predicted"/>.</summary>
    public bool ExplainedBy(Outcome predicted) => this switch
    {
        Unknown => true,
        Returned r => predicted is Returned p && p.Value.Equals(r.Value),
        Raised e => predicted is Raised p && p.Error == e.Error,
        _ => false,
    };
}
