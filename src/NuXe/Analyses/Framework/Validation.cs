using System.Collections.ObjectModel;
using System.Globalization;
using NuXe.Output;

namespace NuXe.Analyses.Framework;

/// <summary>How one published number compares with ours.</summary>
public enum ValidationStatus
{
    /// <summary>|relative difference| ≤ tolerance.</summary>
    Within,

    /// <summary>Outside the tolerance with a curated reason (data/published/explanations.csv).</summary>
    Explained,

    /// <summary>Outside the tolerance and no reason recorded.</summary>
    Unexplained,

    /// <summary>NuXe has no result for this published number (the part did not run, or it has no equivalent).</summary>
    Missing,
}

/// <summary>
/// One row of a "published versus ours" comparison. The relative difference is (ours − published)/|published|; for a
/// published 0 it is undefined and the tolerance is read as an absolute bound on |ours|.
/// </summary>
/// <param name="Entry">The published number with its provenance.</param>
/// <param name="Ours">Our value under the same key in <c>results.json</c>; null when missing.</param>
/// <param name="Status">Comparison status.</param>
/// <param name="Explanation">The curated reason when <paramref name="Status"/> is <see cref="ValidationStatus.Explained"/>
/// (also kept, for information, when a number with a recorded reason comes out within tolerance).</param>
public sealed record ValidationRow(PublishedEntry Entry, double? Ours, ValidationStatus Status, Explanation? Explanation)
{
    /// <summary>Study name.</summary>
    public string Study => Entry.Study;

    /// <summary>Part of the study.</summary>
    public string Part => Entry.Part;

    /// <summary>Published key (the result key where one exists).</summary>
    public string Key => Entry.Key;

    /// <summary>Published value.</summary>
    public double Published => Entry.Value;

    /// <summary>Relative tolerance used.</summary>
    public double Tolerance => Entry.EffectiveTolerance;

    /// <summary>(ours − published)/|published|; null when ours is missing or published is 0.</summary>
    public double? RelativeDifference => Ours is { } o && Entry.Value != 0 ? (o - Entry.Value) / Math.Abs(Entry.Value) : null;

    /// <summary>Lower-case status as written to CSV: within, explained, unexplained, missing.</summary>
    public string StatusText => Validation.StatusText(Status);
}

/// <summary>Counts of a set of <see cref="ValidationRow"/>s.</summary>
public sealed record ValidationCounts(int Within, int Explained, int Unexplained, int Missing)
{
    /// <summary>All rows.</summary>
    public int Total => Within + Explained + Unexplained + Missing;

    /// <summary>Counts of <paramref name="rows"/>.</summary>
    public static ValidationCounts Of(IEnumerable<ValidationRow> rows)
    {
        int w = 0, e = 0, u = 0, m = 0;
        foreach (var r in rows)
            switch (r.Status)
            {
                case ValidationStatus.Within: w++; break;
                case ValidationStatus.Explained: e++; break;
                case ValidationStatus.Unexplained: u++; break;
                default: m++; break;
            }
        return new ValidationCounts(w, e, u, m);
    }
}

/// <summary>
/// The comparison of a study's published numbers with its computed results, and its renderings (CSV, JSON, Markdown).
/// Generic: it knows keys, values and tolerances, nothing of the physics.
/// </summary>
public static class Validation
{
    /// <summary>Columns of <c>validation.csv</c> (contract of issue 12).</summary>
    public static readonly IReadOnlyList<string> Columns = ["study", "part", "quantity", "published", "ours", "rel_diff", "tolerance", "status"];

    /// <summary>Columns of a study's <c>comparison.csv</c> (one per reproduce run): the validation columns plus provenance.</summary>
    public static readonly IReadOnlyList<string> ComparisonColumns =
        ["study", "part", "quantity", "published", "ours", "rel_diff", "tolerance", "status", "description", "unit", "kind", "source", "reason", "doc"];

    /// <summary>File name of the per-run comparison table.</summary>
    public const string ComparisonFile = "comparison.csv";

    /// <summary>File name of the per-run published values (flat JSON object, key → published value).</summary>
    public const string PublishedFile = "published.json";

    /// <summary>within, explained, unexplained, missing.</summary>
    public static string StatusText(ValidationStatus status) => status switch
    {
        ValidationStatus.Within => "within",
        ValidationStatus.Explained => "explained",
        ValidationStatus.Unexplained => "unexplained",
        _ => "missing",
    };

    /// <summary>The published entries of <paramref name="study"/>, with parts resolved from the study's part names.</summary>
    public static IReadOnlyList<PublishedEntry> PublishedFor(IStudy study)
    {
        var parts = study.Parts.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return PublishedData.For(study.Name, parts.Contains);
    }

