using BenchmarkDotNet.Attributes;
using NuXe.Analyses.DataFits;
using NuXe.Physics.Models;
using NuXe.Statistics;

namespace NuXe.Bench;

/// <summary>
/// Issue 16 part 6: one profiled point of an NSI-in-propagation scan — the solar density matrix recomputed for a new ε
/// (all eight sources, Sun production average and, for "average", the Earth day/night evolution), the coefficients of all
/// density-matrix templates, the prediction in all bins and the nuisances profiled — on LZ WS2022 (20 bins) and on
/// XENONnT SR0 (its own binning). Target ≤ 2 ms per point on one core.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SolarNsiBench
{
    ChiSquareCost _lzDay = null!, _lzAverage = null!, _xnt = null!;
    CostWorkspace _w1 = null!, _w2 = null!, _w3 = null!;
    readonly double[] _theta = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Math.PI / 2];
    int _k;

    [GlobalSetup]
    public void Setup()
    {
        var lz = DataSetFit.Load(DataSets.Lz2022);
        var lzAvg = DataSetFit.Load(DataSets.Lz2022, null, ["solar.earth=\"average\""]);
        var xnt = DataSetFit.Load(DataSets.XenonNT2022, null, ["solar.earth=\"average\""]);
        _lzDay = lz.Cost("nsi-solar"); _lzAverage = lzAvg.Cost("nsi-solar"); _xnt = xnt.Cost("nsi-solar");
        _w1 = _lzDay.CreateWorkspace(); _w2 = _lzAverage.CreateWorkspace(); _w3 = _xnt.CreateWorkspace();
    }

    double[] Next()
    {
        _theta[0] = 0.01 * (1 + (++_k % 50)); // a new ε_ee each call: nothing cached
        return _theta;
    }

    /// <summary>LZ WS2022, day only: one profiled point.</summary>
    [Benchmark(Baseline = true)]
    public double ProfiledPointLzDay() => _lzDay.Profile(Next(), _w1, []).Chi2;

    /// <summary>LZ WS2022 with the day/night average over the run: one profiled point.</summary>
    [Benchmark]
    public double ProfiledPointLzDayNight() => _lzAverage.Profile(Next(), _w2, []).Chi2;

    /// <summary>XENONnT SR0 with the day/night average: one profiled point.</summary>
    [Benchmark]
    public double ProfiledPointXenonNTDayNight() => _xnt.Profile(Next(), _w3, []).Chi2;
}
