using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Multiprocessing.Internal;

/// <summary>
/// Starts a new OS process spawn-style with posix_spawn (never fork of the .NET process): by default it re-runs this
/// process's own command line (/proc/self/cmdline) with a startup hook that runs the child's bootstrap before Main.
/// </summary>
internal static unsafe class Spawner
{
    public const string RoleVariable = "CONFORMANCE_MP_ROLE";
    public const string OriginalHooksVariable = "CONFORMANCE_MP_ORIGINAL_HOOKS";
    private const string HooksVariable = "DOTNET_STARTUP_HOOKS";

    private static string? s_executable;
    private static string[]? s_arguments;

    /// <summary>CPython's <c>set_executable</c>: a .NET program whose startup hooks run the child.</summary>
    public static void SetExecutable(string? path, string[] args)
    {
        s_executable = path;
        s_arguments = path is null ? null : args;
    }

    /// <summary>The executable and argv used for children.</summary>
    public static (string Path, string[] Argv) Command()
    {
        if (s_executable is not null) return (s_executable, [s_executable, .. s_arguments!]);
        var exe = Environment.ProcessPath ?? throw new ProcessError(
            $"cannot find this program's executable to start a child from {Mp.Describe()}; call Mp.SetExecutable(path) first");
        var raw = File.ReadAllBytes("/proc/self/cmdline");
        var argv = Encoding.UTF8.GetString(raw).TrimEnd('\0').Split('\0');
        return (exe, argv);
    }

    /// <summary>Spawns a child in <paramref name="role"/>, feeds it <paramref name="payload"/> on fd 0 and passes <paramref name="passFds"/>.</summary>
    public static int Spawn(string role, ReadOnlySpan<byte> payload, IReadOnlyCollection<int> passFds)
    {
        EnsureStartupHooks();
        var (path, argv) = Command();
        var env = new List<string>();
        string? originalHooks = null;
        foreach (System.Collections.DictionaryEntry kv in Environment.GetEnvironmentVariables())
        {
            var key = (string)kv.Key;
            if (key is RoleVariable or OriginalHooksVariable) continue;
            if (key == HooksVariable)
            {
                originalHooks = (string?)kv.Value;
                continue;
            }
            env.Add($"{key}={kv.Value}");
        }
        var hook = typeof(Spawner).Assembly.Location;
        env.Add($"{HooksVariable}={(string.IsNullOrEmpty(originalHooks) ? hook : hook + ":" + originalHooks)}");
        if (!string.IsNullOrEmpty(originalHooks)) env.Add($"{OriginalHooksVariable}={originalHooks}");
        env.Add($"{RoleVariable}={role}");

        var (readFd, writeFd) = Libc.Pipe();
        var fa = Marshal.AllocHGlobal(256);
        var allocated = new List<IntPtr>();
        try
        {
            Libc.posix_spawn_file_actions_init(fa);
            Libc.posix_spawn_file_actions_adddup2(fa, readFd, 0);
            foreach (var fd in passFds) Libc.posix_spawn_file_actions_adddup2(fa, fd, fd);

            var argvPtr = stackalloc IntPtr[argv.Length + 1];
            for (var i = 0; i < argv.Length; i++) allocated.Add(argvPtr[i] = Marshal.StringToCoTaskMemUTF8(argv[i]));
            argvPtr[argv.Length] = IntPtr.Zero;
            var envPtr = (IntPtr*)Marshal.AllocHGlobal(IntPtr.Size * (env.Count + 1));
            allocated.Add((IntPtr)envPtr);
            for (var i = 0; i < env.Count; i++) allocated.Add(envPtr[i] = Marshal.StringToCoTaskMemUTF8(env[i]));
            envPtr[env.Count] = IntPtr.Zero;

            var rc = Libc.posix_spawn(out var pid, path, fa, IntPtr.Zero, argvPtr, envPtr);
            if (rc != 0)
                throw new OSError(rc, $"{Libc.StrError(rc)}: posix_spawn of '{path}' failed in {Mp.Describe()}; check Mp.SetExecutable");
            Libc.close(readFd);
            readFd = -1;
            Span<byte> len = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(len, payload.Length);
            try
            {
                Libc.WriteAll(writeFd, len);
                Libc.WriteAll(writeFd, payload);
            }
            catch (OSError)
            {
                // The child died before reading its data; its exit code tells the story.
            }
            return pid;
        }
        finally
        {
            Libc.posix_spawn_file_actions_destroy(fa);
            Marshal.FreeHGlobal(fa);
            FreeAll(allocated, argv.Length);
            if (readFd >= 0) Libc.close(readFd);
            Libc.close(writeFd);
        }
    }

    private static void FreeAll(List<IntPtr> allocated, int argc)
    {
        // argv strings first, then the env array (AllocHGlobal), then env strings (CoTaskMem).
        for (var i = 0; i < allocated.Count; i++)
        {
            if (i == argc) Marshal.FreeHGlobal(allocated[i]);
            else Marshal.FreeCoTaskMem(allocated[i]);
        }
    }

    /// <summary>
    /// Refuses to spawn where the runtime will not run the child's startup hook: the child would then run the
    /// parent's Main again (and spawn again) instead of its target, a hang or a process storm rather than an error.
    /// </summary>
    public static void EnsureStartupHooks()
    {
        string? why = null;
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
            why = "this program is compiled ahead of time (NativeAOT), where the runtime runs no startup hooks";
        else if (AppContext.TryGetSwitch("System.StartupHookProvider.IsSupported", out var supported) && !supported)
            why = "startup hooks are disabled in this program (System.StartupHookProvider.IsSupported is false: "
                + "PublishTrimmed or <StartupHookSupport>false</StartupHookSupport>)";
        else if (string.IsNullOrEmpty(typeof(Spawner).Assembly.Location))
            why = "Conformance.Multiprocessing.dll has no file of its own (a single-file bundle), so it cannot be a startup hook";
        if (why is null) return;
        throw new ProcessError(
            $"cannot start a child process from {Mp.Describe()}: {why}, and a child is this program re-run with "
            + "Conformance.Multiprocessing.dll as its startup hook; publish without PublishAot, PublishTrimmed and "
            + "PublishSingleFile (or set <StartupHookSupport>true</StartupHookSupport>)");
    }

    /// <summary>Reads the length-prefixed payload from fd 0 and puts /dev/null on fd 0, like CPython's spawn_main.</summary>
    public static byte[] ReadPayload()
    {
        Span<byte> len = stackalloc byte[4];
        if (!Libc.ReadExact(0, len)) throw new EndOfStreamException("parent sent no bootstrap data on stdin");
        var data = new byte[System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(len)];
        if (data.Length > 0 && !Libc.ReadExact(0, data)) throw new EndOfStreamException("bootstrap data truncated");
        var devnull = Libc.open("/dev/null", Libc.O_RDONLY);
        if (devnull >= 0)
        {
            Libc.dup2(devnull, 0);
            Libc.close(devnull);
        }
        return data;
    }
}
