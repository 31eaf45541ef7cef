using NuXe.Analyses.Framework;
using Spectre.Console;

namespace NuXe.Cli;

/// <summary>
/// Progress on stderr: a Spectre.Console progress display when stderr is an interactive terminal, plain throttled
/// lines otherwise (Spectre prints nothing without a terminal).
/// </summary>
public static class ProgressDisplay
{
    /// <summary>Run <paramref name="work"/> with a progress sink suited to the terminal.</summary>
    public static T Run<T>(TextWriter err, Func<IProgressSink, T> work)
    {
        bool interactive = ReferenceEquals(err, Console.Error) && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive) return work(new TextProgressSink(err));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx => { result = work(new SpectreSink(ctx)); });
        return result;
    }

    sealed class SpectreSink(ProgressContext ctx) : IProgressSink
    {
        readonly Dictionary<string, ProgressTask> _tasks = [];
        readonly Lock _gate = new();

        public void Report(string part, double fraction, string message)
        {
            lock (_gate)
            {
                if (!_tasks.TryGetValue(part, out var task)) _tasks[part] = task = ctx.AddTask(part, maxValue: 100);
                task.Description = $"{part}: {Markup.Escape(message)}";
                task.Value = Math.Clamp(fraction, 0, 1) * 100;
            }
        }
    }
}
