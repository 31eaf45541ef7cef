using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.Distributions;
using NuXe.Analyses.Common;
using NuXe.Analyses.DataFits;
using NuXe.Analyses.Framework;
using NuXe.Output;
using NuXe.Physics;
using NuXe.Statistics;

namespace NuXe.Analyses.ShivaSankar2022;

/// <summary>
/// `nuxe reproduce shivasankar2022`: K. A. ShivaSankar et al., "Physics beyond the standard model with XENONnT and LZ
/// data", Phys. Lett. B 839 (2023) 137742, arXiv:2208.06415 (EXPERIMENTS.md §3), extended to LZ WS2024, XENON1T SR1 and
/// PandaX-4T Run1. Parts: presets (data presets, solar-ν cross-check, SM goodness of fit), spectra (their Fig. 1),
/// em (Figs. 2–5: flavoured μ_ν, q_ν, ⟨r²⟩, a_ν), mediators (Fig. 6: g_X versus m_X).
/// </summary>
/// <summary>One data preset of part <c>presets</c>: one row of <c>presets.csv</c> (column names are the contract).</summary>
public sealed record DataSetSummary(
    [property: CsvColumn("dataset")] string Key,
    [property: CsvIgnore] string Label,
    [property: CsvColumn("exposure_t_yr")] double ExposureTonneYears,
    [property: CsvColumn("bin_lo_keV")] double BinLoKeV,
    [property: CsvColumn("bin_hi_keV")] double BinHiKeV,
    [property: CsvColumn("bins")] int Bins,
    [property: CsvColumn("statistic")] string Statistic,
    [property: CsvColumn("observed")] double Observed,
    [property: CsvColumn("published_bkg_incl_nu")] double PublishedBackground,
    [property: CsvColumn("solar_sm_ours_in_bins")] double SolarOursInBins,
    [property: CsvColumn("bkg_minus_solar")] double BackgroundMinusSolar,
    [property: CsvColumn("clamped_bins")] int ClampedBins,
    [property: CsvColumn("quoted_window_lo_keV")] double QuotedWindowLoKeV,
    [property: CsvColumn("quoted_window_hi_keV")] double QuotedWindowHiKeV,
    [property: CsvColumn("solar_sm_ours_in_window")] double SolarOursInWindow,
    [property: CsvColumn("solar_quoted")] double SolarQuoted,
    [property: CsvColumn("solar_quoted_err")] double SolarQuotedError,
    [property: CsvColumn("ratio_ours_over_quoted")] double Ratio,
    [property: CsvColumn("solar_sm_rrpa_in_window")] double SolarRrpaInWindow,
    [property: CsvColumn("ratio_rrpa_over_quoted")] double RatioRrpa,
    [property: CsvColumn("sm_chi2")] double SmChi2,
    [property: CsvColumn("sm_ndf")] int SmNdf,
    [property: CsvColumn("sm_p_value")] double SmPValue,
    [property: CsvColumn("nuisances")] string Nuisances)
{
    /// <summary>The <c>results.json</c> entries of this data set (keys unchanged since the first release).</summary>
    public IEnumerable<(string Key, double Value)> ResultEntries()
    {
        yield return ($"{Key}.solar.ours_rrpa", SolarRrpaInWindow);
        yield return ($"{Key}.solar.ratio_rrpa", RatioRrpa);
        yield return ($"{Key}.solar.ours", SolarOursInWindow);
        yield return ($"{Key}.solar.quoted", SolarQuoted);
        yield return ($"{Key}.solar.ratio", Ratio);
        yield return ($"{Key}.sm.chi2", SmChi2);
        yield return ($"{Key}.sm.ndf", SmNdf);
    }
}

public static class ShivaSankar2022Study
{
    public const string Name = "shivasankar2022";

    /// <summary>The combinations with result keys: each data set alone, then "combined" (all five).</summary>
    public static readonly IReadOnlyList<string> CombinationKeys = [.. DataSets.All.Select(d => d.Key), "combined"];

    /// <summary>BSM example of the spectrum plots: μ_νe = 3×10⁻¹¹ μ_B.</summary>
    public const double ExampleMuB = 3e-11;

    /// <summary>BSM example of the spectrum plots: q_νe = 1×10⁻¹² e (the poster does not state its examples' values).</summary>
    public const double ExampleQ = 1e-12;

    /// <summary>BSM example of the spectrum plots: a light vector mediator, m_V = 10 keV, g_V = 5×10⁻⁷ (lepton universal).</summary>
    public const double ExampleVectorMassKeV = 10, ExampleVectorCoupling = 5e-7;

    static double[] Predict(DataSetFit d, string model, Flavour? flavour, double value, double? massKeV = null)
    {
        var lin = d.Linear(d.Model(model, flavour, massKeV));
        var result = new double[d.Prepared.Binning.Count];
        lin.Predict([value], new double[lin.NuisanceNames.Count], result);
        return result;
    }

