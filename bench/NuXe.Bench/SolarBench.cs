using BenchmarkDotNet.Attributes;
using NuXe.Physics;
using NuXe.Sources;
using NuXe.Sources.Solar;

namespace NuXe.Bench;

/// <summary>
/// Solar flux moments and spectrum: 8 sources × 3 flavours (24 components, B16-GS98, NuFIT 5.2 MSW) at 1000 recoil
/// energies 0.1…1000 keV (log-spaced). Target: full moment table ≤ 20 ms (issue 7).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SolarBench
{
    IReadOnlyList<FluxComponent> _components = [];
    FluxMoments[] _moments = [];
    readonly double[] _recoilKeV = Enumerable.Range(0, 1000).Select(i => 0.1 * Math.Pow(1e4, i / 999.0)).ToArray();

    [GlobalSetup]
    public void Setup()
    {
        _components = SolarFlux.Components(SolarModel.B16Gs98, OscillationParameters.NuFit52);
        _moments = _components.Select(c => new FluxMoments(c)).ToArray();
    }

    /// <summary>Moment table M_k(T) for the prepared 24 components at 1000 T (the per-spectrum cost).</summary>
    [Benchmark(Baseline = true)]
    public double[,,] MomentTable()
    {
        var m = new double[_moments.Length, 3, _recoilKeV.Length];
        for (int c = 0; c < _moments.Length; c++)
            for (int j = 0; j < _recoilKeV.Length; j++)
            {
                var (m0, m1, m2) = _moments[c].At(_recoilKeV[j]);
                m[c, 0, j] = m0; m[c, 1, j] = m1; m[c, 2, j] = m2;
            }
        return m;
    }

    /// <summary>Moment table including building the moment integrators (cumulative sums) of the 24 components.</summary>
    [Benchmark]
    public double[,,] MomentTableFromComponents()
    {
        var fm = _components.Select(c => new FluxMoments(c)).ToArray();
        var m = new double[fm.Length, 3, _recoilKeV.Length];
        for (int c = 0; c < fm.Length; c++)
            for (int j = 0; j < _recoilKeV.Length; j++)
            {
                var (m0, m1, m2) = fm[c].At(_recoilKeV[j]);
                m[c, 0, j] = m0; m[c, 1, j] = m1; m[c, 2, j] = m2;
            }
        return m;
    }

    /// <summary>SM free-electron dR/dT (per electron) summed over the 24 components at 1000 T, from the moments.</summary>
    [Benchmark]
    public double[] SmSpectrum()
    {
        var r = new double[_recoilKeV.Length];
        foreach (var fm in _moments)
        {
            var s = fm.Component.Stream;
            var (ll, rr, lr) = StandardModel.Coefficients(ElectroweakCouplings.StandardModel(s.Flavour, Constants.Sin2ThetaWLowEnergy, CouplingScheme.Tree), s.Antineutrino);
            for (int j = 0; j < r.Length; j++)
            {
                double t = _recoilKeV[j];
                var k = ll * StandardModel.LL.Coefficients(t) + rr * StandardModel.RR.Coefficients(t) + lr * StandardModel.LR.Coefficients(t);
                var (m0, m1, m2) = fm.At(t);
                r[j] += k.A0 * m0 + k.A1 * m1 + k.A2 * m2;
            }
        }
        return r;
    }

    /// <summary>Cold path: the 24 flux components with production-averaged MSW P_eα on every spectral grid point.</summary>
    [Benchmark]
    public IReadOnlyList<FluxComponent> BuildComponents() => SolarFlux.Components(SolarModel.B16Gs98, OscillationParameters.NuFit52);
}
