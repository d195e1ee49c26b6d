namespace Multiprocessing.Internal.Managers;

/// <summary>A global the wire reader found on its allow-list (a class or function named by GLOBAL/STACK_GLOBAL); never imported, only matched by name.</summary>
internal sealed record WireGlobal(string Module, string Name)
{
    public override string ToString() => Module + "." + Name;
}
