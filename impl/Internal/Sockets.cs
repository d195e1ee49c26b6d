using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Multiprocessing.Internal;

/// <summary>
/// BSD sockets by P/Invoke to libc (Linux), so that a Connection owns a plain fd exactly like CPython's
/// <c>socket.detach()</c>: readable by read(2), inheritable by a spawned child, closed by close(2).
/// </summary>
internal static unsafe class Sockets
{
    private const string Lib = "libc";
    public const int AF_UNIX = 1, AF_INET = 2, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000, SOL_SOCKET = 1, SO_REUSEADDR = 2;
    private const int SunPathLength = 108;

    [DllImport(Lib, SetLastError = true)]
    private static extern int socket(int domain, int type, int protocol);

    [DllImport(Lib, SetLastError = true)]
    private static extern int socketpair(int domain, int type, int protocol, int* sv);

    [DllImport(Lib, SetLastError = true)]
    private static extern int bind(int fd, byte* addr, uint len);

    [DllImport(Lib, SetLastError = true)]
    private static extern int listen(int fd, int backlog);

    [DllImport(Lib, SetLastError = true)]
    private static extern int accept4(int fd, byte* addr, uint* len, int flags);

    [DllImport(Lib, SetLastError = true)]
    private static extern int connect(int fd, byte* addr, uint len);

    [DllImport(Lib, SetLastError = true)]
    private static extern int getsockname(int fd, byte* addr, uint* len);

    [DllImport(Lib, SetLastError = true)]
    private static extern int setsockopt(int fd, int level, int name, int* value, uint len);

    /// <summary>CPython's <c>socket.socketpair()</c> (AF_UNIX, SOCK_STREAM), both ends close-on-exec.</summary>
    public static (int, int) SocketPair()
    {
        int* sv = stackalloc int[2];
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) throw Fail("socketpair");
        return (sv[0], sv[1]);
    }

    /// <summary>A bound, listening socket (SO_REUSEADDR, as CPython's SocketListener on POSIX); returns the fd.</summary>
    public static int Listen(int family, object address, int backlog)
    {
        var fd = NewSocket(family);
        try
        {
            var one = 1;
            if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(int)) != 0) throw Fail("setsockopt");
            var sa = Encode(family, address);
            fixed (byte* p = sa)
            {
                if (bind(fd, p, (uint)sa.Length) != 0) throw Fail($"bind to {Describe(address)}");
            }
            if (listen(fd, backlog) != 0) throw Fail("listen");
            return fd;
        }
        catch
        {
            Libc.close(fd);
            throw;
        }
    }

    /// <summary>accept(2), retrying on EINTR; the new fd is close-on-exec.</summary>
    public static (int Fd, object? Peer) Accept(int listenFd, int family)
    {
        var buf = new byte[128];
        while (true)
        {
            uint len = (uint)buf.Length;
            int fd;
            fixed (byte* p = buf) fd = accept4(listenFd, p, &len, SOCK_CLOEXEC);
            if (fd >= 0) return (fd, Decode(family, buf, (int)len));
            if (Libc.Errno != Libc.EINTR) throw Fail("accept");
        }
    }

    /// <summary>SO_RCVTIMEO and SO_SNDTIMEO on a socket (0: none): a blocked read or write then fails with EAGAIN instead of waiting for ever.</summary>
    public static void SetTimeouts(int fd, double seconds)
    {
        var tv = stackalloc long[2];
        tv[0] = (long)seconds;
        tv[1] = (long)((seconds - Math.Floor(seconds)) * 1_000_000);
        setsockopt(fd, SOL_SOCKET, 20, (int*)tv, 16); // SO_RCVTIMEO
        setsockopt(fd, SOL_SOCKET, 21, (int*)tv, 16); // SO_SNDTIMEO
    }

    /// <summary>A connected socket fd (CPython's SocketClient).</summary>
    public static int Connect(int family, object address)
    {
        var fd = NewSocket(family);
        var sa = Encode(family, address);
        fixed (byte* p = sa)
        {
            if (connect(fd, p, (uint)sa.Length) != 0)
            {
                var e = Libc.Errno;
                Libc.close(fd);
                throw new OSError(e, $"{Libc.StrError(e)}: cannot connect to {Describe(address)}; is a Listener bound there?");
            }
        }
        return fd;
    }

    /// <summary>getsockname(2) as CPython's address: the path, or (host, port).</summary>
    public static object SockName(int fd, int family)
    {
        var buf = new byte[128];
        uint len = (uint)buf.Length;
        fixed (byte* p = buf)
        {
            if (getsockname(fd, p, &len) != 0) throw Fail("getsockname");
        }
        return Decode(family, buf, (int)len) ?? "";
    }

    private static int NewSocket(int family)
    {
        var fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) throw Fail("socket");
        return fd;
    }

    private static byte[] Encode(int family, object address)
    {
        if (family == AF_UNIX)
        {
            var path = Encoding.UTF8.GetBytes((string)address);
            if (path.Length >= SunPathLength) throw new OSError("AF_UNIX path too long");
            var sa = new byte[2 + path.Length + 1];
            BinaryPrimitives.WriteUInt16LittleEndian(sa, AF_UNIX);
            path.CopyTo(sa, 2);
            return sa;
        }
        var (host, port) = ((string, int))address;
        if (port is < 0 or > 65535) throw new OverflowException("bind(): port must be 0-65535.");
        var ip = Resolve(host);
        var inet = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(inet, AF_INET);
        BinaryPrimitives.WriteUInt16BigEndian(inet.AsSpan(2), (ushort)port);
        ip.GetAddressBytes().CopyTo(inet, 4);
        return inet;
    }

    private static IPAddress Resolve(string host)
    {
        if (host.Length == 0) return IPAddress.Any;
        if (host == "localhost") return IPAddress.Loopback;
        if (IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork) return ip;
        foreach (var a in Dns.GetHostAddresses(host))
        {
            if (a.AddressFamily == AddressFamily.InterNetwork) return a;
        }
        throw new OSError(-2, $"Name or service not known: no IPv4 address for host '{host}'");
    }

    private static object? Decode(int family, byte[] sa, int len)
    {
        if (family == AF_UNIX)
        {
            if (len <= 2) return "";
            var path = sa.AsSpan(2, len - 2);
            var nul = path.IndexOf((byte)0);
            return Encoding.UTF8.GetString(nul >= 0 ? path[..nul] : path);
        }
        if (len < 8) return null;
        var port = BinaryPrimitives.ReadUInt16BigEndian(sa.AsSpan(2));
        return (new IPAddress(sa.AsSpan(4, 4)).ToString(), (int)port);
    }

    public static string Describe(object address) => address switch
    {
        string s => $"'{s}'",
        ValueTuple<string, int> t => $"('{t.Item1}', {t.Item2})",
        _ => address.ToString() ?? "",
    };

    private static OSError Fail(string what)
    {
        var e = Libc.Errno;
        return new OSError(e, $"{Libc.StrError(e)}: {what} failed in {Mp.Describe()}");
    }
}
