namespace Multiprocessing.Internal;

/// <summary>
/// A pickle global (<c>module.name</c>, CPython's GLOBAL/STACK_GLOBAL): what <see cref="PyPickleWriter"/> writes for a
/// class or function a reduction names, and what <see cref="PyPickleReader"/> pushes for a global an
/// <see cref="IPickleGlobals"/> allow-list accepted; never imported, only matched by name.
/// </summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => Module + "." + Name;
}
