using NuXe.Physics.Nsi;

namespace NuXe.Physics.Models;

/// <summary>
/// <c>nsi-solar</c>: general vector NSI ε_αβ (Hermitian, complex off-diagonal) with charge direction (η, φ) of Amaral et al.
/// 2023 (<see cref="SolarNsiPoint"/>), acting both in propagation (MSW in the Sun and the Earth; computed by the solar
/// density-matrix code in Sources) and at detection (<see cref="ElectronCouplingMatrices"/>). Parameters, in order:
/// <c>eps_ee, eps_mumu, eps_tautau, eps_emu, eps_etau, eps_mutau</c> (real parts), <c>eps_emu_im, eps_etau_im,
/// eps_mutau_im</c> (imaginary parts of the off-diagonals; ε_βα = ε*_αβ), <c>eta, phi</c> (radians). SM point: ε = 0,
/// η = 0, φ = π/2 (the electron direction; any (η, φ) is the SM at ε = 0).
/// <para>
/// As an <see cref="IInteractionModel"/> on a flavour stream α (a flux that is a pure flavour state, e.g. a ⁵¹Cr ν_e source)
/// the coefficients are the diagonal elements (G†G)_αα — exact for such a flux. For solar neutrinos the analysis layer uses the
/// full flavour density matrix instead: rate = Tr[ρ(ε) dσ(ε)/dT] (ExperimentLikelihood).
/// </para>
/// </summary>
public sealed class SolarNsiModel(CouplingScheme scheme, double sin2ThetaW = Constants.Sin2ThetaWLowEnergy) : IInteractionModel
{
    /// <summary>Parameter names (a contract of the CLI and the nsi2023 study).</summary>
    public static readonly IReadOnlyList<string> Names =
        ["eps_ee", "eps_mumu", "eps_tautau", "eps_emu", "eps_etau", "eps_mutau", "eps_emu_im", "eps_etau_im", "eps_mutau_im", "eta", "phi"];

    /// <summary>Index of η and φ in <see cref="Names"/>.</summary>
    public const int EtaIndex = 9, PhiIndex = 10;

    public CouplingScheme Scheme { get; } = scheme;
    public double Sin2ThetaW { get; } = sin2ThetaW;
    public string Key => $"nsi-solar({Scheme},{Sin2ThetaW})";
    public IReadOnlyList<string> ParameterNames => Names;
    public IReadOnlyList<double> SmPoint { get; } = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Math.PI / 2];
    public IReadOnlyList<RecoilKernel> Kernels(FlavourStream stream) => StandardModel.Kernels;

    /// <summary>The NSI point of a parameter vector.</summary>
    public SolarNsiPoint Point(ReadOnlySpan<double> theta) => SolarNsiPoint.FromParameters(theta);

    /// <summary>The detection coupling matrices at θ.</summary>
    public ElectronCouplingMatrices Couplings(ReadOnlySpan<double> theta) => ElectronCouplingMatrices.Of(Point(theta), Sin2ThetaW, Scheme);

    public void Coefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> c, Span<double> grad)
    {
        StreamCoefficients(stream, theta, c);
        if (grad.IsEmpty) return;
        int n = Names.Count;
        Span<double> t = stackalloc double[n];
        Span<double> up = stackalloc double[3];
        Span<double> dn = stackalloc double[3];
        theta.CopyTo(t);
        for (int p = 0; p < n; p++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(theta[p]));
            t[p] = theta[p] + h; StreamCoefficients(stream, t, up);
            t[p] = theta[p] - h; StreamCoefficients(stream, t, dn);
            t[p] = theta[p];
            for (int j = 0; j < 3; j++) grad[j * n + p] = (up[j] - dn[j]) / (2 * h);
        }
    }

    void StreamCoefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> c)
    {
        var m = Couplings(theta);
        int a = (int)stream.Flavour;
        double ll = m.LL[a, a].Real, rr = m.RR[a, a].Real, lr = m.LR[a, a].Real;
        // Antineutrino: the LL and RR kernels exchange roles (g₁ ↔ g₂).
        if (stream.Antineutrino) (ll, rr) = (rr, ll);
        c[0] = ll; c[1] = rr; c[2] = lr;
    }
}