    /// <summary>Compares each published entry with <paramref name="results"/> (same key).</summary>
    public static IReadOnlyList<ValidationRow> Compare(IEnumerable<PublishedEntry> published, IReadOnlyDictionary<string, double> results,
        IEnumerable<Explanation> explanations)
    {
        var reasons = explanations.GroupBy(e => (e.Study, e.Key)).ToDictionary(g => g.Key, g => g.First());
        var rows = new List<ValidationRow>();
        foreach (var p in published)
        {
            reasons.TryGetValue((p.Study, p.Key), out var why);
            if (!results.TryGetValue(p.Key, out var ours)) { rows.Add(new ValidationRow(p, null, ValidationStatus.Missing, why)); continue; }
            bool within = p.Value != 0
                ? Math.Abs(ours - p.Value) <= p.EffectiveTolerance * Math.Abs(p.Value) * (1 + 1e-12)
                : Math.Abs(ours) <= p.EffectiveTolerance;
            var status = within ? ValidationStatus.Within : why is null ? ValidationStatus.Unexplained : ValidationStatus.Explained;
            rows.Add(new ValidationRow(p, ours, status, why));
        }
        return new ReadOnlyCollection<ValidationRow>(rows);
    }

    /// <summary>The rows as <c>validation.csv</c> (columns <see cref="Columns"/>; round-trip numbers; empty cells for missing values).</summary>
    public static CsvTable ToValidationCsv(IEnumerable<ValidationRow> rows) => new(Columns,
        [.. rows.Select(r => (IReadOnlyList<object>)[r.Study, r.Part, r.Key, Num(r.Published), Num(r.Ours), Num(r.RelativeDifference), Num(r.Tolerance), r.StatusText])], "R");

    /// <summary>The rows as a study's <c>comparison.csv</c> (columns <see cref="ComparisonColumns"/>).</summary>
    public static CsvTable ToComparisonCsv(IEnumerable<ValidationRow> rows) => new(ComparisonColumns,
        [.. rows.Select(r => (IReadOnlyList<object>)[r.Study, r.Part, r.Key, Num(r.Published), Num(r.Ours), Num(r.RelativeDifference), Num(r.Tolerance), r.StatusText,
            r.Entry.Quantity, r.Entry.Unit, r.Entry.Kind, r.Entry.Source, r.Explanation?.Reason ?? "", r.Explanation?.Doc ?? ""])], "G8");

    /// <summary>Published values by key (for <c>published.json</c>).</summary>
    public static IReadOnlyDictionary<string, double> PublishedValues(IEnumerable<PublishedEntry> published) =>
        new SortedDictionary<string, double>(published.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    /// <summary>
    /// Appends a "published vs ours" table to <paramref name="report"/>: quantity, published, ours, relative difference,
    /// tolerance, status (with the reason for explained rows).
    /// </summary>
    public static MarkdownReport AppendTable(MarkdownReport report, IEnumerable<ValidationRow> rows, bool withStudy = false)
    {
        var list = rows.ToList();
        if (list.Count == 0) return report;
        IReadOnlyList<string> header = withStudy
            ? ["study", "part", "quantity", "published", "ours", "rel. diff.", "tolerance", "status"]
            : ["quantity", "published", "ours", "rel. diff.", "tolerance", "status"];
        return report.Table(header, list.Select(r =>
        {
            var cells = new List<string>();
            if (withStudy) { cells.Add(r.Study); cells.Add(r.Part); }
            cells.Add(r.Entry.Quantity == r.Key ? $"`{r.Key}`" : $"{r.Entry.Quantity} (`{r.Key}`)");
            cells.Add(Show(r.Published) + (r.Entry.Unit.Length > 0 ? " " + r.Entry.Unit : ""));
            cells.Add(r.Ours is { } o ? Show(o) : "—");
            cells.Add(r.RelativeDifference is { } d ? MarkdownReport.Percent(d) : "n/a");
            cells.Add((100 * r.Tolerance).ToString("0.#", CultureInfo.InvariantCulture) + " %");
            cells.Add(r.Status == ValidationStatus.Explained && r.Explanation is { } e
                ? $"explained: {e.Reason}" + (e.Doc.Length > 0 ? $" ({e.Doc})" : "")
                : r.StatusText);
            return (IReadOnlyList<string>)cells;
        }));
    }

    /// <summary>One line "N published numbers: a within, b explained, c unexplained, d missing".</summary>
    public static string Summary(ValidationCounts c) =>
        $"{c.Total} published numbers: {c.Within} within tolerance, {c.Explained} explained, {c.Unexplained} unexplained, {c.Missing} missing";

    static string Show(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    static object Num(double? v) => v is { } x ? x : "";
}