    public static IStudy Create() => new Study(Name,
        "ShivaSankar et al. 2022: LZ and XENONnT electron-recoil data, flavoured EM properties and light mediators",
        "K. A. ShivaSankar et al., Phys. Lett. B 839 (2023) 137742, arXiv:2208.06415",
        [
            new StudyPart("presets", "Data presets: exposure, backgrounds, our SM solar ν versus the collaborations' counts, SM χ²/ndf", RunPresets, Quick: true),
            new StudyPart("spectra", "Fig. 1: observed spectra with background, SM solar ν and a μ_ν example, per data set", RunSpectra, Quick: true),
            new StudyPart("em", "Figs. 2–5: flavoured (e, μ, τ) and flavour-universal (eff) μ_ν, q_ν, ⟨r²⟩, a_ν Δχ² profiles and 90 % CL limits (1 dof)", RunEm, Quick: true),
            new StudyPart("mediators", "Fig. 6: 90 % CL upper limits on g_X (X = S, P, V, A, T) versus m_X, 1 keV–100 MeV", RunMediators),
        ]);

    static string F(double v, string f = "G4") => v.ToString(f, CultureInfo.InvariantCulture);

    // The five compiled data sets of one run (one StudyContext), shared by its parts; released with the context.
    static readonly ConditionalWeakTable<StudyContext, Lazy<DataSetFit[]>> Compiled = new();

    /// <summary>Load the five data sets (compiled once per run, shared by the parts: they are immutable) and record their presets.</summary>
    static IReadOnlyList<DataSetFit> Load(StudyContext ctx)
    {
        var list = Compiled.GetValue(ctx, _ => new Lazy<DataSetFit[]>(() =>
        {
            var l = new DataSetFit[DataSets.All.Count];
            Parallel.For(0, l.Length, i => l[i] = DataSetFit.Load(DataSets.All[i]));
            return l;
        })).Value;
        foreach (var d in list)
        {
            ctx.RecordPreset(d.Experiment.Name, d.Experiment.ResolvedToml);
            ctx.RecordPreset("analysis:" + d.Info.AnalysisPreset, d.AnalysisToml);
        }
        return list;
    }

    static IReadOnlyList<CombinedAnalysis> Combinations(IReadOnlyList<DataSetFit> d)
        => [.. d.Select(CombinedAnalysis.Single), new CombinedAnalysis("combined", d)];

    static void RunPresets(StudyContext ctx)
    {
        var sets = Load(ctx);
        var summaries = new DataSetSummary[sets.Count];
        Parallel.For(0, sets.Count, k =>   // independent and pure: one data set per task
        {
            var d = sets[k];
            var i = d.Info;
            var sol = d.SolarStandardModel();
            double win = d.SolarEventsInWindow(i.QuotedWindowKeV);
            // the same preset with the RRPA atomic response (DMCalc tables) instead of stepping (only its window is compiled)
            var rrpa = DataSetFit.ExperimentOf(i, ["analysis.experiment_overrides=[\"physics.atomic=rrpa\"]"]);
            double winRrpa = DataSetFit.SolarEventsInWindow(rrpa.Spec, i.QuotedWindowKeV);
            var (chi2, ndf) = d.StandardModelChi2();
            var b = d.Prepared.Binning;
            summaries[k] = new DataSetSummary(i.Key, i.Label, d.Experiment.Spec.Target.MassTonnes * d.Experiment.Spec.Target.LiveDays / Constants.DaysPerYear,
                b.LoKeV, b.HiKeV, b.Count, d.Analysis.Statistic.ToString(), d.Data.Total, d.PublishedBackground().Sum(), sol.Sum(), d.Background().Sum(),
                d.Prepared.ClampedBackgroundBins,
                i.QuotedWindowKeV.Lo, i.QuotedWindowKeV.Hi, win, i.QuotedSolarEvents, i.QuotedSolarError, win / i.QuotedSolarEvents, winRrpa,
                winRrpa / i.QuotedSolarEvents, chi2, ndf, 1 - ChiSquared.CDF(ndf, chi2),
                string.Join("; ", d.Analysis.Nuisances.Select(n => $"{n.Name} σ={(n.Sigma is { } sg ? F(sg) : "free")}")));
        });
        foreach (var r in summaries)
            foreach (var (key, value) in r.ResultEntries()) ctx.SetResult(key, value);
        ctx.SaveTable(RecordTable.From(summaries), "presets.csv");
        ctx.Report.Paragraph("Each data preset: the collaboration's observed spectrum, its efficiency (applied at true energy) and resolution, " +
            "the solar-ν ER signal (8 B16-GS98 sources, MSW, stepping atomic response, radiative couplings) and the collaboration's " +
            "best-fit background with OUR SM solar-ν prediction (same response) subtracted bin by bin (clamped at 0). " +
            "SM χ² with nuisances profiled; ndf = bins − free nuisances.")
            .Table(["data set", "exposure", "bins", "statistic", "observed", "published bkg (incl. ν)", "our solar ν in bins",
                "our solar ν in quoted window", "quoted solar ν", "ratio", "with RRPA (ratio)", "SM χ²/ndf", "nuisances"],
                summaries.Select(r => (IReadOnlyList<string>)[r.Label, F(r.ExposureTonneYears, "G3") + " t·yr",
                    $"{F(r.BinLoKeV)}–{F(r.BinHiKeV)} keV / {r.Bins}", r.Statistic, F(r.Observed, "F0"), F(r.PublishedBackground, "F1"),
                    F(r.SolarOursInBins, "F1"), $"{F(r.SolarOursInWindow, "F1")} ({F(r.QuotedWindowLoKeV)}–{F(r.QuotedWindowHiKeV)} keV)",
                    double.IsNaN(r.SolarQuotedError) ? $"≈ {F(r.SolarQuoted)}" : $"{F(r.SolarQuoted)} ± {F(r.SolarQuotedError)}", F(r.Ratio, "F3"),
                    $"{F(r.SolarRrpaInWindow, "F1")} ({F(r.RatioRrpa, "F3")})",
                    $"{F(r.SmChi2, "F1")}/{r.SmNdf} = {F(r.SmChi2 / r.SmNdf, "F2")} (p = {F(r.SmPValue, "F2")})", r.Nuisances]));
    }

