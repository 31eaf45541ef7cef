using NuXe.Data;
using NuXe.Analyses.Common;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Presets;
using NuXe.Statistics;

namespace NuXe.Analyses.DataFits;

/// <summary>A published xenon ER data set and its analysis preset (EXPERIMENTS.md §3).</summary>
/// <param name="Key">Result-key prefix, e.g. "lz2022".</param>
/// <param name="AnalysisPreset">Analysis preset name (presets/analyses/), e.g. "shivasankar2022-lz2022".</param>
/// <param name="Label">Plot label.</param>
/// <param name="QuotedSolarEvents">The collaboration's quoted solar-ν ER count (events), NaN if none.</param>
/// <param name="QuotedSolarError">Its uncertainty (events), NaN if none.</param>
/// <param name="QuotedWindowKeV">Reconstructed-energy window of the quoted count (keV).</param>
/// <param name="QuotedSource">Where the quoted count comes from.</param>
public sealed record DataSetInfo(string Key, string AnalysisPreset, string Label, double QuotedSolarEvents, double QuotedSolarError,
    (double Lo, double Hi) QuotedWindowKeV, string QuotedSource);

/// <summary>The five shipped data sets. The collaborations' quoted solar-ν counts are read from
/// data/experiments/&lt;folder&gt;/solar_nu_quoted.csv (see the folder's PROVENANCE.md).</summary>
public static class DataSets
{
    static DataSetInfo Quoted(string key, string preset, string label, string folder, string source)
    {
        var t = DataStore.ReadShipped($"experiments/{folder}/solar_nu_quoted.csv");
        double err = t.Columns.Contains("err_events") ? t.Column("err_events")[0] : double.NaN;
        return new(key, preset, label, t.Column("events")[0], err, (t.Column("window_lo_keV")[0], t.Column("window_hi_keV")[0]), source);
    }

    /// <summary>LZ WS2022 (0.9 t·yr); quoted solar-ν count in data/experiments/lz-2022/solar_nu_quoted.csv.</summary>
    public static readonly DataSetInfo Lz2022 = Quoted("lz2022", "shivasankar2022-lz2022", "LZ WS2022", "lz-2022", "LZ arXiv:2511.17350 (SNuDD transcription)");
    /// <summary>XENONnT SR0 (1.16 t·yr); approximate quoted solar-ν count (no error) in data/experiments/xenonnt-2022/solar_nu_quoted.csv.</summary>
    public static readonly DataSetInfo XenonNT2022 = Quoted("xenonnt2022", "shivasankar2022-xenonnt2022", "XENONnT SR0", "xenonnt-2022", "XENONnT arXiv:2207.11330 Table I (SNuDD/De Romeri et al. reading)");
    /// <summary>LZ WS2024 (3.3 t·yr); quoted solar-ν count in data/experiments/lz-2024/solar_nu_quoted.csv.</summary>
    public static readonly DataSetInfo Lz2024 = Quoted("lz2024", "shivasankar2022-lz2024", "LZ WS2024", "lz-2024", "LZ arXiv:2511.17350 (SNuDD transcription)");
    /// <summary>XENON1T SR1 (0.65 t·yr); quoted solar-ν count in data/experiments/xenon1t-2020/solar_nu_quoted.csv.</summary>
    public static readonly DataSetInfo Xenon1T2020 = Quoted("xenon1t2020", "shivasankar2022-xenon1t2020", "XENON1T SR1", "xenon1t-2020", "XENON1T arXiv:2006.09721 Table I");
    /// <summary>PandaX-4T Run1; quoted solar-ν count in data/experiments/pandax4t-2024/solar_nu_quoted.csv.</summary>
    public static readonly DataSetInfo PandaX4T2024 = Quoted("pandax4t2024", "shivasankar2022-pandax4t2024", "PandaX-4T Run1", "pandax4t-2024", "PandaX arXiv:2408.07641 (SNuDD transcription)");

    /// <summary>All five, LZ 2022 and XENONnT first (the ShivaSankar et al. pair).</summary>
    public static readonly IReadOnlyList<DataSetInfo> All = [Lz2022, XenonNT2022, Lz2024, Xenon1T2020, PandaX4T2024];

    /// <summary>Look up by key ("lz2022", …).</summary>
    public static DataSetInfo ByKey(string key) => All.FirstOrDefault(d => d.Key == key)
        ?? throw new NuXeInputException("dataset", key, "unknown; allowed: " + string.Join(", ", All.Select(d => d.Key)));
}

/// <summary>
/// One observed data set compiled once (analysis preset + experiment preset + observed counts): builds the χ² cost of
/// any interaction model on it, reusing the prepared experiment (templates are cached per kernel, so a new mediator mass
/// only adds its own templates). The cost's data-set name is <see cref="DataSetInfo.Key"/>.
/// </summary>
public sealed class DataSetFit
{
    public DataSetInfo Info { get; }
    public AnalysisSpec Analysis { get; }
    public string AnalysisToml { get; }
    public LoadedPreset Experiment { get; }
    public PreparedExperiment Prepared { get; }
    public BinnedData Data { get; }

    DataSetFit(DataSetInfo info, AnalysisSpec analysis, string toml, LoadedPreset experiment, PreparedExperiment prepared, BinnedData data)
    { Info = info; Analysis = analysis; AnalysisToml = toml; Experiment = experiment; Prepared = prepared; Data = data; }

