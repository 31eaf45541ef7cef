using NuXe.Data;
using System.Collections.Concurrent;
using System.Globalization;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Presets;
using NuXe.Statistics;

namespace NuXe.Analyses.Common;

/// <summary>
/// One analysis on one experiment, compiled once: the prepared experiment, the physics model, the binned linear model
/// with its nuisances, the data (Asimov at the true point or a file) and the cost. Fits, profiles and grids reuse it.
/// </summary>
public sealed class AnalysisSession : IFitTarget
{
    public AnalysisSpec Analysis { get; }
    public LoadedPreset Experiment { get; }
    public PreparedExperiment Prepared { get; }
    public IInteractionModel Model { get; }
    public BinnedLinearModel Linear { get; }
    public BinnedData Data { get; }
    public ChiSquareCost Cost { get; }

    /// <summary>The true point of the Asimov data (model parameters, in model order).</summary>
    public IReadOnlyList<double> Truth { get; }

    AnalysisSession(AnalysisSpec analysis, LoadedPreset experiment, PreparedExperiment prepared, IInteractionModel model, BinnedLinearModel linear, BinnedData data, IReadOnlyList<double> truth)
    {
        Analysis = analysis; Experiment = experiment; Prepared = prepared; Model = model; Linear = linear; Data = data; Truth = truth;
        Cost = new ChiSquareCost(linear, data, analysis.Statistic);
    }

    /// <summary>Compile an analysis on one experiment preset (name or path), with extra experiment overrides.</summary>
    public static AnalysisSession Create(AnalysisSpec analysis, string experiment, IEnumerable<string>? experimentOverrides = null)
    {
        var loaded = ExperimentPresets.Load(experiment, analysis.ExperimentOverrides.Concat(experimentOverrides ?? []));
        // everything the user gave is checked before the (slow) compilation
        var observed = analysis.Data == "asimov" ? null : ObservedData.Read(analysis.Data, loaded.Spec.Response.Binning, loaded.Name);
        if (analysis.MassKeV is { } mk && !(mk > 0 && mk <= InputLimits.MaxMassKeV))
            throw new NuXeInputException("--mass-kev", mk.ToString(CultureInfo.InvariantCulture), FormattableString.Invariant($"must be > 0 and ≤ {InputLimits.MaxMassKeV:G} keV"));
        IInteractionModel model;
        try
        {
            model = ModelCatalog.Create(analysis.Model, new ModelOptions(loaded.Spec.Physics.Couplings, loaded.Spec.Physics.Sin2ThetaW, analysis.Flavour, analysis.MassKeV));
        }
        catch (ArgumentException e) { throw new NuXeInputException("analysis.model", analysis.Model, e.Message); }
        var truth = model.SmPoint.ToArray();
        foreach (var (k, v) in analysis.Truth)
        {
            int i = model.ParameterNames.ToList().IndexOf(k);
            if (i < 0) throw new NuXeInputException($"truth.{k}", v.ToString(CultureInfo.InvariantCulture), $"not a parameter of model '{analysis.Model}'; allowed: {string.Join(", ", model.ParameterNames)}");
            if (InputLimits.CheckParameter(k, v) is { } allowed) throw new NuXeInputException($"truth.{k}", v.ToString(CultureInfo.InvariantCulture), allowed);
            truth[i] = v;
        }
        foreach (var axis in analysis.Scan)
        {
            if (!model.ParameterNames.Contains(axis.Parameter))
                throw new NuXeInputException($"scan.{axis.Parameter}", axis.Parameter, $"not a parameter of model '{analysis.Model}'; allowed: {string.Join(", ", model.ParameterNames)}");
            foreach (var end in new[] { axis.Min, axis.Max })
                if (end is { } x && InputLimits.CheckParameter(axis.Parameter, x) is { } allowed)
                    throw new NuXeInputException($"range of {axis.Parameter}", x.ToString(CultureInfo.InvariantCulture), allowed);
        }
        var prepared = PreparedExperimentCache.Compile(loaded);
        var linear = ExperimentLikelihood.Build(prepared, model, analysis.Nuisances);
        var data = observed ?? ExperimentLikelihood.Asimov(linear, truth, $"asimov({loaded.Name})");
        for (int i = 0; i < data.Counts.Count; i++)
            if (!double.IsFinite(data.Counts[i]))
                throw new NuXeInputException("--truth", string.Join(",", analysis.Truth.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}")), $"gives a non-finite expected count in bin {i}; choose values closer to the Standard Model");
        return new AnalysisSession(analysis, loaded, prepared, model, linear, data, truth);
    }

    Cost IFitTarget.Cost => Cost;
}

/// <summary>
/// Compiled experiments shared by the sessions and parts of a process (issue 17): a study compiles the same preset with the
/// same overrides many times (linkxu2019: configuration A in seven parts and four sin²θ_W variants). A
/// <see cref="PreparedExperiment"/> is immutable (its template caches are concurrent memo tables of pure functions), so
/// identical inputs can share one. Keyed by the fully resolved preset text (every key after overrides); only shipped
/// presets are cached, whose embedded text and data cannot change while the process runs (a preset file or TOML text may
/// refer to files on disk, which could). At most <see cref="Capacity"/> entries; the cache is emptied when full.
/// </summary>
public static class PreparedExperimentCache
{
    /// <summary>Largest number of compiled experiments kept.</summary>
    public const int Capacity = 16;

    static readonly ConcurrentDictionary<string, Lazy<PreparedExperiment>> Cache = new(StringComparer.Ordinal);

    /// <summary>The compiled experiment of <paramref name="loaded"/>: shared when it is a shipped preset, else compiled afresh.</summary>
    public static PreparedExperiment Compile(LoadedPreset loaded)
    {
        if (!loaded.Origin.StartsWith("preset '", StringComparison.Ordinal)) return PreparedExperiment.Compile(loaded.Spec);
        if (Cache.Count >= Capacity) Cache.Clear();
        return Cache.GetOrAdd(loaded.ResolvedToml, _ => new Lazy<PreparedExperiment>(() => PreparedExperiment.Compile(loaded.Spec))).Value;
    }
}