    static void RunSpectra(StudyContext ctx)
    {
        var sets = Load(ctx);
        var rows = new List<IReadOnlyList<object>>();
        foreach (var d in sets)
        {
            var b = d.Prepared.Binning;
            var bkg = d.Background();
            var sol = d.SolarStandardModel();
            var bsm = Predict(d, "em-mu", Flavour.E, ExampleMuB);
            var withQ = Predict(d, "em-q", Flavour.E, ExampleQ);
            var withV = Predict(d, "mediator-V", null, ExampleVectorCoupling, ExampleVectorMassKeV);
            var n = d.Data.Counts;
            var centers = Enumerable.Range(0, b.Count).Select(b.Center).ToArray();
            ctx.SaveFigure(new FigureSpec($"{d.Info.Label}: observed spectrum",
                new AxisSpec("reconstructed energy [keV]"), new AxisSpec("events / bin", Minimum: 0),
                [
                    new StackedHistogramSpec(b.EdgesKeV, [new StackComponent("background (published best fit − SM solar ν)", bkg, "#bbbbbb"),
                        new StackComponent("SM solar ν (ours)", sol, "#ff7f0e")], "background + SM solar ν"),
                    new HistogramSpec($"total with μ_νe = {ExampleMuB:0e0} μ_B", b.EdgesKeV, bsm, "#d62728", false, LineDash.Dash),
                    new HistogramSpec($"total with q_νe = {ExampleQ:0e0} e", b.EdgesKeV, withQ, "#1f77b4", false, LineDash.Dot),
                    new HistogramSpec($"total with a vector mediator (m = {F(ExampleVectorMassKeV)} keV, g = {ExampleVectorCoupling:0e0})", b.EdgesKeV, withV, "#2ca02c", false, LineDash.DashDot),
                    new ErrorPointsSpec($"data ({F(d.Data.Total, "F0")} events)", centers, n.ToArray(), n.Select(Math.Sqrt).ToArray(), n.Select(Math.Sqrt).ToArray(),
                        Enumerable.Repeat(0.5 * (b.Hi(0) - b.Lo(0)), b.Count).ToArray(), "#000000"),
                ], LegendCorner.BottomRight, Subtitle: d.Experiment.Spec.Reference), $"spectrum_{d.Info.Key}.png");
            for (int i = 0; i < b.Count; i++) rows.Add([d.Info.Key, b.Lo(i), b.Hi(i), n[i], bkg[i], sol[i], bsm[i], withQ[i], withV[i]]);
            ctx.Report.Image($"{d.Info.Label} spectrum", $"spectrum_{d.Info.Key}.png");
        }
        ctx.SaveTable(new CsvTable(["dataset", "E_lo_keV", "E_hi_keV", "observed", "background_no_nu", "solar_sm", $"total_mu_e_{ExampleMuB:0e0}",
            $"total_q_e_{ExampleQ:0e0}", $"total_vector_m{F(ExampleVectorMassKeV)}keV_g{ExampleVectorCoupling:0e0}"], rows), "spectra.csv");
        ctx.Report.Paragraph($"Fig. 1 equivalent: each data set against our SM prediction and three new-physics examples (the poster does not state the " +
            $"values it drew): μ_νe = {ExampleMuB:0e0} μ_B, q_νe = {ExampleQ:0e0} e, and a lepton-universal light vector mediator with m_V = " +
            $"{F(ExampleVectorMassKeV)} keV and g_V = {ExampleVectorCoupling:0e0}.");
    }

    static readonly IReadOnlyDictionary<string, (string Color, LineDash Dash, double Width)> Styles = new Dictionary<string, (string, LineDash, double)>
    {
        ["lz2022"] = ("#1f77b4", LineDash.Solid, 2.5), ["xenonnt2022"] = ("#d62728", LineDash.Dash, 2.5), ["combined"] = ("#000000", LineDash.Dot, 3),
        ["lz2024"] = ("#2ca02c", LineDash.DashDot, 1.2), ["xenon1t2020"] = ("#9467bd", LineDash.DashDot, 1.2), ["pandax4t2024"] = ("#ff7f0e", LineDash.DashDot, 1.2),
    };

    static string Label(string key) => key == "combined" ? "combined (5 data sets)" : DataSets.ByKey(key).Label;

