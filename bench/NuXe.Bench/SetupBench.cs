using BenchmarkDotNet.Attributes;
using NuXe.Detector;
using NuXe.Presets;

namespace NuXe.Bench;

/// <summary>
/// Issue 17, set-up cost: the response matrix of coloma2014 (1380 bins of 0.1 keV, σ = 0.20√T, band of ±7σ) built from
/// scratch and fetched from the process-wide cache, and a whole compile (grid, response, flux moments, backgrounds)
/// with a warm response cache (what a second session with the same detector pays).
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class SetupBench
{
    ExperimentSpec _coloma = null!;
    PreparedExperiment _x = null!;

    [GlobalSetup]
    public void Setup()
    {
        _coloma = ExperimentPresets.Load("coloma2014").Spec;
        _x = PreparedExperiment.Compile(_coloma);
    }

    /// <summary>Response matrix without the cache (one erfc per bin edge in each node's ±7σ band).</summary>
    [Benchmark]
    public int ResponseMatrix_Coloma_Build()
    {
        var r = _coloma.Response;
        return ResponseMatrix.BuildUncached(_x.Binning, _x.Grid, r.Resolution, r.Efficiency, r.ThresholdKeV).NonZeros;
    }

    /// <summary>Response matrix from the cache (hash and compare the inputs by value).</summary>
    [Benchmark]
    public int ResponseMatrix_Coloma_CacheHit()
    {
        var r = _coloma.Response;
        return ResponseMatrix.Build(_x.Binning, _x.Grid, r.Resolution, r.Efficiency, r.ThresholdKeV).NonZeros;
    }

    /// <summary>Compile of the coloma2014 experiment with a warm response cache.</summary>
    [Benchmark]
    public int Compile_Coloma() => PreparedExperiment.Compile(_coloma).Grid.Count;

    /// <summary>Compile of the coloma2014 preset from its TOML (parse, validate, compile), warm cache: one mm session's experiment.</summary>
    [Benchmark]
    public int LoadAndCompile_Coloma() => PreparedExperiment.Compile(ExperimentPresets.Load("coloma2014", ["source.deployments=5"]).Spec).Grid.Count;
}
