using System.Globalization;
using NuXe.Analyses.Common;
using NuXe.Analyses.Framework;
using NuXe.Output;
using NuXe.Statistics;

namespace NuXe.Analyses.LinkXu2019;

/// <summary>sin²θ_W of one configuration (Table II): one row of <c>sin2w.csv</c>.</summary>
/// <param name="Config">"A", "B" or "C".</param>
/// <param name="Best">Best fit.</param>
/// <param name="ErrorMinus">Best − lower Δχ² = 1 crossing.</param>
/// <param name="ErrorPlus">Upper crossing − best.</param>
/// <param name="RelPrecisionPercent">100 × mean error / best.</param>
/// <param name="HessianError">Error from the Hessian at the best fit.</param>
/// <param name="Chi2Min">χ² at the best fit.</param>
/// <param name="SignalEvents">⁵¹Cr ν–e events in the fit range.</param>
/// <param name="BackgroundEvents">Background events in the fit range.</param>
/// <param name="AllPointsConverged">1 when every profile point converged.</param>
/// <param name="Profile">The profile (not a CSV column; sin2w_profile.csv).</param>
public sealed record Sin2wConfigResult(
    [property: CsvColumn("config")] string Config,
    [property: CsvColumn("sin2w_best")] double Best,
    [property: CsvColumn("err_minus")] double ErrorMinus,
    [property: CsvColumn("err_plus")] double ErrorPlus,
    [property: CsvColumn("rel_precision_percent")] double RelPrecisionPercent,
    [property: CsvColumn("hessian_error")] double HessianError,
    [property: CsvColumn("chi2_min")] double Chi2Min,
    [property: CsvColumn("signal_events")] double SignalEvents,
    [property: CsvColumn("background_events")] double BackgroundEvents,
    [property: CsvColumn("all_points_converged")] int AllPointsConverged,
    [property: CsvIgnore] Profile1DResult Profile)
{
    /// <summary>(err₊ − err₋)/mean error: 0 for a symmetric interval.</summary>
    public double Asymmetry => (ErrorPlus - ErrorMinus) / (0.5 * (ErrorPlus + ErrorMinus));

    /// <summary>Relative error on the lower side, in percent.</summary>
    public double RelErrorMinusPercent => 100 * ErrorMinus / Best;

    /// <summary>Relative error on the upper side, in percent.</summary>
    public double RelErrorPlusPercent => 100 * ErrorPlus / Best;
}

/// <summary>Where Table II's asymmetric errors can come from: the Δχ² = 1 interval of one configuration under one variant.</summary>
/// <param name="Config">"A", "B", "C".</param>
/// <param name="Variant">Variant key (see <see cref="LinkXu2019Sin2w.Variants"/>).</param>
/// <param name="Best">Best fit.</param>
/// <param name="ErrorMinus">Lower error.</param>
/// <param name="ErrorPlus">Upper error.</param>
/// <param name="Asymmetry">(err₊ − err₋)/mean error; for the toy variant the mean over the toys.</param>
/// <param name="AsymmetrySpread">Standard deviation of the asymmetry over the toys (0 for Asimov variants).</param>
public sealed record Sin2wVariantResult(
    [property: CsvColumn("config")] string Config,
    [property: CsvColumn("variant")] string Variant,
    [property: CsvColumn("sin2w_best")] double Best,
    [property: CsvColumn("err_minus")] double ErrorMinus,
    [property: CsvColumn("err_plus")] double ErrorPlus,
    [property: CsvColumn("asymmetry")] double Asymmetry,
    [property: CsvColumn("asymmetry_sd_toys")] double AsymmetrySpread);

/// <summary>The result of part <c>sin2w</c>: Table II per configuration and the asymmetry study.</summary>
public sealed record Sin2wResult(IReadOnlyList<Sin2wConfigResult> Configs, IReadOnlyList<Sin2wVariantResult> Variants, int Toys, int ToySeed)
{
    /// <summary>Largest |asymmetry| of the default (Asimov, Gaussian) intervals.</summary>
    public double MaxAsimovAsymmetry => Configs.Max(c => Math.Abs(c.Asymmetry));

