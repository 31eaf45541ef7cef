namespace NuXe.Physics;

/// <summary>How the SM ν–e couplings are computed (PHYSICS.md §3).</summary>
public enum CouplingScheme
{
    /// <summary>Tree level: g_V = 2 sin²θ_W ± ½, g_A = ±½.</summary>
    Tree,
    /// <summary>Radiatively corrected ν_e couplings of Erler &amp; Su 2013 as used by Link &amp; Xu 2019 eq. (19):
    /// g_V = 2.00128 sin²θ_W + 0.4828, g_A = 0.4936 (ν_μ,τ stay at tree level).</summary>
    Radiative,
}

/// <summary>Effective vector and axial couplings of a neutrino stream to electrons (CC + NC for ν_e).</summary>
public readonly record struct ElectroweakCouplings(double GV, double GA)
{
    /// <summary>g₁ = g_V + g_A (left-handed electron coupling ×2).</summary>
    public double G1 => GV + GA;
    /// <summary>g₂ = g_V − g_A (right-handed electron coupling ×2).</summary>
    public double G2 => GV - GA;

    /// <summary>dg_V/dsin²θ_W of the radiatively corrected ν_e coupling (Link &amp; Xu 2019 eq. (19), from Erler &amp; Su 2013).</summary>
    public const double RadiativeSlope = 2.00128;

    /// <summary>Constant term of the radiatively corrected ν_e g_V (Link &amp; Xu 2019 eq. (19)).</summary>
    public const double RadiativeOffset = 0.4828;

    /// <summary>Radiatively corrected ν_e g_A (Link &amp; Xu 2019 eq. (19)).</summary>
    public const double RadiativeAxial = 0.4936;

    /// <summary>dg_V/dsin²θ_W of a flavour in a scheme: 2 at tree level and for ν_μ,τ, <see cref="RadiativeSlope"/> for radiative ν_e.</summary>
    public static double VectorSlope(Flavour flavour, CouplingScheme scheme)
        => flavour == Flavour.E && scheme == CouplingScheme.Radiative ? RadiativeSlope : 2.0;

    /// <summary>SM couplings of a flavour (PHYSICS.md §3). Antineutrinos are handled by the kernels (g₁ ↔ g₂), not here.</summary>
    public static ElectroweakCouplings StandardModel(Flavour flavour, double sin2ThetaW, CouplingScheme scheme)
    {
        if (flavour == Flavour.E)
            return scheme == CouplingScheme.Radiative
                ? new(RadiativeSlope * sin2ThetaW + RadiativeOffset, RadiativeAxial)
                : new(2.0 * sin2ThetaW + 0.5, 0.5);
        return new(2.0 * sin2ThetaW - 0.5, -0.5);
    }
}

/// <summary>
/// The Standard-Model ν–e cross section (PHYSICS.md §3):
/// dσ/dT = (G_F² m_e / 2π) [ g₁² + g₂² (1 − T/E)² − g₁ g₂ m_e T / E² ],
/// written on the three basis kernels <see cref="LL"/> (coefficient g₁²), <see cref="RR"/> (g₂²) and <see cref="LR"/> (g₁g₂).
/// For antineutrinos g₁ ↔ g₂ (equivalently g_A → −g_A).
/// </summary>
public static class StandardModel
{
    static readonly double K = Constants.WeakPrefactorCm2PerKeV;

    /// <summary>Kernel multiplying g₁²: G_F² m_e/2π · 1.</summary>
    public static readonly RecoilKernel LL = new("sm.LL", _ => new KernelCoefficients(K, 0, 0));

    /// <summary>Kernel multiplying g₂²: G_F² m_e/2π · (1 − T/E)².</summary>
    public static readonly RecoilKernel RR = new("sm.RR", t => new KernelCoefficients(K, -2 * K * t, K * t * t));

    /// <summary>Kernel multiplying g₁g₂: −G_F² m_e/2π · m_e T/E².</summary>
    public static readonly RecoilKernel LR = new("sm.LR", t => new KernelCoefficients(0, 0, -K * Constants.ElectronMassKeV * t));

    /// <summary>The three SM basis kernels in the order (LL, RR, LR).</summary>
    public static readonly IReadOnlyList<RecoilKernel> Kernels = [LL, RR, LR];

    /// <summary>Coefficients (c_LL, c_RR, c_LR) for couplings of a stream; antineutrinos swap g₁ and g₂.</summary>
    public static (double LL, double RR, double LR) Coefficients(ElectroweakCouplings g, bool antineutrino)
    {
        double g1 = antineutrino ? g.G2 : g.G1, g2 = antineutrino ? g.G1 : g.G2;
        return (g1 * g1, g2 * g2, g1 * g2);
    }

    /// <summary>dσ/dT in cm²/keV per free electron; 0 above T_max.</summary>
    public static double CrossSection(double recoilKeV, double neutrinoEnergyKeV, ElectroweakCouplings g, bool antineutrino = false)
    {
        if (recoilKeV < 0 || recoilKeV > Kinematics.MaxRecoilKeV(neutrinoEnergyKeV)) return 0.0;
        var (ll, rr, lr) = Coefficients(g, antineutrino);
        return (ll * LL.Coefficients(recoilKeV) + rr * RR.Coefficients(recoilKeV) + lr * LR.Coefficients(recoilKeV)).At(neutrinoEnergyKeV);
    }

    /// <summary>Total cross section σ(E) = ∫₀^{T_max} dσ/dT dT in cm², analytic.</summary>
    public static double TotalCrossSection(double neutrinoEnergyKeV, ElectroweakCouplings g, bool antineutrino = false)
    {
        if (!(neutrinoEnergyKeV > 0)) return 0.0;
        var (g1s, g2s, g12) = Coefficients(g, antineutrino);
        double e = neutrinoEnergyKeV, tm = Kinematics.MaxRecoilKeV(e), me = Constants.ElectronMassKeV;
        // ∫(1 − T/E)² dT = E/3 [1 − (1 − Tm/E)³]; ∫ T dT = Tm²/2
        double i2 = e / 3.0 * (1.0 - Math.Pow(1.0 - tm / e, 3));
        return K * (g1s * tm + g2s * i2 - g12 * me * tm * tm / (2.0 * e * e));
    }
}
