using System.Collections.ObjectModel;

namespace NuXe.Sources.Solar;

/// <summary>
/// Production region of a standard solar model: radial zones r/R☉, the electron density in each zone and, per source,
/// the distribution dF/d(r/R☉) of neutrino production (∫ dF/dr dr = 1). From the B16 "nudistr" tables
/// (Vinyoles et al., ApJ 835 (2017) 202; files data/solar/production_b16_*.csv, see PROVENANCE.md).
/// </summary>
public sealed record ProductionRegion(
    double[] RadiusRsun,
    double[] Log10ElectronDensityNaPerCm3,
    IReadOnlyDictionary<SolarSource, double[]> DistributionPerRsun)
{
    /// <summary>Electron density n_e in cm⁻³ of zone <paramref name="i"/> (= 10^log10(n_e/N_A) × N_A).</summary>
    public double ElectronDensityPerCm3(int i) => Math.Pow(10.0, Log10ElectronDensityNaPerCm3[i]) * Physics.Constants.AvogadroPerMol;

    /// <summary>
    /// Quadrature weights w_i (summing to 1) of the production distribution of <paramref name="source"/>: trapezoid
    /// weights on the r grid times dF/dr, renormalised (the tabulated distributions integrate to 1 ± 1e-4).
    /// </summary>
    public double[] Weights(SolarSource source)
    {
        var f = DistributionPerRsun[source];
        var r = RadiusRsun;
        int n = r.Length;
        var w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double dr = 0.5 * ((i + 1 < n ? r[i + 1] : r[i]) - (i > 0 ? r[i - 1] : r[i]));
            w[i] = f[i] * dr;
            sum += w[i];
        }
        for (int i = 0; i < n; i++) w[i] /= sum;
        return w;
    }

    /// <summary>A deep copy (the shared models hand out copies, so no caller can change another's arrays).</summary>
    public ProductionRegion Copy() => new([.. RadiusRsun], [.. Log10ElectronDensityNaPerCm3],
        new ReadOnlyDictionary<SolarSource, double[]>(DistributionPerRsun.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray())));

    internal static ProductionRegion Load(string fileName)
    {
        var t = SolarData.Read(fileName);
        var d = SolarSources.All.ToDictionary(s => s, s => t.Column($"{s.Key()}_per_Rsun"));
        return new ProductionRegion(t.Column("r_Rsun"), t.Column("log10_ne_NA_per_cm3"), new ReadOnlyDictionary<SolarSource, double[]>(d));
    }
}

