namespace NuXe.Physics.Models;

/// <summary>How a light Z′ couples to neutrinos and electrons (Link &amp; Xu 2019 eqs. 37–43).</summary>
public enum ZPrimeMechanism
{
    /// <summary>U(1)_{B−L}-like gauge coupling g_Z′ (all leptons charge 1): (δ₁, δ₂) = (g_Z′², g_Z′²).</summary>
    Gauge,
    /// <summary>Kinetic mixing ε: (δ₁, δ₂) = (1, 2)·g² s_W² ε² / (c_W² (1 − ε²)).</summary>
    Kinetic,
    /// <summary>Mass mixing s_α = sin α: (δ₁, δ₂) = (g² s_α² (2 s_W² − 1)/c_W², 2 g² s_α² s_W²/c_W²).</summary>
    Mass,
}

/// <summary>
/// Light Z′ boson of mass m_Z′ (Link &amp; Xu 2019 eqs. 34–43; PHYSICS.md §4.3): the SM couplings of every flavour get the
/// T-dependent shift (g₁, g₂) → (g₁, g₂) + (δ₁, δ₂)·w(T), w(T) = 1/[4√2 G_F (2 m_e T + m_Z′²)], with g = e/s_W the SU(2)
/// coupling and s_W² the baseline sin²θ_W. The charges are lepton-universal, so all streams are shifted; antineutrinos
/// swap (g₁ + δ₁w) ↔ (g₂ + δ₂w) (g_A → −g_A including the shift).
/// <para>Parameter (one mechanism per instance): <c>g</c> (gauge coupling g_Z′), <c>epsilon</c> (kinetic mixing ε) or
/// <c>sAlpha</c> (mass-mixing s_α), all dimensionless; SM point 0. The coefficients are polynomials of degree ≤ 4 in the
/// parameter (δ ∝ parameter², rational for kinetic mixing) and even in it.</para>
/// <para>Kernels: <see cref="ModelKernels.PropagatorShiftKernels"/> (m_Z′) — keys <c>prop.XX.w1(m=…keV)</c>, shared with
/// <see cref="LightMediatorModel"/> V/A of the same mass.</para>
/// </summary>
public sealed class ZPrimeModel : IInteractionModel
{
    readonly double _sin2w;
    readonly IReadOnlyList<RecoilKernel> _kernels;

    /// <param name="mechanism">Gauge coupling, kinetic mixing or mass mixing.</param>
    /// <param name="massKeV">Z′ mass in keV (≥ 0).</param>
    /// <param name="scheme">SM coupling scheme of the baseline.</param>
    /// <param name="sin2ThetaW">SM baseline sin²θ_W (also s_W² in δ₁, δ₂).</param>
    public ZPrimeModel(ZPrimeMechanism mechanism, double massKeV, CouplingScheme scheme, double sin2ThetaW = Constants.Sin2ThetaWLowEnergy)
    {
        if (!(massKeV >= 0) || double.IsInfinity(massKeV)) throw new ArgumentOutOfRangeException(nameof(massKeV), "Z′ mass must be finite and ≥ 0 keV.");
        Mechanism = mechanism; MassKeV = massKeV; Scheme = scheme; _sin2w = sin2ThetaW;
        _kernels = ModelKernels.PropagatorShiftKernels(massKeV);
        ParameterNames = [mechanism switch { ZPrimeMechanism.Gauge => "g", ZPrimeMechanism.Kinetic => "epsilon", _ => "sAlpha" }];
    }

    public ZPrimeMechanism Mechanism { get; }
    /// <summary>Z′ mass in keV.</summary>
    public double MassKeV { get; }
    public CouplingScheme Scheme { get; }
    public string Key => $"zprime({Mechanism},{ModelKernels.MassTag(MassKeV)};{Scheme},{_sin2w})";
    public IReadOnlyList<string> ParameterNames { get; }
    public IReadOnlyList<double> SmPoint { get; } = [0.0];
    public IReadOnlyList<RecoilKernel> Kernels(FlavourStream stream) => _kernels;

    /// <summary>(δ₁, δ₂) and their derivatives with respect to the parameter (Link &amp; Xu eqs. 37–43).</summary>
    public (double D1, double D2, double dD1, double dD2) Shifts(double parameter)
    {
        double p = parameter, sw2 = _sin2w, cw2 = 1 - sw2;
        double g2 = 4 * Math.PI * Constants.FineStructure / sw2; // g² = e²/s_W²
        switch (Mechanism)
        {
            case ZPrimeMechanism.Gauge:
                return (p * p, p * p, 2 * p, 2 * p);
            case ZPrimeMechanism.Kinetic:
                {
                    double k = g2 * sw2 / cw2, den = 1 - p * p;
                    double d1 = k * p * p / den, dd1 = k * 2 * p / (den * den);
                    return (d1, 2 * d1, dd1, 2 * dd1);
                }
            default:
                {
                    double k1 = g2 * (2 * sw2 - 1) / cw2, k2 = 2 * g2 * sw2 / cw2;
                    return (k1 * p * p, k2 * p * p, 2 * k1 * p, 2 * k2 * p);
                }
        }
    }

    public void Coefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> c, Span<double> grad)
    {
        var g = ElectroweakCouplings.StandardModel(stream.Flavour, _sin2w, Scheme);
        var (d1, d2, dd1, dd2) = Shifts(theta[0]);
        double g1 = g.G1, g2 = g.G2;
        if (stream.Antineutrino) { (g1, g2) = (g2, g1); (d1, d2) = (d2, d1); (dd1, dd2) = (dd2, dd1); }
        ShiftExpansion.Coefficients(g1, g2, d1, d2, c);
        if (!grad.IsEmpty) ShiftExpansion.Derivative(g1, g2, d1, d2, 0, 0, dd1, dd2, grad, 1, 0);
    }
}
