using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>
/// CPython's <c>multiprocessing.Process</c>: runs <c>target(*args)</c>, or an overridden <see cref="Run"/>, in a new
/// OS process started spawn-style. Subclass it and override <see cref="Run"/> like <c>class Consumer(Process)</c>.
/// </summary>
public partial class Process
{
    private static int s_counter;

    private string _name = "";
    private string? _className;
    private int[] _identity = [];
    private bool _daemon;
    private Delegate? _target;
    private MethodInfo? _method;
    private object? _methodTarget;
    private object?[] _args = [];
    private Dictionary<string, object?>? _kwargs;
    private int _creatorPid;
    private int _parentPid;
    private string? _parentName;
    private int _pid;
    private int _pidfd = -1;
    private int? _exitCode;
    private bool _started;
    private bool _closed;
    private bool _isCurrent;
    private object _gate = new();
    private byte[] _authkey = [];
    private bool _sentinelTaken;

    /// <summary>Creates a process object, like <c>Process(target=..., args=..., name=..., daemon=...)</c>.</summary>
    /// <param name="target">A static method or a lambda that captures nothing; called with <paramref name="args"/> in the child.</param>
    /// <param name="args">Arguments, pickled with <see cref="Pickler"/> when the process starts.</param>
    /// <param name="name">The name; by default <c>ClassName-N</c> with N from this process's counter.</param>
    /// <param name="daemon">Null inherits the current process's daemon flag.</param>
    public Process(Delegate? target = null, object?[]? args = null, string? name = null, bool? daemon = null)
    {
        Init(GetType().Name, target, args, name, daemon);
    }

    /// <summary>
    /// Creates a process object with keyword arguments, like <c>Process(target=f, args=(1,), kwargs={'n': 2})</c>:
    /// each keyword binds the target's parameter of that name (CPython's <c>TypeError</c> for an unknown or repeated one, in the child).
    /// </summary>
    public Process(Delegate? target, object?[]? args, IReadOnlyDictionary<string, object?>? kwargs, string? name = null, bool? daemon = null)
    {
        Init(GetType().Name, target, args, name, daemon);
        _kwargs = kwargs is null || kwargs.Count == 0 ? null : new Dictionary<string, object?>(kwargs);
    }

    /// <summary>
    /// Creates a process object whose class name, for default naming (<c>ClassName-N</c>) and repr, is
    /// <paramref name="className"/> instead of the .NET type's name: CPython uses <c>type(self).__name__</c>, which
    /// for a subclass defined at run time (an interpreter's user class) is not a .NET type name.
    /// </summary>
    protected Process(string className, Delegate? target = null, object?[]? args = null, string? name = null, bool? daemon = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(className);
        Init(className, target, args, name, daemon);
    }

    /// <summary>
    /// A process made by a context's <c>Process(...)</c>: CPython's <c>get_context('spawn').Process</c> is the class
    /// <c>SpawnProcess</c>, so its default name is <c>SpawnProcess-N</c> (from the same counter) and its repr says so.
    /// </summary>
    internal static Process OfContextClass(string className, Delegate? target, object?[]? args, string? name, bool? daemon) =>
        new(className, target, args, name, daemon);

    private void Init(string className, Delegate? target, object?[]? args, string? name, bool? daemon)
    {
        _className = className;
        var n = Interlocked.Increment(ref s_counter);
        var current = Mp.CurrentProcess();
        _identity = [.. current._identity, n];
        _name = name ?? $"{className}-{string.Join(":", _identity)}";
        _daemon = daemon ?? current._daemon;
        _target = target;
        _args = args ?? [];
        _creatorPid = Environment.ProcessId;
        _parentPid = Environment.ProcessId;
        _parentName = current._name;
        _authkey = current._authkey;
    }

    private Process(string name, bool isCurrent)
    {
        _name = name;
        _isCurrent = isCurrent;
        _creatorPid = Environment.ProcessId;
        _pid = Environment.ProcessId;
        _started = true;
        _authkey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
    }

    internal static Process CreateMain() => new("MainProcess", isCurrent: true);

    /// <summary>CPython's <c>run()</c>: calls the target with the arguments. Override it in a subclass.</summary>
    public virtual void Run()
    {
        if (_method is null && _target is not null)
        {
            _method = _target.Method;
            _methodTarget = _target.Target;
        }
        _method?.Invoke(_methodTarget, BindingFlags.DoNotWrapExceptions, null, _kwargs is null ? _args : BindKeywords(_method), null);
    }

