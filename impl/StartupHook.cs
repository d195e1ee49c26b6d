using System;
using Multiprocessing.Internal;

#pragma warning disable CA1050 // The runtime requires the startup hook type in the global namespace.

/// <summary>
/// The .NET startup hook (DOTNET_STARTUP_HOOKS) that turns a re-run of the parent's program into a multiprocessing
/// child before Main runs — the analogue of CPython's <c>spawn_main</c>. It does nothing unless the role variable is set.
/// </summary>
internal static class StartupHook
{
    /// <summary>Called by the runtime before Main.</summary>
    public static void Initialize()
    {
        var role = Environment.GetEnvironmentVariable(Spawner.RoleVariable);
        if (string.IsNullOrEmpty(role)) return;
        Environment.SetEnvironmentVariable(Spawner.RoleVariable, null);
        Environment.SetEnvironmentVariable("DOTNET_STARTUP_HOOKS", Environment.GetEnvironmentVariable(Spawner.OriginalHooksVariable));
        Environment.SetEnvironmentVariable(Spawner.OriginalHooksVariable, null);
        ChildBootstrap.Main(role);
    }
}