    /// <summary>The <c>results.json</c> entries (keys documented in docs/linkxu2019.md).</summary>
    public IEnumerable<(string Key, double Value)> ResultEntries()
    {
        foreach (var c in Configs)
        {
            yield return ($"sin2w.{c.Config}.best", c.Best);
            yield return ($"sin2w.{c.Config}.err_minus", c.ErrorMinus);
            yield return ($"sin2w.{c.Config}.err_plus", c.ErrorPlus);
            yield return ($"sin2w.{c.Config}.rel_err_minus", c.RelErrorMinusPercent);
            yield return ($"sin2w.{c.Config}.rel_err_plus", c.RelErrorPlusPercent);
        }
        yield return ("sin2w.rel_precision_range.lo", Configs.Min(c => c.RelPrecisionPercent));
        yield return ("sin2w.rel_precision_range.hi", Configs.Max(c => c.RelPrecisionPercent));
        foreach (var v in Variants) yield return ($"sin2w.{v.Config}.asym.{v.Variant}", v.Asymmetry);
    }
}

/// <summary>Part <c>sin2w</c> of linkxu2019 (Table II) and its asymmetry study.</summary>
public static class LinkXu2019Sin2w
{
    /// <summary>Seed of the Poisson pseudo-experiments of the asymmetry study.</summary>
    public const int ToySeed = 1903;

    /// <summary>Pseudo-experiments per configuration.</summary>
    public const int ToyCount = 40;

    /// <summary>
    /// Grid points of a toy's profile over best fit ± 6σ (0.3σ apart): the grid only brackets the two Δχ² = 1 crossings,
    /// which Brent then root-finds on the exact profile, so the crossings do not depend on it (the Poisson profile of one
    /// parameter is smooth and has one minimum in the range). The Asimov profiles keep the preset's 201 points (they are
    /// plotted and written to sin2w_profile.csv).
    /// </summary>
    public const int ToyGridPoints = 41;

    /// <summary>
    /// Variants of the asymmetry study: key, description, analysis-preset overrides. "toys" (Poisson pseudo-data,
    /// non-Asimov) is added by <see cref="Compute"/>.
    /// </summary>
    public static readonly IReadOnlyList<(string Key, string Description, IReadOnlyList<string> Overrides)> Variants =
    [
        ("asimov", "Asimov data, Gaussian χ² (σ_i² = N_i), radiative couplings, 1 keV bins (default)", []),
        ("poisson", "Asimov data, Poisson (Baker–Cousins) χ²", ["analysis.statistic=\"poisson\""]),
        ("tree", "tree-level couplings (data and fit)", ["analysis.experiment_overrides=[\"physics.couplings=tree\"]"]),
        ("bins10", "10 keV bins", ["analysis.experiment_overrides=[\"response.bin_width_kev=10\"]"]),
    ];

    static string F(double v, string f = "G6") => v.ToString(f, CultureInfo.InvariantCulture);

    /// <summary>One configuration under the given analysis spec.</summary>
    static Sin2wConfigResult One(AnalysisSpec spec, int k, string config) => One(AnalysisSession.Create(spec, spec.Experiments[k]), spec, config);

    static Sin2wConfigResult One(AnalysisSession s, AnalysisSpec spec, string config)
    {
        var fit = s.Fit();
        var prof = s.Profile(spec.Scan[0], spec.Cls, fit: fit);
        var ci = prof.At(spec.Cls[0]);
        double sig = s.Data.Total - s.Linear.Templates.Where(t => t.Group != "signal").Sum(t => t.Counts.Sum());
        return new Sin2wConfigResult(config, ci.BestFit, ci.ErrorMinus, ci.ErrorPlus, 100 * 0.5 * (ci.ErrorMinus + ci.ErrorPlus) / ci.BestFit,
            fit.Error("sin2w"), prof.Chi2Min, sig, s.Data.Total - sig, prof.AllConverged ? 1 : 0, prof);
    }

    /// <summary>Table II for every configuration (default preset) — also used by part <c>running</c>.</summary>
    public static IReadOnlyList<Sin2wConfigResult> TableII(StudyContext? ctx = null)
    {
        var (spec, resolved) = AnalysisPresets.Load("linkxu2019-sin2w");
        ctx?.RecordPreset("analysis:linkxu2019-sin2w", resolved);
        // the configurations are independent: in parallel, presets recorded in order
        var configs = LinkXu2019Study.Configs;
        var sessions = new AnalysisSession[configs.Count];
        var results = new Sin2wConfigResult[configs.Count];
        StudyParallel.For(configs.Count, k =>
        {
            sessions[k] = AnalysisSession.Create(spec, spec.Experiments[k]);
            results[k] = One(sessions[k], spec, configs[k]);
        });
        foreach (var s in sessions) ctx?.RecordPreset(s.Experiment.Name, s.Experiment.ResolvedToml);
        return results;
    }

