using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace NuXe.Output;

/// <summary>
/// A table for CSV output. Column names carry their units, e.g. <c>T_lo_keV,T_hi_keV,signal_events</c>.
/// Cells are numbers (<see cref="double"/>, <see cref="int"/>, <see cref="long"/>), strings or booleans.
/// </summary>
/// <param name="Columns">Header, one name per column.</param>
/// <param name="Rows">Rows; each must have <c>Columns.Count</c> cells.</param>
/// <param name="NumberFormat">
/// .NET format for doubles: "G6" (default, fine for tables), "R" or "G17" for round-trip exactness.
/// </param>
public sealed record CsvTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object>> Rows, string NumberFormat = "G6")
{
    /// <summary>Builds a numeric table from columns of equal length (column-major input).</summary>
    public static CsvTable FromColumns(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> columns, string numberFormat = "G6")
    {
        if (names.Count != columns.Count)
            throw new ArgumentException($"{names.Count} column names for {columns.Count} columns");
        var n = columns.Count == 0 ? 0 : columns[0].Count;
        for (var j = 0; j < columns.Count; j++)
            if (columns[j].Count != n)
                throw new ArgumentException($"column '{names[j]}' has {columns[j].Count} values, expected {n}");
        var rows = new List<IReadOnlyList<object>>(n);
        for (var i = 0; i < n; i++)
        {
            var row = new object[columns.Count];
            for (var j = 0; j < columns.Count; j++) row[j] = columns[j][i];
            rows.Add(row);
        }
        return new CsvTable(names, rows, numberFormat);
    }
}

/// <summary>Writes and reads <see cref="CsvTable"/> with CsvHelper 33 (invariant culture, comma, RFC 4180 quoting).</summary>
public static class CsvTables
{
    private static CsvConfiguration Config => new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>The CSV text of <paramref name="table"/> (header line, then one line per row; "\n" line ends).</summary>
    /// <exception cref="ArgumentException">Empty or duplicate column names, ragged rows, or unsupported cell types.</exception>
    public static string ToCsv(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Check(table);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Config))
        {
            foreach (var name in table.Columns) csv.WriteField(name);
            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                foreach (var cell in row) csv.WriteField(Format(cell, table.NumberFormat));
                csv.NextRecord();
            }
        }
        return text.ToString();
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> (UTF-8, no BOM); creates the directory.</summary>
    public static void Write(string path, CsvTable table)
    {
        var text = ToCsv(table);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        try { if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new OutputIOException(directory!, OutputIOException.Describe(e), e); }
        SafeFile.WriteAllText(path, text);
    }

    /// <summary>
    /// Reads a CSV file whose cells are all numbers (invariant culture); returns the header and rows of doubles.
    /// </summary>
    /// <exception cref="FormatException">A cell is not a number; the message names row and column.</exception>
    public static (IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<double>> Rows) ReadNumeric(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, Config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            throw new FormatException($"{path}: no header line");
        var columns = csv.HeaderRecord;
        var rows = new List<IReadOnlyList<double>>();
        while (csv.Read())
        {
            var row = new double[columns.Length];
            for (var j = 0; j < columns.Length; j++)
            {
                var field = csv.GetField(j) ?? "";
                if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]))
                    throw new FormatException($"{path}: row {rows.Count + 1}, column '{columns[j]}': '{field}' is not a number");
            }
            rows.Add(row);
        }
        return (columns, rows);
    }

    private static void Check(CsvTable table)
    {
        if (table.Columns.Count == 0) throw new ArgumentException("CSV table has no columns");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in table.Columns)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("CSV column name is empty");
            if (!seen.Add(name)) throw new ArgumentException($"CSV column '{name}' appears twice");
        }
        for (var i = 0; i < table.Rows.Count; i++)
            if (table.Rows[i].Count != table.Columns.Count)
                throw new ArgumentException($"CSV row {i} has {table.Rows[i].Count} cells, header has {table.Columns.Count}");
    }

    private static string Format(object cell, string numberFormat) => cell switch
    {
        // an empty cell is a value that does not exist (e.g. the edge of an interval that is not there): studies mark
        // it with NaN or null; an infinity is never meaningful in a table and stops the run
        double d when double.IsNaN(d) => "",
        double d when !double.IsFinite(d) => throw new NonFiniteValueException("a CSV table cell", d),
        double d => d.ToString(numberFormat, CultureInfo.InvariantCulture),
        float f when float.IsNaN(f) => "",
        float f when !float.IsFinite(f) => throw new NonFiniteValueException("a CSV table cell", f),
        float f => ((double)f).ToString(numberFormat, CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        null => "",
        _ => throw new ArgumentException($"CSV cell of type {cell.GetType().Name} is not supported"),
    };
}
