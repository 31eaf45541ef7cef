using BenchmarkDotNet.Attributes;
using NuXe.Analyses.Coloma2014;
using NuXe.Analyses.Common;
using NuXe.Analyses.LinkXu2019;
using NuXe.Detector;
using NuXe.Physics.Models;
using NuXe.Presets;
using NuXe.Statistics;

namespace NuXe.Bench;

/// <summary>
/// Issue 5 speed targets: a 43-mass Z′ limit curve with profiled nuisances ≤ 1 s (templates built inside the measurement:
/// a fresh <see cref="PreparedExperiment"/> per iteration), an NSI ε_ee region (coarse search + adapted grids), and the
/// coloma2014 μ_ν limit (session compile + limit).
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class BsmBench
{
    ExperimentSpec _a = null!;
    PreparedExperiment _fresh = null!;
    BinnedData _data = null!;
    readonly double[] _masses = ZPrimeLimits.Masses();
    static readonly NuisanceSpec[] Nuisances =
    [
        new("signal_norm", "norm", ["signal"], 0.10),
        new("background_norm", "norm", ["background"], 0.01),
    ];

    [GlobalSetup]
    public void Setup()
    {
        _a = ExperimentPresets.Load("linkxu-A").Spec;
        PreparedExperiment.Compile(_a); // shipped-data caches (start-up)
    }

    [IterationSetup]
    public void FreshExperiment()
    {
        _fresh = PreparedExperiment.Compile(_a);
        _data = ZPrimeLimits.StandardModelAsimov(_fresh);
    }

    /// <summary>43 masses 1 keV–10 GeV, gauge Z′, signal (10 %) and background (1 %) normalisations profiled; cold templates.</summary>
    [Benchmark]
    public LimitCurveResult ZPrime43Masses_Profiled_ColdTemplates()
        => ZPrimeLimits.Compute(_fresh, _data, CostKind.Gaussian, ZPrimeMechanism.Gauge, _masses, ZPrimeLimits.Options(0.90, 1), Nuisances);

    /// <summary>The same without nuisances (the linkxu convention of the reproduce part).</summary>
    [Benchmark]
    public LimitCurveResult ZPrime43Masses_NoNuisances_ColdTemplates()
        => ZPrimeLimits.Compute(_fresh, _data, CostKind.Gaussian, ZPrimeMechanism.Gauge, _masses, ZPrimeLimits.Options(0.90, 1));

    /// <summary>NSI ε_ee on config A: coarse 161² search + adapted 101² grids for all islands.</summary>
    [Benchmark]
    public Region2DResult NsiEe_ConfigA()
    {
        var (cost, truth) = LinkXu2019Bsm.AsimovCost(_fresh, "nsi-e", CostKind.Gaussian);
        return RegionFinder.Find(cost, "epsL_ee", "epsR_ee", truth, LinkXu2019Bsm.NsiSearchHalfWidth);
    }

    /// <summary>coloma2014: compile the session (1380 bins) and find the μ_ν limit.</summary>
    [Benchmark]
    public LimitResult Coloma_MagneticMomentLimit()
        => ColomaLimits.MagneticMomentLimit(ColomaLimits.Session(AnalysisPresets.Load("coloma2014-mm").Spec));
}