    /// <summary>Positional arguments, then each keyword in its parameter's slot, as Python binds <c>f(*args, **kwargs)</c>.</summary>
    private object?[] BindKeywords(MethodInfo method)
    {
        var parameters = method.GetParameters();
        if (_args.Length > parameters.Length)
            throw Python.PyErrors.TypeError($"{method.Name}() takes {parameters.Length} positional arguments but {_args.Length} were given");
        var values = new object?[parameters.Length];
        var bound = new bool[parameters.Length];
        for (var i = 0; i < _args.Length; i++)
        {
            values[i] = _args[i];
            bound[i] = true;
        }
        foreach (var (key, value) in _kwargs!)
        {
            var i = Array.FindIndex(parameters, p => p.Name == key);
            if (i < 0) throw Python.PyErrors.TypeError($"{method.Name}() got an unexpected keyword argument '{key}'");
            if (bound[i]) throw Python.PyErrors.TypeError($"{method.Name}() got multiple values for argument '{key}'");
            values[i] = value;
            bound[i] = true;
        }
        for (var i = 0; i < parameters.Length; i++)
        {
            if (bound[i]) continue;
            if (!parameters[i].HasDefaultValue)
                throw Python.PyErrors.TypeError($"{method.Name}() missing 1 required positional argument: '{parameters[i].Name}'");
            values[i] = parameters[i].DefaultValue;
        }
        return values;
    }

    /// <summary>CPython's <c>name</c>.</summary>
    public string Name
    {
        get => _name;
        set => _name = value ?? throw new AssertionError("name must be a string");
    }

    /// <summary>CPython's <c>daemon</c>: daemon children are terminated when their parent exits.</summary>
    public bool Daemon
    {
        get => _daemon;
        set
        {
            if (_started && !_isCurrent) throw new AssertionError("process has already started");
            _daemon = value;
        }
    }

    /// <summary>CPython's <c>_identity</c>: the counter path, e.g. [3, 1] for Process-3:1.</summary>
    public IReadOnlyList<int> Identity => _identity;

    /// <summary>
    /// CPython's <c>authkey</c>: 32 random bytes in the main process; a new Process copies its creator's, and a spawned
    /// child's current process has the one its Process object had at <see cref="Start"/>. Settable (a copy is kept).
    /// </summary>
    public byte[] AuthKey
    {
        get => (byte[])_authkey.Clone();
        set => _authkey = (byte[])(value ?? throw new ArgumentNullException(nameof(value), "authkey must be bytes, not None")).Clone();
    }

    /// <summary>
    /// CPython's <c>sentinel</c>: an fd (a pidfd) that becomes readable when the child ends, for
    /// <see cref="Connection.Wait"/>; it stays open until <see cref="Close"/>. ValueError before start.
    /// </summary>
    public int Sentinel
    {
        get
        {
            CheckClosed();
            lock (_gate)
            {
                if (!_started || _isCurrent || _pidfd < 0) throw new ValueError("process not started");
                _sentinelTaken = true;
                return _pidfd;
            }
        }
    }

    /// <summary>CPython's <c>pid</c>: null before start.</summary>
    public int? Pid
    {
        get
        {
            CheckClosed();
            return _started ? _pid : null;
        }
    }

    /// <summary>The pid of the process that created this one (CPython's <c>parent_process().pid</c> in the child).</summary>
    public int ParentPid => _parentPid;

    /// <summary>The name of the process that created this one (CPython's <c>parent_process().name</c>).</summary>
    public string? ParentName => _parentName;

    /// <summary>CPython's <c>exitcode</c>: null until reaped; 0, 1 for an exception, -N when killed by signal N.</summary>
    public int? ExitCode
    {
        get
        {
            CheckClosed();
            if (!_started || _isCurrent) return null;
            Poll();
            return _exitCode;
        }
    }

    /// <summary>CPython's <c>is_alive()</c>: true from start until the child has been reaped.</summary>
    public bool IsAlive
    {
        get
        {
            CheckClosed();
            if (_isCurrent) return true;
            if (!_started) return false;
            if (_creatorPid != Environment.ProcessId) throw new AssertionError("can only test a child process");
            Poll();
            return _exitCode is null;
        }
    }

    /// <summary>CPython's <c>start()</c>: spawns the child process.</summary>
    public void Start()
    {
        CheckClosed();
        if (_started) throw new AssertionError("cannot start a process twice");
        if (_creatorPid != Environment.ProcessId)
            throw new AssertionError("can only start a process object created by current process");
        if (Mp.CurrentProcess()._daemon)
            throw new AssertionError("daemonic processes are not allowed to have children");
        Spawner.EnsureStartupHooks();
        Children.Cleanup();
        ExitHooks.EnsureInstalled();

        var fds = new List<int>();
        var payload = ChildBootstrap.BuildPayload(this, fds);
        var pid = Spawner.Spawn("process", payload, fds);
        _pid = pid;
        _pidfd = Libc.PidfdOpen(pid);
        _started = true;
        Children.Add(this);
    }

