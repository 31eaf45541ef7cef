using NuXe.Detector;
using NuXe.Physics;
using NuXe.Statistics;

namespace NuXe.Analyses.Common;

/// <summary>A nuisance declared by an analysis: a normalisation of template groups, or an energy-scale shift.</summary>
/// <param name="Name">Nuisance name (appears in results).</param>
/// <param name="Kind">"norm" (multiplies the groups by 1 + η) or "energy_scale" (reconstructed energy × (1 + δ), linearised).</param>
/// <param name="Groups">Template groups for "norm": "signal", "background" (all backgrounds), or one background "bkg.&lt;name&gt;".</param>
/// <param name="Sigma">Gaussian pull width (fractional), or null for a free nuisance ("shape only").</param>
public sealed record NuisanceSpec(string Name, string Kind, IReadOnlyList<string> Groups, double? Sigma);

/// <summary>
/// The bridge between an experiment and the generic statistics engine: the binned prediction of a
/// <see cref="PreparedExperiment"/> under an <see cref="IInteractionModel"/> as a <see cref="BinnedLinearModel"/>
/// (ARCHITECTURE.md: prediction = Σ c_i(θ) · (R · T_i) + nuisance factors).
/// Driven templates: one per (signal channel, flavour stream, model kernel), group "signal". Fixed templates: the
/// background neutrino channels at the SM point (group "bkg.&lt;component&gt;") and the non-neutrino backgrounds
/// (group "bkg.&lt;name&gt;").
/// </summary>
public static class ExperimentLikelihood
{
    /// <summary>Build the linear model of an experiment under a physics model, with nuisances.</summary>
    public static BinnedLinearModel Build(PreparedExperiment x, IInteractionModel model, IReadOnlyList<NuisanceSpec>? nuisances = null)
    {
        var (templates, coefficients) = Templates(x, model);
        var groups = templates.Select(t => t.Group).Distinct().ToArray();
        var norms = new List<NormNuisance>();
        var shifts = new List<ShiftNuisance>();
        foreach (var n in nuisances ?? [])
        {
            if (n.Kind == "norm")
            {
                var g = n.Groups.SelectMany(name => name == "background" ? groups.Where(q => q.StartsWith("bkg.", StringComparison.Ordinal)) : [name]).Distinct().ToArray();
                foreach (var q in g)
                    if (!groups.Contains(q)) throw new NuXeInputException($"nuisances.{n.Name}.groups", q, "unknown group; allowed: " + string.Join(", ", groups.Prepend("background")));
                norms.Add(new NormNuisance(n.Name, g, n.Sigma));
            }
            else if (n.Kind == "energy_scale")
                shifts.Add(new ShiftNuisance(n.Name, n.Sigma, EnergyScaleDerivatives(x, model, templates), -0.5, 0.5));
            else throw new NuXeInputException($"nuisances.{n.Name}.kind", n.Kind, "must be norm or energy_scale");
        }
        return new BinnedLinearModel(templates, coefficients, norms, shifts);
    }

