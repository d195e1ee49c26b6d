namespace Conformance.Tests.Fuzz;

/// <summary>One mutated input: which mutation made it from which source file, and the bytes that resulted.</summary>
/// <param name="Case">The case number: with the run's seed it regenerates exactly this mutant.</param>
/// <param name="Kind">The mutation's name, one of <see cref="Mutator.Kinds"/>.</param>
/// <param name="Source">The file it was made from.</param>
/// <param name="Detail">What was done, for a failure message (offsets, values).</param>
/// <param name="Bytes">The mutated file.</param>
internal sealed record Mutant(int Case, string Kind, string Source, string Detail, byte[] Bytes)
{
    public override string ToString() => $"case {Case}: {Kind} of {Source} ({Detail}), {Bytes.Length} bytes";
}
