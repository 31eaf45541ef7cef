using System.Globalization;
using System.Reflection;

namespace NuXe.Data;

/// <summary>A numeric table read from a CSV file: named columns (header names keep their units, e.g. "T_keV").</summary>
public sealed record DataTable(string Name, IReadOnlyList<string> Columns, double[][] Values)
{
    /// <summary>1-based line of the file each row came from (for error messages); null when not from a file.</summary>
    public int[]? Lines { get; init; }

    /// <summary>Number of data rows.</summary>
    public int RowCount => Values.Length == 0 ? 0 : Values[0].Length;

    /// <summary>The file line of row <paramref name="row"/> (1-based), or row + 1 when unknown.</summary>
    public int LineOf(int row) => Lines is { } l && row < l.Length ? l[row] : row + 1;

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
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="DataFileException">Unreadable or malformed file (message names file, line and column).</exception>
    public static DataTable Read(string reference, string? baseDirectory = null)
    {
        if (reference.StartsWith("data:", StringComparison.Ordinal)) return ReadShipped(reference[5..]);
        string path = Path.IsPathRooted(reference) || baseDirectory is null ? reference : Path.Combine(baseDirectory, reference);
        if (Directory.Exists(path)) throw new DataFileException($"data file '{reference}' is a folder, not a file");
        if (!File.Exists(path)) throw new FileNotFoundException($"data file '{reference}' not found (looked at {Path.GetFullPath(path)})");
        string text;
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes) throw new DataFileException($"data file '{reference}' is larger than {MaxFileBytes / (1 << 20)} MB; a NuXe data table is a few kB");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (e is DataFileException) throw;
            throw new DataFileException($"data file '{reference}' cannot be read: {(e is UnauthorizedAccessException ? "permission denied" : e.Message.Split('\n')[0])}");
        }
        return ParseCsv(reference, text);
    }

    /// <summary>Largest data file read (bytes).</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>
    /// Parse CSV text: '#' comment lines, one header line of distinct non-empty names, then at least one row with
    /// exactly one finite number per column. Errors name the file, the line and the column.
    /// </summary>
    /// <exception cref="DataFileException">Malformed text.</exception>
    public static DataTable ParseCsv(string name, string text)
    {
        if (text.Contains('\0')) throw new DataFileException($"data file '{name}' is binary, not a CSV text table");
        string[]? header = null;
        var rows = new List<double[]>();
        var lines = new List<int>();
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(',');
            if (header is null)
            {
                header = parts.Select(p => p.Trim()).ToArray();
                for (int i = 0; i < header.Length; i++)
                {
                    if (header[i].Length == 0) throw new DataFileException($"data file '{name}' line {lineNo}: header column {i + 1} is empty");
                    if (double.TryParse(header[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                        throw new DataFileException($"data file '{name}' line {lineNo}: the first line must be a header of column names, got the number '{Show(header[i])}'");
                    if (Array.IndexOf(header, header[i]) < i) throw new DataFileException($"data file '{name}' line {lineNo}: column '{Show(header[i])}' appears twice in the header");
                }
                continue;
            }
            if (parts.Length != header.Length)
                throw new DataFileException($"data file '{name}' line {lineNo}: {parts.Length} values, the header has {header.Length} columns ({string.Join(", ", header)})");
            var row = new double[header.Length];
            for (int i = 0; i < header.Length; i++)
            {
                var cell = parts[i].Trim();
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]))
                    throw new DataFileException($"data file '{name}' line {lineNo}, column '{header[i]}': '{Show(cell)}' is not a number");
                if (!double.IsFinite(row[i]))
                    throw new DataFileException($"data file '{name}' line {lineNo}, column '{header[i]}': '{Show(cell)}' is not a finite number");
            }
            rows.Add(row);
            lines.Add(lineNo);
        }
        if (header is null) throw new DataFileException($"data file '{name}' has no header line (it is empty or only comments)");
        if (rows.Count == 0) throw new DataFileException($"data file '{name}' has a header but no data rows; at least 1 row is needed");
        var cols = new double[header.Length][];
        for (int c = 0; c < header.Length; c++) { cols[c] = new double[rows.Count]; for (int r = 0; r < rows.Count; r++) cols[c][r] = rows[r][c]; }
        return new DataTable(name, header, cols) { Lines = [.. lines] };
    }

    /// <summary>A cell or header as shown in an error: at most 40 characters.</summary>
    static string Show(string s) => s.Length <= 40 ? s : s[..37] + "…";
}

