using System.Globalization;
using NuXe.Analyses.Common;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Sources;

namespace NuXe.Analyses.Spectra;

/// <summary>
/// The spectrum of an experiment at any point of any interaction model (`nuxe spectrum PRESET --model M --truth NAME=VALUE`):
/// binned signal at θ and at the model's SM point, the binned background, and optionally the true-energy differential signal
/// rate at chosen recoil energies (events/(t·yr·keV), atomic factor included, before efficiency and resolution).
/// </summary>
public sealed record ModelSpectrumResult(
    string Experiment, string Model, IReadOnlyList<string> ParameterNames, double[] Parameters, Binning Binning,
    double[] Signal, double[] SignalStandardModel, double[] Background,
    double[]? RecoilKeV, double[]? DifferentialPerTonneYearKeV, double[]? DifferentialStandardModelPerTonneYearKeV)
{
    /// <summary>Σ signal over the bins.</summary>
    public double SignalTotal => Signal.Sum();
    /// <summary>Σ SM signal over the bins.</summary>
    public double SignalStandardModelTotal => SignalStandardModel.Sum();
    /// <summary>Σ background over the bins.</summary>
    public double BackgroundTotal => Background.Sum();
}

/// <summary>Computes <see cref="ModelSpectrumResult"/>s.</summary>
public static class ModelSpectrum
{
    /// <summary>Spectrum of <paramref name="spec"/> under model <paramref name="modelName"/> at the SM point overridden by <paramref name="truth"/>.</summary>
    public static ModelSpectrumResult Compute(ExperimentSpec spec, string modelName, IReadOnlyDictionary<string, double> truth,
        Flavour? flavour = null, double? massKeV = null, IReadOnlyList<double>? points = null)
    {
        IInteractionModel model;
        try { model = ModelCatalog.Create(modelName, new ModelOptions(spec.Physics.Couplings, spec.Physics.Sin2ThetaW, flavour, massKeV)); }
        catch (ArgumentException e) { throw new NuXeInputException("--model", modelName, e.Message); }
        var theta = model.SmPoint.ToArray();
        foreach (var (k, v) in truth)
        {
            int i = model.ParameterNames.ToList().IndexOf(k);
            if (i < 0) throw new NuXeInputException($"--truth {k}", v.ToString(CultureInfo.InvariantCulture), $"not a parameter of model '{modelName}'; allowed: {string.Join(", ", model.ParameterNames)}");
            if (!double.IsFinite(v)) throw new NuXeInputException($"--truth {k}", v.ToString(CultureInfo.InvariantCulture), "must be a finite number");
            theta[i] = v;
        }
        var x = PreparedExperiment.Compile(spec);
        var (templates, coefficients) = ExperimentLikelihood.Templates(x, model);
        int nb = x.Binning.Count, driven = coefficients.Count;
        double[] Signal(double[] t)
        {
            var c = new double[driven];
            coefficients.Evaluate(t, c, []);
            var s = new double[nb];
            for (int j = 0; j < driven; j++) for (int i = 0; i < nb; i++) s[i] += c[j] * templates[j].Counts[i];
            return s;
        }
        var bkg = new double[nb];
        for (int j = driven; j < templates.Count; j++) for (int i = 0; i < nb; i++) bkg[i] += templates[j].Counts[i];
        double[]? diff = null, diffSm = null;
        if (points is not null)
        {
            diff = Differential(x, model, theta, points);
            diffSm = Differential(x, model, model.SmPoint.ToArray(), points);
        }
        return new ModelSpectrumResult(spec.Name, modelName, model.ParameterNames, theta, x.Binning, Signal(theta), Signal(model.SmPoint.ToArray()), bkg,
            points?.ToArray(), diff, diffSm);
    }

    static double[] Differential(PreparedExperiment x, IInteractionModel model, double[] theta, IReadOnlyList<double> points)
    {
        var result = new double[points.Count];
        double ty = x.Exposure.TonneYears;
        for (int c = 0; c < x.Channels.Count; c++)
        {
            var ch = x.Channels[c];
            if (!ch.IsSignal) continue;
            if (model is SolarNsiModel nsi && ch.Name == "solar")
            {
                var d = SolarNsiTemplates.Build(x, c, nsi).Differential(theta, points);
                for (int i = 0; i < d.Length; i++) result[i] += d[i] / ty;
                continue;
            }
            foreach (var comp in ch.Components)
            {
                var fm = new FluxMoments(comp);
                var kernels = model.Kernels(comp.Stream);
                var coef = new double[kernels.Count];
                model.Coefficients(comp.Stream, theta, coef, []);
                for (int i = 0; i < points.Count; i++)
                {
                    double t = points[i];
                    var (m0, m1, m2) = fm.At(t);
                    double s = 0;
                    for (int k = 0; k < kernels.Count; k++) { var kc = kernels[k].Coefficients(t); s += coef[k] * (kc.A0 * m0 + kc.A1 * m1 + kc.A2 * m2); }
                    result[i] += s * x.Atomic.Factor(t, comp.Stream) * ch.ElectronSeconds / ty;
                }
            }
        }
        return result;
    }
}