    /// <summary>The templates (driven first) and the coefficient function of a model on an experiment.</summary>
    public static (IReadOnlyList<Template> Templates, ICoefficientFunction Coefficients) Templates(PreparedExperiment x, IInteractionModel model)
    {
        var templates = new List<Template>();
        var blocks = new List<(FlavourStream Stream, int Offset, int Count)>();
        // NSI in propagation: the solar signal channel is predicted from its flavour density matrix (SolarNsiTemplates).
        int solarDm = model is Physics.Models.SolarNsiModel ? x.Channels.ToList().FindIndex(ch => ch.IsSignal && ch.Name == "solar") : -1;
        for (int c = 0; c < x.Channels.Count; c++)
        {
            var ch = x.Channels[c];
            if (!ch.IsSignal || c == solarDm) continue;
            foreach (var stream in ch.Components.Select(k => k.Stream).Distinct())
            {
                var kernels = model.Kernels(stream);
                blocks.Add((stream, templates.Count, kernels.Count));
                foreach (var kernel in kernels)
                {
                    var sum = new double[x.Binning.Count];
                    for (int j = 0; j < ch.Components.Count; j++)
                    {
                        if (ch.Components[j].Stream != stream) continue;
                        var t = x.Template(c, j, kernel);
                        for (int i = 0; i < sum.Length; i++) sum[i] += t[i];
                    }
                    templates.Add(new Template($"{ch.Name}.{stream.Key}.{kernel.Key}", "signal", sum));
                }
            }
        }
        int streamDriven = templates.Count;
        SolarNsiTemplates? dm = solarDm >= 0 ? SolarNsiTemplates.Build(x, solarDm, (Physics.Models.SolarNsiModel)model) : null;
        if (dm is not null) templates.AddRange(dm.Templates);
        int driven = templates.Count;
        if (driven == 0) throw new NuXeInputException("experiment", x.Spec.Name, "has no signal channel for the physics model");
        for (int c = 0; c < x.Channels.Count; c++)
        {
            var ch = x.Channels[c];
            if (ch.IsSignal) continue;
            foreach (var name in ch.Components.Select(k => k.Name).Distinct())
            {
                var sum = new double[x.Binning.Count];
                for (int j = 0; j < ch.Components.Count; j++)
                {
                    if (ch.Components[j].Name != name) continue;
                    var s = x.StandardModelSpectrum(c, j);
                    for (int i = 0; i < sum.Length; i++) sum[i] += s[i];
                }
                templates.Add(new Template("bkg." + name, "bkg." + name, sum));
            }
        }
        foreach (var (name, binned) in x.BinnedBackgrounds) templates.Add(new Template("bkg." + name, "bkg." + name, binned));
        return (templates, new ModelCoefficients(model, blocks, driven, streamDriven, dm));
    }

    /// <summary>Asimov data: the prediction at the true parameters with nuisances at 0 (not rounded).</summary>
    public static BinnedData Asimov(BinnedLinearModel model, IReadOnlyList<double> truth, string name = "asimov")
    {
        var mu = new double[model.BinCount];
        model.Predict(truth.ToArray(), new double[model.NuisanceNames.Count], mu);
        return new BinnedData(name, mu);
    }

    static IReadOnlyDictionary<string, IReadOnlyList<double>> EnergyScaleDerivatives(PreparedExperiment x, IInteractionModel model, IReadOnlyList<Template> nominal)
    {
        // T_rec → (1 + δ) T_rec: counts in [a, b] at δ equal nominal counts in [a/(1+δ), b/(1+δ)]; central difference.
        const double h = 0.01;
        var up = PreparedExperiment.Compile(x.Spec, new Binning(x.Binning.EdgesKeV.Select(e => e / (1 + h)).ToArray()));
        var down = PreparedExperiment.Compile(x.Spec, new Binning(x.Binning.EdgesKeV.Select(e => e / (1 - h)).ToArray()));
        var (tu, _) = Templates(up, model);
        var (td, _) = Templates(down, model);
        var d = new Dictionary<string, IReadOnlyList<double>>();
        for (int j = 0; j < nominal.Count; j++)
        {
            var v = new double[x.Binning.Count];
            for (int i = 0; i < v.Length; i++) v[i] = (tu[j].Counts[i] - td[j].Counts[i]) / (2 * h);
            d[nominal[j].Name] = v;
        }
        return d;
    }

    /// <summary>Maps θ to the coefficients of the driven templates, block by block (one block per signal stream).</summary>
    sealed class ModelCoefficients(IInteractionModel model, List<(FlavourStream Stream, int Offset, int Count)> blocks, int count,
        int densityOffset = 0, SolarNsiTemplates? density = null) : ICoefficientFunction
    {
        public IReadOnlyList<string> ParameterNames => model.ParameterNames;
        public int Count => count;

        public void Evaluate(ReadOnlySpan<double> theta, Span<double> coefficients, Span<double> gradient)
        {
            int p = model.ParameterNames.Count;
            foreach (var (stream, offset, n) in blocks)
                model.Coefficients(stream, theta, coefficients.Slice(offset, n), gradient.IsEmpty ? [] : gradient.Slice(offset * p, n * p));
            density?.EvaluateWithGradient(theta, coefficients.Slice(densityOffset, density.Count), gradient, p, densityOffset);
        }
    }
}
