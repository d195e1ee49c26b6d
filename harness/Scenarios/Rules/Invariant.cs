namespace Conformance.Harness.Scenarios;

/// <summary>
/// One of a scenario's <c>invariants</c>, parsed once at validation into the record of its kind (docs/scenario-authors.md,
/// "Invariants"); <c>Checks.InvariantChecker</c> checks each against a run's trace.
/// </summary>
/// <param name="Name">The kebab-case name.</param>
public abstract record Invariant(string Name)
{
    /// <summary>The kind as written in the scenario: <c>before</c>, <c>count</c>, …</summary>
    public abstract string Kind { get; }
}

/// <summary><c>before: {first, then, quantifier}</c>: every <c>then</c> event comes after all (<see cref="All"/>) or any <c>first</c> events.</summary>
public sealed record BeforeInvariant(string Name, EventSelector First, EventSelector Then, bool All) : Invariant(Name)
{
    /// <inheritdoc />
    public override string Kind => "before";
}

/// <summary><c>program_order: [SEL, ...]</c>: within each process, events of an earlier selector precede those of a later one.</summary>
public sealed record ProgramOrderInvariant(string Name, IReadOnlyList<EventSelector> Steps) : Invariant(Name)
{
    /// <inheritdoc />
    public override string Kind => "program_order";
}

/// <summary>
/// <c>mutual_exclusion: {enter, exit}</c> (<see cref="Limit"/> 1, <see cref="Exclusive"/>) and
/// <c>max_concurrent: {enter, exit, n, reached}</c>: how many processes are between their enter and exit at once.
/// </summary>
public sealed record ConcurrencyInvariant(string Name, EventSelector Enter, EventSelector Exit, int Limit, bool Reached, bool Exclusive) : Invariant(Name)
{
    /// <inheritdoc />
    public override string Kind => Exclusive ? "mutual_exclusion" : "max_concurrent";
}

/// <summary>How a <c>count</c> bound compares.</summary>
public enum CountRelation
{
    /// <summary><c>equals</c></summary>
    Equals,

    /// <summary><c>at_least</c></summary>
    AtLeast,

    /// <summary><c>at_most</c></summary>
    AtMost,
}

/// <summary>One bound of a <c>count</c> invariant.</summary>
public sealed record CountBound(CountRelation Relation, ValueExpression Value);

/// <summary><c>count: {of, equals | at_least | at_most, per_process}</c>: how many events match (in each process with <paramref name="PerProcess"/>).</summary>
public sealed record CountInvariant(string Name, EventSelector Of, IReadOnlyList<CountBound> Bounds, bool PerProcess = false) : Invariant(Name)
{
    /// <inheritdoc />
    public override string Kind => "count";
}

/// <summary>The values of an <c>exactly_once</c>: literals compared as text, or Python's <c>range(start, stop)</c>.</summary>
public abstract record ExpectedValues
{
    /// <summary>A list of literals, as text (numbers as JSON writes them).</summary>
    public sealed record Listed(IReadOnlyList<string> Values) : ExpectedValues;

    /// <summary><c>{range: [stop]}</c> (<see cref="Start"/> null) or <c>{range: [start, stop]}</c>.</summary>
    public sealed record Range(ValueExpression? Start, ValueExpression Stop) : ExpectedValues;
}

/// <summary><c>exactly_once: {of, capture, values}</c>: a capture group of the matching prints takes each value exactly once.</summary>
/// <param name="Name">The invariant's name.</param>
/// <param name="Of">The selector; its <see cref="EventSelector.Text"/> is the regex captured from.</param>
/// <param name="Group">The group, a number or a name (default <c>1</c>).</param>
/// <param name="Values">The expected values.</param>
public sealed record ExactlyOnceInvariant(string Name, EventSelector Of, string Group, ExpectedValues Values) : Invariant(Name)
{
    /// <inheritdoc />
    public override string Kind => "exactly_once";
}

/// <summary>
/// <c>min_elapsed: {from, to, seconds}</c> and <c>max_elapsed</c> (<see cref="AtMost"/>): in each process, from each
/// <c>from</c> event to its next <c>to</c> event at least (at most) <see cref="Seconds"/> pass; at least one pair.
/// </summary>
public sealed record ElapsedInvariant(string Name, EventSelector From, EventSelector To, double Seconds, bool AtMost) : Invariant(Name)
{
    /// <inheritdoc />
    public override string Kind => AtMost ? "max_elapsed" : "min_elapsed";
}

/// <summary>
/// <c>linearizable: {obj, model, initial, ops}</c>: the call/return pairs on the object labelled <see cref="Obj"/>
/// have a sequential order, respecting real-time order, that the sequential <see cref="Model"/> explains.
/// </summary>
/// <param name="Name">The invariant's name.</param>
/// <param name="Obj">The label of the shared object.</param>
/// <param name="Model">dict, list, namespace or register.</param>
/// <param name="Initial">The model's initial state (parsed from its repr), or null for the model's default.</param>
/// <param name="Ops">Only these operations are in the history, or null for every operation on the object.</param>
public sealed record LinearizableInvariant(string Name, string Obj, string Model, PyValue? Initial, IReadOnlyList<string>? Ops) : Invariant(Name)
{
    /// <inheritdoc />
    public override string Kind => "linearizable";
}
