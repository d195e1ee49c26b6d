using System;
using System.Collections.Generic;
using System.Linq;

namespace Multiprocessing.Internal;

/// <summary>CPython's spawn.py: builds the child's preparation data and runs it inside the child.</summary>
internal static class ChildBootstrap
{
    public static byte[] BuildPayload(Process p, List<int> fds)
    {
        var tracker = ResourceTracker.EnsureRunning();
        var w = new PickleWriter(fds);
        w.WriteInt(tracker);
        fds.Add(tracker);
        var allowed = Pickler.AllowedList.ToList();
        w.WriteInt(allowed.Count);
        foreach (var t in allowed) w.WriteTypeName(t);
        p.WriteSpawnState(w);
        return w.ToArray();
    }

    /// <summary>Runs in the child before Main (from the startup hook); never returns.</summary>
    public static void Main(string role)
    {
        byte[] payload;
        try
        {
            payload = Spawner.ReadPayload();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"multiprocessing child #{Environment.ProcessId}: cannot read bootstrap data: {e.Message}");
            Environment.Exit(1);
            return;
        }
        if (role == "tracker") Environment.Exit(ResourceTracker.Main(payload));
        Environment.Exit(RunProcess(payload));
    }

    private static int RunProcess(byte[] payload)
    {
        Process proc;
        try
        {
            var r = new PickleReader(payload, spawning: true);
            ResourceTracker.Inherit(r.ReadInt());
            var n = r.ReadInt();
            for (var i = 0; i < n; i++)
            {
                try
                {
                    Pickler.Allow(r.ReadTypeName());
                }
                catch (PicklingError)
                {
                    // A type the child cannot load is simply not allowed here.
                }
            }
            proc = Process.ReadSpawnState(r);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Process #{Environment.ProcessId}: cannot unpickle the process object:");
            Console.Error.WriteLine(e);
            Console.Error.Flush();
            return 1;
        }

        Mp.SetCurrent(proc);
        ExitHooks.EnsureInstalled();
        int code;
        Exception? failure = null;
        try
        {
            try
            {
                proc.Run();
                code = 0;
            }
            finally
            {
                ExitHooks.Run();
            }
        }
        catch (SystemExit se)
        {
            code = se.Code switch
            {
                null => 0,
                int i => i & 0xff,
                bool b => b ? 1 : 0,
                _ => -1,
            };
            if (code == -1)
            {
                Console.Error.WriteLine(Python.PyRepr.Str(se.Code)); // CPython: str(code), e.g. [1, 2]
                code = 1;
            }
        }
        catch (Exception e)
        {
            failure = e;
            code = 1;
        }
        if (failure is not null)
        {
            // CPython's _bootstrap: "Process <current name>:", then the traceback, whose last line is "Type: message".
            Console.Error.WriteLine($"Process {proc.Name}:");
            Console.Error.Write(RemoteExceptions.FormatException(failure));
        }
        Console.Out.Flush();
        Console.Error.Flush();
        return code;
    }
}
