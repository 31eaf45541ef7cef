using NuXe.Data;

namespace NuXe.Sources.Solar;

/// <summary>
/// Access to the curated solar-neutrino tables shipped in data/solar/ (embedded resources <c>data/solar/&lt;file&gt;.csv</c>;
/// sources and conversions in data/solar/PROVENANCE.md). A thin adapter over <see cref="DataStore"/> so the solar code
/// names its files in one place. This is the only I/O of the solar code; results are cached by the callers (Lazy).
/// </summary>
internal static class SolarData
{
    /// <summary>Reads <c>data/solar/<paramref name="fileName"/></c> (numeric CSV with a header carrying units).</summary>
    public static DataTable Read(string fileName) => DataStore.ReadShipped("solar/" + fileName);

    /// <summary>The source of a <c>source_id</c> cell (the <see cref="SolarSource"/> value, as listed in the files' comment line).</summary>
    public static SolarSource SourceOf(double sourceId)
    {
        int id = (int)sourceId;
        if (id != sourceId || !Enum.IsDefined((SolarSource)id)) throw new InvalidDataException($"Invalid solar source_id {sourceId}.");
        return (SolarSource)id;
    }
}
