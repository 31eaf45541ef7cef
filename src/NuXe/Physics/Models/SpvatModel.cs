namespace NuXe.Physics.Models;

/// <summary>Lorentz structure of a four-fermion interaction or of a light mediator: scalar, pseudoscalar, vector, axial vector, tensor.</summary>
public enum LorentzStructure { S = 0, P = 1, V = 2, A = 3, T = 4 }

/// <summary>
/// General four-fermion (S, P, V, A, T) ν–e interactions with real coefficients (C_a, D_a), Link &amp; Xu 2019 eqs. (26)–(33)
/// after Rodejohann, Xu &amp; Yaguna, JHEP 05 (2017) 024; PHYSICS.md §4.2:
/// dσ/dT = (G_F² m_e/2π)[ x₁ + 2x₂(1 − T/E) + x₃(1 − T/E)² + x₄ m_e T/(4E²) ] (the `M` of the printed eq. 28 is m_e), with
/// x₁ = ¼(C_A − D_A + C_V − D_V)² + ½C_P C_T + ⅛(C_P² + C_S² + D_P² + D_S²) − ½C_S C_T + C_T² + ½D_P D_T − ½D_S D_T + D_T²,
/// x₂ = −⅛(C_P² + C_S² + D_P² + D_S²) + C_T² + D_T²,
/// x₃ = ¼(C_A + D_A − C_V − D_V)² − ½C_P C_T + ⅛(C_P² + C_S² + D_P² + D_S²) + ½C_T C_S + C_T² − ½D_P D_T + ½D_S D_T + D_T²,
/// x₄ = −(C_V − D_A)² + (C_A − D_V)² + C_S² − 4C_T² + D_P² − 4D_T².
/// SM point: (C_V, D_V, C_A, D_A) = (g_V, −g_A, g_A, −g_V), all others 0 (reproduces PHYSICS.md §3 exactly:
/// x₁ = g₁², x₃ = g₂², x₄ = −4g₁g₂, x₂ = 0).
/// <para>Parameters: δC_a = C_a − C_a^SM, δD_a = D_a − D_a^SM, named <c>dC_a</c>, <c>dD_a</c> (dimensionless, in units of the
/// SM normalisation G_F/√2), for one Lorentz structure a or for all ten (order S, P, V, A, T; C before D).</para>
/// <para>Kernels (shared): [sm.LL, sm.RR, sm.LR, spvat.x2] with coefficients [x₁, x₃, −x₄/4, x₂]
/// (x₄ m_eT/(4E²) = −¼ × sm.LR).</para>
/// <para>Flavour: the interaction acts on one flavour (default ν_e, the ⁵¹Cr source); the other flavours stay at the SM.
/// Antineutrino streams: the neutrino trace with the momenta k ↔ k′ exchanged, i.e. x₁ ↔ x₃ with x₂, x₄ unchanged;
/// at the SM point this is g₁ ↔ g₂ (g_A → −g_A) as in PHYSICS.md §3.</para>
/// </summary>
public sealed class SpvatModel : IInteractionModel
{
    static readonly IReadOnlyList<RecoilKernel> KernelList = [StandardModel.LL, StandardModel.RR, StandardModel.LR, ModelKernels.SpvatX2];
    readonly double _sin2w;
    readonly double[] _sm = new double[10]; // SM (C_a, D_a) in order S, P, V, A, T
    readonly int[] _columns;                // full-vector index of each parameter

    /// <param name="structure">The pair (δC_a, δD_a) to fit; null = all ten parameters.</param>
    /// <param name="scheme">SM coupling scheme of the baseline.</param>
    /// <param name="sin2ThetaW">SM baseline sin²θ_W.</param>
    /// <param name="flavour">The neutrino flavour that has the general interaction (default ν_e).</param>
    public SpvatModel(LorentzStructure? structure, CouplingScheme scheme, double sin2ThetaW = Constants.Sin2ThetaWLowEnergy,
        Flavour flavour = Flavour.E)
    {
        Structure = structure; Scheme = scheme; _sin2w = sin2ThetaW; Flavour = flavour;
        var g = ElectroweakCouplings.StandardModel(flavour, sin2ThetaW, scheme);
        _sm[2 * (int)LorentzStructure.V] = g.GV; _sm[2 * (int)LorentzStructure.V + 1] = -g.GA;
        _sm[2 * (int)LorentzStructure.A] = g.GA; _sm[2 * (int)LorentzStructure.A + 1] = -g.GV;
        _columns = structure is { } s ? [2 * (int)s, 2 * (int)s + 1] : [.. Enumerable.Range(0, 10)];
        ParameterNames = [.. _columns.Select(i => $"d{(i % 2 == 0 ? "C" : "D")}_{(LorentzStructure)(i / 2)}")];
        SmPoint = new double[_columns.Length];
    }

    public LorentzStructure? Structure { get; }
    public CouplingScheme Scheme { get; }
    public Flavour Flavour { get; }
    public string Key => $"spvat({Structure?.ToString() ?? "all"};{Flavour};{Scheme},{_sin2w})";
    public IReadOnlyList<string> ParameterNames { get; }
    public IReadOnlyList<double> SmPoint { get; }
    public IReadOnlyList<RecoilKernel> Kernels(FlavourStream stream) => KernelList;

