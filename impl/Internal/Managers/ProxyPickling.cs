using System.Collections.Generic;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// A proxy in impl's own pickle (a Process argument, a Queue item): CPython's <c>BaseProxy.__reduce__</c> and
/// <c>RebuildProxy</c>. The authkey travels only while spawning a child; a proxy read while spawning does not incref
/// (CPython's <c>_inheriting</c>), any other one increfs and uses the current process's authkey.
/// </summary>
internal static class ProxyPickling
{
    public static void Write(PickleWriter w, BaseProxy proxy)
    {
        w.WriteCode(PickleCodes.VProxy);
        w.WriteString(proxy.IsAuto ? "AutoProxy" : proxy.ProxyTypeName);
        w.WriteString(proxy.Token.Typeid);
        switch (proxy.Token.Address)
        {
            case PyTuple { Items: [string host, long port] }:
                w.WriteBool(true);
                w.WriteString(host);
                w.WriteInt((int)port);
                break;
            default:
                w.WriteBool(false);
                w.WriteString((string)proxy.Token.Address);
                break;
        }
        w.WriteString(proxy.Token.Id);
        w.WriteInt(proxy.Exposed.Count);
        foreach (var e in proxy.Exposed) w.WriteString(e);
        var spawning = w.SpawnFds is not null;
        w.WriteBool(spawning);
        if (spawning) w.WriteValue(proxy.AuthKey);
    }

    public static object Read(PickleReader r)
    {
        var proxyType = r.ReadString();
        var typeid = r.ReadString();
        object address = r.ReadBool() ? new PyTuple(new object?[] { r.ReadString(), (long)r.ReadInt() }) : r.ReadString();
        var id = r.ReadString();
        var n = r.ReadInt();
        var exposed = new List<string>(n);
        for (var i = 0; i < n; i++) exposed.Add(r.ReadString());
        var withKey = r.ReadBool();
        var authkey = withKey ? (byte[])r.ReadValue()! : Mp.CurrentProcess().AuthKey;
        return Proxies.Create(proxyType, new Token(typeid, address, id), authkey, exposed, incref: !r.Spawning, managerOwned: false);
    }
}
