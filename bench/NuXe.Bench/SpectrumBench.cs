using BenchmarkDotNet.Attributes;
using NuXe.Analyses.Spectra;
using NuXe.Detector;
using NuXe.Presets;

namespace NuXe.Bench;

/// <summary>
/// Issue 3 speed target: the full linkxu-A spectrum (559 bins, signal + all backgrounds) in ≤ 20 ms after start-up.
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class SpectrumBench
{
    ExperimentSpec _linkxuA = null!, _coloma = null!;

    [GlobalSetup]
    public void Setup()
    {
        _linkxuA = ExperimentPresets.Load("linkxu-A").Spec;
        _coloma = ExperimentPresets.Load("coloma2014").Spec;
        SpectrumAnalysis.Compute(_linkxuA); // warm the shipped-data caches (start-up)
    }

    /// <summary>Compile (grid, response, moments, backgrounds) and the binned SM signal + all backgrounds.</summary>
    [Benchmark]
    public double LinkXuA_FullSpectrum()
    {
        var x = PreparedExperiment.Compile(_linkxuA);
        double s = 0;
        for (int c = 0; c < x.Channels.Count; c++)
            for (int j = 0; j < x.Channels[c].Components.Count; j++) s += x.StandardModelSpectrum(c, j)[0];
        return s + x.BinnedBackgrounds.Sum(b => b.Binned[0]);
    }

    /// <summary>What `nuxe spectrum linkxu-A` computes: binned spectrum, window counts and totals over all energies.</summary>
    [Benchmark]
    public SpectrumResult LinkXuA_SpectrumCommand() => SpectrumAnalysis.Compute(_linkxuA);

    /// <summary>coloma2014: 1380 bins of 0.1 keV with σ = 0.20√T smearing.</summary>
    [Benchmark]
    public SpectrumResult Coloma2014_SpectrumCommand() => SpectrumAnalysis.Compute(_coloma);
}
