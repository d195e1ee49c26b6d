using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading;

namespace Multiprocessing.Internal;

/// <summary>The kinds of CPython's <c>_multiprocessing.SemLock</c>.</summary>
internal enum SemLockKind
{
    RecursiveMutex = 0,
    Semaphore = 1,
}

/// <summary>
/// The single OS-semaphore type under every lock (CPython's <c>_multiprocessing.SemLock</c>, semaphore.c):
/// a POSIX named semaphore in /dev/shm plus the process-local owner thread and count.
/// </summary>
internal sealed class SemLock
{
    /// <summary>SEM_VALUE_MAX on Linux.</summary>
    public const int SemValueMax = int.MaxValue;

    private static readonly ConcurrentDictionary<string, SemLock> Created = new();

    /// <summary>Yield-and-retry rounds before a blocking acquire sleeps (CONFORMANCE_MP_SPIN overrides; 0 disables).</summary>
    internal static readonly int SpinYields =
        int.TryParse(Environment.GetEnvironmentVariable("CONFORMANCE_MP_SPIN"), out var n) && n >= 0 ? n : 64;

    /// <summary>A sched_yield that returns later than this (100 µs) means another process ran meanwhile: stop spinning.</summary>
    internal static readonly long SlowYieldTicks = Stopwatch.Frequency / 10_000;

    private readonly IntPtr _handle;
    private int _count;
    private int _lastTid;

    private SemLock(IntPtr handle, SemLockKind kind, int maxValue, string name, bool creator)
    {
        _handle = handle;
        Kind = kind;
        MaxValue = maxValue;
        Name = name;
        IsCreator = creator;
    }

    public SemLockKind Kind { get; }
    public int MaxValue { get; }
    public string Name { get; }
    public bool IsCreator { get; }

    /// <summary>The process-local acquire count (CPython's <c>_count()</c>).</summary>
    public int LocalCount => _count;

    /// <summary>Creates a fresh named semaphore, registered with the resource tracker.</summary>
    public static SemLock Create(SemLockKind kind, int value, int maxValue)
    {
        // The tracker first: if it cannot start (no startup hooks under NativeAOT or trimming), nothing is created that
        // an unhandled exception would then leave in /dev/shm.
        ResourceTracker.EnsureRunning();
        // The creator unlinks at exit: a program that never starts a child (nor makes a queue or shared memory) must
        // install the exit hook too, or its semaphores are left to the tracker, which then warns of a leak.
        ExitHooks.EnsureInstalled();
        for (var i = 0; i < 100; i++)
        {
            var name = $"/mp-{Environment.ProcessId}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
            var h = Libc.sem_open(name, Libc.O_CREAT | Libc.O_EXCL, 384 /* 0600 */, unchecked((uint)value));
            if (h == Libc.SemFailed)
            {
                var e = Libc.Errno;
                if (e == Libc.EEXIST) continue;
                throw Errors.Os(e);
            }
            var s = new SemLock(h, kind, maxValue, name, creator: true);
            Created[name] = s;
            ResourceTracker.Register(name, "semaphore");
            return s;
        }
        throw new OSError(Libc.EEXIST, "cannot find name for semaphore");
    }

    /// <summary>Opens a semaphore created by another process (CPython's <c>SemLock._rebuild</c>).</summary>
    public static SemLock Open(SemLockKind kind, int maxValue, string name)
    {
        var h = Libc.sem_open_existing(name, 0);
        if (h == Libc.SemFailed)
        {
            var e = Libc.Errno;
            throw new OSError(e, $"{Libc.StrError(e)}: cannot open semaphore '{name}' in {Mp.Describe()}; " +
                "it was unlinked because its creator dropped it or exited before this process opened it");
        }
        return new SemLock(h, kind, maxValue, name, creator: false);
    }

    /// <summary>True when the calling thread of this process holds the lock (CPython's <c>_is_mine()</c>).</summary>
    public bool IsMine => _count > 0 && _lastTid == Environment.CurrentManagedThreadId;

