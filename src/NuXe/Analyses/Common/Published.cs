using NuXe.Analyses.Framework;

namespace NuXe.Analyses.Common;

/// <summary>A published value with its provenance (data/published/*.csv).</summary>
public sealed record PublishedValue(string Key, double Value, string Unit, string Source, string Note);

/// <summary>
/// Convenience view of the published numbers by key, for studies that look single values up. The reading (strict: a row
/// that cannot be parsed is an error naming file and line) and the comparison machinery are in
/// <see cref="PublishedData"/> and <see cref="Validation"/> (Analyses.Framework).
/// </summary>
public static class Published
{
    /// <summary>All published values of a study ("linkxu2019", "coloma2014", …) by key; empty when the study ships none.</summary>
    /// <exception cref="FormatException">A row of the study's file cannot be parsed (message names file and line).</exception>
    public static IReadOnlyDictionary<string, PublishedValue> For(string study) =>
        PublishedData.For(study).ToDictionary(e => e.Key, e => new PublishedValue(e.Key, e.Value, e.Unit, e.Source, e.Note), StringComparer.Ordinal);

    /// <summary>Rows of a curated literature table (data/literature/&lt;file&gt;) as column → text maps.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Literature(string file) => PublishedData.Literature(file);
}