    /// <summary>CPython's <c>join(timeout=None)</c>: returns nothing; check <see cref="ExitCode"/> or <see cref="IsAlive"/>.</summary>
    public void Join(double? timeout = null)
    {
        CheckClosed();
        if (_creatorPid != Environment.ProcessId) throw new AssertionError("can only join a child process");
        if (!_started || _isCurrent) throw new AssertionError("can only join a started process");
        if (_exitCode is not null) return;
        var ms = timeout is null ? -1 : (int)Math.Ceiling(Math.Max(0, timeout.Value) * 1000);
        if (_pidfd >= 0) Libc.PollIn(_pidfd, ms);
        if (timeout is null) Wait(blocking: true);
        else Poll();
    }

    /// <summary>CPython's <c>terminate()</c>: sends SIGTERM (exit code -15); does not wait.</summary>
    public void Terminate() => Signal(Libc.SIGTERM, "terminate");

    /// <summary>CPython's <c>kill()</c>: sends SIGKILL (exit code -9); does not wait.</summary>
    public void Kill() => Signal(Libc.SIGKILL, "kill");

    /// <summary>CPython's <c>close()</c>: releases the process object's resources once the child has exited.</summary>
    public void Close()
    {
        if (_closed) return;
        if (_started && !_isCurrent)
        {
            Poll();
            if (_exitCode is null)
                throw new ValueError("Cannot close a process while it is still running. You should first call join() or terminate().");
        }
        lock (_gate)
        {
            if (_pidfd >= 0)
            {
                Libc.close(_pidfd);
                _pidfd = -1;
            }
        }
        _closed = true;
    }

    /// <summary>CPython's repr, e.g. <c>&lt;Process name='Process-1' pid=123 parent=122 started daemon&gt;</c>.</summary>
    public override string ToString()
    {
        if (_isCurrent && _name == "MainProcess" && Mp.IsMainProcess)
            return "<_MainProcess name='MainProcess' parent=None started>";
        var cls = _className ?? GetType().Name;
        if (_closed) return $"<{cls} name='{_name}' parent={_parentPid} closed{(_daemon ? " daemon" : "")}>";
        string status;
        if (!_started) status = "initial";
        else if (_isCurrent) status = "started";
        else
        {
            Poll();
            status = _exitCode is null ? "started" : "stopped";
        }
        var parts = $"<{cls} name='{_name}'";
        // CPython shows the pid of a started Popen: a child's own current_process() has none (it was pickled before
        // start() set one), so it reads "<Process name='Process-1' parent=PID started>".
        if (_started && !_isCurrent) parts += $" pid={_pid}";
        parts += $" parent={_parentPid} {status}";
        if (_exitCode is not null) parts += $" exitcode={ExitCodeText(_exitCode.Value)}";
        if (_daemon) parts += " daemon";
        return parts + ">";
    }

    private static string ExitCodeText(int code) => code switch
    {
        -15 => "-SIGTERM",
        -9 => "-SIGKILL",
        -11 => "-SIGSEGV",
        -2 => "-SIGINT",
        -6 => "-SIGABRT",
        _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private void Signal(int sig, string what)
    {
        CheckClosed();
        if (!_started) throw new AttributeError($"'NoneType' object has no attribute '{what}'");
        lock (_gate)
        {
            if (_exitCode is not null) return;
            ChildExits.OnSignalling(this, sig);
            Libc.kill(_pid, sig);
        }
    }

    private void CheckClosed()
    {
        if (_closed) throw new ValueError("process object is closed");
    }

    /// <summary>Non-blocking reap (CPython's <c>Popen.poll()</c>).</summary>
    internal void Poll() => Wait(blocking: false);

    private void Wait(bool blocking)
    {
        if (Reap(blocking) is { } code)
            ChildExits.OnReaped(this, code); // outside the gate: an observer may do I/O
    }

    /// <summary>One waitpid; returns the exit code when this call reaped the child, null otherwise.</summary>
    private int? Reap(bool blocking)
    {
        lock (_gate)
        {
            if (_exitCode is not null || !_started || _isCurrent) return null;
            int r;
            int status;
            do
            {
                r = Libc.waitpid(_pid, out status, blocking ? 0 : Libc.WNOHANG);
            } while (r < 0 && Libc.Errno == Libc.EINTR);
            if (r == 0) return null;
            if (r < 0)
            {
                // Someone else reaped it (e.g. a SIGCHLD handler that reaps all): the code is unknown.
                _exitCode = 255;
            }
            else if ((status & 0x7f) == 0)
            {
                _exitCode = (status >> 8) & 0xff;
            }
            else
            {
                _exitCode = -(status & 0x7f);
            }
            if (_pidfd >= 0 && !_sentinelTaken)
            {
                Libc.close(_pidfd);
                _pidfd = -1;
            }
            _args = [];
            _kwargs = null;
            Children.Remove(this);
            return _exitCode;
        }
    }
}
