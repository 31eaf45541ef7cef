using BenchmarkDotNet.Attributes;
using NuXe.Analyses.Coloma2014;
using NuXe.Sources.Spatial;

namespace NuXe.Bench;

/// <summary>
/// Coloma et al. 2014 Fig. 2 (issue 6): the whole profiled 101 × 101 (sin²2θ, Δm²) Δχ² grid plus the 101-row exclusion
/// curve (root finding per Δm²) of one variant, with the Monte Carlo smearing prepared once. Target ≤ 2 s.
/// The smearing Monte Carlo (4 million samples) is benchmarked separately.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SterileBench
{
    SterileAnalysis _a = null!;
    readonly double[] _s = SterileAnalysis.LogSpace(1e-3, 1, 101);
    readonly double[] _m = SterileAnalysis.LogSpace(0.1, 100, 101);

    [GlobalSetup]
    public void Setup() => _a = SterileAnalysis.Create(new SterileSetup(Overrides: ["backgrounds.xe136.scale=0.1"]));

    /// <summary>Profiled Δχ² on 101 × 101 points (templates rebuilt per Δm² row).</summary>
    [Benchmark(Baseline = true)]
    public SterileGrid Grid101x101() => _a.Grid(_s, _m);

    /// <summary>Exclusion curve: excluded sin²2θ at 101 Δm² values (monotone root finding).</summary>
    [Benchmark]
    public double ExclusionCurve101() => _a.ExclusionCurve(_m).Points.Sum(p => p.Result.Limit);

    /// <summary>Grid and curve: the whole contour of one variant.</summary>
    [Benchmark]
    public double WholeContour() => _a.Grid(_s, _m).DeltaChi2.Count + _a.ExclusionCurve(_m).Points.Count;

    /// <summary>The smearing Monte Carlo, 4 million samples (done once per geometry and cached).</summary>
    [Benchmark]
    public double SmearingMonteCarlo4M() => LSmearingMatrix.Build(_a.Templates.Smearing.Spec).MeanInverseSquareDistancePerM2;
}