    /// <summary>Table II and the asymmetry study.</summary>
    public static Sin2wResult Compute(StudyContext? ctx = null)
    {
        var configs = TableII(ctx);
        var variants = new List<Sin2wVariantResult>();
        // every (variant, configuration) is independent: in parallel, collected in order
        var specs = Variants.Select(v => AnalysisPresets.Load("linkxu2019-sin2w", v.Overrides).Spec).ToArray();
        var variantResults = new Sin2wConfigResult[Variants.Count * configs.Count];
        StudyParallel.For(variantResults.Length, i =>
        {
            int v = i / configs.Count, k = i % configs.Count;
            variantResults[i] = Variants[v].Key == "asimov" ? configs[k] : One(specs[v], k, configs[k].Config);
        });
        for (int i = 0; i < variantResults.Length; i++)
        {
            var r = variantResults[i];
            variants.Add(new Sin2wVariantResult(r.Config, Variants[i / configs.Count].Key, r.Best, r.ErrorMinus, r.ErrorPlus, r.Asymmetry, 0));
        }
        // non-Asimov: Poisson pseudo-data around the SM, each profiled with the Poisson likelihood ratio (a Gaussian χ² with
        // σ fixed by the expectation has a data-independent curvature, so fluctuations alone cannot make it asymmetric)
        var (baseSpec, _) = AnalysisPresets.Load("linkxu2019-sin2w");
        var toySessions = new AnalysisSession[configs.Count];
        StudyParallel.For(configs.Count, k => toySessions[k] = AnalysisSession.Create(baseSpec, baseSpec.Experiments[k]));
        // all toys of all configurations in one parallel loop (each toy has its own seed: order-independent)
        var toyIntervals = new ConfidenceInterval[configs.Count * ToyCount];
        StudyParallel.For(toyIntervals.Length, i =>
        {
            int k = i / ToyCount, t = i % ToyCount;
            var s = toySessions[k];
            var toy = Toys.Poisson(s.Data, Toys.DeriveSeed(ToySeed + k, t), $"toy{t}");
            var cost = new ChiSquareCost(s.Linear, toy, CostKind.Poisson);
            var fit = Fitter.Fit(cost, s.Truth);
            var grid = s.Grid(baseSpec.Scan[0] with { Points = ToyGridPoints }, fit);
            toyIntervals[i] = ProfileScan.Scan1D(cost, "sin2w", grid, s.Truth, new ScanOptions(baseSpec.Cls, 1, false)).At(baseSpec.Cls[0]);
        });
        for (int k = 0; k < configs.Count; k++)
        {
            var asym = new double[ToyCount];
            for (int t = 0; t < ToyCount; t++)
            {
                var ci = toyIntervals[k * ToyCount + t];
                asym[t] = (ci.ErrorPlus - ci.ErrorMinus) / (0.5 * (ci.ErrorPlus + ci.ErrorMinus));
            }
            var c0 = toyIntervals[k * ToyCount];
            double first = c0.BestFit, firstMinus = c0.ErrorMinus, firstPlus = c0.ErrorPlus;
            double mean = asym.Average();
            double sd = Math.Sqrt(asym.Sum(a => (a - mean) * (a - mean)) / Math.Max(1, ToyCount - 1));
            variants.Add(new Sin2wVariantResult(configs[k].Config, "toys", first, firstMinus, firstPlus, mean, sd));
        }
        ctx?.RecordSeed("sin2w.toys", ToySeed);
        return new Sin2wResult(configs, variants, ToyCount, ToySeed);
    }

    static string Cell(Sin2wVariantResult r) => r.Variant == "toys"
        ? $"{MarkdownReport.Percent(r.Asymmetry)} ± {F(100 * r.AsymmetrySpread, "F2")} %"
        : MarkdownReport.Percent(r.Asymmetry);

