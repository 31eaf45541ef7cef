using System.Globalization;
using System.Reflection;

namespace NuXe.Data;

/// <summary>A numeric table read from a CSV file: named columns (header names keep their units, e.g. "T_keV").</summary>
public sealed record DataTable(string Name, IReadOnlyList<string> Columns, double[][] Values)
{
    /// <summary>The column with the given header name.</summary>
    public double[] Column(string name)
    {
        int i = Columns.ToList().IndexOf(name);
        if (i < 0) throw new KeyNotFoundException($"data file '{Name}' has no column '{name}' (columns: {string.Join(", ", Columns)})");
        return Values[i];
    }

    public double[] Column(int index) => Values[index];
}

/// <summary>
/// Access to the curated data shipped with NuXe (the project's <c>data/</c> folder, embedded in the library as
/// resources named <c>data/&lt;path&gt;</c>) and to user files. A reference <c>data:solar/pp.csv</c> names shipped data;
/// anything else is a file path (relative paths resolve against a base directory, e.g. the preset's folder).
/// CSV format: '#' comment lines, one header line, comma-separated numbers.
/// </summary>
public static class DataStore
{
    static readonly Assembly Assembly = typeof(DataStore).Assembly;

    /// <summary>Names of all shipped data files (without the "data/" prefix).</summary>
    public static IReadOnlyList<string> ShippedFiles() => Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("data/", StringComparison.Ordinal)).Select(n => n[5..]).OrderBy(n => n).ToArray();

    /// <summary>Read shipped data by path relative to <c>data/</c>, e.g. "backgrounds/kr85_beta_shape.csv".</summary>
    public static DataTable ReadShipped(string relativePath)
    {
        using var s = Assembly.GetManifestResourceStream("data/" + relativePath)
            ?? throw new FileNotFoundException($"no shipped data file 'data/{relativePath}' (available: {string.Join(", ", ShippedFiles())})");
        using var r = new StreamReader(s);
        return ParseCsv(relativePath, r.ReadToEnd());
    }

    /// <summary>Resolve a reference: "data:&lt;path&gt;" → shipped file; otherwise a file path relative to <paramref name="baseDirectory"/>.</summary>
    public static DataTable Read(string reference, string? baseDirectory = null)
    {
        if (reference.StartsWith("data:", StringComparison.Ordinal)) return ReadShipped(reference[5..]);
        string path = Path.IsPathRooted(reference) || baseDirectory is null ? reference : Path.Combine(baseDirectory, reference);
        if (!File.Exists(path)) throw new FileNotFoundException($"data file '{reference}' not found (looked at {Path.GetFullPath(path)})");
        return ParseCsv(reference, File.ReadAllText(path));
    }

    /// <summary>Parse CSV text: '#' comments, one header line, numeric rows.</summary>
    public static DataTable ParseCsv(string name, string text)
    {
        string[]? header = null;
        var rows = new List<double[]>();
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(',');
            if (header is null) { header = parts.Select(p => p.Trim()).ToArray(); continue; }
            var row = new double[header.Length];
            for (int i = 0; i < header.Length; i++)
            {
                if (i >= parts.Length || !double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]))
                    throw new FormatException($"data file '{name}' line {lineNo}: expected {header.Length} numbers, got '{line}'");
            }
            rows.Add(row);
        }
        if (header is null) throw new FormatException($"data file '{name}' has no header line");
        var cols = new double[header.Length][];
        for (int c = 0; c < header.Length; c++) { cols[c] = new double[rows.Count]; for (int r = 0; r < rows.Count; r++) cols[c][r] = rows[r][c]; }
        return new DataTable(name, header, cols);
    }
}
