using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using Multiprocessing;

namespace Conformance.Backend.CSharp.Values;

/// <summary>
/// A generator object: what calling a generator function returns. Its body runs lazily on a thread of its own, one
/// step at a time: <see cref="TryNext"/> hands control to the body and waits until it yields (or ends, or raises),
/// <see cref="Yield"/> hands the value back and waits to be resumed. Exactly one of the two threads runs at any time
/// (the semaphores pass the turn), so the body sees the interpreter as the caller left it, as a Python generator does.
/// <see cref="Close"/> resumes a suspended body with GeneratorExit (its finally steps run) and joins the thread; the
/// interpreter closes every generator still open when main ends, so no thread outlives it.
/// </summary>
public sealed class PyGenerator : IPyObject, IPyIterable, IPyUnpicklable
{
    /// <summary>CPython's <c>TypeError: cannot pickle 'generator' object</c>.</summary>
    public Exception PicklingError() => PyErrors.TypeError("cannot pickle 'generator' object");

    /// <summary>The body's stack: as deep as the main thread's (8 MiB), so a recursive call in a generator goes as far.</summary>
    private const int StackBytes = 8 * 1024 * 1024;

    /// <summary>
    /// The most started, unfinished generators a process may hold. Each holds a blocked thread (CPython's are plain
    /// objects), so without a bound a loop that starts generators could take the machine's thread and pid limits, well
    /// before the run's memory limit notices; past it the run ends with a ScenarioViolation that says why.
    /// </summary>
    public const int MaxSuspended = 1000;

    private static int s_live;

    private readonly Action<PyGenerator> _body;
    private readonly SemaphoreSlim _resume = new(0);
    private readonly SemaphoreSlim _handed = new(0);
    private Thread? _thread;
    private object? _value;
    private ExceptionDispatchInfo? _error;
    private volatile bool _finished;
    private volatile bool _closing;
    private bool _running;

    /// <summary>A generator named <paramref name="qualname"/> whose body is <paramref name="body"/> (it calls <see cref="Yield"/>).</summary>
    public PyGenerator(string qualname, Action<PyGenerator> body)
    {
        Qualname = qualname;
        _body = body;
    }

    /// <summary>Whether the body has ended (exhausted, returned, raised or closed).</summary>
    public bool Finished => _finished;

    /// <summary>The generator function's qualified name (<c>f</c>, <c>C.m</c>).</summary>
    public string Qualname { get; }

    /// <summary>Runs the body to its next yield: true with the value, false once the body has ended; re-raises what it raised.</summary>
    public bool TryNext(out object? value)
    {
        value = null;
        if (_finished)
            return false;
        if (_running)
            throw new ValueError("generator already executing");
        _running = true;
        try
        {
            if (_thread is null)
            {
                if (Interlocked.Increment(ref s_live) > MaxSuspended)
                {
                    Interlocked.Decrement(ref s_live);
                    throw new ScenarioViolation($"starting generator {Qualname} with {MaxSuspended} others suspended at once (the C# interpreter runs each on a thread), which");
                }
                _thread = new Thread(Run, StackBytes) { IsBackground = true, Name = $"generator {Qualname}" };
                _thread.Start();
            }
            else
            {
                _resume.Release();
            }
            _handed.Wait();
        }
        finally
        {
            _running = false;
        }
        if (_error is { } error)
        {
            _error = null;
            error.Throw();
        }
        if (_finished)
            return false;
        value = _value;
        _value = null;
        return true;
    }

    /// <summary>The body's yield step (on the generator's thread): hands <paramref name="value"/> over and waits to be resumed.</summary>
    public void Yield(object? value)
    {
        if (_closing)
            throw GeneratorExit();
        _value = value;
        _handed.Release();
        _resume.Wait();
        if (_closing)
            throw GeneratorExit();
    }

    /// <summary>Python's <c>close()</c>: GeneratorExit at the suspended yield, then the thread is joined.</summary>
    public void Close()
    {
        if (_finished)
            return;
        if (_thread is null)
        {
            _finished = true; // never started: nothing ran, nothing to unwind
            return;
        }
        _closing = true;
        _resume.Release();
        _handed.Wait();
        _thread.Join();
        _error = null; // what a finally raised while closing is dropped, as CPython's close at exit reports it only to stderr
    }

    /// <summary>Iterates lazily: one resume per item (a for loop that breaks leaves the rest unrun).</summary>
    public IEnumerable<object?> Iterate(Interpreter interpreter)
    {
        while (interpreter.Resume(this, out var value))
            yield return value;
    }

    /// <inheritdoc />
    IEnumerable<object?> IPyIterable.Iterate(object? context) => Iterate(context as Interpreter ?? Interpreter.Current);

    private void Run()
    {
        try
        {
            _body(this);
        }
        catch (PyException e) when (_closing && PyErrors.Name(e) == "GeneratorExit")
        {
            // closed at a yield: the body unwound through its finally steps
        }
        catch (PyException e) when (PyErrors.Matches(e, "StopIteration"))
        {
            // PEP 479: a StopIteration escaping a generator's body becomes a RuntimeError caused by it
            var error = new PyException("RuntimeError", "generator raised StopIteration");
            PyErrors.SetCause(error, e);
            _error = ExceptionDispatchInfo.Capture(error);
        }
        catch (Exception e)
        {
            _error = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            Interlocked.Decrement(ref s_live);
            _finished = true;
            _handed.Release();
        }
    }

    private static PyException GeneratorExit() => new("GeneratorExit", "");

    /// <inheritdoc />
    public string PyRepr() => $"<generator object {Qualname} at {ScenarioObject.Address(this)}>";

    /// <inheritdoc />
    public string PyTypeName => "generator";
}