    /// <summary>The study part: computes <see cref="Sin2wResult"/> and renders results, tables, figure and report from it.</summary>
    public static void Run(StudyContext ctx)
    {
        ctx.ReportProgress(0, "sin²θ_W profiles and asymmetry study");
        var result = Compute(ctx);
        foreach (var (key, value) in result.ResultEntries()) ctx.SetResult(key, value);

        var series = result.Configs.Select((c, k) => (SeriesSpec)StudyPlots.ProfileLine(c.Profile,
            $"config {c.Config}: {F(c.Best, "F5")} −{F(c.ErrorMinus, "F5")} +{F(c.ErrorPlus, "F5")}", StudyPlots.ConfigColors[k])).ToList();
        double xmin = result.Configs.Min(c => c.Profile.Values[0]), xmax = result.Configs.Max(c => c.Profile.Values[^1]);
        series.Add(StudyPlots.Threshold(1.0, xmin, xmax, "Δχ² = 1 (1σ, 1 dof)"));
        ctx.SaveTable(RecordTable.From(result.Configs), "sin2w.csv");
        ctx.SaveTable(new CsvTable(["config", "sin2w", "delta_chi2", "status"],
            [.. result.Configs.SelectMany(c => c.Profile.Values.Select((v, i) => (IReadOnlyList<object>)[c.Config, v, c.Profile.DeltaChi2[i], c.Profile.PointStatus[i].ToString()]))]),
            "sin2w_profile.csv");
        ctx.SaveTable(RecordTable.From(result.Variants), "sin2w_asymmetry.csv");
        ctx.SaveFigure(new FigureSpec("Link & Xu 2019 Table II: sin²θ_W from ν_e–e scattering",
            new AxisSpec("sin^{2}θ_{W}"), new AxisSpec("Δχ^{2}", Minimum: 0, Maximum: 4), series,
            Subtitle: "Asimov data at 0.23865, radiative couplings, free electrons, 1–560 keV, Gaussian χ², no nuisances"), "sin2w.png");

        var maxAsym = result.MaxAsimovAsymmetry;
        var toys = result.Variants.Where(v => v.Variant == "toys").ToList();
        ctx.Report.Paragraph("Asimov data = SM (radiatively corrected couplings, sin²θ_W = 0.23865) plus backgrounds, free electrons, " +
                "1 keV bins from 1 to 560 keV, Gaussian χ² with σ_i² = N_i, no nuisances (EXPERIMENTS.md §1.1). Errors at Δχ² = 1 " +
                "(68.27 % CL, 1 dof) from the root-found crossings of the exact profile. " +
                $"The two errors of each configuration differ by at most {F(100 * maxAsym, "F1")} % of their mean " +
                $"({string.Join(", ", result.Configs.Select(c => $"{c.Config}: {MarkdownReport.Percent(c.Asymmetry)}"))}).")
            .Table(["config", "best fit", "−σ", "+σ", "relative precision", "asymmetry (σ₊ − σ₋)/σ̄"],
                result.Configs.Select(c => (IReadOnlyList<string>)[c.Config, F(c.Best, "F5"), F(c.ErrorMinus, "F5"), F(c.ErrorPlus, "F5"),
                    F(c.RelPrecisionPercent, "F2") + " %", MarkdownReport.Percent(c.Asymmetry)]))
            .Image("sin²θ_W profiles", "sin2w.png")
            .Heading(3, "Where can Table II's asymmetric errors come from?")
            .Paragraph("Each variant below recomputes the Δχ² = 1 interval; asymmetry = (σ₊ − σ₋)/σ̄ (`sin2w_asymmetry.csv`, keys " +
                "`sin2w.<config>.asym.<variant>`). The toys are Poisson pseudo-experiments around the SM " +
                $"({result.Toys} per configuration, seed {result.ToySeed}); the table gives their mean asymmetry ± standard deviation.")
            .Table(["variant", .. result.Configs.Select(c => "config " + c.Config)],
                Variants.Select(v => v.Key).Append("toys").Select(key => (IReadOnlyList<string>)
                [
                    key == "toys" ? "Poisson pseudo-data (non-Asimov), Poisson χ²" : Variants.First(v => v.Key == key).Description,
                    .. result.Configs.Select(c => Cell(result.Variants.First(v => v.Config == c.Config && v.Variant == key))),
                ]))
            .Paragraph($"Largest Asimov asymmetry over the variants: {F(100 * result.Variants.Where(v => v.Variant != "toys").Max(v => Math.Abs(v.Asymmetry)), "F1")} %; " +
                $"toy-to-toy spread of the asymmetry: {string.Join(", ", toys.Select(t => $"{t.Config} {F(100 * t.AsymmetrySpread, "F2")} %"))}. " +
                "The published asymmetries are compared in the table below (data/published/linkxu2019.csv).");
    }
}
