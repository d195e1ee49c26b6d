using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Multiprocessing.Internal;

/// <summary>P/Invoke declarations for the few libc calls the library needs (glibc, Linux x86-64/arm64).</summary>
internal static unsafe class Libc
{
    private const string Lib = "libc";

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EEXIST = 17;
    public const int ETIMEDOUT = 110;

    public const int CLOCK_MONOTONIC = 1;
    public const int WNOHANG = 1;
    public const int SIGTERM = 15;
    public const int SIGKILL = 9;
    public const short POLLIN = 1;

    public static readonly IntPtr SemFailed = IntPtr.Zero;

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Sec;
        public long Nsec;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport(Lib, SetLastError = true)]
    public static extern IntPtr sem_open(string name, int oflag, uint mode, uint value);

    [DllImport(Lib, EntryPoint = "sem_open", SetLastError = true)]
    public static extern IntPtr sem_open_existing(string name, int oflag);

    [DllImport(Lib, SetLastError = true)]
    public static extern int sem_close(IntPtr sem);

    [DllImport(Lib, SetLastError = true)]
    public static extern int sem_unlink(string name);

    [DllImport(Lib, SetLastError = true)]
    public static extern int sem_wait(IntPtr sem);

    [DllImport(Lib, SetLastError = true)]
    public static extern int sem_trywait(IntPtr sem);

    [DllImport(Lib, SetLastError = true)]
    public static extern int sem_clockwait(IntPtr sem, int clock, ref Timespec abstime);

    [DllImport(Lib, SetLastError = true)]
    public static extern int sem_post(IntPtr sem);

    [DllImport(Lib, SetLastError = true)]
    public static extern int sem_getvalue(IntPtr sem, out int value);

    [DllImport(Lib, SetLastError = true)]
    public static extern int clock_gettime(int clock, out Timespec ts);

    [DllImport(Lib, SetLastError = true)]
    public static extern int pipe2(int* fds, int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int close(int fd);

    [DllImport(Lib, SetLastError = true)]
    public static extern nint read(int fd, byte* buf, nint count);

    [DllImport(Lib, SetLastError = true)]
    public static extern nint write(int fd, byte* buf, nint count);

    [DllImport(Lib, SetLastError = true)]
    public static extern int open(string path, int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int dup2(int oldfd, int newfd);

    [DllImport(Lib, SetLastError = true)]
    public static extern int poll(PollFd* fds, nuint nfds, int timeout);

    [DllImport(Lib, SetLastError = true)]
    public static extern int kill(int pid, int sig);

    [DllImport(Lib, SetLastError = true)]
    public static extern int waitpid(int pid, out int status, int options);

    [DllImport(Lib, SetLastError = true)]
    public static extern int getpid();

    [DllImport(Lib)]
    public static extern int sched_yield();

    [DllImport(Lib, SetLastError = true)]
    public static extern nint syscall(nint number, nint a1, nint a2);

    [DllImport(Lib, SetLastError = true)]
    public static extern int posix_spawn(out int pid, string path, IntPtr fileActions, IntPtr attr, IntPtr* argv, IntPtr* envp);

    [DllImport(Lib, SetLastError = true)]
    public static extern int posix_spawn_file_actions_init(IntPtr fa);

    [DllImport(Lib, SetLastError = true)]
    public static extern int posix_spawn_file_actions_destroy(IntPtr fa);

    [DllImport(Lib, SetLastError = true)]
    public static extern int posix_spawn_file_actions_adddup2(IntPtr fa, int fd, int newfd);

    [DllImport(Lib, SetLastError = true)]
    public static extern IntPtr strerror(int errnum);

    public const uint MFD_CLOEXEC = 1;
    public const int PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1;
    public const int FUTEX_WAIT = 0, FUTEX_WAKE = 1; // not FUTEX_PRIVATE_FLAG: the words are shared between processes
    public static readonly IntPtr MapFailed = new(-1);

    [DllImport(Lib, EntryPoint = "open", SetLastError = true)]
    public static extern int open_mode(string path, int flags, uint mode);

    [DllImport(Lib, SetLastError = true)]
    public static extern int memfd_create(string name, uint flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int ftruncate(int fd, long length);

    [DllImport(Lib, SetLastError = true)]
    public static extern IntPtr mmap(IntPtr addr, nuint length, int prot, int flags, int fd, long offset);

    [DllImport(Lib, EntryPoint = "syscall")]
    private static extern nint syscall4(nint number, nint a1, nint a2, nint a3, nint a4);

    private static readonly nint SysFutex = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 98 : 202;

    /// <summary>futex(2) FUTEX_WAIT / FUTEX_WAKE on a word in shared memory (relative timeout, null = none).</summary>
    public static int futex(int* addr, int op, int val, Timespec* timeout) => (int)syscall4(SysFutex, (nint)addr, op, val, (nint)timeout);

    /// <summary>The text of an errno value, as CPython's OSError shows it.</summary>
    public static string StrError(int errno) => Marshal.PtrToStringAnsi(strerror(errno)) ?? $"errno {errno}";

    /// <summary>The current errno after a failed call.</summary>
    public static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>pidfd_open(2) via syscall 434.</summary>
    public static int PidfdOpen(int pid) => (int)syscall(434, pid, 0);

    /// <summary>An absolute CLOCK_MONOTONIC deadline <paramref name="seconds"/> from now.</summary>
    public static Timespec DeadlineAfter(double seconds)
    {
        clock_gettime(CLOCK_MONOTONIC, out var now);
        long add = (long)(seconds * 1e9);
        long ns = now.Nsec + (add % 1_000_000_000);
        long s = now.Sec + (add / 1_000_000_000) + ns / 1_000_000_000;
        return new Timespec { Sec = s, Nsec = ns % 1_000_000_000 };
    }

    /// <summary>Writes all bytes, retrying on EINTR and short writes.</summary>
    public static void WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            nint done = 0;
            while (done < data.Length)
            {
                var n = write(fd, p + done, data.Length - done);
                if (n < 0)
                {
                    var e = Errno;
                    if (e == EINTR) continue;
                    throw new OSError(e, StrError(e));
                }
                done += n;
            }
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes; returns false on EOF before any byte.</summary>
    public static bool ReadExact(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            nint done = 0;
            while (done < buffer.Length)
            {
                var n = read(fd, p + done, buffer.Length - done);
                if (n < 0)
                {
                    var e = Errno;
                    if (e == EINTR) continue;
                    throw new OSError(e, StrError(e));
                }
                if (n == 0)
                {
                    if (done == 0) return false;
                    throw new EndOfStreamException("pipe closed in the middle of a message");
                }
                done += n;
            }
        }
        return true;
    }

    /// <summary>Waits until <paramref name="fd"/> is readable; negative timeout waits for ever.</summary>
    public static bool PollIn(int fd, int timeoutMs)
    {
        var pfd = new PollFd { Fd = fd, Events = POLLIN };
        while (true)
        {
            var r = poll(&pfd, 1, timeoutMs);
            if (r < 0)
            {
                var e = Errno;
                if (e == EINTR) continue;
                throw new OSError(e, StrError(e));
            }
            return r > 0;
        }
    }

    /// <summary>Creates a pipe with O_CLOEXEC on both ends.</summary>
    public static (int Read, int Write) Pipe()
    {
        int* fds = stackalloc int[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
        {
            var e = Errno;
            throw new OSError(e, StrError(e));
        }
        return (fds[0], fds[1]);
    }
}
