using System.Globalization;

namespace NuXe.Sources.Solar;

/// <summary>
/// A small CSV table read from an embedded resource: a header row (column names carrying units, e.g.
/// <c>E_keV,dN_dE_per_keV</c>) and text rows. Immutable.
/// </summary>
internal sealed record CsvColumns(string ResourceName, IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows)
{
    /// <summary>Index of a column by exact header name; throws if absent.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Header.Count; i++) if (Header[i] == column) return i;
        throw new KeyNotFoundException($"Column '{column}' not found in {ResourceName} (columns: {string.Join(",", Header)}).");
    }

    /// <summary>A numeric column (invariant culture).</summary>
    public double[] Column(string column)
    {
        int k = IndexOf(column);
        var v = new double[Rows.Count];
        for (int i = 0; i < v.Length; i++) v[i] = double.Parse(Rows[i][k], NumberStyles.Float, CultureInfo.InvariantCulture);
        return v;
    }

    /// <summary>A text column.</summary>
    public string[] TextColumn(string column)
    {
        int k = IndexOf(column);
        return Rows.Select(r => r[k]).ToArray();
    }
}

/// <summary>
/// Loader of the curated solar-neutrino tables shipped in data/solar/ as embedded resources named
/// <c>data/solar/&lt;file&gt;.csv</c> (see data/solar/PROVENANCE.md). Kept internal and minimal so that it can be
/// replaced by the general preset/data store. This is the only I/O of the solar code.
/// </summary>
internal static class SolarData
{
    /// <summary>Reads an embedded CSV (resource name like <c>data/solar/fluxes_b16.csv</c>) into columns.</summary>
    public static CsvColumns Read(string resourceName)
    {
        using var stream = typeof(SolarData).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new FileNotFoundException($"Embedded resource '{resourceName}' not found in the NuXe assembly.");
        using var reader = new StreamReader(stream);
        string? headerLine;
        do { headerLine = reader.ReadLine(); } while (headerLine is not null && (headerLine.Length == 0 || headerLine.StartsWith('#')));
        if (headerLine is null) throw new InvalidDataException($"{resourceName} is empty.");
        var header = headerLine.Split(',').Select(h => h.Trim()).ToArray();
        var rows = new List<string[]>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != header.Length)
                throw new InvalidDataException($"{resourceName}: row '{line}' has {cells.Length} cells, header has {header.Length}.");
            rows.Add(cells);
        }
        return new CsvColumns(resourceName, header, rows);
    }
}
