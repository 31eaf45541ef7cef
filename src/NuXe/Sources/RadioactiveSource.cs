using NuXe.Physics;

namespace NuXe.Sources;

/// <summary>An electron-capture neutrino source isotope: mean life and neutrino lines (energy keV, branching).</summary>
public sealed record SourceIsotope(string Name, double MeanLifeDays, IReadOnlyList<(double EnergyKeV, double Branching)> Lines)
{
    /// <summary>
    /// ⁵¹Cr, simplified spectrum of Link &amp; Xu 2019 §II and Coloma et al. 2014 §2: 90 % at 750 keV, 10 % at 430 keV;
    /// mean life τ = 39.96 d (PHYSICS.md §5).
    /// </summary>
    public static readonly SourceIsotope Cr51Simplified = new("cr51", 39.96, [(750.0, 0.90), (430.0, 0.10)]);

    /// <summary>
    /// ⁵¹Cr with the four EC lines (K/L capture to the ground and 320 keV states of ⁵¹V): 752.73 keV (81.63 %),
    /// 747.10 keV (8.49 %), 432.58 keV (8.95 %), 427.27 keV (0.93 %), as used by GALLEX/SAGE
    /// (J. N. Bahcall, Phys. Rev. C 56 (1997) 3391; Gavrin et al., Phys. Rev. C 105 (2022) 065502).
    /// </summary>
    public static readonly SourceIsotope Cr51Detailed = new("cr51", 39.96, [(752.73, 0.8163), (747.10, 0.0849), (432.58, 0.0895), (427.27, 0.0093)]);

    /// <summary>³⁷Ar: single 813 keV line (K capture dominates; PHYSICS.md §5), τ = 50.5 d.</summary>
    public static readonly SourceIsotope Ar37 = new("ar37", 50.5, [(813.0, 1.0)]);

    /// <summary>Largest line energy (keV).</summary>
    public double MaxEnergyKeV => Lines.Max(l => l.EnergyKeV);

    /// <summary>Look up an isotope by name ("cr51", "ar37") and line model ("simplified", "detailed").</summary>
    public static SourceIsotope Find(string name, string lineModel) => (name, lineModel) switch
    {
        ("cr51", "simplified") => Cr51Simplified,
        ("cr51", "detailed") => Cr51Detailed,
        ("ar37", _) => Ar37,
        _ => throw new ArgumentException($"unknown isotope '{name}' with lines '{lineModel}'"),
    };
}

/// <summary>
/// A radioactive source run: initial activity R⁰ (MCi), run length Δt (days), number of identical deployments.
/// Link &amp; Xu 2019 §II: R(t) = R⁰ e^{−t/τ}; the time-averaged activity is ⟨R⟩ = (τR⁰/Δt)(1 − e^{−Δt/τ}).
/// </summary>
public sealed record SourceRun(SourceIsotope Isotope, double InitialActivityMCi, double RunDays, int Deployments = 1)
{
    /// <summary>Time-averaged activity ⟨R⟩ over one run, in MCi.</summary>
    public double MeanActivityMCi => Isotope.MeanLifeDays * InitialActivityMCi / RunDays * (1.0 - Math.Exp(-RunDays / Isotope.MeanLifeDays));

    /// <summary>Activity at time t (days) after the start of a run, in MCi.</summary>
    public double ActivityMCi(double days) => InitialActivityMCi * Math.Exp(-days / Isotope.MeanLifeDays);

    /// <summary>Total live time over all deployments, seconds.</summary>
    public double LiveSeconds => RunDays * Deployments * Constants.SecondsPerDay;

    /// <summary>
    /// Time- and volume-averaged flux components at the detector: φ = φ₀ ⟨R⟩ / r_avg² × branching, in cm⁻² s⁻¹,
    /// with φ₀ the flux at 1 m per MCi (ν m⁻² s⁻¹ MCi⁻¹; Link &amp; Xu print 2.94e15, exact 3.7e16/4π).
    /// </summary>
    public FluxComponent Flux(double rAvgM, double fluxPerMCiAt1mPerM2PerS)
    {
        double total = fluxPerMCiAt1mPerM2PerS * MeanActivityMCi / (rAvgM * rAvgM) * 1e-4; // m⁻² → cm⁻²
        return new FluxComponent(Isotope.Name, FlavourStream.NuE, Isotope.Lines.Select(l => new SpectralLine(l.EnergyKeV, total * l.Branching)).ToArray());
    }

    /// <summary>Flux at 1 m per MCi as printed by Link &amp; Xu 2019 (ν m⁻² s⁻¹ MCi⁻¹).</summary>
    public const double PrintedFluxPerMCiAt1m = 2.94e15;

    /// <summary>Exact flux at 1 m per MCi, 3.7e16/(4π) ν m⁻² s⁻¹ MCi⁻¹ (0.15 % above the printed value).</summary>
    public static readonly double ExactFluxPerMCiAt1m = 3.7e16 / (4.0 * Math.PI);
}