/// <summary>A data file is unreadable or malformed, or its values are not allowed; the message names file, line and column.</summary>
public sealed class DataFileException(string message) : FormatException(message);

/// <summary>Checks of the values of a <see cref="DataTable"/>; each error names the file, the line and the column.</summary>
public static class DataChecks
{
    static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    static DataFileException Bad(DataTable t, int row, string column, double v, string allowed)
        => new($"data file '{t.Name}' line {t.LineOf(row)}, column '{column}': {G(v)} {allowed}");

    /// <summary>The column, which must exist.</summary>
    public static double[] Require(DataTable t, string column)
    {
        if (!t.Columns.Contains(column))
            throw new DataFileException($"data file '{t.Name}' has no column '{column}' (columns: {string.Join(", ", t.Columns)})");
        return t.Column(column);
    }

    /// <summary>Every value ≥ 0.</summary>
    public static double[] NonNegative(DataTable t, string column)
    {
        var v = Require(t, column);
        for (int i = 0; i < v.Length; i++) if (!(v[i] >= 0)) throw Bad(t, i, column, v[i], "must be ≥ 0");
        return v;
    }

    /// <summary>Every value &gt; 0.</summary>
    public static double[] Positive(DataTable t, string column)
    {
        var v = Require(t, column);
        for (int i = 0; i < v.Length; i++) if (!(v[i] > 0)) throw Bad(t, i, column, v[i], "must be > 0");
        return v;
    }

    /// <summary>Every value in [lo, hi].</summary>
    public static double[] Within(DataTable t, string column, double lo, double hi)
    {
        var v = Require(t, column);
        for (int i = 0; i < v.Length; i++) if (!(v[i] >= lo && v[i] <= hi)) throw Bad(t, i, column, v[i], $"must be between {G(lo)} and {G(hi)}");
        return v;
    }

    /// <summary>Strictly increasing values.</summary>
    public static double[] StrictlyIncreasing(DataTable t, string column)
    {
        var v = Require(t, column);
        for (int i = 1; i < v.Length; i++)
            if (!(v[i] > v[i - 1])) throw Bad(t, i, column, v[i], $"must be larger than the previous row's {G(v[i - 1])} (strictly increasing)");
        return v;
    }

    /// <summary>Bins [lo_i, hi_i]: lo &lt; hi in each row, strictly increasing, not overlapping.</summary>
    public static (double[] Lo, double[] Hi) Bins(DataTable t, string loColumn, string hiColumn)
    {
        var lo = StrictlyIncreasing(t, loColumn);
        var hi = Require(t, hiColumn);
        for (int i = 0; i < lo.Length; i++)
        {
            if (!(hi[i] > lo[i])) throw Bad(t, i, hiColumn, hi[i], $"must be larger than {loColumn} = {G(lo[i])} on the same line");
            if (i > 0 && lo[i] < hi[i - 1] - 1e-9 * Math.Abs(hi[i - 1])) throw Bad(t, i, loColumn, lo[i], $"overlaps the previous bin (which ends at {G(hi[i - 1])})");
        }
        return (lo, hi);
    }

    /// <summary>Bins that equal the given edges (relative tolerance 1e-6 of the range).</summary>
    public static void MatchBinning(DataTable t, string loColumn, string hiColumn, IReadOnlyList<double> edgesKeV, string what)
    {
        var (lo, hi) = Bins(t, loColumn, hiColumn);
        int n = edgesKeV.Count - 1;
        if (lo.Length != n) throw new DataFileException($"data file '{t.Name}' has {lo.Length} bins; {what} has {n}");
        double tol = 1e-6 * Math.Max(1, Math.Abs(edgesKeV[^1] - edgesKeV[0]));
        for (int i = 0; i < n; i++)
        {
            if (Math.Abs(lo[i] - edgesKeV[i]) > tol) throw Bad(t, i, loColumn, lo[i], $"does not match {what}'s bin edge {G(edgesKeV[i])}");
            if (Math.Abs(hi[i] - edgesKeV[i + 1]) > tol) throw Bad(t, i, hiColumn, hi[i], $"does not match {what}'s bin edge {G(edgesKeV[i + 1])}");
        }
    }
}
