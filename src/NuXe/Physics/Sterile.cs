namespace NuXe.Physics;

/// <summary>
/// A 3+1 sterile-neutrino point: effective mixing sin²2θ_ee (dimensionless, in [0, 1]) and mass splitting
/// Δm²₄₁ in eV² (Coloma, Huber &amp; Link 2014, JHEP 11 (2014) 042, eq. 3.1; PHYSICS.md §4.6).
/// </summary>
public readonly record struct SterileParameters(double Sin22Theta, double Dm2EV2);

/// <summary>
/// ν_e disappearance into a sterile state in the two-flavour short-baseline limit (Coloma et al. 2014 eq. 3.1;
/// PHYSICS.md §4.6): P_ee(L, E) = 1 − sin²2θ sin²(1.267 Δm²[eV²] L[m] / E[MeV]).
/// The sterile state neither scatters by CC nor by NC, so the ν_e–e event rate is multiplied by P_ee.
/// </summary>
public static class SterileOscillation
{
    /// <summary>Phase coefficient 1.267 of 1.267 Δm²[eV²] L[m]/E[MeV] (= 1/(4ħc) in these units; Coloma et al. eq. 3.1).</summary>
    public const double PhaseCoefficient = 1.267;

    /// <summary>Oscillation phase φ = 1.267 Δm² L / E (radians) for Δm² in eV², L in m, E in MeV.</summary>
    public static double Phase(double dm2EV2, double distanceM, double energyMeV) => PhaseCoefficient * dm2EV2 * distanceM / energyMeV;

    /// <summary>
    /// Distance (m) of the first disappearance maximum, where the phase 1.267 Δm² L / E reaches π/2 (Δm² eV², E MeV);
    /// the full oscillation period is twice this, 4πE/Δm² in natural units.
    /// </summary>
    public static double FirstMaximumDistanceM(double dm2EV2, double energyMeV) => Math.PI / 2 * energyMeV / (PhaseCoefficient * dm2EV2);

    /// <summary>sin²(1.267 Δm² L / E): the oscillating factor multiplying sin²2θ (Δm² eV², L m, E MeV).</summary>
    public static double OscillationFactor(double dm2EV2, double distanceM, double energyMeV)
    {
        double s = Math.Sin(Phase(dm2EV2, distanceM, energyMeV));
        return s * s;
    }

    /// <summary>Survival probability P_ee(L, E) of Coloma et al. 2014 eq. 3.1 (L in m, E in MeV).</summary>
    public static double SurvivalProbability(SterileParameters p, double distanceM, double energyMeV)
        => 1.0 - p.Sin22Theta * OscillationFactor(p.Dm2EV2, distanceM, energyMeV);

    /// <summary>
    /// Mean of sin²(k L) over L uniform in [lowM, highM], k = 1.267 Δm²/E (m⁻¹), exact:
    /// ⟨sin²⟩ = ½ − [sin(2k L_hi) − sin(2k L_lo)] / (4k (L_hi − L_lo)). Used to integrate the oscillation analytically
    /// over a fine true-L bin; tends to the pointwise value for a vanishing bin and to ½ when k(L_hi − L_lo) ≫ 1.
    /// </summary>
    public static double MeanOscillationFactor(double dm2EV2, double lowM, double highM, double energyMeV)
    {
        double k = PhaseCoefficient * dm2EV2 / energyMeV, w = highM - lowM;
        if (!(w > 0)) return OscillationFactor(dm2EV2, lowM, energyMeV);
        double x = 2 * k * w;
        if (x < 1e-4) return OscillationFactor(dm2EV2, 0.5 * (lowM + highM), energyMeV); // error O(x²) ≤ 1e-9
        // sin(2kH) − sin(2kL) = 2 cos(k(H+L)) sin(k(H−L)): no cancellation for small bins
        return 0.5 - Math.Cos(k * (highM + lowM)) * Math.Sin(k * w) / (2 * k * w);
    }

    /// <summary>
    /// Survival probability averaged over fast oscillations (Δm² L/E → ∞): 1 − ½ sin²2θ (Coloma et al. §3, the limit
    /// where only the normalisation, not the shape, carries information).
    /// </summary>
    public static double AveragedSurvivalProbability(double sin22Theta) => 1.0 - 0.5 * sin22Theta;
}