    /// <summary>Load and compile a data set (its analysis preset's first experiment), with optional analysis and experiment overrides.</summary>
    public static DataSetFit Load(DataSetInfo info, IEnumerable<string>? analysisOverrides = null, IEnumerable<string>? experimentOverrides = null)
    {
        var (spec, toml) = AnalysisPresets.Load(info.AnalysisPreset, analysisOverrides);
        var loaded = ExperimentPresets.Load(spec.Experiments[0], spec.ExperimentOverrides.Concat(experimentOverrides ?? []));
        var prepared = PreparedExperiment.Compile(loaded.Spec);
        BinnedData data;
        if (spec.Data == "asimov")
        {
            var m = CreateModel(spec, loaded, spec.Model, spec.Flavour, spec.MassKeV);
            data = ExperimentLikelihood.Asimov(ExperimentLikelihood.Build(prepared, m, spec.Nuisances), m.SmPoint, info.Key);
        }
        else
        {
            data = ObservedData.Read(spec.Data, prepared.Binning, loaded.Name, "analysis.data", info.Key);
        }
        return new DataSetFit(info, spec, toml, loaded, prepared, data);
    }

    static IInteractionModel CreateModel(AnalysisSpec spec, LoadedPreset loaded, string model, Flavour? flavour, double? massKeV)
        => ModelCatalog.Create(model, new ModelOptions(loaded.Spec.Physics.Couplings, loaded.Spec.Physics.Sin2ThetaW, flavour, massKeV));

    /// <summary>An interaction model with this data set's SM conventions (coupling scheme, sin²θ_W).</summary>
    public IInteractionModel Model(string model, Flavour? flavour = null, double? massKeV = null)
        => CreateModel(Analysis, Experiment, model, flavour, massKeV);

    /// <summary>The binned linear model (signal = solar ν under the model; background = published best fit minus SM solar ν) with the preset's nuisances.</summary>
    public BinnedLinearModel Linear(IInteractionModel model) => ExperimentLikelihood.Build(Prepared, model, Analysis.Nuisances);

    /// <summary>The χ² cost (Poisson or Gaussian as the analysis preset says) of a model on the observed data.</summary>
    public ChiSquareCost Cost(IInteractionModel model, ProfilerOptions? profiler = null) => new(Linear(model), Data, Analysis.Statistic, profiler);

    /// <summary>The χ² cost of a catalog model (name, flavour, mediator mass in keV).</summary>
    public ChiSquareCost Cost(string model, Flavour? flavour = null, double? massKeV = null, ProfilerOptions? profiler = null)
        => Cost(Model(model, flavour, massKeV), profiler);

    /// <summary>Our SM solar-ν prediction per bin (events, detector level).</summary>
    public double[] SolarStandardModel() => Prepared.SolarStandardModelBinned();

    /// <summary>The non-ν background per bin (published best fit minus our SM solar ν, clamped at 0).</summary>
    public double[] Background()
    {
        var v = new double[Prepared.Binning.Count];
        foreach (var (_, b) in Prepared.BinnedBackgrounds) for (int i = 0; i < v.Length; i++) v[i] += b[i];
        return v;
    }

    /// <summary>The published best-fit background per bin before the solar-ν subtraction (NaN-free zeros if none is tabulated).</summary>
    public double[] PublishedBackground()
    {
        var v = new double[Prepared.Binning.Count];
        foreach (var b in Prepared.Backgrounds.OfType<TabulatedBackground>())
        {
            var r = b.Rebin(Prepared.Binning);
            for (int i = 0; i < v.Length; i++) v[i] += r[i];
        }
        return v;
    }

    /// <summary>
    /// Our SM solar-ν ER events in the quoted window (reconstructed keV) with this experiment's response (efficiency held at its
    /// last tabulated value beyond the table), for comparison with <see cref="DataSetInfo.QuotedSolarEvents"/>.
    /// </summary>
    public double SolarEventsInWindow((double Lo, double Hi) windowKeV) => SolarEventsInWindow(Experiment.Spec, windowKeV);

    /// <summary>SM solar-ν events of an experiment in a reconstructed-energy window (1 keV bins or narrower), without
    /// compiling its full binning (e.g. the same preset with another atomic response).</summary>
    public static double SolarEventsInWindow(ExperimentSpec experiment, (double Lo, double Hi) windowKeV)
    {
        var x = PreparedExperiment.Compile(experiment, Binning.Uniform(windowKeV.Lo, windowKeV.Hi, Math.Min(1.0, windowKeV.Hi - windowKeV.Lo)));
        return x.SolarStandardModelBinned().Sum();
    }

    /// <summary>The experiment preset of a data set's analysis (with analysis overrides), resolved but not compiled.</summary>
    public static LoadedPreset ExperimentOf(DataSetInfo info, IEnumerable<string>? analysisOverrides = null)
    {
        var (spec, _) = AnalysisPresets.Load(info.AnalysisPreset, analysisOverrides);
        return ExperimentPresets.Load(spec.Experiments[0], spec.ExperimentOverrides);
    }

    /// <summary>χ² of the SM point (only nuisances profiled) and its ndf = bins − free nuisances.</summary>
    public (double Chi2, int Ndf) StandardModelChi2()
    {
        var cost = Cost("em-mu", Flavour.E);
        var ws = cost.CreateWorkspace();
        var p = cost.Profile([0.0], ws, []);
        return (p.Chi2, cost.BinCount - cost.FreeNuisanceCount);
    }
}
