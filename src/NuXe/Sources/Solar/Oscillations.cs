using NuXe.Physics;

namespace NuXe.Sources.Solar;

/// <summary>
/// A named, versioned set of three-flavour oscillation parameters (PDG parametrisation of the PMNS matrix).
/// Angles as sin²θ, δ_CP in radians, mass splittings in eV².
/// </summary>
public sealed record OscillationParameters(
    string Name,
    double Sin2Theta12,
    double Sin2Theta13,
    double Sin2Theta23,
    double DeltaCpRad,
    double Dm21SqEv2,
    double Dm31SqEv2)
{
    /// <summary>
    /// NuFIT 5.2 (2022), normal ordering, global fit without SK atmospheric data (www.nu-fit.org, v5.2; method:
    /// Esteban et al., JHEP 09 (2020) 178): sin²θ₁₂ = 0.303, sin²θ₁₃ = 0.02203, sin²θ₂₃ = 0.572, δ = 197°,
    /// Δm²₂₁ = 7.41e-5 eV², Δm²₃₁ = 2.511e-3 eV².
    /// </summary>
    public static readonly OscillationParameters NuFit52 = new("NuFIT-5.2-NO", 0.303, 0.02203, 0.572, 197.0 * Math.PI / 180.0, 7.41e-5, 2.511e-3);

    /// <summary>
    /// The set used to generate the DMCalc solar MSW tables (../shared/data/solar-pee-dmcalc, wimprates
    /// neutrinos/constants.py): sin²θ₁₂ = 0.307, sin²θ₁₃ = 0.0218, sin²θ₂₃ = 0.545, Δm²₂₁ = 7.39e-5 eV²,
    /// Δm²₃₂ = 2.525e-3 eV² (so Δm²₃₁ = 2.5989e-3 eV²), δ = 1.36π (the file says "1.36"; PDG 2020 quotes δ/π = 1.36 —
    /// δ does not enter P_ee).
    /// </summary>
    public static readonly OscillationParameters DmCalc = new("DMCalc", 0.307, 0.0218, 0.545, 1.36 * Math.PI, 7.39e-5, 2.525e-3 + 7.39e-5);

    /// <summary>Known sets by name ("nufit52", "dmcalc"; case-insensitive).</summary>
    public static OscillationParameters ByName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "nufit52" or "nufit-5.2" or "nufit-5.2-no" => NuFit52,
        "dmcalc" => DmCalc,
        _ => throw new ArgumentException($"Unknown oscillation parameter set '{name}' (known: nufit52, dmcalc).", nameof(name)),
    };

    /// <summary>|U_αi|² of the PMNS matrix (PDG parametrisation, Majorana phases irrelevant), row α = e, μ, τ; column i = 1, 2, 3.</summary>
    public double PmnsSquared(Flavour alpha, int massIndex)
    {
        double s12 = Sin2Theta12, c12 = 1 - s12, s13 = Sin2Theta13, c13 = 1 - s13, s23 = Sin2Theta23, c23 = 1 - s23;
        // 2 Re(...) interference term: 2 s12 c12 s23 c23 s13 cos δ (amplitudes, not squares)
        double j = 2.0 * Math.Sqrt(s12 * c12 * s23 * c23 * s13) * Math.Cos(DeltaCpRad);
        return (alpha, massIndex) switch
        {
            (Flavour.E, 1) => c12 * c13,
            (Flavour.E, 2) => s12 * c13,
            (Flavour.E, 3) => s13,
            (Flavour.Mu, 1) => s12 * c23 + c12 * s23 * s13 + j,
            (Flavour.Mu, 2) => c12 * c23 + s12 * s23 * s13 - j,
            (Flavour.Mu, 3) => s23 * c13,
            (Flavour.Tau, 1) => s12 * s23 + c12 * c23 * s13 - j,
            (Flavour.Tau, 2) => c12 * s23 + s12 * c23 * s13 + j,
            (Flavour.Tau, 3) => c23 * c13,
            _ => throw new ArgumentOutOfRangeException(nameof(massIndex)),
        };
    }
}

