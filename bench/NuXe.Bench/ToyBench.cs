using BenchmarkDotNet.Attributes;
using NuXe.Analyses.Coloma2014;
using NuXe.Analyses.Common;
using NuXe.Statistics;

namespace NuXe.Bench;

/// <summary>
/// Issue 17, the toys of `reproduce coloma2014 --only mm` (docs/performance.md, "Toys"): one toy (generation + the bounded
/// minimisation of χ²(μ) + t at its true value) as <see cref="NeymanToys.Generate"/> runs it (one prototype cost, costs of
/// the toys sharing it, grid descent from the true value), the same toy the old way (a new cost per toy, every coarse-grid
/// value evaluated), the generator alone (new and former), and a whole <see cref="ToyLimits.Run"/> (13 values × 200 toys + background-only,
/// 1 deployment, 1380 bins, both cores).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ToyBench
{
    const double WilksLimit = 4.953e-12;
    ToyProblem _problem = null!;
    AnalysisSession _session = null!;
    double[] _values = null!, _search = null!, _counts = null!, _theta6 = null!, _expected6 = null!;
    ChiSquareCost _prototype = null!;
    CostWorkspace _ws = null!;
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
        _prototype = new ChiSquareCost(_problem.Model, _problem.Observed, _problem.Kind);
        _ws = _prototype.CreateWorkspace();
        _counts = new double[_prototype.BinCount];
        _theta6 = _session.Truth.ToArray();
        _theta6[_prototype.IndexOf("mu")] = _values[6];
        _expected6 = Asimov.Create(_problem.Model, _theta6).Counts.ToArray();
    }

    /// <summary>One toy at the Wilks limit through the construction's path (one thread's buffers reused): xoshiro Poisson
    /// counts from the cached prediction, a cost sharing the prototype, grid descent from μ_6, Brent, t(μ_6).</summary>
    [Benchmark(Baseline = true)]
    public double ToyFit()
    {
        ModelToys.PoissonFast(_problem.Model, _theta6, 7, _i++, _expected6, _counts, null);
        var cost = _prototype.WithSharedCounts(new BinnedData("toy", _counts));
        return new NeymanToys.Statistic(cost, _ws, _problem, _search, _values[6]).T(_values[6]);
    }

    /// <summary>The same toy fitted the general way: a new cost, every coarse-grid value evaluated, the global minimum refined.</summary>
    [Benchmark]
    public double ToyFitGlobalSearch()
    {
        var data = NeymanToys.Toy(_problem, _values[6], 7, _i++);
        return new NeymanToys.Statistic(_problem, data, _search).T(_values[6]);
    }

    /// <summary>Toy generation alone as the construction does it: xoshiro256** Poisson counts in 1380 bins from the cached prediction.</summary>
    [Benchmark]
    public double ToyGeneration()
    {
        ModelToys.PoissonFast(_problem.Model, _theta6, 7, _i++, _expected6, _counts, null);
        return _counts[100];
    }

    /// <summary>The former generator for comparison: MathNet's Poisson sampler on System.Random (ModelToys.Poisson, with the prediction).</summary>
    [Benchmark]
    public double ToyGenerationSystemRandom() => ModelToys.Poisson(_problem.Model, _theta6, 7, _i++).Counts[100];

    /// <summary>A whole construction of `mm` (2,800 toys, both cores): the figure behind `mm.toys.1dep` in manifest.json.</summary>
    [Benchmark]
    public double ToyLimitsRun() => ToyLimits.Run(_session.Cost, "mu", _session.Truth, WilksLimit, 0.90, ToyLimits.DefaultToys, Coloma2014Mm.ToySeed).Result.FeldmanCousins.Upper;
}
