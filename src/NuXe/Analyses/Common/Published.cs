using NuXe.Presets;

namespace NuXe.Analyses.Common;

/// <summary>A published value with its provenance (data/published/*.csv).</summary>
public sealed record PublishedValue(string Key, double Value, string Unit, string Source, string Note);

/// <summary>
/// Published numbers of the reproduced studies, shipped in data/published (one CSV per study, see its PROVENANCE.md).
/// Values marked UNVERIFIED there come from the project specification, not from the paper itself.
/// </summary>
public static class Published
{
    /// <summary>All published values of a study ("linkxu2019", "coloma2014", …) by result key.</summary>
    public static IReadOnlyDictionary<string, PublishedValue> For(string study)
    {
        var path = $"data/published/{study}.csv";
        using var s = typeof(Published).Assembly.GetManifestResourceStream(path);
        if (s is null) return new Dictionary<string, PublishedValue>();
        using var r = new StreamReader(s);
        var result = new Dictionary<string, PublishedValue>();
        bool header = true;
        string? line;
        while ((line = r.ReadLine()) is not null)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (header) { header = false; continue; }
            var f = SplitCsv(line);
            if (f.Count < 7 || !double.TryParse(f[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)) continue;
            result[f[0]] = new PublishedValue(f[0], v, f[2], f[5], f[6]);
        }
        return result;
    }

    /// <summary>
    /// Rows of a curated literature table (data/literature/&lt;file&gt;, see its PROVENANCE.md) as column → text maps;
    /// empty if the file is not shipped.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Literature(string file)
    {
        using var s = typeof(Published).Assembly.GetManifestResourceStream($"data/literature/{file}");
        if (s is null) return [];
        using var r = new StreamReader(s);
        List<string>? header = null;
        var rows = new List<IReadOnlyDictionary<string, string>>();
        string? line;
        while ((line = r.ReadLine()) is not null)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var f = SplitCsv(line);
            if (header is null) { header = f; continue; }
            var row = new Dictionary<string, string>();
            for (int i = 0; i < header.Count; i++) row[header[i]] = i < f.Count ? f[i] : "";
            rows.Add(row);
        }
        return rows;
    }

    static List<string> SplitCsv(string line)
    {
        var fields = new List<string>(); var cur = new System.Text.StringBuilder(); bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted) { if (c == '"') { if (i + 1 < line.Length && line[i + 1] == '"') { cur.Append('"'); i++; } else quoted = false; } else cur.Append(c); }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(cur.ToString()); cur.Clear(); }
            else cur.Append(c);
        }
        fields.Add(cur.ToString());
        return fields;
    }
}
