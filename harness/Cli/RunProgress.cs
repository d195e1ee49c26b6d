using System.Diagnostics;
using Spectre.Console;

namespace Conformance.Harness.Cli;

/// <summary>
/// <c>run</c>'s output while it runs: on a terminal a live line below the results (done/total, the runs in flight,
/// elapsed, an estimate of what is left; Spectre.Console's progress display), and when stdout is not a terminal (CI
/// logs, pipes, tests) only the plain one-line-per-result output, exactly as written.
/// </summary>
internal sealed class RunProgress
{
    private readonly ProgressTask? _task;
    private readonly int _total;
    private readonly List<string> _inFlight = [];
    private int _done;

    private RunProgress(ProgressTask? task, int total) => (_task, _total) = (task, total);

    /// <summary>Whether the live line is shown: stdout is an interactive terminal (and <c>Console.Out</c> is not replaced).</summary>
    public static bool IsLive =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive && Console.Out.GetType().Name != nameof(StringWriter);

    /// <summary>Runs <paramref name="body"/> with a progress of <paramref name="total"/> steps.</summary>
    public static async Task RunAsync(int total, Func<RunProgress, Task> body)
    {
        if (!IsLive)
        {
            await body(new RunProgress(null, total)).ConfigureAwait(false);
            return;
        }
        await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: Math.Max(1, total));
                await body(new RunProgress(task, total)).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>A run starts: the live line names the runs in flight.</summary>
    public void Starting(string what)
    {
        lock (_inFlight)
        {
            _inFlight.Add(what);
            Describe();
        }
    }

    /// <summary>A run ended: it leaves the live line.</summary>
    public void Finished(string what)
    {
        lock (_inFlight)
        {
            _inFlight.Remove(what);
            Describe();
        }
    }

    /// <summary>Every run of a scenario on a backend ended.</summary>
    public void Done()
    {
        lock (_inFlight)
        {
            _done++;
            _task?.Increment(1);
            Describe();
        }
    }

    private void Describe()
    {
        if (_task is not null)
            _task.Description = Markup.Escape($"{_done}/{_total} {string.Join(", ", _inFlight)}");
    }

    /// <summary>A result line: above the live line on a terminal, a plain line otherwise.</summary>
    public void WriteLine(string text)
    {
        lock (_inFlight)
            Write(text);
    }

    private void Write(string text)
    {
        if (_task is null)
            Console.WriteLine(text);
        else
            AnsiConsole.Console.WriteLine(text, Style.Plain);
    }
}
