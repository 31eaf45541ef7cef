namespace NuXe.Physics.Models;

/// <summary>An electromagnetic property of a neutrino flavour (PHYSICS.md §4.5).</summary>
public enum EmProperty
{
    /// <summary>Effective magnetic moment μ_ν in units of μ_B; parameter <c>mu</c>.</summary>
    MagneticMoment,
    /// <summary>Millicharge q_ν in units of the elementary charge e; parameter <c>q</c>.</summary>
    Millicharge,
    /// <summary>Charge radius ⟨r²⟩ in cm²; parameter <c>r2</c>.</summary>
    ChargeRadius,
    /// <summary>Anapole moment a_ν in cm², ShivaSankar et al. normalisation (see <see cref="ElectromagneticModel"/>); parameter <c>anapole</c>.</summary>
    Anapole,
}

/// <summary>
/// Electromagnetic properties of one neutrino flavour α (ShivaSankar et al. 2022 eqs. 2–3; Giunti &amp; Studenikin,
/// Rev. Mod. Phys. 87 (2015) 531; Hsieh et al. 2019; PHYSICS.md §4.5). Other flavours stay at the SM.
/// <list type="bullet">
/// <item>Magnetic moment (helicity flipping, incoherent): dσ_μ/dT = (πα²/m_e²)(1/T − 1/E)(μ_ν/μ_B)²·(ħc)² cm²/keV,
/// kernel <c>em.mm</c> with coefficient μ², same for ν and ν̄.</item>
/// <item>Millicharge, charge radius, anapole (coherent with the weak NC amplitude; form as printed by ShivaSankar et al. eq. 3):
/// g_V → g_V + (√2πα/G_F)[ ⟨r²⟩/3 − a_ν/18 − q_ν/(m_e T) ], with ⟨r²⟩ and a_ν converted from cm² to keV⁻² by (ħc)².
/// Both g₁ and g₂ get the shift; the q/T part lives on the kernels <c>em.XX.invT1</c>, <c>em.XX.invT2</c>
/// (<see cref="ModelKernels.InverseRecoilShiftKernels"/>).</item>
/// </list>
/// <para><b>Anapole normalisation.</b> Implemented exactly as printed by ShivaSankar et al. (2022) eq. (3): ⟨r²⟩ and a enter
/// through ⟨r²⟩/3 − a/18 = (⟨r²⟩ − a/6)/3. Hsieh et al. (2019) and Giunti &amp; Studenikin (2015) write the combination as
/// ⟨r²⟩ − 6a, so a(this class) = 36 × a(Hsieh / Giunti–Studenikin); convert a published anapole limit accordingly.</para>
/// <para><b>Antineutrinos.</b> The parameters are those of the neutrino ν_α (the Lagrangian couplings). The ν̄ stream uses the
/// same g_V shift (same sign) together with g_A → −g_A (g₁ ↔ g₂). Expressed through the antineutrino's own charge and
/// charge radius (q_ν̄ = −q_ν, ⟨r²_ν̄⟩ = −⟨r²_ν⟩, both C-odd) the shift changes sign, the form quoted by Giunti &amp; Studenikin
/// for ν̄ scattering; the anapole (C-even) enters the left-handed current through ⟨r²⟩ − 6a and follows ⟨r²⟩.</para>
/// Parameters: any subset of [mu, q, r2, anapole] (order of <see cref="EmProperty"/>); SM point 0.
/// </summary>
public sealed class ElectromagneticModel : IInteractionModel
{
    /// <summary>√2 π α / G_F in keV² (ShivaSankar et al. 2022 eq. 3 prefactor).</summary>
    public static readonly double ShiftPrefactorKeV2 = Math.Sqrt(2.0) * Math.PI * Constants.FineStructure / Constants.FermiConstantPerKeV2;

    readonly double _sin2w;
    readonly int _mu = -1, _q = -1, _r2 = -1, _a = -1;
    readonly IReadOnlyList<RecoilKernel> _kernels;

    /// <param name="flavour">The flavour α carrying the electromagnetic properties.</param>
    /// <param name="properties">Properties to fit (each once, any order; parameters follow the <see cref="EmProperty"/> order).</param>
    /// <param name="scheme">SM coupling scheme of the baseline.</param>
    /// <param name="sin2ThetaW">SM baseline sin²θ_W.</param>
    public ElectromagneticModel(Flavour flavour, IReadOnlyList<EmProperty> properties, CouplingScheme scheme, double sin2ThetaW = Constants.Sin2ThetaWLowEnergy)
    {
        if (properties.Count == 0) throw new ArgumentException("At least one electromagnetic property is required.", nameof(properties));
        Flavour = flavour; Scheme = scheme; _sin2w = sin2ThetaW;
        Properties = [.. properties.Distinct().OrderBy(p => p)];
        var names = new List<string>();
        foreach (var p in Properties)
        {
            switch (p)
            {
                case EmProperty.MagneticMoment: _mu = names.Count; names.Add("mu"); break;
                case EmProperty.Millicharge: _q = names.Count; names.Add("q"); break;
                case EmProperty.ChargeRadius: _r2 = names.Count; names.Add("r2"); break;
                default: _a = names.Count; names.Add("anapole"); break;
            }
        }
        ParameterNames = names;
        SmPoint = new double[names.Count];
        var k = new List<RecoilKernel>(_q >= 0 ? ModelKernels.InverseRecoilShiftKernels : StandardModel.Kernels);
        if (_mu >= 0) k.Add(ModelKernels.MagneticMoment);
        _kernels = k;
    }

