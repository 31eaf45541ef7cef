using System.Diagnostics;
using NuXe.Output;

namespace NuXe.Analyses.Framework;

/// <summary>What a study run produced.</summary>
/// <param name="Study">Study name.</param>
/// <param name="OutputDirectory">Absolute output directory.</param>
/// <param name="Parts">Parts run, in order.</param>
/// <param name="Results">Contents of <c>results.json</c>.</param>
/// <param name="TimingsSeconds">Wall time per part (and recorded phases), plus "total", in seconds.</param>
/// <param name="Files">All files written, relative to the output directory (runner files last).</param>
public sealed record StudyRunResult(
    string Study, string OutputDirectory, IReadOnlyList<string> Parts,
    IReadOnlyDictionary<string, double> Results, IReadOnlyDictionary<string, double> TimingsSeconds,
    IReadOnlyList<string> Files)
{
    /// <summary>
    /// The comparison of the parts run with the study's published numbers (<c>comparison.csv</c>); empty when the
    /// study ships no published numbers for them.
    /// </summary>
    public IReadOnlyList<ValidationRow> Comparison { get; init; } = [];
}

/// <summary>
/// Runs a study (all parts, or one) and writes <c>results.json</c>, <c>manifest.json</c> and <c>report.md</c>
/// next to the parts' figures and tables.
/// </summary>
public static class StudyRunner
{
    /// <summary>File name of the flat results object.</summary>
    public const string ResultsFile = "results.json";

    /// <summary>File name of the run manifest.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>File name of the Markdown report.</summary>
    public const string ReportFile = "report.md";

