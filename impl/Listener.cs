using System;
using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.connection.Listener</c>: a bound, listening AF_UNIX or AF_INET socket whose
/// <see cref="Accept"/> returns a <see cref="Connection"/>, after the authkey challenge in both directions when an
/// authkey was given.
/// </summary>
public sealed class Listener : IDisposable
{
    private readonly int _family;
    private readonly byte[]? _authkey;
    private readonly string? _unlinkPath;
    private int _fd;

    /// <summary>
    /// CPython's <c>Listener(address=None, family=None, backlog=1, authkey=None)</c> for a path (AF_UNIX, the default;
    /// without an address a new <c>/tmp/pymp-xxxxxxxx/listener-xxxxxxxx</c>) or, with <paramref name="family"/>
    /// <c>"AF_INET"</c> and no address, <c>('localhost', 0)</c>.
    /// </summary>
    public Listener(string? address = null, string? family = null, int backlog = 1, byte[]? authkey = null)
        : this((object?)address, family ?? "AF_UNIX", backlog, authkey)
    {
    }

    /// <summary>CPython's <c>Listener((host, port), ...)</c> over TCP; port 0 picks a free port (see <see cref="Address"/>).</summary>
    public Listener((string Host, int Port) address, int backlog = 1, byte[]? authkey = null)
        : this(address, "AF_INET", backlog, authkey)
    {
    }

    private Listener(object? address, string family, int backlog, byte[]? authkey)
    {
        _family = FamilyCode(family);
        if (_family == Sockets.AF_INET && address is string)
            throw new ValueError("AF_INET address must be tuple, not str: pass (host, port) to Listener((string, int))");
        address ??= _family == Sockets.AF_UNIX ? TempDir.ArbitraryAddress() : ("localhost", 0);
        _fd = Sockets.Listen(_family, address, backlog);
        Address = Sockets.SockName(_fd, _family);
        if (_family == Sockets.AF_UNIX && address is string path && path.Length > 0 && path[0] != '\0')
        {
            _unlinkPath = path;
            TempDir.UnlinkAtExit(path);
        }
        _authkey = authkey;
    }

    /// <summary>CPython's <c>address</c>: the bound path, or <c>(host, port)</c> as a <c>(string, int)</c> tuple.</summary>
    public object Address { get; }

    /// <summary>CPython's <c>last_accepted</c>: the peer address of the last accepted connection ('' for an unnamed AF_UNIX peer).</summary>
    public object? LastAccepted { get; private set; }

    /// <summary>CPython's <c>accept()</c>: blocks for a client; with a non-empty authkey delivers then answers the challenge.</summary>
    public Connection Accept()
    {
        if (_fd < 0) throw new OSError("listener is closed");
        var (fd, peer) = Sockets.Accept(_fd, _family);
        LastAccepted = peer;
        var c = new Connection(fd);
        if (_authkey is { Length: > 0 })
        {
            try
            {
                Handshake.Deliver(c, _authkey);
                Handshake.Answer(c, _authkey);
            }
            catch
            {
                c.Close();
                throw;
            }
        }
        return c;
    }

    /// <summary>CPython's <c>close()</c>: closes the socket and unlinks an AF_UNIX path; a second call does nothing.</summary>
    public void Close()
    {
        var fd = _fd;
        if (fd < 0) return;
        _fd = -1;
        Libc.close(fd);
        if (_unlinkPath is not null) TempDir.Unlink(_unlinkPath);
    }

    /// <summary>CPython's <c>with listener:</c> exit: <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>The listening socket's fd (for <see cref="Connection.Wait"/>: ready when a client is waiting to be accepted).</summary>
    public int Fileno() => _fd >= 0 ? _fd : throw new OSError("listener is closed");

    internal static int FamilyCode(string family) => family switch
    {
        "AF_UNIX" => Sockets.AF_UNIX,
        "AF_INET" => Sockets.AF_INET,
        "AF_PIPE" => throw new ValueError("Family AF_PIPE is not recognized."),
        _ => throw new AttributeError($"module 'socket' has no attribute '{family}'"),
    };
}
