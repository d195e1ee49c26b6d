using System;

namespace Multiprocessing.Python;

/// <summary>
/// A document asked for something outside the scenario language (conformance_runner.py's <c>ScenarioViolation</c>,
/// a BaseException there): no <c>except</c> clause of a scenario catches it (<see cref="PyErrors.Matches"/>). The value
/// model raises it for what it has no model of (a complex result of <c>**</c>); the interpreter for refused names.
/// </summary>
public sealed class ScenarioViolation : Exception
{
    private const string Rules = "(see docs/scenario-authors.md, \"What a scenario can and cannot do\")";

    /// <summary>The name <paramref name="name"/>, used as a <paramref name="what"/> (attribute, method), is refused.</summary>
    public ScenarioViolation(string what, string name)
        : base($"{what} '{name}' is not part of the scenario language {Rules}")
    {
    }

    /// <summary>A value the language has no model of (<paramref name="what"/> ends "..., which"), e.g. a complex result of <c>**</c>.</summary>
    public ScenarioViolation(string what)
        : base($"{what} is not part of the scenario language {Rules}")
    {
    }

    /// <summary>Calling a class that a scenario reached through <c>__class__</c> is refused.</summary>
    public ScenarioViolation(PyType type)
        : base($"calling {type.PyRepr()}, a class reached through __class__, is not part of the scenario language {Rules}")
    {
    }
}
