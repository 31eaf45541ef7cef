using BenchmarkDotNet.Attributes;
using NuXe.Statistics;
using NuXe.Tests.Statistics;

namespace NuXe.Bench;

/// <summary>
/// Statistics engine speed on a synthetic 559-bin model: 3 physics templates (coefficients a², b², a·b) + 4 fixed
/// backgrounds, 3 nuisances (signal norm 10 %, background norm 5 %, linearised energy-scale shift σ = 1), Poisson cost
/// on Asimov data. Targets (STATISTICS.md §5): χ² ≤ 5 µs, profiled point ≤ 50 µs, 100-point scan ≤ 10 ms,
/// 200×200 grid ≤ 2 s on 2 cores.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class StatisticsBench
{
    ChiSquareCost _cost = null!;
    CostWorkspace _ws = null!;
    readonly double[] _eta = [0.01, -0.02, 0.3];
    readonly double[][] _thetas = [[0.70, 0.40], [0.71, 0.39]];
    int _k;
    double[] _grid1 = null!, _gridX = null!, _gridY = null!;

    /// <summary>The benchmark model (public so other benchmarks and examples can reuse it).</summary>
    public static BinnedLinearModel SyntheticModel(int nb = 559) => TestModels.Spectrum(nb);

    [GlobalSetup]
    public void Setup()
    {
        var model = SyntheticModel();
        _cost = new ChiSquareCost(model, Asimov.Create(model, [0.7, 0.4]), CostKind.Poisson);
        _ws = _cost.CreateWorkspace();
        _grid1 = ProfileScan.Linear(0.4, 1.0, 100);
        _gridX = ProfileScan.Linear(0.4, 1.0, 200);
        _gridY = ProfileScan.Linear(0.1, 0.7, 200);
    }

    /// <summary>One χ² at fixed nuisances, with θ changing every call (includes the per-θ template sums).</summary>
    [Benchmark]
    public double Chi2Evaluation() => _cost.Evaluate(_thetas[_k++ & 1], _eta, _ws, [], []);

    /// <summary>One profiled point (3 nuisances, Newton), cold start from η = 0, θ changing every call.</summary>
    [Benchmark]
    public double ProfiledPoint()
    {
        _ws.ResetNuisances();
        return _cost.Profile(_thetas[_k++ & 1], _ws, []).Chi2;
    }

    /// <summary>100-point profiled 1-D scan of a (b fixed), with the reference fit and 1σ interval root finding.</summary>
    [Benchmark]
    public Profile1DResult Scan1D100() => ProfileScan.Scan1D(_cost, "a", _grid1, [0.7, 0.4]);

    /// <summary>200×200 profiled 2-D grid with contours at 1σ, 90 %, 95 % on 2 threads.</summary>
    [Benchmark]
    public Grid2DResult Scan2D200x200() => ProfileScan.Scan2D(_cost, "a", _gridX, "b", _gridY, [0.7, 0.4], new ScanOptions(MaxDegreeOfParallelism: 2));
}