    /// <summary>CPython's <c>SemLock.acquire(block, timeout)</c>.</summary>
    public bool Acquire(bool block = true, double? timeout = null)
    {
        if (Kind == SemLockKind.RecursiveMutex && IsMine)
        {
            _count++;
            return true;
        }

        int res;
        int err;
        do
        {
            res = Libc.sem_trywait(Handle);
            err = res < 0 ? Libc.Errno : 0;
        } while (res < 0 && err == Libc.EINTR);

        var deadline = default(Libc.Timespec);
        if (res < 0 && err == Libc.EAGAIN && block)
        {
            if (timeout is not null) deadline = Libc.DeadlineAfter(Math.Max(0, timeout.Value));
            // Before sleeping in the kernel, yield the CPU a few times and retry: on a shared CPU the yield lets the
            // process that will release us run now; on another CPU the release is seen in ~1 us instead of paying a
            // cross-CPU wake-up (~35 us on this machine) that a futex sleep costs. Bounded to ~SpinYields syscalls.
            if (SpinYields > 0 && (timeout is null || timeout.Value > 0))
            {
                var last = Stopwatch.GetTimestamp();
                for (var i = 0; i < SpinYields; i++)
                {
                    Libc.sched_yield();
                    res = Libc.sem_trywait(Handle);
                    if (res == 0)
                    {
                        err = 0;
                        break;
                    }
                    err = Libc.Errno;
                    if (err != Libc.EAGAIN && err != Libc.EINTR) break;
                    // A yield that kept this thread off the CPU for long means other processes want this CPU too: each
                    // further yield would hand it to one of them for a whole time slice, while a sleeper in sem_wait is
                    // woken (and favoured by the scheduler) as soon as the release comes. Stop spinning and sleep.
                    var now = Stopwatch.GetTimestamp();
                    if (now - last > SlowYieldTicks) break;
                    last = now;
                }
            }
        }

        if (res < 0 && err == Libc.EAGAIN && block)
        {
            if (timeout is null)
            {
                do
                {
                    res = Libc.sem_wait(Handle);
                    err = res < 0 ? Libc.Errno : 0;
                } while (res < 0 && err == Libc.EINTR);
            }
            else
            {
                do
                {
                    res = Libc.sem_clockwait(Handle, Libc.CLOCK_MONOTONIC, ref deadline);
                    err = res < 0 ? Libc.Errno : 0;
                } while (res < 0 && err == Libc.EINTR);
            }
        }

        if (res < 0)
        {
            if (err is Libc.EAGAIN or Libc.ETIMEDOUT) return false;
            throw Errors.Os(err);
        }

        _count++;
        _lastTid = Environment.CurrentManagedThreadId;
        return true;
    }

    /// <summary>CPython's <c>SemLock.release()</c> with its ownership and too-many-releases checks.</summary>
    public void Release()
    {
        if (Kind == SemLockKind.RecursiveMutex)
        {
            if (!IsMine) throw Errors.RLockRelease();
            if (_count > 1)
            {
                _count--;
                return;
            }
        }
        else
        {
            if (GetValue() >= MaxValue) throw Errors.TooManyReleases();
        }

        if (Libc.sem_post(Handle) < 0) throw Errors.Os(Libc.Errno);
        _count--;
    }

    /// <summary>CPython's <c>_get_value()</c>.</summary>
    public int GetValue()
    {
        if (Libc.sem_getvalue(Handle, out var v) < 0) throw Errors.Os(Libc.Errno);
        return v < 0 ? 0 : v;
    }

    /// <summary>CPython's <c>_is_zero()</c>.</summary>
    public bool IsZero => GetValue() == 0;

    private IntPtr Handle => _handle;

    /// <summary>Unlinks the name (creator only) and unregisters it from the tracker; open handles keep working.</summary>
    public void Unlink()
    {
        if (!IsCreator || !Created.TryRemove(Name, out _)) return;
        Libc.sem_unlink(Name);
        ResourceTracker.Unregister(Name, "semaphore");
    }

    /// <summary>Unlinks every semaphore this process created (exit hook).</summary>
    public static void UnlinkAll()
    {
        foreach (var s in Created.Values) s.Unlink();
    }
}
