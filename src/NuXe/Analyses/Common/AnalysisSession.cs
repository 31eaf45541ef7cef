using NuXe.Data;
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
public sealed class AnalysisSession
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
        var prepared = PreparedExperiment.Compile(loaded.Spec);
        var linear = ExperimentLikelihood.Build(prepared, model, analysis.Nuisances);
        var data = observed ?? ExperimentLikelihood.Asimov(linear, truth, $"asimov({loaded.Name})");
        for (int i = 0; i < data.Counts.Count; i++)
            if (!double.IsFinite(data.Counts[i]))
                throw new NuXeInputException("--truth", string.Join(",", analysis.Truth.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}")), $"gives a non-finite expected count in bin {i}; choose values closer to the Standard Model");
        return new AnalysisSession(analysis, loaded, prepared, model, linear, data, truth);
    }

    /// <summary>Best fit from the true point, all parameters free.</summary>
    public FitResult Fit(FitOptions? options = null) => Fitter.Fit(Cost, Truth, options);

    /// <summary>Grid of an axis: given range, or best fit ± <paramref name="sigmas"/> Hessian errors.</summary>
    public double[] Grid(ScanAxis axis, FitResult? fit = null, double sigmas = 6) => SessionScans.Grid(this.Fit, Model, axis, fit, sigmas);

    /// <summary>1-D profile of one parameter (others fixed at the true point unless <paramref name="profileOthers"/>).</summary>
    public Profile1DResult Profile(ScanAxis axis, IReadOnlyList<double> cls, bool profileOthers = false, FitResult? fit = null)
        => ProfileScan.Scan1D(Cost, axis.Parameter, Grid(axis, fit), Truth, new ScanOptions(cls, 1, profileOthers));

    /// <summary>2-D grid of two parameters (others fixed at the true point unless <paramref name="profileOthers"/>); auto ranges span ±4 Hessian errors (the 95 %, 2-dof region reaches 2.45σ).</summary>
    public Grid2DResult Grid2D(ScanAxis x, ScanAxis y, IReadOnlyList<double> cls, int dof = 2, bool profileOthers = false, FitResult? fit = null)
        => SessionScans.Grid2D(Cost, Truth, this.Fit, Model, x, y, cls, dof, profileOthers, fit);
}
