using Multiprocessing;

namespace Conformance.Impl.Tests.Connections;

/// <summary>Child-process targets for the Connection tests (a Connection crosses into the child by inheritance).</summary>
public static class ConnectionTargets
{
    /// <summary>Answers each int with its double until it receives null.</summary>
    public static void EchoDoubled(Connection c)
    {
        while (c.Recv() is int x) c.Send(x * 2);
        c.Close();
    }

    /// <summary>Sends one string on a write-only end and exits.</summary>
    public static void SendOne(Connection w) => w.Send("from child");

    /// <summary>Sends the child's current_process().authkey.</summary>
    public static void SendAuthKey(Connection w) => w.SendBytes(Mp.CurrentProcess().AuthKey);

    /// <summary>Exits once anything arrives.</summary>
    public static void ExitOnMessage(Connection r) => r.Recv();
}
