using BenchmarkDotNet.Attributes;
using NuXe.Analyses.Hsieh2019;
using NuXe.Detector;
using NuXe.Presets;

namespace NuXe.Bench;

/// <summary>
/// Full solar spectrum through the library path of `nuxe spectrum solar-xe --points`: 8 sources × 3 flavours
/// (24 components, B16-GS98, NuFIT 5.2 MSW), SM at 1000 recoil energies 0.1…1000 keV, per atomic model.
/// Target (issue 7): ≤ 20 ms per spectrum.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SolarSpectrumBench
{
    readonly double[] _recoilKeV = Enumerable.Range(0, 1000).Select(i => 0.1 * Math.Pow(1e4, i / 999.0)).ToArray();
    PreparedExperiment _fea = null!, _stepping = null!, _rrpa = null!;

    [GlobalSetup]
    public void Setup()
    {
        PreparedExperiment P(string a) => PreparedExperiment.Compile(ExperimentPresets.Load("solar-xe", [$"physics.atomic=\"{a}\""]).Spec);
        _fea = P("fea"); _stepping = P("stepping"); _rrpa = P("rrpa");
    }

    /// <summary>Free electrons.</summary>
    [Benchmark(Baseline = true)]
    public DifferentialRates Fea() => DifferentialRates.Compute(_fea, _recoilKeV);

    /// <summary>Stepping approximation.</summary>
    [Benchmark]
    public DifferentialRates Stepping() => DifferentialRates.Compute(_stepping, _recoilKeV);

    /// <summary>RRPA (DMCalc tables).</summary>
    [Benchmark]
    public DifferentialRates Rrpa() => DifferentialRates.Compute(_rrpa, _recoilKeV);
}