    /// <summary>A model with a single property.</summary>
    public ElectromagneticModel(Flavour flavour, EmProperty property, CouplingScheme scheme, double sin2ThetaW = Constants.Sin2ThetaWLowEnergy)
        : this(flavour, [property], scheme, sin2ThetaW) { }

    public Flavour Flavour { get; }
    public IReadOnlyList<EmProperty> Properties { get; }
    public CouplingScheme Scheme { get; }
    public string Key => $"em({Flavour.ToString().ToLowerInvariant()};{string.Join(",", ParameterNames)};{Scheme},{_sin2w})";
    public IReadOnlyList<string> ParameterNames { get; }
    public IReadOnlyList<double> SmPoint { get; }
    public IReadOnlyList<RecoilKernel> Kernels(FlavourStream stream) => stream.Flavour == Flavour ? _kernels : StandardModel.Kernels;

    /// <summary>
    /// The g_V shift as a(constant) + b/T (T in keV) for the given parameter values:
    /// a = (√2πα/G_F)(⟨r²⟩/3 − a_ν/18)/(ħc)², b = −(√2πα/G_F) q_ν/m_e (keV).
    /// </summary>
    public static (double ConstantShift, double InverseRecoilShiftKeV) VectorShift(double chargeRadiusCm2, double anapoleCm2, double millicharge)
        => (ShiftPrefactorKeV2 * (chargeRadiusCm2 / 3.0 - anapoleCm2 / 18.0) / Constants.HbarC2KeV2Cm2,
            -ShiftPrefactorKeV2 * millicharge / Constants.ElectronMassKeV);

    public void Coefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> c, Span<double> grad)
    {
        int n = ParameterNames.Count;
        var g = ElectroweakCouplings.StandardModel(stream.Flavour, _sin2w, Scheme);
        var (ll, rr, lr) = StandardModel.Coefficients(g, stream.Antineutrino);
        if (stream.Flavour != Flavour)
        {
            c[0] = ll; c[1] = rr; c[2] = lr;
            if (!grad.IsEmpty) grad[..(3 * n)].Clear();
            return;
        }
        double g1 = stream.Antineutrino ? g.G2 : g.G1, g2 = stream.Antineutrino ? g.G1 : g.G2;
        var (a0, b) = VectorShift(_r2 >= 0 ? theta[_r2] : 0, _a >= 0 ? theta[_a] : 0, _q >= 0 ? theta[_q] : 0);
        double h1 = g1 + a0, h2 = g2 + a0;
        int nShift = _q >= 0 ? ShiftExpansion.Count : 3;
        if (_q >= 0) ShiftExpansion.Coefficients(h1, h2, b, b, c);
        else { c[0] = h1 * h1; c[1] = h2 * h2; c[2] = h1 * h2; }
        if (_mu >= 0) c[nShift] = theta[_mu] * theta[_mu];
        if (grad.IsEmpty) return;
        grad[..((nShift + (_mu >= 0 ? 1 : 0)) * n)].Clear();
        double da_dr2 = ShiftPrefactorKeV2 / (3.0 * Constants.HbarC2KeV2Cm2);
        double da_da = -ShiftPrefactorKeV2 / (18.0 * Constants.HbarC2KeV2Cm2);
        double db_dq = -ShiftPrefactorKeV2 / Constants.ElectronMassKeV;
        if (_r2 >= 0) ConstantShiftDerivative(h1, h2, b, _q >= 0, da_dr2, grad, n, _r2);
        if (_a >= 0) ConstantShiftDerivative(h1, h2, b, _q >= 0, da_da, grad, n, _a);
        if (_q >= 0) ShiftExpansion.Derivative(h1, h2, b, b, 0, 0, db_dq, db_dq, grad, n, _q);
        if (_mu >= 0) grad[nShift * n + _mu] = 2 * theta[_mu];
    }

    static void ConstantShiftDerivative(double h1, double h2, double b, bool withCharge, double d, Span<double> grad, int n, int p)
    {
        if (withCharge) ShiftExpansion.Derivative(h1, h2, b, b, d, d, 0, 0, grad, n, p);
        else { grad[p] = 2 * h1 * d; grad[n + p] = 2 * h2 * d; grad[2 * n + p] = (h1 + h2) * d; }
    }
}
