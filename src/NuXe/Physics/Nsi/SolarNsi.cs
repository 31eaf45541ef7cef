using System.Numerics;

namespace NuXe.Physics.Nsi;

/// <summary>
/// A point of the general vector-NSI parameter space of Amaral, Cerdeño, Cheek &amp; Foldenauer, "A direct detection view of
/// the neutrino NSI landscape", JHEP 07 (2023) 071, arXiv:2302.12846 (§2, eqs. 2.4–2.8): one Hermitian flavour matrix
/// ε_αβ (complex off-diagonal) and a direction (η, φ) in charge space, ε^f_αβ = ε_αβ ξ^f with
/// ξ^e = √5 cos η sin φ, ξ^p = √5 cos η cos φ, ξ^n = √5 sin η (the √5 normalises ξ^u, ξ^d to the quark basis:
/// ξ^u = √5/3 (2 cos η cos φ − sin η), ξ^d = √5/3 (2 sin η − cos η cos φ)). ε = 0 is the Standard Model for any (η, φ).
/// The "electron direction" is η = 0, φ = π/2 (ξ^e = √5, ξ^p = ξ^n = 0).
/// </summary>
public sealed record SolarNsiPoint(Matrix3 Epsilon, double EtaRad, double PhiRad)
{
    /// <summary>ξ^e = √5 cos η sin φ.</summary>
    public double XiE => Math.Sqrt(5) * Math.Cos(EtaRad) * Math.Sin(PhiRad);
    /// <summary>ξ^p = √5 cos η cos φ.</summary>
    public double XiP => Math.Sqrt(5) * Math.Cos(EtaRad) * Math.Cos(PhiRad);
    /// <summary>ξ^n = √5 sin η.</summary>
    public double XiN => Math.Sqrt(5) * Math.Sin(EtaRad);
    /// <summary>ξ^u = √5/3 (2 cos η cos φ − sin η).</summary>
    public double XiU => Math.Sqrt(5) / 3 * (2 * Math.Cos(EtaRad) * Math.Cos(PhiRad) - Math.Sin(EtaRad));
    /// <summary>ξ^d = √5/3 (2 sin η − cos η cos φ).</summary>
    public double XiD => Math.Sqrt(5) / 3 * (2 * Math.Sin(EtaRad) - Math.Cos(EtaRad) * Math.Cos(PhiRad));

    /// <summary>
    /// The point for charge-specific couplings ε^f_αβ = c_f E_αβ given as one flavour matrix E and the electron, up- and down-quark
    /// weights (c_e, c_u, c_d) (the "quark/electron-specific" inputs): ξ^p = 2c_u + c_d, ξ^n = c_u + 2c_d, ξ^e = c_e, rescaled to
    /// the √5-normalised direction (η, φ) with ε = E · |ξ|/√5, |ξ|² = (ξ^e)² + (ξ^p)² + (ξ^n)². Inverse of the ξ^f of this record.
    /// </summary>
    public static SolarNsiPoint FromChargeCouplings(Matrix3 flavourMatrix, double electron, double up, double down)
    {
        double xe = electron, xp = 2 * up + down, xn = up + 2 * down;
        double norm = Math.Sqrt(xe * xe + xp * xp + xn * xn);
        if (norm == 0) return new SolarNsiPoint(Matrix3.Zero, 0, Math.PI / 2);
        double k = norm / Math.Sqrt(5);
        return new SolarNsiPoint(k * flavourMatrix, Math.Asin(xn / norm), Math.Atan2(xe, xp));
    }

    /// <summary>The Standard Model (ε = 0) in the electron direction.</summary>
    public static SolarNsiPoint StandardModel { get; } = new(Matrix3.Zero, 0, Math.PI / 2);

    /// <summary>
    /// The matter-potential weight of ε in a medium with n_n/n_e = <paramref name="neutronsPerElectron"/> (neutral, so n_p = n_e):
    /// H_NSI = V_CC Σ_f (n_f/n_e) ε^f = V_CC (ξ^e + ξ^p + Y_n ξ^n) ε.
    /// </summary>
    public double MatterWeight(double neutronsPerElectron) => XiE + XiP + neutronsPerElectron * XiN;

    /// <summary>
    /// ε from the parameter vector of <see cref="Models.SolarNsiModel"/> (order of <see cref="Models.SolarNsiModel.Names"/>):
    /// real parts ε_ee, ε_μμ, ε_ττ, ε_eμ, ε_eτ, ε_μτ, imaginary parts of ε_eμ, ε_eτ, ε_μτ, then η, φ (radians).
    /// </summary>
    public static SolarNsiPoint FromParameters(ReadOnlySpan<double> p)
    {
        if (p.Length != Models.SolarNsiModel.Names.Count) throw new ArgumentException($"Expected {Models.SolarNsiModel.Names.Count} parameters.", nameof(p));
        var emu = new Complex(p[3], p[6]); var etau = new Complex(p[4], p[7]); var mutau = new Complex(p[5], p[8]);
        Span<Complex> m =
        [
            p[0], emu, etau,
            Complex.Conjugate(emu), p[1], mutau,
            Complex.Conjugate(etau), Complex.Conjugate(mutau), p[2],
        ];
        return new SolarNsiPoint(Matrix3.FromRowMajor(m), p[9], p[10]);
    }
}

