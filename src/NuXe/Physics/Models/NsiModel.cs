namespace NuXe.Physics.Models;

/// <summary>
/// Neutral-current non-standard interactions ε^L_{eα}, ε^R_{eα} (α ∈ {e, μ, τ}, real) of Link &amp; Xu 2019 eqs. (21)–(25),
/// PHYSICS.md §4.1. For the ν_e stream:
/// dσ/dT = (G_F² m_e/2π)[ g̃₁² + g̃₂²(1 − T/E)² − x₁₂ m_e T/E² ] with
/// g̃₁² = (g₁ + 2ε^L_ee)² + Σ_{β=μ,τ}(2ε^L_eβ)², g̃₂² = (g₂ + 2ε^R_ee)² + Σ_β(2ε^R_eβ)²,
/// x₁₂ = (g₁ + 2ε^L_ee)(g₂ + 2ε^R_ee) + Σ_β(2ε^L_eβ)(2ε^R_eβ): the flavour-changing ν_e → ν_β channels add incoherently.
/// <para>
/// ν_μ and ν_τ streams (a choice, documented here): the ε matrix is taken Hermitian and real, ε_{αe} = ε_{eα}, with all
/// entries not in the e row/column zero. A ν_β stream (β = μ, τ) then keeps its SM coherent amplitude and gains the
/// incoherent channel ν_β → ν_e: g̃₁² = g₁,β² + (2ε^L_eβ)², g̃₂² = g₂,β² + (2ε^R_eβ)², x₁₂ = g₁,β g₂,β + 4ε^L_eβ ε^R_eβ.
/// This matters only for mixed-flavour fluxes (solar neutrinos); with <c>electronStreamOnly: true</c> the ν_μ,τ streams
/// stay at the SM (Link &amp; Xu consider a pure ν_e source, where both choices agree).
/// </para>
/// <para>Antineutrino streams: ε^L and ε^R exchange roles together with g₁ ↔ g₂ (the coefficients of the LL and RR kernels swap).</para>
/// Parameters (dimensionless): <c>epsL_ee, epsR_ee, epsL_emu, epsR_emu, epsL_etau, epsR_etau</c>, in that order for the
/// flavours selected; SM point 0. Kernels: the three SM kernels.
/// </summary>
public sealed class NsiModel : IInteractionModel
{
    readonly double _sin2w;
    readonly Flavour[] _flavours;
    readonly int[] _slot = [-1, -1, -1]; // parameter index of epsL_eα for α = e, μ, τ (epsR at +1), or −1

    /// <param name="flavours">The α of the ε_{eα} pairs to fit (one or several); empty = all three.</param>
    /// <param name="scheme">SM coupling scheme of the baseline.</param>
    /// <param name="sin2ThetaW">SM baseline sin²θ_W.</param>
    /// <param name="electronStreamOnly">If true, ν_μ and ν_τ streams stay at the SM (see class remarks).</param>
    public NsiModel(IReadOnlyList<Flavour> flavours, CouplingScheme scheme, double sin2ThetaW = Constants.Sin2ThetaWLowEnergy,
        bool electronStreamOnly = false)
    {
        _flavours = flavours.Count == 0 ? [Flavour.E, Flavour.Mu, Flavour.Tau] : [.. flavours.Distinct().OrderBy(f => f)];
        Scheme = scheme; _sin2w = sin2ThetaW; ElectronStreamOnly = electronStreamOnly;
        var names = new List<string>();
        foreach (var f in _flavours)
        {
            _slot[(int)f] = names.Count;
            string s = f switch { Flavour.E => "ee", Flavour.Mu => "emu", _ => "etau" };
            names.Add("epsL_" + s); names.Add("epsR_" + s);
        }
        ParameterNames = names;
        SmPoint = new double[names.Count];
    }

    /// <summary>NSI for a single flavour α: parameters [epsL_eα, epsR_eα].</summary>
    public NsiModel(Flavour flavour, CouplingScheme scheme, double sin2ThetaW = Constants.Sin2ThetaWLowEnergy, bool electronStreamOnly = false)
        : this([flavour], scheme, sin2ThetaW, electronStreamOnly) { }

    public CouplingScheme Scheme { get; }
    public bool ElectronStreamOnly { get; }
    public string Key => $"nsi({string.Join(",", _flavours.Select(f => f.ToString().ToLowerInvariant()))};{Scheme},{_sin2w}{(ElectronStreamOnly ? ",eonly" : "")})";
    public IReadOnlyList<string> ParameterNames { get; }
    public IReadOnlyList<double> SmPoint { get; }
    public IReadOnlyList<RecoilKernel> Kernels(FlavourStream stream) => StandardModel.Kernels;

    public void Coefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> c, Span<double> grad)
    {
        int n = ParameterNames.Count;
        var g = ElectroweakCouplings.StandardModel(stream.Flavour, _sin2w, Scheme);
        double g1 = g.G1, g2 = g.G2;
        // Coherent amplitude: (g1 + 2εL_ee, g2 + 2εR_ee) for ν_e; incoherent channels: list of (2εL, 2εR) with their slots.
        int coherentSlot = stream.Flavour == Flavour.E ? _slot[0] : -1;
        double a1 = g1, a2 = g2;
        if (coherentSlot >= 0) { a1 += 2 * theta[coherentSlot]; a2 += 2 * theta[coherentSlot + 1]; }
        Span<int> inc = stackalloc int[2];
        int nInc = 0;
        if (stream.Flavour == Flavour.E) { if (_slot[1] >= 0) inc[nInc++] = _slot[1]; if (_slot[2] >= 0) inc[nInc++] = _slot[2]; }
        else if (!ElectronStreamOnly && _slot[(int)stream.Flavour] >= 0) inc[nInc++] = _slot[(int)stream.Flavour];

        double sL = 0, sR = 0, sLR = 0;
        for (int i = 0; i < nInc; i++)
        {
            double l = 2 * theta[inc[i]], r = 2 * theta[inc[i] + 1];
            sL += l * l; sR += r * r; sLR += l * r;
        }
        // Neutrino: LL ← g̃₁², RR ← g̃₂²; antineutrino: swapped.
        int iL = stream.Antineutrino ? 1 : 0, iR = 1 - iL;
        c[iL] = a1 * a1 + sL; c[iR] = a2 * a2 + sR; c[2] = a1 * a2 + sLR;
        if (grad.IsEmpty) return;
        grad[..(3 * n)].Clear();
        if (coherentSlot >= 0)
        {
            // ∂/∂εL_ee: g̃₁² → 4a1, x12 → 2a2; ∂/∂εR_ee: g̃₂² → 4a2, x12 → 2a1
            grad[iL * n + coherentSlot] = 4 * a1; grad[2 * n + coherentSlot] = 2 * a2;
            grad[iR * n + coherentSlot + 1] = 4 * a2; grad[2 * n + coherentSlot + 1] = 2 * a1;
        }
        for (int i = 0; i < nInc; i++)
        {
            int p = inc[i];
            double l = theta[p], r = theta[p + 1];
            grad[iL * n + p] = 8 * l; grad[2 * n + p] = 4 * r;
            grad[iR * n + p + 1] = 8 * r; grad[2 * n + p + 1] = 4 * l;
        }
    }
}
