namespace NuXe.Sources.Solar;

/// <summary>A monoenergetic solar line: energy (keV) and branching fraction of its source (dimensionless).</summary>
public sealed record SolarLine(double EnergyKeV, double Branching);

/// <summary>
/// Normalised energy spectra of the solar sources (data/solar/, PROVENANCE.md):
/// continuous shapes dN/dE in keV⁻¹ with ∫ dN/dE dE = 1 (trapezoid on the tabulated grid) for pp and hep
/// (Bahcall, PRC 56 (1997) 3391), ¹³N, ¹⁵O, ¹⁷F (Bahcall &amp; Ulrich, RMP 60 (1988) 297) and ⁸B (Winter et al.,
/// PRC 73 (2006) 025503); lines for ⁷Be (861.3 keV, 89.7 %; 384.3 keV, 10.3 %) and pep (1442 keV)
/// (Bahcall, PRD 49 (1994) 3923; PHYSICS.md §7).
/// </summary>
public static class SolarSpectra
{
    static readonly Lazy<IReadOnlyDictionary<SolarSource, ContinuousSpectrum>> _shapes = new(LoadShapes);
    static readonly Lazy<IReadOnlyDictionary<SolarSource, IReadOnlyList<SolarLine>>> _lines = new(LoadLines);
    static readonly Lazy<ContinuousSpectrum> _b8Sigma = new(() =>
    {
        var t = SolarData.Read("shape_b8.csv");
        return new ContinuousSpectrum(t.Column("E_keV"), t.Column("sigma_dN_dE_per_keV"));
    });

    /// <summary>The normalised shape dN/dE (keV⁻¹, ∫ = 1) of a continuous source; throws for the line sources ⁷Be and pep.</summary>
    public static ContinuousSpectrum Shape(SolarSource source)
        => _shapes.Value.TryGetValue(source, out var s) ? s.Copy()
           : throw new ArgumentException($"{source} is a line source; use {nameof(Lines)}.", nameof(source));

    /// <summary>The lines (energy keV, branching) of a line source; empty for continuous sources.</summary>
    public static IReadOnlyList<SolarLine> Lines(SolarSource source)
        => _lines.Value.TryGetValue(source, out var l) ? l : [];

    /// <summary>1σ uncertainty of the ⁸B shape (keV⁻¹, same normalisation as <see cref="Shape"/>), Winter et al. 2006.</summary>
    public static ContinuousSpectrum B8ShapeUncertainty => _b8Sigma.Value.Copy();

    /// <summary>Highest neutrino energy of a source (keV): the shape endpoint or the highest line.</summary>
    public static double EndpointKeV(SolarSource source)
        => source.IsLine() ? Lines(source).Max(l => l.EnergyKeV) : _shapes.Value[source].EnergyKeV[^1];

    static IReadOnlyDictionary<SolarSource, ContinuousSpectrum> LoadShapes()
    {
        var d = new Dictionary<SolarSource, ContinuousSpectrum>();
        foreach (var s in SolarSources.All.Where(s => !s.IsLine()))
        {
            var t = SolarData.Read($"shape_{s.Key()}.csv");
            d[s] = new ContinuousSpectrum(t.Column("E_keV"), t.Column("dN_dE_per_keV"));
        }
        return d;
    }

    static IReadOnlyDictionary<SolarSource, IReadOnlyList<SolarLine>> LoadLines()
    {
        var t = SolarData.Read("lines.csv");
        var src = t.Column("source_id");
        var e = t.Column("E_keV");
        var b = t.Column("branching");
        return src.Select((k, i) => (S: SolarData.SourceOf(k), L: new SolarLine(e[i], b[i])))
            .GroupBy(x => x.S)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SolarLine>)g.Select(x => x.L).OrderByDescending(l => l.Branching).ToList().AsReadOnly());
    }
}