/// <summary>Flavour content at Earth of a neutrino produced as ν_e: P(ν_e→ν_e), P(ν_e→ν_μ), P(ν_e→ν_τ); they sum to 1.</summary>
public readonly record struct FlavourProbabilities(double Pee, double PeMu, double PeTau)
{
    /// <summary>P(ν_e → ν_α).</summary>
    public double Of(Flavour alpha) => alpha switch { Flavour.E => Pee, Flavour.Mu => PeMu, _ => PeTau };
}

/// <summary>
/// Three-flavour adiabatic MSW-LMA conversion of solar ν_e, day-time (no Earth matter), averaged over the
/// oscillation length (incoherent mass eigenstates at Earth).
/// Formulae (Maltoni &amp; Smirnov, Eur. Phys. J. A 52 (2016) 87, §3; Gonzalo &amp; Lucente (PEANUTS), EPJC 84 (2024) 119,
/// arXiv:2303.15527, §2): the ν_e leaves the production point in the matter eigenstates ν_i^m with
/// |U^m_e1|² = c²₁₃ cos²θ₁₂^m, |U^m_e2|² = c²₁₃ sin²θ₁₂^m, |U^m_e3|² = s²₁₃; adiabatic propagation turns ν_i^m into
/// ν_i; at Earth P_eα = Σ_i |U^m_ei|² |U_αi|². The 1–2 matter angle is that of the effective two-flavour system
/// with potential V c²₁₃, V = √2 G_F n_e:
/// cos 2θ₁₂^m = (cos 2θ₁₂ − β)/√((cos 2θ₁₂ − β)² + sin² 2θ₁₂), β = 2 V c²₁₃ E / Δm²₂₁.
/// Hence P_ee = c⁴₁₃ · ½(1 + cos 2θ₁₂ cos 2θ₁₂^m) + s⁴₁₃. θ₁₃ is taken as in vacuum (its matter correction,
/// ∝ 2VE/Δm²₃₁ ≲ 6 % of s²₁₃ at 10 MeV, changes P_ee by &lt; 1e-3); the level-crossing probability is neglected (LMA).
/// </summary>
public static class SolarMsw
{
    /// <summary>(ħc)³ in keV³ cm³.</summary>
    static readonly double HbarC3 = Constants.HbarCKeVCm * Constants.HbarCKeVCm * Constants.HbarCKeVCm;

    /// <summary>Charged-current matter potential V = √2 G_F n_e in keV for an electron density in cm⁻³.</summary>
    public static double MatterPotentialKeV(double electronDensityPerCm3)
        => Math.Sqrt(2.0) * Constants.FermiConstantPerKeV2 * electronDensityPerCm3 * HbarC3;

    /// <summary>cos 2θ₁₂^m at the production point (see class remarks) for neutrino energy E (keV) and n_e (cm⁻³).</summary>
    public static double Cos2ThetaMatter(double energyKeV, double electronDensityPerCm3, OscillationParameters p)
    {
        double c2 = 1.0 - 2.0 * p.Sin2Theta12;
        double s2sq = 1.0 - c2 * c2;
        double beta = 2.0 * MatterPotentialKeV(electronDensityPerCm3) * (1.0 - p.Sin2Theta13) * energyKeV / (p.Dm21SqEv2 * 1e-6);
        double d = c2 - beta;
        return d / Math.Sqrt(d * d + s2sq);
    }

    /// <summary>P_eα at Earth given cos 2θ₁₂^m at production (linear in it, so it may be a production-region average).</summary>
    public static FlavourProbabilities FromCos2ThetaMatter(double cos2ThetaMatter, OscillationParameters p)
    {
        double c13 = 1.0 - p.Sin2Theta13;
        double w1 = c13 * 0.5 * (1.0 + cos2ThetaMatter), w2 = c13 * 0.5 * (1.0 - cos2ThetaMatter), w3 = p.Sin2Theta13;
        double P(Flavour a) => w1 * p.PmnsSquared(a, 1) + w2 * p.PmnsSquared(a, 2) + w3 * p.PmnsSquared(a, 3);
        return new FlavourProbabilities(P(Flavour.E), P(Flavour.Mu), P(Flavour.Tau));
    }