    /// <summary>
    /// Runs <paramref name="study"/> into <paramref name="outDir"/> atomically (<see cref="AtomicOutputFolder"/>): every
    /// file goes to a staging folder next to the target and is moved into place only when the whole run succeeded,
    /// <c>results.json</c>, <c>manifest.json</c> and <c>report.md</c> last. A run that throws, is cancelled or killed
    /// leaves the previous complete output untouched. With <paramref name="onlyPart"/> the part's results are merged
    /// into the existing <c>results.json</c> of the same study (the part's old keys are replaced, other parts' kept),
    /// the report keeps the other parts' sections, and <c>manifest.json</c> records when each part last ran
    /// (<c>part_runs</c>). Each part is timed and reported to <paramref name="progress"/> (start at 0, end at 1).
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="outDir">Output directory.</param>
    /// <param name="onlyPart">Run only this part (case-insensitive); null = all parts in order.</param>
    /// <param name="progress">Progress sink; null = none.</param>
    /// <param name="cancellationToken">Checked between parts; parts see it as <see cref="StudyContext.CancellationToken"/>.</param>
    /// <param name="commandLine">Recorded in the manifest; null = this process's command line.</param>
    /// <param name="fileSystem">Where bytes are written (tests inject failures); null = the real file system.</param>
    /// <param name="toys">Toys per grid value of toy-based limits (<see cref="StudyContext.ToyCount"/>); null = study default.</param>
    /// <exception cref="UnknownNameException"><paramref name="onlyPart"/> is not a part of the study; the message lists the parts.</exception>
    /// <exception cref="OutputIOException">The folder cannot be written (one line naming path and cause).</exception>
    /// <exception cref="OutputFolderBusyException">Another run holds the folder.</exception>
    /// <exception cref="NuXeInputException">The folder holds another study's output, or an unreadable results.json to merge into.</exception>
    public static StudyRunResult Run(IStudy study, string outDir, string? onlyPart = null, IProgressSink? progress = null,
        CancellationToken cancellationToken = default, string? commandLine = null, int? toys = null, IOutputFileSystem? fileSystem = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        IReadOnlyList<IStudyPart> parts = onlyPart is null ? study.Parts : [StudyRegistry.FindPart(study, onlyPart)];
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        using var folder = AtomicOutputFolder.Open(outDir, fileSystem);
        var previous = PreviousRun.Read(folder, study.Name, merge: onlyPart is not null);
        var ctx = new StudyContext(folder, progress, cancellationToken) { ToyCount = toys };

        try
        {
            foreach (var part in parts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ctx.BeginPart(part.Name);
                ctx.Progress.Report(part.Name, 0, part.Description);
                var watch = Stopwatch.StartNew();
                part.Run(ctx);
                var seconds = watch.Elapsed.TotalSeconds;
                ctx.EndPart(seconds);
                ctx.Progress.Report(part.Name, 1, $"done in {seconds:0.0} s");
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch
        {
            ctx.WaitForFigures(observeOnly: true);   // nothing may still write into the staging folder being discarded
            throw;
        }
        ctx.WaitForFigures();

        var partNames = parts.Select(p => p.Name).ToList();
        bool Rerun(string key) => partNames.Any(p => key == p || key.StartsWith(p + ".", StringComparison.Ordinal));
        SortedDictionary<string, T> Merge<T>(IReadOnlyDictionary<string, T>? old, IReadOnlyDictionary<string, T> now)
        {
            var m = new SortedDictionary<string, T>(StringComparer.Ordinal);
            if (old is not null) foreach (var (k, v) in old) if (!Rerun(k) && k != "total") m[k] = v;
            foreach (var (k, v) in now) m[k] = v;
            return m;
        }
        var timings = Merge(previous?.Timings, ctx.TimingsSeconds);
        timings["total"] = total.Elapsed.TotalSeconds;
        var results = Merge(previous?.Results, ctx.Results);
        var partRuns = new SortedDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (previous is not null) foreach (var (k, v) in previous.PartRuns) if (!partNames.Contains(k)) partRuns[k] = v;
        foreach (var p in partNames) partRuns[p] = started;

        // published numbers of every part present (this run and kept ones), beside ours: comparison.csv, published.json,
        // and a table in each freshly written part section
        var present = partRuns.Keys.ToHashSet(StringComparer.Ordinal);
        var published = Validation.PublishedFor(study).Where(p => present.Contains(p.Part)).ToList();
        var comparison = Validation.Compare(published, results, PublishedData.Explanations());
        var extraFiles = new List<string>();
        if (comparison.Count > 0)
        {
            folder.WriteText(Validation.ComparisonFile, CsvTables.ToCsv(Validation.ToComparisonCsv(comparison)));
            folder.WriteText(Validation.PublishedFile, ResultsJson.Serialize(Validation.PublishedValues(published)));
            extraFiles.AddRange([Validation.ComparisonFile, Validation.PublishedFile]);
        }

        folder.WriteText(ResultsFile, ResultsJson.Serialize(results));
        folder.WriteText(ManifestFile, ManifestJson.Serialize(new RunManifest(
            ManifestJson.ToolVersion(), study.Name, partNames, started,
            commandLine ?? string.Join(' ', Environment.GetCommandLineArgs()),
            Merge(previous?.Seeds, ctx.Seeds), timings, Merge(previous?.Presets, ctx.Presets), partRuns)));
        folder.WriteText(ReportFile, BuildReport(study, parts, ctx, timings, previous?.Sections, comparison).ToString());
        folder.Commit();

        return new StudyRunResult(study.Name, folder.TargetDirectory, partNames, results, timings,
            [.. ctx.Files, .. extraFiles, ResultsFile, ManifestFile, ReportFile]) { Comparison = comparison };
    }

    /// <summary>Title, citation, each part's section in order, then a short run summary.</summary>
    private static MarkdownReport BuildReport(IStudy study, IReadOnlyList<IStudyPart> parts, StudyContext ctx,
        IReadOnlyDictionary<string, double> timings, IReadOnlyDictionary<string, string>? previousSections,
        IReadOnlyList<ValidationRow> comparison)
    {
        var report = new MarkdownReport().Heading(1, study.Title).Paragraph(study.Citation);
        var sections = ctx.Sections.ToDictionary(s => s.Part, s => s.Section, StringComparer.Ordinal);
        foreach (var part in study.Parts)
        {
            string heading = $"{part.Name}: {part.Description}";
            if (sections.TryGetValue(part.Name, out var section))
            {
                report.Heading(2, heading);
                if (section.IsEmpty) report.Paragraph("_(this part wrote no report text)_");
                else report.Append(section);
                var rows = comparison.Where(r => r.Part == part.Name).ToList();
                if (rows.Count > 0)
                {
                    report.Heading(3, "Published versus ours")
                        .Paragraph($"Every published number of this part (data/published/{study.Name}.csv) beside ours; relative difference = " +
                                   $"(ours − published)/|published|; status `explained` cites data/published/explanations.csv. " +
                                   $"{Validation.Summary(ValidationCounts.Of(rows))}.");
                    Validation.AppendTable(report, rows);
                }
            }
            else if (previousSections is not null && previousSections.TryGetValue(part.Name, out var old))
                report.Heading(2, heading).Paragraph(old);
        }
        report.Heading(2, "Run")
            .Paragraph($"nuxe {ManifestJson.ToolVersion()}; parts: {string.Join(", ", parts.Select(p => p.Name))}; " +
                       (previousSections is { Count: > 0 } ? $"sections of other parts kept from earlier runs ({string.Join(", ", previousSections.Keys.Where(k => !sections.ContainsKey(k)))}); " : "") +
                       $"wall time {MarkdownReport.Number(timings["total"], "0.00")} s. " +
                       $"Numbers: `{ResultsFile}`; versions, seeds, presets and timings: `{ManifestFile}`" +
                       (comparison.Count > 0 ? $"; published numbers: `{Validation.PublishedFile}`, comparison: `{Validation.ComparisonFile}` ({Validation.Summary(ValidationCounts.Of(comparison))})." : "."));
        return report;
    }
}

/// <summary>What a previous complete run left in the output folder (read before an <c>--only</c> run merges into it).</summary>
internal sealed record PreviousRun(
    IReadOnlyDictionary<string, double> Results, IReadOnlyDictionary<string, DateTimeOffset> PartRuns,
    IReadOnlyDictionary<string, long> Seeds, IReadOnlyDictionary<string, double> Timings,
    IReadOnlyDictionary<string, string> Presets, IReadOnlyDictionary<string, string> Sections)
{
    /// <summary>
    /// Null when the folder holds no complete run. Throws <see cref="NuXeInputException"/> when it holds another study's
    /// run, or (when merging) files that cannot be read.
    /// </summary>
    public static PreviousRun? Read(AtomicOutputFolder folder, string study, bool merge)
    {
        var manifestPath = folder.Existing(StudyRunner.ManifestFile);
        if (manifestPath is null) return null;
        string dir = folder.TargetDirectory;
        System.Text.Json.JsonDocument manifest;
        try { manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifestPath)); }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            if (!merge) return null; // a full run replaces it
            throw new NuXeInputException("--out", dir, $"cannot merge into it: {StudyRunner.ManifestFile} is unreadable ({e.Message.Split('\n')[0]}); run the whole study or choose another folder");
        }
        using (manifest)
        {
            var root = manifest.RootElement;
            string? other = root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("study", out var st) ? st.GetString() : null;
            if (other is not null && other.Length > 0 && other != study)
                throw new NuXeInputException("--out", dir, $"holds the output of study '{other}', not '{study}'; choose another folder");
            if (!merge) return null;
            var resultsPath = folder.Existing(StudyRunner.ResultsFile);
            var reportPath = folder.Existing(StudyRunner.ReportFile);
            if (resultsPath is null || reportPath is null)
                throw new NuXeInputException("--out", dir, "holds an incomplete run (results.json or report.md missing); run the whole study or choose another folder");
            IReadOnlyDictionary<string, double> results;
            string report;
            try { results = ResultsJson.Read(resultsPath); report = File.ReadAllText(reportPath); }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
            { throw new NuXeInputException("--out", dir, $"cannot merge into it: {StudyRunner.ResultsFile} is unreadable ({e.Message.Split('\n')[0]}); run the whole study or choose another folder"); }
            var partRuns = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            if (root.TryGetProperty("part_runs", out var pr) && pr.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                foreach (var p in pr.EnumerateObject())
                    if (DateTimeOffset.TryParse(p.Value.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)) partRuns[p.Name] = t;
            }
            else if (root.TryGetProperty("parts", out var ps) && ps.ValueKind == System.Text.Json.JsonValueKind.Array
                     && root.TryGetProperty("started_utc", out var su)
                     && DateTimeOffset.TryParse(su.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t0))
                foreach (var p in ps.EnumerateArray()) if (p.GetString() is { } n) partRuns[n] = t0;
            var sections = ReportSections(report, partRuns.Keys);
            return new PreviousRun(results, partRuns, Numbers(root, "seeds", e => e.GetInt64()), Numbers(root, "timings_s", e => e.GetDouble()),
                Numbers(root, "presets", e => e.GetString() ?? ""), sections);
        }
    }

    static Dictionary<string, T> Numbers<T>(System.Text.Json.JsonElement root, string name, Func<System.Text.Json.JsonElement, T> get)
    {
        var d = new Dictionary<string, T>(StringComparer.Ordinal);
        if (root.TryGetProperty(name, out var o) && o.ValueKind == System.Text.Json.JsonValueKind.Object)
            foreach (var p in o.EnumerateObject())
                try { d[p.Name] = get(p.Value); } catch (Exception e) when (e is FormatException or InvalidOperationException) { }
        return d;
    }

    /// <summary>The body of each "## part: description" section of a report written by the runner.</summary>
    static Dictionary<string, string> ReportSections(string report, IEnumerable<string> parts)
    {
        var names = parts.ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var body = new System.Text.StringBuilder();
        void Flush() { if (current is not null) result[current] = body.ToString().Trim(); body.Clear(); }
        foreach (var line in report.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                int colon = line.IndexOf(':');
                string name = colon > 3 ? line[3..colon] : "";
                current = names.Contains(name) ? name : null;
                continue;
            }
            if (current is not null) body.Append(line).Append('\n');
        }
        Flush();
        return result;
    }
}
