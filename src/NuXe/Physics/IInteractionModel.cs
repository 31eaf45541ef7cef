namespace NuXe.Physics;

/// <summary>
/// A ν–e interaction model: a pure map from named parameters θ to coefficients on basis kernels, per flavour stream.
/// dσ/dT(stream; θ) = Σ_j c_j(stream, θ) · kernel_j(T, E). The kernels of an instance are fixed (a mediator mass or
/// any other non-linear parameter is a constructor argument, so templates can be cached per instance key).
/// Every model equals the SM at <see cref="SmPoint"/> (a property test proves it for each model).
/// </summary>
public interface IInteractionModel
{
    /// <summary>Stable identifier, including constructor arguments that change the kernels (e.g. a mass).</summary>
    string Key { get; }

    /// <summary>Parameter names, e.g. ["sin2w"] or ["epsL_ee", "epsR_ee"].</summary>
    IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Parameter values at which the model reduces to the Standard Model.</summary>
    IReadOnlyList<double> SmPoint { get; }

    /// <summary>Basis kernels for a stream; their order defines the coefficient order.</summary>
    IReadOnlyList<RecoilKernel> Kernels(FlavourStream stream);

    /// <summary>
    /// Coefficients of <see cref="Kernels"/> at θ, and optionally (when <paramref name="gradient"/> is not empty)
    /// their gradient ∂c_j/∂θ_p stored row-major at [j * ParameterNames.Count + p].
    /// </summary>
    void Coefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> coefficients, Span<double> gradient);
}

/// <summary>
/// The Standard Model with sin²θ_W as its single parameter (Link &amp; Xu Table II).
/// </summary>
public sealed class WeakMixingAngleModel(CouplingScheme scheme, double sin2ThetaW = Constants.Sin2ThetaWLowEnergy) : IInteractionModel
{
    public CouplingScheme Scheme { get; } = scheme;
    public string Key => $"sm-sin2w({Scheme})";
    public IReadOnlyList<string> ParameterNames { get; } = ["sin2w"];
    public IReadOnlyList<double> SmPoint { get; } = [sin2ThetaW];
    public IReadOnlyList<RecoilKernel> Kernels(FlavourStream stream) => StandardModel.Kernels;

    public void Coefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> c, Span<double> grad)
    {
        var g = ElectroweakCouplings.StandardModel(stream.Flavour, theta[0], Scheme);
        double dgv = ElectroweakCouplings.VectorSlope(stream.Flavour, Scheme);
        // g1 = gV + gA, g2 = gV − gA; both move with gV only.
        double g1 = stream.Antineutrino ? g.G2 : g.G1, g2 = stream.Antineutrino ? g.G1 : g.G2;
        c[0] = g1 * g1; c[1] = g2 * g2; c[2] = g1 * g2;
        if (!grad.IsEmpty)
        {
            grad[0] = 2 * g1 * dgv; grad[1] = 2 * g2 * dgv; grad[2] = (g1 + g2) * dgv;
        }
    }
}

/// <summary>
/// Free effective couplings (g_V, g_A) of ν_e to electrons (Link &amp; Xu Fig. 3). ν_μ and ν_τ keep their SM
/// couplings at the given sin²θ_W and scheme.
/// </summary>
public sealed class VectorAxialModel(CouplingScheme scheme, double sin2ThetaW = Constants.Sin2ThetaWLowEnergy) : IInteractionModel
{
    readonly double _sin2w = sin2ThetaW;
    public CouplingScheme Scheme { get; } = scheme;
    public string Key => $"gvga({Scheme},{_sin2w})";
    public IReadOnlyList<string> ParameterNames { get; } = ["gV", "gA"];
    public IReadOnlyList<double> SmPoint { get; } = SmValues(scheme, sin2ThetaW);
    static double[] SmValues(CouplingScheme s, double w) { var g = ElectroweakCouplings.StandardModel(Flavour.E, w, s); return [g.GV, g.GA]; }
    public IReadOnlyList<RecoilKernel> Kernels(FlavourStream stream) => StandardModel.Kernels;

    public void Coefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> c, Span<double> grad)
    {
        bool free = stream.Flavour == Flavour.E;
        var g = free ? new ElectroweakCouplings(theta[0], theta[1]) : ElectroweakCouplings.StandardModel(stream.Flavour, _sin2w, Scheme);
        double s = stream.Antineutrino ? -1 : 1; // antineutrino: gA → −gA
        double g1 = g.GV + s * g.GA, g2 = g.GV - s * g.GA;
        c[0] = g1 * g1; c[1] = g2 * g2; c[2] = g1 * g2;
        if (!grad.IsEmpty)
        {
            grad.Clear();
            if (!free) return;
            // dg1/dgV = 1, dg1/dgA = s; dg2/dgV = 1, dg2/dgA = −s
            grad[0] = 2 * g1; grad[1] = 2 * g1 * s;
            grad[2] = 2 * g2; grad[3] = -2 * g2 * s;
            grad[4] = g1 + g2; grad[5] = s * (g2 - g1);
        }
    }
}
