using BenchmarkDotNet.Attributes;
using NuXe.Analyses.Coloma2014;
using NuXe.Analyses.Common;
using NuXe.Statistics;

namespace NuXe.Bench;

/// <summary>
/// Issue 17, the toys of `reproduce coloma2014 --only mm` (docs/performance.md, "Toys"): one toy (generation + the bounded
/// minimisation of χ²(μ) + t at its true value) as <see cref="NeymanToys.Generate"/> runs it (one prototype cost, costs of
/// the toys sharing it, grid descent from the true value), the same toy the old way (a new cost per toy, every coarse-grid
/// value evaluated), the generator alone, and a whole <see cref="ToyLimits.Run"/> (13 values × 200 toys + background-only,
/// 1 deployment, 1380 bins, both cores).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ToyBench
{
    const double WilksLimit = 4.953e-12;
    ToyProblem _problem = null!;
    AnalysisSession _session = null!;
    double[] _values = null!, _search = null!;
    int _i;

    [GlobalSetup]
    public void Setup()
    {
        var (spec, _) = AnalysisPresets.Load("coloma2014-mm");
        _session = ColomaLimits.Session(spec);
        _problem = new ToyProblem(_session.Linear, _session.Analysis.Statistic, _session.Data, "mu", _session.Truth, 0, 8 * WilksLimit);
        _values = ProfileScan.Linear(0, 2 * WilksLimit, 13);
        _values[6] = WilksLimit;
        _search = NeymanToys.SearchGrid(_problem, _values);
    }

    /// <summary>One toy at the Wilks limit through the construction's path: generation, descent, t (one thread).</summary>
    [Benchmark(Baseline = true)]
    public double ToyFit()
    {
        var s = NeymanToys.Generate(_problem, [_values[5], _values[6]], new ToyOptions(1, _i++, Threads: 1), Shard.Whole);
        return s.T[1][0] + s.T[0][0] + s.QBackground[0][0];   // 3 toys: at μ_5, μ_6, background-only
    }

    /// <summary>The same toy fitted the general way: a new cost, every coarse-grid value evaluated, the global minimum refined.</summary>
    [Benchmark]
    public double ToyFitGlobalSearch()
    {
        var data = NeymanToys.Toy(_problem, _values[6], 7, _i++);
        return new NeymanToys.Statistic(_problem, data, _search).T(_values[6]);
    }

    /// <summary>Toy generation alone (prediction, xoshiro256** Poisson counts in 1380 bins).</summary>
    [Benchmark]
    public double ToyGeneration() => NeymanToys.Toy(_problem, _values[6], 7, _i++).Counts[100];

    /// <summary>A whole construction of `mm` (2,800 toys, both cores): the figure behind `mm.toys.1dep` in manifest.json.</summary>
    [Benchmark]
    public double ToyLimitsRun() => ToyLimits.Run(_session.Cost, "mu", _session.Truth, WilksLimit, 0.90, ToyLimits.DefaultToys, Coloma2014Mm.ToySeed).Result.FeldmanCousins.Upper;
}
