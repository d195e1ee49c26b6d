using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Multiprocessing;

namespace Conformance.Backend.CSharp.Internal;

/// <summary>
/// A JSON Lines file every process of a run appends to (the trace, the named-object ledger): opened once per process
/// with O_WRONLY|O_APPEND|O_CREAT|O_CLOEXEC and each line written with ONE write(2), so lines from all processes
/// interleave whole and in real order (docs/backend-authors.md).
/// </summary>
/// <param name="variable">The environment variable naming the file; nothing is written when it is unset.</param>
/// <param name="what">What the file is, for errors ("the trace").</param>
/// <param name="why">What is lost without it, for errors.</param>
internal sealed partial class JsonLinesAppender(string variable, string what, string why)
{
    private const int OWrOnly = 0x1, OCreat = 0x40, OAppend = 0x400, OCloexec = 0x80000;
    private const int EIntr = 4;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly object _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private int _fd = -1;
    private int _pid;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nint count);

    /// <summary>Appends one line, an object whose members <paramref name="members"/> writes; false outside a run.</summary>
    public bool Append(Action<Utf8JsonWriter, int> members)
    {
        lock (_gate)
        {
            // The pid is checked on every line: a descriptor inherited from another process is not this one's.
            var pid = Environment.ProcessId;
            if (_fd < 0 || _pid != pid)
            {
                var path = Environment.GetEnvironmentVariable(variable);
                if (string.IsNullOrEmpty(path))
                    return false;
                _fd = Open(path, OWrOnly | OAppend | OCreat | OCloexec, Convert.ToInt32("644", 8));
                if (_fd < 0)
                    throw Failure("open", pid);
                _pid = pid;
            }
            _buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(_buffer, Options))
            {
                w.WriteStartObject();
                members(w, pid);
                w.WriteEndObject();
            }
            _buffer.GetSpan(1)[0] = (byte)'\n';
            _buffer.Advance(1);
            WriteAll(_buffer.WrittenSpan, pid);
            return true;
        }
    }

    private unsafe void WriteAll(ReadOnlySpan<byte> data, int pid)
    {
        fixed (byte* p = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = Write(_fd, p + done, data.Length - done);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == EIntr)
                        continue;
                    throw Failure("append to", pid);
                }
                done += (int)n;
            }
        }
    }

    private OSError Failure(string action, int pid)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new OSError(errno, $"{Marshal.GetPInvokeErrorMessage(errno)}: cannot {action} {what} {Environment.GetEnvironmentVariable(variable)} in " +
            $"{Mp.CurrentProcess().Name}#{pid}; {why} (the harness sets {variable} to a file in the run's folder, which must stay writable)");
    }
}
