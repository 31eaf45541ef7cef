using BenchmarkDotNet.Attributes;
using NuXe.Analyses.Common;
using NuXe.Statistics;

namespace NuXe.Bench;

/// <summary>
/// Issue 4 speed targets on the real linkxu-A experiment (559 bins): one χ² evaluation with 3 nuisances (≤ 5 µs),
/// one profiled point (≤ 50 µs), a 100-point profiled 1-D scan (≤ 10 ms), a 200 × 200 profiled 2-D grid (≤ 2 s).
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class LinkXuBench
{
    AnalysisSession _sin2w = null!, _gvga = null!;
    CostWorkspace _ws = null!;
    double[] _theta = null!, _eta = null!, _grid = null!, _gv = null!, _ga = null!;

    [GlobalSetup]
    public void Setup()
    {
        var nuisances = new[]
        {
            new NuisanceSpec("signal_norm", "norm", ["signal"], 0.01),
            new NuisanceSpec("background_norm", "norm", ["background"], 0.05),
            new NuisanceSpec("energy_scale", "energy_scale", [], 0.01),
        };
        var spec = AnalysisPresets.Load("linkxu2019-sin2w").Spec with { Nuisances = nuisances };
        _sin2w = AnalysisSession.Create(spec, "linkxu-A");
        _ws = _sin2w.Cost.CreateWorkspace();
        _theta = [0.2400];
        _eta = [0.001, -0.002, 0.0005];
        _grid = ProfileScan.Linear(0.225, 0.252, 100);
        var g = AnalysisPresets.Load("linkxu2019-gvga").Spec with { Nuisances = nuisances };
        _gvga = AnalysisSession.Create(g, "linkxu-A");
        _gv = ProfileScan.Linear(0.85, 1.05, 200);
        _ga = ProfileScan.Linear(0.38, 0.62, 200);
    }

    [Benchmark(Description = "chi2 evaluation, 3 nuisances, 559 bins")]
    public double Chi2Evaluation() => _sin2w.Cost.Evaluate(_theta, _eta, _ws, [], []);

    [Benchmark(Description = "profiled point, 3 nuisances")]
    public double ProfiledPoint() { _ws.ResetNuisances(); return _sin2w.Cost.Profile(_theta, _ws, []).Chi2; }

    [Benchmark(Description = "100-point profiled 1-D scan of sin2w")]
    public Profile1DResult Scan100() => ProfileScan.Scan1D(_sin2w.Cost, "sin2w", _grid, _sin2w.Truth);

    [Benchmark(Description = "200x200 profiled (gV, gA) grid")]
    public Grid2DResult Grid200() => ProfileScan.Scan2D(_gvga.Cost, "gV", _gv, "gA", _ga, _gvga.Truth);
}
