using BenchmarkDotNet.Attributes;
using NuXe.Analyses.Coloma2014;
using NuXe.Analyses.Common;
using NuXe.Statistics;

namespace NuXe.Bench;

/// <summary>
/// Issue 15 speed targets: one toy fit of the Coloma μ_ν analysis (1380 bins; toy generation, bounded minimisation of χ²(μ),
/// t at one value) — 10⁵ of them in ≤ 60 s on 2 cores means ≤ 1.2 ms per fit per core; and one 4096-point chunk of the 4-D
/// NSI scan on linkxu-C (all four ε^{L,R}_{ee,eμ} scanned, ε_eτ fixed) — 30⁴ = 810,000 points in ≤ 30 s on 2 cores means
/// ≤ 74 µs per point per core. Whole-process timings of both are in docs/scans.md.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ScanToysBench
{
    ToyProblem _problem = null!;
    double[] _values = null!, _search = null!;
    GridScanner _scanner = null!;
    GridPlan _plan = null!;
    CostWorkspace _ws = null!;
    int _i;

    [GlobalSetup]
    public void Setup()
    {
        var (spec, _) = AnalysisPresets.Load("coloma2014-mm");
        var s = ColomaLimits.Session(spec);
        _problem = new ToyProblem(s.Linear, s.Analysis.Statistic, s.Data, "mu", s.Truth, 0, 8 * 4.953e-12);
        _values = ProfileScan.Linear(0, 2 * 4.953e-12, 13);
        _search = NeymanToys.SearchGrid(_problem, _values);

        var nsi = AnalysisSession.Create(new AnalysisSpec("bench", "", ["linkxu-C"], [], "nsi-all", null, null, CostKind.Gaussian, "asimov",
            new Dictionary<string, double>(), [], [0.68], null, []), "linkxu-C");
        GridAxis[] axes = [new("epsL_ee", -0.15, 0.15, 30), new("epsR_ee", -0.15, 0.15, 30), new("epsL_emu", -0.3, 0.3, 30), new("epsR_emu", -0.3, 0.3, 30)];
        _scanner = new GridScanner(nsi.Cost, axes, nsi.Truth, new GridScanOptions(["epsL_etau", "epsR_etau"], Threads: 1));
        _plan = GridPlan.Create(axes, 4096);
        _ws = nsi.Cost.CreateWorkspace();
    }

    /// <summary>One toy fit: generate a Poisson toy at the grid value μ_6 (the Wilks limit), minimise over μ ≥ 0, t(μ_6).</summary>
    [Benchmark]
    public double ToyFit()
    {
        var data = NeymanToys.Toy(_problem, _values[6], 7, _i++);
        var st = new NeymanToys.Statistic(_problem, data, _search);
        return st.T(_values[6]);
    }

    /// <summary>One chunk of 4096 points of the 30⁴ NSI grid (one thread).</summary>
    [Benchmark]
    public int NsiChunk4096() => _scanner.ComputeChunk(_plan, 100, _ws).Chi2.Length;
}