/// <summary>
/// The ν–e cross-section matrix with NSI (Amaral et al. 2023 eq. 3.4; SNuDD <c>GeneralNSI.electron_cross_section_flavour</c>):
/// dσ_αβ/dT = (G_F² m_e/2π)[(G₁†G₁)_αβ + (G₂†G₂)_αβ (1 − T/E)² − ½(G₁†G₂ + G₂†G₁)_αβ m_e T/E²], rate ∝ Tr[ρ dσ/dT], with
/// G₁ = diag(g₁,α) + ξ^e ε, G₂ = diag(g₂,α) + ξ^e ε (g₁ = g_V + g_A = 2g_L, g₂ = g_V − g_A = 2g_R of the SM, ν_e including the
/// charged current). This is SNuDD's G_L = diag(1,0,0) + g_L + ½ξ^e ε, G_R = g_R + ½ξ^e ε times 2: a vector NSI shifts the
/// left and right couplings equally. The three matrices multiply NuXe's SM kernels LL, RR, LR (<see cref="StandardModel"/>).
/// </summary>
public sealed record ElectronCouplingMatrices(Matrix3 LL, Matrix3 RR, Matrix3 LR)
{
    /// <summary>The matrices for a point, SM baseline (sin²θ_W, scheme).</summary>
    public static ElectronCouplingMatrices Of(SolarNsiPoint point, double sin2ThetaW, CouplingScheme scheme)
    {
        var ge = ElectroweakCouplings.StandardModel(Flavour.E, sin2ThetaW, scheme);
        var gm = ElectroweakCouplings.StandardModel(Flavour.Mu, sin2ThetaW, scheme);
        var gt = ElectroweakCouplings.StandardModel(Flavour.Tau, sin2ThetaW, scheme);
        var e = point.XiE * point.Epsilon;
        var g1 = Matrix3.Diagonal(ge.G1, gm.G1, gt.G1) + e;
        var g2 = Matrix3.Diagonal(ge.G2, gm.G2, gt.G2) + e;
        var g1d = g1.Adjoint(); var g2d = g2.Adjoint();
        return new ElectronCouplingMatrices(g1d * g1, g2d * g2, 0.5 * (g1d * g2 + g2d * g1));
    }

    /// <summary>The coefficients (c_LL, c_RR, c_LR) of the SM kernels for a flavour density matrix ρ: c = Re Tr[ρ M].</summary>
    public (double LL, double RR, double LR) Weights(Matrix3 rho)
        => (Matrix3.TraceOfProductReal(rho, LL), Matrix3.TraceOfProductReal(rho, RR), Matrix3.TraceOfProductReal(rho, LR));
}

/// <summary>
/// CEvNS with NSI on protons and neutrons (Amaral et al. 2023 eq. 3.2; SNuDD <c>nucleus_cross_section_flavour</c>): the
/// flavour amplitude is A = −(Q_W/2) 𝟙 + (ξ^p Z + ξ^n N) ε, Q_W = N − (1 − 4 sin²θ_W) Z, and
/// dσ/dT = (G_F² M/π)(1 − M T/2E²) F² Tr[ρ A†A]. At ε = 0 this is the SM (G_F² M/4π) Q_W² (…) of <see cref="Cevns.CevnsCrossSection"/>.
/// </summary>
public static class CevnsNsi
{
    /// <summary>A = −(Q_W/2) 𝟙 + (ξ^p Z + ξ^n N) ε.</summary>
    public static Matrix3 Amplitude(SolarNsiPoint point, int z, int n, double sin2ThetaW)
    {
        double qw = n - (1 - 4 * sin2ThetaW) * z;
        return -0.5 * qw * Matrix3.Identity + (point.XiP * z + point.XiN * n) * point.Epsilon;
    }

    /// <summary>Tr[ρ A†A] / (Q_W²/4): the factor multiplying the SM CEvNS rate of a flux in flavour state ρ (Tr ρ = 1). 1 at ε = 0.</summary>
    public static double RateFactor(Matrix3 rho, SolarNsiPoint point, int z, int n, double sin2ThetaW)
    {
        var a = Amplitude(point, z, n, sin2ThetaW);
        double qw = n - (1 - 4 * sin2ThetaW) * z;
        return Matrix3.TraceOfProductReal(rho, a.Adjoint() * a) / (0.25 * qw * qw);
    }
}
