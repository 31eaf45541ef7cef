using BenchmarkDotNet.Attributes;
using NuXe.Analyses.DataFits;
using NuXe.Analyses.Hsieh2019;
using NuXe.Detector;
using NuXe.Detector.Atomic;
using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Data;
using NuXe.Presets;
using NuXe.Sources;
using NuXe.Statistics;

namespace NuXe.Bench;

/// <summary>
/// Issue 11 part 5: the ab initio atomic responses are built once (table reduction at first use, node factors at compile
/// time). Targets: a full solar spectrum (24 components × 1000 energies) with "abinitio" ≤ 20 ms, with the millicharge
/// model on every channel as well; a profiled scan point (nuisances profiled) in microseconds.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class AtomicBench
{
    readonly double[] _recoilKeV = Enumerable.Range(0, 1000).Select(i => 0.1 * Math.Pow(1e4, i / 999.0)).ToArray();
    PreparedExperiment _abinitio = null!;
    IReadOnlyList<FluxComponent> _components = null!;
    Func<AtomicChannel, IAtomicResponse> _responses = null!;
    UniversalEmModel _q = null!;
    Cost _cost = null!;
    double[] _grid = [];

    [GlobalSetup]
    public void Setup()
    {
        _abinitio = PreparedExperiment.Compile(ExperimentPresets.Load("solar-xe", ["physics.atomic=\"abinitio\""]).Spec);
        _components = _abinitio.Channels.SelectMany(c => c.Components).ToArray();
        _responses = HsiehFigures.Responses("abinitio");
        _q = new UniversalEmModel(NuXe.Physics.Models.EmProperty.Millicharge, CouplingScheme.Tree, Constants.Sin2ThetaWLowEnergy);
        var lz = DataSetFit.Load(DataSets.Lz2022, ["analysis.experiment_overrides=[\"physics.atomic_charge=abinitio\"]"]);
        _cost = CombinedAnalysis.Single(lz).Cost("em-q", null);
        _grid = ProfileScan.Linear(-3e-13, 3e-13, 100);
    }

    /// <summary>SM solar spectrum (all components) at 1000 energies with the ab initio weak response.</summary>
    [Benchmark(Baseline = true)]
    public DifferentialRates SolarSpectrumAbInitio() => DifferentialRates.Compute(_abinitio, _recoilKeV);

    /// <summary>Millicharge model (9 kernels, per-channel ab initio factors incl. the ln E term) over all solar components at 1000 energies.</summary>
    [Benchmark]
    public double SolarMillichargeSpectrumAbInitio()
    {
        double s = 0;
        foreach (var c in _components) s += HsiehFigures.PerElectronRate(c, _q, 1e-12, _responses, _recoilKeV)[500];
        return s;
    }

    /// <summary>Reduction of the K table into the per-channel factors (done once per process).</summary>
    [Benchmark]
    public XenonIonisationTable ReduceKTable() => new(Table.E, Table.Q, Table.K);

    /// <summary>100-point profiled |q_ν,eff| scan on LZ 2022 with the ab initio EM response (nuisances profiled at every point).</summary>
    [Benchmark]
    public Profile1DResult ProfileMillichargeLz100()
        => ProfileScan.Scan1D(_cost, "q", _grid, [0.0], new ScanOptions([0.9], 1, false, new FitOptions(Scales: [1e-13])));

    static readonly (double[] E, double[] Q, double[] K) Table = Load();
    static (double[], double[], double[]) Load()
    {
        var t = DataStore.ReadShipped("atomic/xe_ionisation_K_roberts2023.csv");
        return (t.Column("E_keV"), t.Column("q_keV"), t.Column("K"));
    }
}
