using System.Numerics;
using NuXe.Physics;
using NuXe.Physics.Nsi;
using NuXe.Sources.Solar;

namespace NuXe.Tests.SolarNsi;

/// <summary>
/// NuXe against an independent run of SNuDD (Amaral et al.'s code, commit 11622de) on the same inputs: NuFIT 5.2 oscillation
/// parameters, the same NSI points. Script: snudd_xcheck.py (this folder); its printed numbers are the references below.
/// SNuDD uses the BSB06 analytic n_e fit and its own production distributions, NuXe the B16-GS98 tables: P_ee differ by ≤ 3e-3.
/// </summary>
public class SolarNsiCrossCheckTests
{
    // (eps_ee, eta, phi, source, P_ee at 0.3, 0.8613, 5, 10 MeV) from snudd_xcheck.py
    public static TheoryData<double, double, double, string, double[]> Snudd => new()
    {
        { 0.0, 0, Math.PI / 2, "pp", [0.546937, 0.534992, 0.437731, 0.364443] },
        { 0.0, 0, Math.PI / 2, "b8", [0.544000, 0.525882, 0.387837, 0.321646] },
        { -0.5, 0, Math.PI / 2, "pp", [0.553623, 0.554902, 0.563894, 0.573739] },
        { -0.5, 0, Math.PI / 2, "b8", [0.553952, 0.555835, 0.568861, 0.582600] },
        { 0.3, 0, Math.PI / 2, "pp", [0.542760, 0.521832, 0.382317, 0.325540] },
        { 0.3, 0, Math.PI / 2, "b8", [0.537704, 0.505667, 0.334262, 0.301289] },
        { 0.5, Math.PI / 2, 0, "pp", [0.545031, 0.529018, 0.409971, 0.343664] },
        { 0.5, Math.PI / 2, 0, "b8", [0.540436, 0.514495, 0.352142, 0.307094] },
        { 0.5, 0, 0, "pp", [0.539908, 0.512679, 0.359146, 0.314006] },
        { 0.5, 0, 0, "b8", [0.533380, 0.491608, 0.318320, 0.296957] },
    };

    [Theory]
    [MemberData(nameof(Snudd))]
    public void DayPeeMatchesSnudd(double epsEe, double eta, double phi, string source, double[] expected)
    {
        var dm = new SolarDensityMatrices(SolarModel.B16Gs98, OscillationParameters.NuFit52);
        var p = SolarNsiPoint.FromParameters([epsEe, 0, 0, 0, 0, 0, 0, 0, 0, eta, phi]);
        double[] e = [300, 861.3, 5000, 10000];
        for (int i = 0; i < e.Length; i++)
            Assert.Equal(expected[i], dm.Day(SolarSources.Parse(source), e[i], p)[0, 0].Real, 3.5e-3);
    }

    [Fact]
    public void CrossSectionMatrixMatchesSnudd()
    {
        // Tr[ρ dσ(ε)] / Tr[ρ dσ(0)] at T = 10 keV, E = 861.3 keV, tree couplings at sin²θ_W = 0.23122; SNuDD: 1.46085757.
        Complex i = Complex.ImaginaryOne;
        var rho = Matrix3.FromRowMajor([0.55, 0.05 + 0.02 * i, 0.01 - 0.03 * i, 0.05 - 0.02 * i, 0.20, 0.04 + 0.01 * i, 0.01 + 0.03 * i, 0.04 - 0.01 * i, 0.25]);
        var p = SolarNsiPoint.FromParameters([0.1, 0, -0.2, 0.05, 0, 0, 0.03, 0, 0, 0, Math.PI / 2]);
        double T = 10, E = 861.3;
        double Rate(SolarNsiPoint q)
        {
            var (ll, rr, lr) = ElectronCouplingMatrices.Of(q, 0.23122, CouplingScheme.Tree).Weights(rho);
            return ll * StandardModel.LL.Coefficients(T).At(E) + rr * StandardModel.RR.Coefficients(T).At(E) + lr * StandardModel.LR.Coefficients(T).At(E);
        }
        Assert.Equal(1.46085757, Rate(p) / Rate(SolarNsiPoint.StandardModel), 1e-7);
    }
}
