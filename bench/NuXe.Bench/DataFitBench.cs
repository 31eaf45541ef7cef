using BenchmarkDotNet.Attributes;
using NuXe.Analyses.DataFits;
using NuXe.Physics;
using NuXe.Statistics;

namespace NuXe.Bench;

/// <summary>
/// Fits of the published xenon data (issue 8): a 1-D profile of 100 points of μ_νe on all five data sets combined
/// (CostSum of five ChiSquareCosts, nuisances profiled at every point, reference fit included). Target ≤ 50 ms.
/// Also: one combined mediator limit (a new mass: templates + upper-limit search) and the cost construction.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class DataFitBench
{
    CombinedAnalysis _all = null!;
    Cost _cost = null!;
    double[] _grid = [];
    int _mass;

    [GlobalSetup]
    public void Setup()
    {
        _all = new CombinedAnalysis("combined", DataSets.All.Select(d => DataSetFit.Load(d)).ToArray());
        _cost = _all.Cost("em-mu", Flavour.E);
        _grid = ProfileScan.Linear(0, 2e-11, 100);
    }

    /// <summary>100-point profile of μ_νe on the five combined data sets (cost prebuilt).</summary>
    [Benchmark(Baseline = true)]
    public Profile1DResult ProfileCombined100()
        => ProfileScan.Scan1D(_cost, "mu", _grid, [0.0], new ScanOptions([0.9], 1, false, new FitOptions(Scales: [3e-12])));

    /// <summary>Build the combined cost of a model (templates cached) — the per-model overhead.</summary>
    [Benchmark]
    public Cost BuildCombinedCost() => _all.Cost("em-q", Flavour.Mu);

    /// <summary>One combined vector-mediator limit at a fresh mass (new templates for five data sets + limit search).</summary>
    [Benchmark]
    public LimitCurveResult MediatorLimitNewMass()
        => PropertyFits.Mediator(_all, "V", [1000.0 * (1 + 1e-6 * ++_mass)], threads: 1);
}