    /// <summary>P_eα at Earth for a ν_e of energy E (keV) produced at electron density n_e (cm⁻³).</summary>
    public static FlavourProbabilities AtProductionPoint(double energyKeV, double electronDensityPerCm3, OscillationParameters p)
        => FromCos2ThetaMatter(Cos2ThetaMatter(energyKeV, electronDensityPerCm3, p), p);

    /// <summary>
    /// Low-energy (vacuum-averaged) limit, E → 0: P_ee = c⁴₁₃(1 − ½ sin² 2θ₁₂) + s⁴₁₃ (PHYSICS.md §7), with P_eμ, P_eτ
    /// from the same mass-eigenstate weights.
    /// </summary>
    public static FlavourProbabilities VacuumLimit(OscillationParameters p) => FromCos2ThetaMatter(1.0 - 2.0 * p.Sin2Theta12, p);

    /// <summary>
    /// A fixed P_ee (e.g. 0.55) with the remainder split between ν_μ and ν_τ as cos²θ₂₃ : sin²θ₂₃ (the low-energy
    /// two-flavour-like split). The split does not matter for SM rates: ν_μ and ν_τ have identical SM cross sections.
    /// </summary>
    public static FlavourProbabilities Constant(double pee, OscillationParameters p)
    {
        if (!(pee >= 0 && pee <= 1)) throw new ArgumentOutOfRangeException(nameof(pee), "P_ee must be in [0, 1].");
        return new FlavourProbabilities(pee, (1 - pee) * (1 - p.Sin2Theta23), (1 - pee) * p.Sin2Theta23);
    }
}

/// <summary>
/// P_eα(E) of one solar source averaged over its production region: P_eα(E) = Σ_i w_i P_eα(E, n_e(r_i)), with the
/// weights w_i of <see cref="ProductionRegion.Weights"/>. Because P_eα is linear in cos 2θ₁₂^m the average is taken on
/// cos 2θ₁₂^m. Zones with w_i &lt; 1e-12 are dropped. Immutable and thread-safe.
/// </summary>
public sealed class ProductionAveragedMsw
{
    readonly double[] _potentialKeV;
    readonly double[] _weight;

    /// <summary>The source.</summary>
    public SolarSource Source { get; }
    /// <summary>The oscillation parameters.</summary>
    public OscillationParameters Parameters { get; }

    public ProductionAveragedMsw(ProductionRegion region, SolarSource source, OscillationParameters parameters)
    {
        Source = source;
        Parameters = parameters;
        var w = region.Weights(source);
        var keep = Enumerable.Range(0, w.Length).Where(i => w[i] >= 1e-12).ToArray();
        double sum = keep.Sum(i => w[i]);
        _weight = keep.Select(i => w[i] / sum).ToArray();
        _potentialKeV = keep.Select(i => SolarMsw.MatterPotentialKeV(region.ElectronDensityPerCm3(i))).ToArray();
    }

    /// <summary>Production-weighted mean of cos 2θ₁₂^m at neutrino energy E (keV).</summary>
    public double MeanCos2ThetaMatter(double energyKeV)
    {
        double c2 = 1.0 - 2.0 * Parameters.Sin2Theta12, s2sq = 1.0 - c2 * c2;
        double k = 2.0 * (1.0 - Parameters.Sin2Theta13) * energyKeV / (Parameters.Dm21SqEv2 * 1e-6);
        double acc = 0;
        for (int i = 0; i < _weight.Length; i++)
        {
            double d = c2 - k * _potentialKeV[i];
            acc += _weight[i] * d / Math.Sqrt(d * d + s2sq);
        }
        return acc;
    }

    /// <summary>Production-averaged P_ee, P_eμ, P_eτ at Earth for neutrino energy E (keV).</summary>
    public FlavourProbabilities At(double energyKeV) => SolarMsw.FromCos2ThetaMatter(MeanCos2ThetaMatter(energyKeV), Parameters);
}
