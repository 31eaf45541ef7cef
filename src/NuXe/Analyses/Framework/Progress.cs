using System.Globalization;

namespace NuXe.Analyses.Framework;

/// <summary>
/// Receives progress of a running study part. The library never writes to the console itself; the CLI passes
/// a sink (plain text on stderr, or a Spectre.Console widget when the terminal is interactive).
/// Implementations must be thread-safe (parts may report from parallel loops).
/// </summary>
public interface IProgressSink
{
    /// <summary>Reports progress of <paramref name="part"/>.</summary>
    /// <param name="part">Part name, e.g. "sin2w".</param>
    /// <param name="fraction">Completed fraction in [0, 1]; 1 means done.</param>
    /// <param name="message">Short human-readable status, e.g. "scan 40/100".</param>
    void Report(string part, double fraction, string message);
}

/// <summary>Discards all progress.</summary>
public sealed class NullProgressSink : IProgressSink
{
    /// <summary>The shared instance.</summary>
    public static readonly NullProgressSink Instance = new();

    private NullProgressSink() { }

    /// <inheritdoc />
    public void Report(string part, double fraction, string message) { }
}

/// <summary>
/// Plain-text progress lines such as <c>[sin2w]  42% scan 42/100</c>, for stderr when no interactive terminal
/// is attached. Throttled: a line at most every <see cref="MinInterval"/> (default 1 s) per sink; a part that
/// finishes within the interval prints nothing at all, and a part that printed gets its final (100 %) line.
/// </summary>
public sealed class TextProgressSink : IProgressSink
{
    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private string? _part;
    private bool _partPrinted;
    private long _lastTimestamp;

    /// <summary>Creates a sink writing to <paramref name="writer"/>.</summary>
    /// <param name="writer">Destination (e.g. <see cref="Console.Error"/>).</param>
    /// <param name="minInterval">Minimum time between lines; default 1 s.</param>
    /// <param name="timeProvider">Clock (tests pass a fake); default <see cref="TimeProvider.System"/>.</param>
    public TextProgressSink(TextWriter writer, TimeSpan? minInterval = null, TimeProvider? timeProvider = null)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _time = timeProvider ?? TimeProvider.System;
        MinInterval = minInterval ?? TimeSpan.FromSeconds(1);
        _lastTimestamp = _time.GetTimestamp();
    }

    /// <summary>A sink on standard error with the default 1 s interval.</summary>
    public static TextProgressSink StandardError() => new(Console.Error);

    /// <summary>Minimum time between two lines.</summary>
    public TimeSpan MinInterval { get; }

    /// <inheritdoc />
    public void Report(string part, double fraction, string message)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (!string.Equals(part, _part, StringComparison.Ordinal))
            {
                _part = part;
                _partPrinted = false;
                _lastTimestamp = now; // a new part gets its first line only after it has run for MinInterval
            }
            var done = fraction >= 1;
            if (done ? !_partPrinted : _time.GetElapsedTime(_lastTimestamp, now) < MinInterval) return;
            _writer.WriteLine(Format(part, fraction, message));
            _writer.Flush();
            _lastTimestamp = now;
            _partPrinted = !done;
        }
    }

    /// <summary>The line format: "[part]  42% message".</summary>
    public static string Format(string part, double fraction, string message)
    {
        var percent = double.IsFinite(fraction) ? Math.Clamp(fraction, 0, 1) * 100 : 0;
        return string.Create(CultureInfo.InvariantCulture, $"[{part}] {percent,3:0}% {message}");
    }
}