    static void RunEm(StudyContext ctx)
    {
        var sets = Load(ctx);
        var combos = Combinations(sets);
        var tasks = (from p in PropertyFits.Properties from f in PropertyFits.Flavours from c in combos select (p, f, c)).ToArray();
        var results = new PropertyResult[tasks.Length];
        int done = 0;
        Parallel.For(0, tasks.Length, k =>
        {
            var (p, f, c) = tasks[k];
            results[k] = PropertyFits.Scan(c, p, f.Flavour);
            ctx.ReportProgress(Interlocked.Increment(ref done) / (double)tasks.Length, $"{p.Key} ν_{f.Key} {c.Key}");
        });
        var rows = new List<IReadOnlyList<object>>();
        var profRows = new List<IReadOnlyList<object>>();
        foreach (var (r, k) in results.Select((r, k) => (r, k)))
        {
            var (p, f, c) = tasks[k];
            if (p.OneSided) ctx.SetResult($"{c.Key}.mu.{f.Key}", r.Upper);
            else { ctx.SetResult($"{c.Key}.{p.Key}.{f.Key}.lo", r.Lower); ctx.SetResult($"{c.Key}.{p.Key}.{f.Key}.hi", r.Upper); }
            var ci = r.Profile.At(r.Cl);
            rows.Add([c.Key, p.Key, f.Key, p.Unit, r.Lower, r.Upper, r.IntervalCount, r.Profile.BestFitValue, r.Profile.Chi2Min,
                string.Join(" ∪ ", ci.Intervals.Select(iv => $"[{iv.Lower:G4}, {iv.Upper:G4}]")), r.Profile.AllConverged ? 1 : 0]);
            for (int i = 0; i < r.Profile.Values.Count; i++) profRows.Add([c.Key, p.Key, f.Key, r.Profile.Values[i], r.Profile.DeltaChi2[i]]);
        }
        ctx.SaveTable(new CsvTable(["dataset", "property", "flavour", "unit", "lo_90", "hi_90", "n_intervals", "best_fit", "chi2_min", "intervals", "converged"], rows), "em_limits.csv");
        ctx.SaveTable(new CsvTable(["dataset", "property", "flavour", "value", "delta_chi2"], profRows), "em_profiles.csv");

        double thr = ChiSquareThresholds.Threshold(0.9, 1);
        var figNames = new Dictionary<string, string> { ["mu"] = "Fig. 2", ["q"] = "Fig. 3", ["r2"] = "Fig. 4", ["anapole"] = "Fig. 5" };
        foreach (var p in PropertyFits.Properties)
        {
            ctx.Report.Heading(3, $"{figNames[p.Key]} equivalent: {p.Key} ({p.Unit})");
            var table = new List<IReadOnlyList<string>>();
            foreach (var f in PropertyFits.Flavours)
            {
                var series = new List<SeriesSpec>();
                double xmin = double.MaxValue, xmax = double.MinValue;
                foreach (var c in combos)
                {
                    var r = results[Array.FindIndex(tasks, t => t.p == p && t.f == f && t.c == c)];
                    var st = Styles[c.Key];
                    bool main = c.Key is "lz2022" or "xenonnt2022" or "combined";
                    series.Add(new LineSeriesSpec($"{Label(c.Key)}: {(p.OneSided ? $"< {r.Upper:G3}" : $"[{r.Lower:G3}, {r.Upper:G3}]")}",
                        r.Profile.Values.Select(v => v / p.PlotUnit).ToArray(), r.Profile.DeltaChi2.ToArray(), st.Color, st.Dash, st.Width));
                    if (main) { xmin = Math.Min(xmin, r.Profile.Values[0] / p.PlotUnit); xmax = Math.Max(xmax, r.Profile.Values[^1] / p.PlotUnit); }
                    table.Add([f.Key, Label(c.Key), p.OneSided ? "< " + F(r.Upper, "G3") : $"[{F(r.Lower, "G3")}, {F(r.Upper, "G3")}]" + (r.IntervalCount > 1 ? $" ({r.IntervalCount} intervals)" : ""),
                        F(r.Profile.BestFitValue, "G3")]);
                }
                // the bounds the poster's table compares against (data/literature/em_bounds.csv), where they fall on the axis
                if (p.Key is "mu" or "q" or "r2")
                {
                    var lit = LiteratureOverlays.BoundLines("em_bounds.csv", p.Key, f.Flavour is null ? ["eff"] : [f.Key], p.PlotUnit, xmin, xmax, 8);
                    series.AddRange(lit);
                    foreach (var l in lit.OfType<LineSeriesSpec>()) { xmin = Math.Min(xmin, 1.05 * l.X[0]); xmax = Math.Max(xmax, 1.05 * l.X[0]); }
                }
                series.Add(StudyPlots.Threshold(thr, xmin, xmax, "90 % CL (Δχ² = 2.71, 1 dof)"));

                string file = $"em_{p.Key}_{f.Key}.png";
                ctx.SaveFigure(new FigureSpec($"{figNames[p.Key]} equivalent: {p.Key} of ν_{f.Key}" + (f.Flavour is null ? " (same value for all flavours)" : ""), new AxisSpec($"{p.Key} [{p.PlotUnit:0e0} {p.Unit}]", Minimum: xmin, Maximum: xmax),
                    new AxisSpec("Δχ^{2}", Minimum: 0, Maximum: 8), series, LegendCorner.TopLeft,
                    Subtitle: "LZ WS2022 solid, XENONnT SR0 dashed, combined dotted; thin: LZ WS2024, XENON1T, PandaX-4T"), file);
                ctx.Report.Image($"{p.Key} ν_{f.Key}", file);
            }
            ctx.Report.Table(["flavour", "data", "90 % CL (1 dof)", "best fit"], table);
        }
        RunExactMu(ctx, sets, results, tasks.Select(t => (t.p.Key, t.f.Flavour, t.c.Key)).ToArray());
        RunPosterConventions(ctx, results.Zip(tasks).ToDictionary(x => (x.Second.c.Key, x.Second.p.Key, x.Second.f.Key), x => x.First));
        ctx.Report.Heading(3, "Other analyses of the same data")
            .Paragraph("An independent analysis of the same LZ run (Atzori Corona et al., arXiv:2207.05036) quotes μ_ν,eff < 1.1e-11 μ_B and " +
                "|q_ν,eff| < 1.5e-13 e (90 % CL, the latter with the equivalent photon approximation); ours: μ_ν,eff < " +
                $"{F(results[Array.FindIndex(tasks, t => t.p.Key == "mu" && t.f.Flavour is null && t.c.Key == "lz2022")].Upper, "G3")} μ_B. " +
                "The poster's own numbers are compared in the table 'Published versus ours' below; differences (51-bin vs public " +
                "20-bin LZ spectrum, nuisances, atomic model) are discussed in docs/shivasankar2022.md.");
        RunEmAtomic(ctx);
        PosterSummary.Em(ctx);
    }

