using System.Diagnostics;
using NuXe.Output;

namespace NuXe.Analyses.Framework;

/// <summary>
/// What a running study part sees: where to write, how to report progress, and where to put results
/// (for <c>results.json</c>), its report section, figures, tables, seeds, timings and resolved presets
/// (for <c>manifest.json</c>). Created by <see cref="StudyRunner"/>; thread-safe.
/// </summary>
public sealed class StudyContext
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, double> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _resultOwner = new(StringComparer.Ordinal);
    private readonly List<(string Part, MarkdownReport Section)> _sections = [];
    private readonly List<string> _files = [];
    private readonly SortedDictionary<string, long> _seeds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, double> _timings = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _presets = new(StringComparer.Ordinal);
    private string? _part;
    private MarkdownReport? _section;
    private readonly AtomicOutputFolder? _folder;
    private readonly List<Task> _figures = [];

    /// <summary>Creates a context writing into <paramref name="outputDirectory"/> (created if missing).</summary>
    public StudyContext(string outputDirectory, IProgressSink? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        OutputDirectory = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(OutputDirectory);
        Progress = progress ?? NullProgressSink.Instance;
        CancellationToken = cancellationToken;
    }

    /// <summary>A context whose files go into the staging folder of <paramref name="folder"/> (moved into place on commit).</summary>
    internal StudyContext(AtomicOutputFolder folder, IProgressSink? progress, CancellationToken cancellationToken)
    {
        _folder = folder;
        OutputDirectory = folder.TargetDirectory;
        Progress = progress ?? NullProgressSink.Instance;
        CancellationToken = cancellationToken;
    }

    /// <summary>Absolute output directory.</summary>
    public string OutputDirectory { get; }

    /// <summary>Toys per grid value of the toy-based (Feldman–Cousins, CLs) limits, when the user asked for a number
    /// (`nuxe reproduce --toys N`); null: each study's default, sized to keep the run short.</summary>
    public int? ToyCount { get; init; }

    /// <summary>Cancellation of the run (Ctrl-C); long loops should check it.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Progress sink (prefer <see cref="ReportProgress"/>, which fills in the part name).</summary>
    public IProgressSink Progress { get; }

    /// <summary>Name of the running part.</summary>
    /// <exception cref="InvalidOperationException">No part is running.</exception>
    public string CurrentPart => _part ?? throw new InvalidOperationException("no study part is running");

    /// <summary>Report section of the running part (the runner writes its heading).</summary>
    public MarkdownReport Report => _section ?? throw new InvalidOperationException("no study part is running");

    /// <summary>Results so far (sorted keys).</summary>
    public IReadOnlyDictionary<string, double> Results { get { lock (_gate) return new SortedDictionary<string, double>(_results, StringComparer.Ordinal); } }

    /// <summary>Files written so far, relative to <see cref="OutputDirectory"/>, in order.</summary>
    public IReadOnlyList<string> Files { get { lock (_gate) return [.. _files]; } }

    /// <summary>Seeds recorded so far.</summary>
    public IReadOnlyDictionary<string, long> Seeds { get { lock (_gate) return new SortedDictionary<string, long>(_seeds, StringComparer.Ordinal); } }

    /// <summary>Timings in seconds: "part" for a whole part, "part.name" for <see cref="RecordTiming"/>.</summary>
    public IReadOnlyDictionary<string, double> TimingsSeconds { get { lock (_gate) return new SortedDictionary<string, double>(_timings, StringComparer.Ordinal); } }

    /// <summary>Resolved preset texts by name.</summary>
    public IReadOnlyDictionary<string, string> Presets { get { lock (_gate) return new SortedDictionary<string, string>(_presets, StringComparer.Ordinal); } }

    /// <summary>Report sections in run order.</summary>
    internal IReadOnlyList<(string Part, MarkdownReport Section)> Sections { get { lock (_gate) return [.. _sections]; } }

    /// <summary>Reports progress of the running part (fraction in [0, 1]).</summary>
    public void ReportProgress(double fraction, string message) => Progress.Report(CurrentPart, fraction, message);

    /// <summary>
    /// Sets a <c>results.json</c> entry. Keys are documented (e.g. "sin2w.A.best"), should start with the part name,
    /// and may be set once per run.
    /// </summary>
    /// <exception cref="ArgumentException">Malformed key, non-finite value (message names the key), or a key set twice.</exception>
    public void SetResult(string key, double value)
    {
        ResultsJson.Validate(key, value);
        lock (_gate)
        {
            if (_resultOwner.TryGetValue(key, out var owner))
                throw new ArgumentException($"results key '{key}' was already set by part '{owner}'");
            _results[key] = value;
            _resultOwner[key] = CurrentPart;
        }
    }

    /// <summary>
    /// Renders <paramref name="figure"/> to <paramref name="fileName"/> (a plain file name ending in .png or .svg)
    /// in the output directory; returns the file name, ready for <see cref="MarkdownReport.Image"/>.
    /// </summary>
    /// <exception cref="PlotFontMissingException">No font is installed.</exception>
    public string SaveFigure(FigureSpec figure, string fileName)
    {
        CheckFileName(fileName);
        if (_folder is not null)
        {
            // a study run renders its figures in the background (they are independent of each other and of the numbers);
            // StudyRunner waits for them (WaitForFigures) before the run is committed, so a failure still fails the run
            var folder = _folder;
            var task = Task.Run(() => folder.WriteBytes(fileName, Plotter.RenderBytes(figure, Path.GetExtension(fileName))));
            lock (_gate) _figures.Add(task);
        }
        else Plotter.Render(figure, Path.Combine(OutputDirectory, fileName));
        return AddFile(fileName);
    }

    /// <summary>
    /// Waits until every figure saved so far is written; rethrows the first failure (e.g. <see cref="PlotFontMissingException"/>).
    /// With <paramref name="observeOnly"/> (a run that already failed) failures are swallowed: the run's own error is the one reported.
    /// </summary>
    internal void WaitForFigures(bool observeOnly = false)
    {
        Task[] pending;
        lock (_gate) { pending = [.. _figures]; _figures.Clear(); }
        try { Task.WaitAll(pending); }
        catch (AggregateException e) when (!observeOnly)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        catch (AggregateException) { }
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="fileName"/> (plain file name, .csv); returns the file name.</summary>
    public string SaveTable(CsvTable table, string fileName)
    {
        if (!fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"table file '{fileName}' must end in .csv");
        CheckFileName(fileName);
        if (_folder is not null) _folder.WriteText(fileName, CsvTables.ToCsv(table));
        else CsvTables.Write(Path.Combine(OutputDirectory, fileName), table);
        return AddFile(fileName);
    }

    /// <summary>Writes a text file (e.g. a JSON result) into the output directory; returns the file name.</summary>
    public string SaveText(string fileName, string text)
    {
        CheckFileName(fileName);
        if (_folder is not null) _folder.WriteText(fileName, text);
        else SafeFile.WriteAllText(Path.Combine(OutputDirectory, fileName), text);
        return AddFile(fileName);
    }

    /// <summary>Records a random seed used (for <c>manifest.json</c>); the same name may not get two values.</summary>
    public void RecordSeed(string name, long seed)
    {
        lock (_gate)
        {
            if (_seeds.TryGetValue(name, out var old) && old != seed)
                throw new ArgumentException($"seed '{name}' recorded twice with different values ({old}, {seed})");
            _seeds[name] = seed;
        }
    }

    /// <summary>Records the resolved text of a preset (TOML) used; the same name may not get two texts.</summary>
    public void RecordPreset(string name, string text)
    {
        lock (_gate)
        {
            if (_presets.TryGetValue(name, out var old) && old != text)
                throw new ArgumentException($"preset '{name}' recorded twice with different texts");
            _presets[name] = text;
        }
    }

    /// <summary>Records the duration of a phase of the running part, stored as "part.name", in seconds.</summary>
    public void RecordTiming(string name, double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0) throw new ArgumentException($"timing '{name}' is {seconds} s");
        lock (_gate) _timings[CurrentPart + "." + name] = seconds;
    }

    /// <summary>Runs <paramref name="action"/>, records its wall time under "part.name", and returns its result.</summary>
    public T Time<T>(string name, Func<T> action)
    {
        var start = Stopwatch.GetTimestamp();
        var result = action();
        RecordTiming(name, Stopwatch.GetElapsedTime(start).TotalSeconds);
        return result;
    }

    /// <summary>Starts a part: sets <see cref="CurrentPart"/> and opens its report section.</summary>
    internal void BeginPart(string part)
    {
        lock (_gate)
        {
            _part = part;
            _section = new MarkdownReport();
            _sections.Add((part, _section));
        }
    }

    /// <summary>Ends the running part, recording its wall time under its name.</summary>
    internal void EndPart(double seconds)
    {
        lock (_gate)
        {
            _timings[CurrentPart] = seconds;
            _part = null;
            _section = null;
        }
    }

    private string AddFile(string fileName)
    {
        lock (_gate)
        {
            if (!_files.Contains(fileName, StringComparer.Ordinal)) _files.Add(fileName);
        }
        return fileName;
    }

    private static string CheckFileName(string fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName) || Path.GetFileName(fileName) != fileName || fileName is "." or ".."
            || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"'{fileName}' must be a plain file name inside the output directory");
        if (fileName is StudyRunner.ResultsFile or StudyRunner.ManifestFile or StudyRunner.ReportFile or Validation.ComparisonFile or Validation.PublishedFile)
            throw new ArgumentException($"'{fileName}' is written by the runner");
        return fileName;
    }
}