    /// <summary>The SM values of (C_a, D_a) in the order S, P, V, A, T (C before D).</summary>
    public IReadOnlyList<double> SmCouplings => _sm;

    /// <summary>x₁..x₄ of Link &amp; Xu eqs. (29)–(32) for the full coefficient vector (C_S, D_S, C_P, D_P, C_V, D_V, C_A, D_A, C_T, D_T).</summary>
    public static (double X1, double X2, double X3, double X4) X(ReadOnlySpan<double> cd)
    {
        double cs = cd[0], ds = cd[1], cp = cd[2], dp = cd[3], cv = cd[4], dv = cd[5], ca = cd[6], da = cd[7], ct = cd[8], dt = cd[9];
        double u = ca - da + cv - dv, v = ca + da - cv - dv, q = cp * cp + cs * cs + dp * dp + ds * ds;
        double x1 = 0.25 * u * u + 0.5 * cp * ct + q / 8 - 0.5 * cs * ct + ct * ct + 0.5 * dp * dt - 0.5 * ds * dt + dt * dt;
        double x2 = -q / 8 + ct * ct + dt * dt;
        double x3 = 0.25 * v * v - 0.5 * cp * ct + q / 8 + 0.5 * ct * cs + ct * ct - 0.5 * dp * dt + 0.5 * ds * dt + dt * dt;
        double x4 = -(cv - da) * (cv - da) + (ca - dv) * (ca - dv) + cs * cs - 4 * ct * ct + dp * dp - 4 * dt * dt;
        return (x1, x2, x3, x4);
    }

    /// <summary>∂(x₁, x₂, x₃, x₄)/∂cd_i for the full vector, written as jac[k * 10 + i].</summary>
    static void XJacobian(ReadOnlySpan<double> cd, Span<double> jac)
    {
        double cs = cd[0], ds = cd[1], cp = cd[2], dp = cd[3], cv = cd[4], dv = cd[5], ca = cd[6], da = cd[7], ct = cd[8], dt = cd[9];
        double u = ca - da + cv - dv, v = ca + da - cv - dv;
        // order within a row: CS DS CP DP CV DV CA DA CT DT
        Span<double> j1 = jac[..10], j2 = jac[10..20], j3 = jac[20..30], j4 = jac[30..40];
        j1[0] = cs / 4 - ct / 2; j1[1] = ds / 4 - dt / 2; j1[2] = cp / 4 + ct / 2; j1[3] = dp / 4 + dt / 2;
        j1[4] = u / 2; j1[5] = -u / 2; j1[6] = u / 2; j1[7] = -u / 2;
        j1[8] = cp / 2 - cs / 2 + 2 * ct; j1[9] = dp / 2 - ds / 2 + 2 * dt;
        j2[0] = -cs / 4; j2[1] = -ds / 4; j2[2] = -cp / 4; j2[3] = -dp / 4; j2[4] = j2[5] = j2[6] = j2[7] = 0;
        j2[8] = 2 * ct; j2[9] = 2 * dt;
        j3[0] = cs / 4 + ct / 2; j3[1] = ds / 4 + dt / 2; j3[2] = cp / 4 - ct / 2; j3[3] = dp / 4 - dt / 2;
        j3[4] = -v / 2; j3[5] = -v / 2; j3[6] = v / 2; j3[7] = v / 2;
        j3[8] = -cp / 2 + cs / 2 + 2 * ct; j3[9] = -dp / 2 + ds / 2 + 2 * dt;
        j4[0] = 2 * cs; j4[1] = 0; j4[2] = 0; j4[3] = 2 * dp;
        j4[4] = -2 * (cv - da); j4[5] = -2 * (ca - dv); j4[6] = 2 * (ca - dv); j4[7] = 2 * (cv - da);
        j4[8] = -8 * ct; j4[9] = -8 * dt;
    }

    public void Coefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> c, Span<double> grad)
    {
        int n = _columns.Length;
        if (stream.Flavour != Flavour)
        {
            var g = ElectroweakCouplings.StandardModel(stream.Flavour, _sin2w, Scheme);
            var (ll, rr, lr) = StandardModel.Coefficients(g, stream.Antineutrino);
            c[0] = ll; c[1] = rr; c[2] = lr; c[3] = 0;
            if (!grad.IsEmpty) grad[..(4 * n)].Clear();
            return;
        }
        Span<double> cd = stackalloc double[10];
        _sm.CopyTo(cd);
        for (int p = 0; p < n; p++) cd[_columns[p]] += theta[p];
        var (x1, x2, x3, x4) = X(cd);
        int iL = stream.Antineutrino ? 1 : 0, iR = 1 - iL;
        c[iL] = x1; c[iR] = x3; c[2] = -x4 / 4; c[3] = x2;
        if (grad.IsEmpty) return;
        Span<double> jac = stackalloc double[40];
        XJacobian(cd, jac);
        for (int p = 0; p < n; p++)
        {
            int i = _columns[p];
            grad[iL * n + p] = jac[i]; grad[iR * n + p] = jac[20 + i]; grad[2 * n + p] = -jac[30 + i] / 4; grad[3 * n + p] = jac[10 + i];
        }
    }
}