    /// <summary>
    /// The poster's stated conventions as an option (issue 12 part 5): tree-level couplings with sin²θ_W = 0.23857 (its
    /// eq. 1); everything else (including each detector's resolution, which the poster's eq. 8 does not write) as the default presets.
    /// </summary>
    public static readonly IReadOnlyList<string> PosterOverrides =
        ["analysis.experiment_overrides=[\"physics.couplings=tree\",\"physics.sin2w=0.23857\"]"];

    /// <summary>One interval of the poster-conventions comparison: one row of <c>em_poster_conventions.csv</c>.</summary>
    public sealed record PosterConventionRow(
        [property: CsvColumn("dataset")] string DataSet,
        [property: CsvColumn("property")] string Property,
        [property: CsvColumn("flavour")] string Flavour,
        [property: CsvColumn("default_lo")] double DefaultLo,
        [property: CsvColumn("default_hi")] double DefaultHi,
        [property: CsvColumn("poster_lo")] double PosterLo,
        [property: CsvColumn("poster_hi")] double PosterHi,
        [property: CsvColumn("published_lo")] double PublishedLo,
        [property: CsvColumn("published_hi")] double PublishedHi);

    /// <summary>μ, q, ⟨r²⟩ for ν_e, ν_μ, ν_τ on LZ 2022 and XENONnT with <see cref="PosterOverrides"/>; keys <c>&lt;dataset&gt;.poster.…</c>.</summary>
    static void RunPosterConventions(StudyContext ctx, IReadOnlyDictionary<(string, string, string), PropertyResult> defaults)
    {
        var published = PublishedData.For(Name).ToDictionary(e => e.Key, e => e.Value);
        double Pub(string key) => published.TryGetValue(key, out var v) ? v : double.NaN;
        var rows = new List<PosterConventionRow>();
        string[] props = ["mu", "q", "r2"];
        foreach (var ds in new[] { "lz2022", "xenonnt2022" })
        {
            var d = DataSetFit.Load(DataSets.ByKey(ds), PosterOverrides);
            ctx.RecordPreset($"{d.Experiment.Name}:poster-conventions", d.Experiment.ResolvedToml);
            var c = CombinedAnalysis.Single(d);
            var jobs = (from p in props from f in PropertyFits.Flavours.Where(f => f.Flavour is not null) select (p, f)).ToArray();
            var res = new PropertyResult[jobs.Length];
            Parallel.For(0, jobs.Length, k => res[k] = PropertyFits.Scan(c, PropertyFits.Property(jobs[k].p), jobs[k].f.Flavour));
            for (int k = 0; k < jobs.Length; k++)
            {
                var (p, f) = jobs[k];
                var r = res[k];
                var def = defaults[(ds, p, f.Key)];
                if (r.Property.OneSided)
                {
                    ctx.SetResult($"{ds}.poster.mu.{f.Key}", r.Upper);
                    rows.Add(new PosterConventionRow(ds, p, f.Key, double.NaN, def.Upper, double.NaN, r.Upper, double.NaN, Pub($"{ds}.mu.{f.Key}")));
                }
                else
                {
                    ctx.SetResult($"{ds}.poster.{p}.{f.Key}.lo", r.Lower);
                    ctx.SetResult($"{ds}.poster.{p}.{f.Key}.hi", r.Upper);
                    rows.Add(new PosterConventionRow(ds, p, f.Key, def.Lower, def.Upper, r.Lower, r.Upper, Pub($"{ds}.{p}.{f.Key}.lo"), Pub($"{ds}.{p}.{f.Key}.hi")));
                }
            }
        }
        ctx.SaveTable(RecordTable.From(rows), "em_poster_conventions.csv");
        static string Iv(double lo, double hi) => double.IsNaN(lo) ? (double.IsNaN(hi) ? "—" : "< " + F(hi, "G3")) : $"[{F(lo, "G3")}, {F(hi, "G3")}]";
        ctx.Report.Heading(3, "The poster's conventions as an option")
            .Paragraph("The same fits with the couplings and response the poster states (tree-level g_V = −1/2 + 2 sin²θ_W, g_A = −1/2, " +
                "sin²θ_W = 0.23857; `em_poster_conventions.csv`, keys `<dataset>.poster.…`), beside the default " +
                "(radiative couplings with their flavour-dependent charge-radius correction, each detector's resolution) and the poster's " +
                "numbers. The poster's 51-bin LZ spectrum and its nuisance widths are not public, so data, binning, nuisances and resolution " +
                "stay those of the presets.")
            .Table(["data", "property", "flavour", "default", "poster conventions", "published"],
                rows.Select(r => (IReadOnlyList<string>)[r.DataSet, r.Property, r.Flavour, Iv(r.DefaultLo, r.DefaultHi), Iv(r.PosterLo, r.PosterHi), Iv(r.PublishedLo, r.PublishedHi)]));
    }

