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
    IReadOnlyList<string> Files);

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
    /// Runs <paramref name="study"/> into <paramref name="outDir"/> (created if missing; existing files are
    /// overwritten). Each part is timed and reported to <paramref name="progress"/> (start at 0, end at 1).
    /// Nothing is written by the runner if a part throws (the exception propagates unchanged) or the run is cancelled.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="outDir">Output directory.</param>
    /// <param name="onlyPart">Run only this part (case-insensitive); null = all parts in order.</param>
    /// <param name="progress">Progress sink; null = none.</param>
    /// <param name="cancellationToken">Checked between parts; parts see it as <see cref="StudyContext.CancellationToken"/>.</param>
    /// <param name="commandLine">Recorded in the manifest; null = this process's command line.</param>
    /// <param name="toys">Toys per grid value of toy-based limits (<see cref="StudyContext.ToyCount"/>); null = study default.</param>
    /// <exception cref="UnknownNameException"><paramref name="onlyPart"/> is not a part of the study; the message lists the parts.</exception>
    public static StudyRunResult Run(IStudy study, string outDir, string? onlyPart = null, IProgressSink? progress = null,
        CancellationToken cancellationToken = default, string? commandLine = null, int? toys = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        IReadOnlyList<IStudyPart> parts = onlyPart is null ? study.Parts : [StudyRegistry.FindPart(study, onlyPart)];
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var ctx = new StudyContext(outDir, progress, cancellationToken) { ToyCount = toys };

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

        var timings = new SortedDictionary<string, double>(ctx.TimingsSeconds.ToDictionary(), StringComparer.Ordinal)
        {
            ["total"] = total.Elapsed.TotalSeconds,
        };
        var results = ctx.Results;
        var partNames = parts.Select(p => p.Name).ToList();

        ResultsJson.Write(Path.Combine(ctx.OutputDirectory, ResultsFile), results);
        ManifestJson.Write(Path.Combine(ctx.OutputDirectory, ManifestFile), new RunManifest(
            ManifestJson.ToolVersion(), study.Name, partNames, started,
            commandLine ?? string.Join(' ', Environment.GetCommandLineArgs()),
            ctx.Seeds, timings, ctx.Presets));
        File.WriteAllText(Path.Combine(ctx.OutputDirectory, ReportFile),
            BuildReport(study, parts, ctx, timings).ToString(), new System.Text.UTF8Encoding(false));

        return new StudyRunResult(study.Name, ctx.OutputDirectory, partNames, results, timings,
            [.. ctx.Files, ResultsFile, ManifestFile, ReportFile]);
    }

    /// <summary>Title, citation, each part's section in order, then a short run summary.</summary>
    private static MarkdownReport BuildReport(IStudy study, IReadOnlyList<IStudyPart> parts, StudyContext ctx,
        IReadOnlyDictionary<string, double> timings)
    {
        var report = new MarkdownReport().Heading(1, study.Title).Paragraph(study.Citation);
        var sections = ctx.Sections.ToDictionary(s => s.Part, s => s.Section, StringComparer.Ordinal);
        foreach (var part in parts)
        {
            report.Heading(2, $"{part.Name}: {part.Description}");
            var section = sections[part.Name];
            if (section.IsEmpty) report.Paragraph("_(this part wrote no report text)_");
            else report.Append(section);
        }
        report.Heading(2, "Run")
            .Paragraph($"nuxe {ManifestJson.ToolVersion()}; parts: {string.Join(", ", parts.Select(p => p.Name))}; " +
                       $"wall time {MarkdownReport.Number(timings["total"], "0.00")} s. " +
                       $"Numbers: `{ResultsFile}`; versions, seeds, presets and timings: `{ManifestFile}`.");
        return report;
    }
}
