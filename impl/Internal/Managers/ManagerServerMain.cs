using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Multiprocessing.Python;

namespace Multiprocessing.Internal.Managers;

/// <summary>
/// The static target of a manager's server process (CPython's <c>BaseManager._run_server</c>): rebuilds the registry,
/// binds the server, reports its address back through the pipe, serves until <c>shutdown</c>.
/// </summary>
internal static class ManagerServerMain
{
    /// <summary>The server process's body; <paramref name="registry"/> as <see cref="Encode"/> wrote it.</summary>
    public static void Run(string[][] registry, object?[] address, byte[] authkey, Connection writer)
    {
        ServerCore server;
        try
        {
            server = new ServerCore(Decode(registry), AddressOf(address), authkey);
        }
        catch (Exception e)
        {
            writer.Send(new object?[] { "#ERROR", PyErrors.Name(e) + ": " + PyErrors.Str(e) });
            writer.Close();
            throw;
        }
        writer.Send(AddressArray(server.Address));
        writer.Close();
        server.ServeForever();
    }

    public static object AddressOf(object?[] a) => a is [string host, int port] ? new PyTuple(new object?[] { host, (long)port }) : (string)a[0]!;

    public static object?[] AddressArray(object address) =>
        address is PyTuple { Items: [string host, long port] } ? [host, (int)port] : [(string)address];

    /// <summary>The registry as strings: typeid, callable's type and method (or empty), proxy type, exposed, method_to_typeid.</summary>
    public static string[][] Encode(IEnumerable<RegistryEntry> entries, IReadOnlyDictionary<string, Delegate> callables) =>
        entries.Select(e =>
        {
            var (type, method) = callables.TryGetValue(e.Typeid, out var d) ? (d.Method.DeclaringType!.AssemblyQualifiedName!, d.Method.Name) : ("", "");
            return new[]
            {
                e.Typeid, type, method, e.ProxyType, e.Exposed is null ? "\0" : string.Join("\n", e.Exposed),
                e.MethodToTypeid is null ? "" : string.Join("\n", e.MethodToTypeid.Select(kv => kv.Key + "=" + kv.Value)),
                e.CreateMethod ? "1" : "0",
            };
        }).ToArray();

    public static List<RegistryEntry> Decode(string[][] rows) => rows.Select(r =>
    {
        Func<IReadOnlyList<object?>, PyDict, object?>? callable = null;
        if (r[1].Length > 0)
        {
            var type = Type.GetType(r[1], throwOnError: true)!;
            var m = type.GetMethod(r[2], BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(object?[])])
                    ?? throw new PicklingError($"manager callable {type.FullName}.{r[2]}(object?[]) not found in {Mp.Describe()}");
            callable = (args, _) => m.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [args.ToArray()], null);
        }
        IReadOnlyList<string>? exposed = r[4] == "\0" ? null : r[4].Length == 0 ? [] : r[4].Split('\n');
        IReadOnlyDictionary<string, string>? map = r[5].Length == 0 ? null : r[5].Split('\n').Select(x => x.Split('=', 2)).ToDictionary(x => x[0], x => x[1]);
        return new RegistryEntry(r[0], callable, exposed, map, r[3], r[6] == "1");
    }).ToList();
}