    /// <summary>
    /// Issue 11 part 4: the flavour-universal millicharge and magnetic-moment limits again with the ab initio (K(E,q)) and
    /// EPA atomic responses on the EM channels only (weak channel unchanged, so the SM and the existing keys keep their
    /// meaning). Keys <c>&lt;dataset&gt;.q.eff.hi.abinitio</c>, <c>.q.eff.hi.epa</c>, <c>.mu.eff.abinitio</c>; literature values beside them.
    /// </summary>
    static void RunEmAtomic(StudyContext ctx)
    {
        var q = PropertyFits.Properties.First(p => p.Key == "q");
        var mu = PropertyFits.Properties.First(p => p.Key == "mu");
        var variants = new (string Tag, string[] Overrides)[]
        {
            ("abinitio", ["physics.atomic_charge=abinitio", "physics.atomic_mm=abinitio"]),
            ("epa", ["physics.atomic_charge=epa"]),
        };
        var md = new List<IReadOnlyList<string>>();
        var found = new Dictionary<string, double>();
        foreach (var (tag, ov) in variants)
        {
            var list = new DataSetFit[DataSets.All.Count];
            string o = "analysis.experiment_overrides=[" + string.Join(", ", ov.Select(x => $"\"{x}\"")) + "]";
            Parallel.For(0, list.Length, i => list[i] = DataSetFit.Load(DataSets.All[i], [o]));
            foreach (var c in Combinations(list))
            {
                ctx.ReportProgress(0.95, $"{c.Key} with {tag}");
                double qHi = PropertyFits.Scan(c, q, null).Upper;
                ctx.SetResult($"{c.Key}.q.eff.hi.{tag}", qHi);
                found[$"{c.Key}.q.{tag}"] = qHi;
                if (tag == "abinitio")
                {
                    double m = PropertyFits.Scan(c, mu, null).Upper;
                    ctx.SetResult($"{c.Key}.mu.eff.abinitio", m);
                    found[$"{c.Key}.mu.{tag}"] = m;
                }
            }
        }
        var res = ctx.Results;
        foreach (var key in CombinationKeys)
            md.Add([Label(key), res.TryGetValue($"{key}.q.eff.hi", out var q0) ? F(q0, "G3") : "n/a", F(found[$"{key}.q.abinitio"], "G3"), F(found[$"{key}.q.epa"], "G3"),
                res.TryGetValue($"{key}.mu.eff", out var m0) ? F(m0, "G3") : "n/a", F(found[$"{key}.mu.abinitio"], "G3")]);
        var lit = PublishedData.Literature("em_bounds.csv");
        double Lit(string experiment, string quantity)
        {
            var row = lit.FirstOrDefault(r => r["experiment"] == experiment && r["quantity"] == quantity);
            return row is not null && double.TryParse(row["hi"], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
        }
        double qAtzori = Lit("LZ 2022 (Atzori Corona et al.)", "q"), muAtzori = Lit("LZ 2022 (Atzori Corona et al.)", "mu"), muXnt = Lit("XENONnT 2022 (collaboration)", "mu");
        ctx.Report.Heading(3, "Atomic response of the EM channels (issue 11)")
            .Paragraph("Flavour-universal 90 % CL upper limits with the preset's stepping response on every channel (existing keys) and with the ab " +
                "initio K(E,q) response (docs/atomic.md) or the equivalent-photon approximation on the electromagnetic channels only. Literature " +
                "(data/literature/em_bounds.csv): Atzori Corona et al. (arXiv:2207.05036), LZ 2022 with EPA: " +
                $"|q_ν,eff| < {F(qAtzori, "G2")} e, μ_ν,eff < {F(muAtzori, "G2")} μ_B; XENONnT collaboration (PRL 129 (2022) 161805): μ_ν < {F(muXnt, "G2")} μ_B (90 % CL).")
            .Table(["data", "|q| hi stepping (e)", "|q| hi ab initio", "|q| hi EPA", "μ stepping (μ_B)", "μ ab initio"], md);
        var cmp = new List<Comparison>();
        if (found.TryGetValue("lz2022.q.epa", out var qe)) cmp.Add(new Comparison("LZ 2022 |q_ν,eff| (e), EPA", qAtzori, qe, "Atzori Corona et al. 2022, arXiv:2207.05036 (EPA)"));
        if (found.TryGetValue("lz2022.q.abinitio", out var qa)) cmp.Add(new Comparison("LZ 2022 |q_ν,eff| (e), ab initio", qAtzori, qa, "same literature value (EPA)"));
        if (found.TryGetValue("lz2022.mu.abinitio", out var ma)) cmp.Add(new Comparison("LZ 2022 μ_ν,eff (μ_B), ab initio", muAtzori, ma, "Atzori Corona et al. 2022"));
        if (found.TryGetValue("xenonnt2022.mu.abinitio", out var mx)) cmp.Add(new Comparison("XENONnT 2022 μ_ν (μ_B), ab initio", muXnt, mx, "XENONnT, PRL 129 (2022) 161805 (value not re-verified offline)"));
        ctx.Report.Comparisons(cmp);
    }

    /// <summary>Seed of the toy-based μ_ν,eff limits.</summary>
    public const int ToySeed = 2208;

    /// <summary>The data sets whose flavour-universal μ_ν limit gets the toy-based (FC, CLs) limits and the Wilks coverage.</summary>
    public static readonly IReadOnlyList<string> ExactMuDataSets = ["lz2022", "xenonnt2022"];

    /// <summary>Feldman–Cousins, CLs and toy-calibrated limits on μ_ν,eff beside the Wilks ones (LZ 2022, XENONnT 2022).</summary>
    static void RunExactMu(StudyContext ctx, IReadOnlyList<DataSetFit> sets, PropertyResult[] results, (string P, Flavour? F, string C)[] tasks)
    {
        int toys = ctx.ToyCount ?? ToyLimits.DefaultToys;
        ctx.RecordSeed("em.mu.eff.toys", ToySeed);
        var rows = new List<IReadOnlyList<string>>();
        var csv = new List<IReadOnlyList<object>>();
        foreach (var key in ExactMuDataSets)
        {
            var d = sets.FirstOrDefault(x => x.Info.Key == key);
            if (d is null) continue;
            var r = results[Array.FindIndex(tasks, t => t.P == "mu" && t.F is null && t.C == key)];
            if (!(r.Upper > 0) || !double.IsFinite(r.Upper)) { rows.Add([Label(key), "not found", "—", "—", "—", "—", "—", "—"]); continue; }
            var cost = (ChiSquareCost)CombinedAnalysis.Single(d).Cost(x => new FlavourUniversalModel(fl => x.Model("em-mu", fl)));
            ctx.ReportProgress(0.95, $"toys: μ_ν,eff {key}");
            var set = ctx.Time($"em.toys.{key}", () => ToyLimits.Run(cost, "mu", [0.0], r.Upper, r.Cl, toys, ToySeed));
            var t = set.Result;
            if (double.IsFinite(t.FeldmanCousins.Upper)) ctx.SetResult($"{key}.mu.eff.fc", t.FeldmanCousins.Upper);
            if (double.IsFinite(t.ClsUpperLimit)) ctx.SetResult($"{key}.mu.eff.cls", t.ClsUpperLimit);
            if (double.IsFinite(t.NeymanUpperLimit)) ctx.SetResult($"{key}.mu.eff.toys", t.NeymanUpperLimit);
            ctx.SetResult($"{key}.mu.eff.wilks_coverage", set.CoverageAtLimit);
            ctx.SetResult($"{key}.mu.eff.wilks_coverage_upper", set.UpperCoverageAtLimit);
            string L(double v) => double.IsFinite(v) ? F(v, "G3") : "not found on the grid";
            rows.Add([Label(key), F(r.Upper, "G3"), L(t.FeldmanCousins.Upper) + (t.FeldmanCousins.Lower > 0 ? $" (two-sided, from {F(t.FeldmanCousins.Lower, "G3")})" : ""),
                L(t.ClsUpperLimit), L(t.NeymanUpperLimit), F(set.CoverageAtLimit, "F3"), F(set.UpperCoverageAtLimit, "F3"), F(t.WilksCoverageAtLower, "F3")]);
            foreach (var q in t.Points) csv.Add([key, q.Value, q.ObservedT, q.CriticalT, q.CriticalQ, q.PSignalBackground, q.PBackground, q.Cls, q.WilksCoverage, q.WilksUpperCoverage]);
        }
        ctx.SaveTable(new CsvTable(["dataset", "mu_muB", "t_obs", "t_crit_90", "q_crit_90", "cl_sb", "cl_b", "cls", "wilks_coverage", "wilks_upper_coverage"], csv), "em_mu_eff_toys.csv");
        ctx.Report.Heading(3, "Exact intervals for μ_ν,eff (beyond the paper)")
            .Paragraph($"Toy Monte Carlo ({toys} toys per value, 13 values from 0 to twice the Wilks limit, seed {ToySeed}; nuisances profiled in every " +
                "fit and their auxiliary measurements fluctuated in the toys; `nuxe reproduce shivasankar2022 --toys N` for more). " +
                "Feldman–Cousins: upper end of the unified-ordering 90 % interval (μ̂ ≥ 0) given the observed spectrum; CLs and the toy-calibrated " +
                "one-sided limit use q_μ; coverage: fraction of toys generated at μ = the Wilks limit whose Δχ² stays below 2.71 (interval) or whose " +
                $"upper limit stays above μ (upper limit), and at μ = 0. Toy statistical uncertainty on a coverage: ±{F(Math.Sqrt(0.09 / toys), "F3")}.")
            .Table(["data", "Wilks 90 % (Δχ² = 2.71) [μ_B]", "Feldman–Cousins [μ_B]", "CLs [μ_B]", "toy one-sided [μ_B]", "Wilks interval coverage at its limit",
                "Wilks upper-limit coverage at its limit", "Wilks coverage at μ = 0"], rows);
    }

    static void RunMediators(StudyContext ctx)
    {
        var sets = Load(ctx);
        var combos = Combinations(sets);
        var masses = PropertyFits.MediatorMassesKeV();
        string[] xs = ["S", "P", "V", "A", "T"];
        var rows = new List<IReadOnlyList<object>>();
        var overview = new List<SeriesSpec>();
        string[] xColors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];
        var table = new List<IReadOnlyList<string>>();
        var vectorLimits = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int ix = 0; ix < xs.Length; ix++)
        {
            string x = xs[ix];
            var series = new List<SeriesSpec>();
            for (int ic = 0; ic < combos.Count; ic++)
            {
                var c = combos[ic];
                ctx.ReportProgress((ix * combos.Count + ic) / (double)(xs.Length * combos.Count), $"mediator {x}, {c.Key}");
                var curve = PropertyFits.Mediator(c, x, masses);
                var lim = curve.Points.Select(pt => pt.Result.Limit).ToArray();
                if (x == "V") vectorLimits[c.Key] = lim;
                foreach (var pt in curve.Points) rows.Add([c.Key, x, pt.Mass, pt.Result.Limit, pt.Result.Status.ToString()]);
                foreach (var (m, tag) in new[] { (10.0, "m_10keV"), (1000.0, "m_1MeV"), (1e5, "m_100MeV") })
                {
                    int k = Array.FindIndex(masses, v => Math.Abs(v / m - 1) < 1e-12);
                    ctx.SetResult($"{c.Key}.mediator.{x}.g.{tag}", lim[k]);
                }
                var st = Styles[c.Key];
                series.Add(new LineSeriesSpec(Label(c.Key), masses.Select(m => m / 1000).ToArray(), lim, st.Color, st.Dash, st.Width));
                if (c.Key == "combined") overview.Add(new LineSeriesSpec($"{x} (combined)", masses.Select(m => m / 1000).ToArray(), lim, xColors[ix]));
                int i10 = Array.FindIndex(masses, v => Math.Abs(v / 10 - 1) < 1e-12), i1 = Array.FindIndex(masses, v => Math.Abs(v / 1000 - 1) < 1e-12);
                table.Add([x, Label(c.Key), F(lim[i10], "G3"), F(lim[i1], "G3"), F(lim[^1], "G3"), curve.AllFound ? "all found" : "some not found"]);
            }
            ctx.SaveFigure(new FigureSpec($"Fig. 6 equivalent: light {x} mediator", new AxisSpec("m_{" + x + "} [MeV]", AxisScale.Log),
                new AxisSpec("g_{" + x + "} = √(g_{ν} g_{e}) (90 % CL)", AxisScale.Log), series, LegendCorner.TopLeft,
                Subtitle: "lepton-universal couplings; LZ WS2022 solid, XENONnT dashed, combined dotted"), $"mediator_{x}.png");
        }
        ctx.SaveFigure(new FigureSpec("90 % CL upper limits on g_X, all five data sets combined", new AxisSpec("m_{X} [MeV]", AxisScale.Log),
            new AxisSpec("g_{X} (90 % CL)", AxisScale.Log), overview, LegendCorner.TopLeft), "mediators_combined.png");
        ctx.SaveTable(new CsvTable(["dataset", "mediator", "mass_keV", "g_limit_90", "status"], rows), "mediator_limits.csv");
        ctx.Report.Paragraph($"90 % CL (Δχ² = 2.71, 1 dof) upper limits on g_X = √(g_νX g_eX), lepton-universal, {masses.Length} log-spaced masses " +
                "from 1 keV to 100 MeV; SM solar-ν signal plus the mediator (V, A interfere with the SM; S, P, T add incoherently, PHYSICS.md §4.4).")
            .Table(["X", "data", "g at 10 keV", "g at 1 MeV", "g at 100 MeV", "status"], table)
            .Image("combined", "mediators_combined.png");
        foreach (var x in xs) ctx.Report.Image($"mediator {x}", $"mediator_{x}.png");
        PosterSummary.Mediators(ctx, masses, vectorLimits);
    }
}
