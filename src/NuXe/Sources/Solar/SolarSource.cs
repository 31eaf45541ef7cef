namespace NuXe.Sources.Solar;

/// <summary>
/// The solar-neutrino sources of the pp chain and CNO cycle (Vinyoles et al., ApJ 835 (2017) 202, Table 6).
/// </summary>
public enum SolarSource { Pp, Pep, Hep, Be7, B8, N13, O15, F17 }

/// <summary>Names of the solar sources.</summary>
public static class SolarSources
{
    /// <summary>All eight sources in the B16 table order (pp, pep, hep, ⁷Be, ⁸B, ¹³N, ¹⁵O, ¹⁷F).</summary>
    public static readonly IReadOnlyList<SolarSource> All =
        [SolarSource.Pp, SolarSource.Pep, SolarSource.Hep, SolarSource.Be7, SolarSource.B8, SolarSource.N13, SolarSource.O15, SolarSource.F17];

    /// <summary>The keys of <see cref="All"/> in the same order: "pp", "pep", "hep", "be7", "b8", "n13", "o15", "f17" (the one list
    /// of solar-source names: presets, component names and output columns use it).</summary>
    public static readonly IReadOnlyList<string> Keys = [.. All.Select(Key)];

    /// <summary>Stable lower-case key used for component names and data columns: "pp", "pep", "hep", "be7", "b8", "n13", "o15", "f17".</summary>
    public static string Key(this SolarSource source) => source switch
    {
        SolarSource.Pp => "pp", SolarSource.Pep => "pep", SolarSource.Hep => "hep", SolarSource.Be7 => "be7",
        SolarSource.B8 => "b8", SolarSource.N13 => "n13", SolarSource.O15 => "o15", SolarSource.F17 => "f17",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <summary>Parses a key of <see cref="Key"/> (case-insensitive; also accepts "7be", "8b", "13n", "15o", "17f").</summary>
    public static SolarSource Parse(string key) => key.Trim().ToLowerInvariant() switch
    {
        "pp" => SolarSource.Pp, "pep" => SolarSource.Pep, "hep" => SolarSource.Hep,
        "be7" or "7be" => SolarSource.Be7, "b8" or "8b" => SolarSource.B8,
        "n13" or "13n" => SolarSource.N13, "o15" or "15o" => SolarSource.O15, "f17" or "17f" => SolarSource.F17,
        _ => throw new ArgumentException($"Unknown solar source '{key}'.", nameof(key)),
    };

    /// <summary>True for the monoenergetic sources (⁷Be: two lines, pep: one line).</summary>
    public static bool IsLine(this SolarSource source) => source is SolarSource.Be7 or SolarSource.Pep;
}