/// <summary>
/// A standard solar model: total neutrino flux per source at Earth (cm⁻² s⁻¹, 1 AU), its fractional (1σ) theoretical
/// uncertainty, and the production region used for the MSW calculation.
/// Presets: <see cref="B16Gs98"/> and <see cref="B16Agss09Met"/> (Vinyoles et al., ApJ 835 (2017) 202, Table 6,
/// as distributed in data/solar/fluxes_b16.csv). Use <see cref="WithFlux"/> for overrides (e.g. Hsieh et al. 2019 use
/// ⁷Be = 5.00e9 cm⁻² s⁻¹: <see cref="Hsieh2019"/>).
/// </summary>
public sealed record SolarModel(
    string Name,
    IReadOnlyDictionary<SolarSource, double> TotalFluxPerCm2PerS,
    IReadOnlyDictionary<SolarSource, double> FractionalUncertainty,
    ProductionRegion Production)
{
    static readonly Lazy<SolarModel> _gs98 = new(() => Load("B16-GS98", "gs98", "production_b16_gs98.csv"));
    static readonly Lazy<SolarModel> _agss = new(() => Load("B16-AGSS09met", "agss09met", "production_b16_agss09met.csv"));

    /// <summary>B16 standard solar model with GS98 (high-metallicity) composition (Vinyoles et al. 2017, Table 6). Each call
    /// returns a copy of the cached model (its arrays are the caller's own).</summary>
    public static SolarModel B16Gs98 => _gs98.Value.Copy();

    /// <summary>B16 standard solar model with AGSS09met (low-metallicity) composition (Vinyoles et al. 2017, Table 6); a copy
    /// of the cached model.</summary>
    public static SolarModel B16Agss09Met => _agss.Value.Copy();

    /// <summary>A deep copy (the dictionaries are read-only; the production arrays are copied).</summary>
    public SolarModel Copy() => this with { Production = Production.Copy() };

    /// <summary>B16-GS98 with the fluxes of Hsieh et al., PRD 100 (2019) 073001, eq. (4), where they differ (⁷Be = 5.00e9
    /// cm⁻² s⁻¹; data/solar/hsieh2019_flux_overrides.csv, EXPERIMENTS.md §2).</summary>
    public static SolarModel Hsieh2019 => _hsieh.Value.Copy();

    static readonly Lazy<SolarModel> _hsieh = new(() =>
    {
        var t = SolarData.Read("hsieh2019_flux_overrides.csv");
        var ids = t.Column("source_id"); var flux = t.Column("flux_per_cm2_per_s");
        var model = _gs98.Value;
        var parts = new List<string>();
        for (int i = 0; i < ids.Length; i++)
        {
            var s = SolarData.SourceOf(ids[i]);
            model = model.WithFlux(s, flux[i]);
            parts.Add(FormattableString.Invariant($"{s.Key()} {flux[i]:0.00e0}"));
        }
        return model with { Name = $"B16-GS98 (Hsieh et al. 2019: {string.Join(", ", parts)})" };
    });

    /// <summary>Model by name: "b16-gs98" / "gs98", "b16-agss09met" / "agss09met" / "agss09", "hsieh2019" (case-insensitive).</summary>
    public static SolarModel ByName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "b16-gs98" or "gs98" or "b16gs98" => B16Gs98,
        "b16-agss09met" or "b16-agss09" or "agss09met" or "agss09" or "b16agss09met" => B16Agss09Met,
        "hsieh2019" => Hsieh2019,
        _ => throw new ArgumentException($"Unknown solar model '{name}' (known: b16-gs98, b16-agss09met, hsieh2019).", nameof(name)),
    };

    /// <summary>Total flux of a source at Earth, cm⁻² s⁻¹.</summary>
    public double Flux(SolarSource source) => TotalFluxPerCm2PerS[source];

    /// <summary>A copy with the total flux of one source replaced (cm⁻² s⁻¹); the uncertainty is kept.</summary>
    public SolarModel WithFlux(SolarSource source, double fluxPerCm2PerS, string? name = null)
    {
        if (!(fluxPerCm2PerS >= 0) || double.IsInfinity(fluxPerCm2PerS))
            throw new ArgumentOutOfRangeException(nameof(fluxPerCm2PerS), "Flux must be finite and ≥ 0.");
        var d = TotalFluxPerCm2PerS.ToDictionary(kv => kv.Key, kv => kv.Value);
        d[source] = fluxPerCm2PerS;
        return this with { Name = name ?? $"{Name} ({source.Key()} = {fluxPerCm2PerS:G4})", TotalFluxPerCm2PerS = new ReadOnlyDictionary<SolarSource, double>(d) };
    }

    static SolarModel Load(string name, string column, string productionFile)
    {
        var t = SolarData.Read("fluxes_b16.csv");
        var ids = t.Column("source_id");
        var flux = t.Column($"{column}_flux_per_cm2_per_s");
        var unc = t.Column($"{column}_frac_unc");
        var f = new Dictionary<SolarSource, double>();
        var u = new Dictionary<SolarSource, double>();
        for (int i = 0; i < ids.Length; i++) { var s = SolarData.SourceOf(ids[i]); f[s] = flux[i]; u[s] = unc[i]; }
        if (f.Count != SolarSources.All.Count) throw new InvalidDataException("fluxes_b16.csv must list all eight sources.");
        return new SolarModel(name, new ReadOnlyDictionary<SolarSource, double>(f), new ReadOnlyDictionary<SolarSource, double>(u),
            ProductionRegion.Load(productionFile));
    }
}
