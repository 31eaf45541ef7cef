namespace NuXe.Physics.Models;

/// <summary>
/// Light mediators X ∈ {S, P, V, A, T} of mass m_X ("neutrino generalized interactions", ShivaSankar et al. 2022 eqs. 4–7;
/// PHYSICS.md §4.4). The parameter is g_X = √(g_νX g_eX) (dimensionless), so the couplings enter as g_X²; SM point 0.
/// <list type="bullet">
/// <item>V / A (coherent with the SM): g′_{V/A} = g_{V/A} + g_X² / [2√2 G_F (2 m_e T + m_X²)] = g_{V/A} + 2g_X² w(T) with the
/// weight w of <see cref="ModelKernels.PropagatorWeight"/>; i.e. (δ₁, δ₂) = (2g_X², 2g_X²) for V and (2g_X², −2g_X²) for A on
/// the nine kernels of <see cref="ModelKernels.PropagatorShiftKernels"/> (shared with <see cref="ZPrimeModel"/>).
/// Antineutrinos: g_A → −g_A including the shift (g₁′ ↔ g₂′).</item>
/// <item>S, P, T (incoherent): the SM kernels plus one kernel <see cref="ModelKernels.Scalar"/>,
/// <see cref="ModelKernels.Pseudoscalar"/> or <see cref="ModelKernels.Tensor"/> with coefficient g_X⁴; the printed
/// natural-unit cross sections are converted with (ħc)². They are the same for antineutrinos (the printed forms are
/// symmetric under 1 ↔ (1 − T/E)²).</item>
/// </list>
/// Flavour: lepton-universal by default (all streams); with <c>flavour</c> set only that flavour's streams are affected.
/// </summary>
public sealed class LightMediatorModel : IInteractionModel
{
    readonly double _sin2w;
    readonly IReadOnlyList<RecoilKernel> _kernels;
    readonly bool _coherent;

    /// <param name="structure">Mediator type S, P, V, A or T.</param>
    /// <param name="massKeV">Mediator mass in keV (≥ 0).</param>
    /// <param name="scheme">SM coupling scheme of the baseline.</param>
    /// <param name="sin2ThetaW">SM baseline sin²θ_W.</param>
    /// <param name="flavour">Restrict the new interaction to one flavour; null = universal.</param>
    public LightMediatorModel(LorentzStructure structure, double massKeV, CouplingScheme scheme,
        double sin2ThetaW = Constants.Sin2ThetaWLowEnergy, Flavour? flavour = null)
    {
        if (!(massKeV >= 0) || double.IsInfinity(massKeV)) throw new ArgumentOutOfRangeException(nameof(massKeV), "Mediator mass must be finite and ≥ 0 keV.");
        Structure = structure; MassKeV = massKeV; Scheme = scheme; _sin2w = sin2ThetaW; Flavour = flavour;
        _coherent = structure is LorentzStructure.V or LorentzStructure.A;
        _kernels = structure switch
        {
            LorentzStructure.V or LorentzStructure.A => ModelKernels.PropagatorShiftKernels(massKeV),
            LorentzStructure.S => [.. StandardModel.Kernels, ModelKernels.Scalar(massKeV)],
            LorentzStructure.P => [.. StandardModel.Kernels, ModelKernels.Pseudoscalar(massKeV)],
            _ => [.. StandardModel.Kernels, ModelKernels.Tensor(massKeV)],
        };
        ParameterNames = [$"g_{structure}"];
    }

    public LorentzStructure Structure { get; }
    /// <summary>Mediator mass in keV.</summary>
    public double MassKeV { get; }
    public CouplingScheme Scheme { get; }
    /// <summary>The only flavour affected, or null for lepton-universal couplings.</summary>
    public Flavour? Flavour { get; }
    public string Key => $"mediator({Structure},{ModelKernels.MassTag(MassKeV)},{Flavour?.ToString().ToLowerInvariant() ?? "universal"};{Scheme},{_sin2w})";
    public IReadOnlyList<string> ParameterNames { get; }
    public IReadOnlyList<double> SmPoint { get; } = [0.0];
    public IReadOnlyList<RecoilKernel> Kernels(FlavourStream stream) => _kernels;

    public void Coefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> c, Span<double> grad)
    {
        var g = ElectroweakCouplings.StandardModel(stream.Flavour, _sin2w, Scheme);
        bool active = Flavour is null || Flavour == stream.Flavour;
        double x = active ? theta[0] : 0.0, dx = active ? 1.0 : 0.0;
        if (_coherent)
        {
            double s = Structure == LorentzStructure.A ? -1 : 1;
            double g1 = g.G1, g2 = g.G2, d1 = 2 * x * x, d2 = s * 2 * x * x, dd1 = 4 * x * dx, dd2 = s * 4 * x * dx;
            if (stream.Antineutrino) { (g1, g2) = (g2, g1); (d1, d2) = (d2, d1); (dd1, dd2) = (dd2, dd1); }
            ShiftExpansion.Coefficients(g1, g2, d1, d2, c);
            if (!grad.IsEmpty) ShiftExpansion.Derivative(g1, g2, d1, d2, 0, 0, dd1, dd2, grad, 1, 0);
            return;
        }
        var (ll, rr, lr) = StandardModel.Coefficients(g, stream.Antineutrino);
        c[0] = ll; c[1] = rr; c[2] = lr; c[3] = x * x * x * x;
        if (!grad.IsEmpty) { grad[0] = grad[1] = grad[2] = 0; grad[3] = 4 * x * x * x * dx; }
    }
}
