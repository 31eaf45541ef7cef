using BenchmarkDotNet.Attributes;
using NuXe.Analyses.Common;
using NuXe.Analyses.LinkXu2019;
using NuXe.Statistics;

namespace NuXe.Bench;

/// <summary>
/// Issue 17, linkxu2019 `gvga`: the (g_V, g_A) island search of configuration A (241² coarse grid, 201² adapted grids, three
/// CLs) on the quadratic form of the Gaussian χ² (the study's path) and on the generic path (ProfileScan.Scan2D, one
/// ChiSquareCost evaluation per point; forced by a one-term CostSum), plus one χ² point each way. Run with
/// <c>cd bench/NuXe.Bench &amp;&amp; dotnet run -c Release -- --filter '*RegionBench*' --inProcess</c>.
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class RegionBench
{
    AnalysisSession _s = null!;
    AnalysisSpec _spec = null!;
    GaussianQuadraticChi2 _form = null!;
    CostWorkspace _ws = null!;
    double[] _theta = null!;

    [GlobalSetup]
    public void Setup()
    {
        _spec = AnalysisPresets.Load("linkxu2019-gvga").Spec;
        _s = AnalysisSession.Create(_spec, "linkxu-A");
        _form = GaussianQuadraticChi2.TryCreate(_s.Cost, _s.Truth)!;
        _ws = _s.Cost.CreateWorkspace();
        _theta = [0.93, 0.51];
    }

    [Benchmark(Description = "gvga island search A, quadratic form (3 CLs)")]
    public int IslandsQuadratic() => RegionFinder.FindAll(_s.Cost, "gV", "gA", _s.Truth, 1.7, _spec.Cls, 2, coarsePoints: 241, points: 201).Sum(r => r.Islands.Count);

    [Benchmark(Description = "gvga island search A, generic path (3 CLs)")]
    public int IslandsGeneric() => RegionFinder.FindAll(new CostSum(_s.Cost), "gV", "gA", _s.Truth, 1.7, _spec.Cls, 2, coarsePoints: 241, points: 201).Sum(r => r.Islands.Count);

    [Benchmark(Description = "one chi2 point, ChiSquareCost.Profile")]
    public double PointFull() => _s.Cost.Profile(_theta, _ws, []).Chi2;

    [Benchmark(Description = "one chi2 point, quadratic form")]
    public double PointQuadratic() => _form.Chi2(_theta);
}
