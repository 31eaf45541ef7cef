using System.Globalization;
using NuXe.Analyses.Common;
using NuXe.Analyses.Framework;
using NuXe.Output;
using NuXe.Statistics;

namespace NuXe.Analyses.LinkXu2019;

/// <summary>
/// `nuxe reproduce linkxu2019`: J. M. Link and X.-J. Xu, "Searching for BSM neutrino interactions in dark matter
/// detectors", JHEP 08 (2019) 004, arXiv:1903.09891. Conventions of EXPERIMENTS.md §1.1.
/// </summary>
public static class LinkXu2019Study
{
    public const string Name = "linkxu2019";
    public static readonly string[] Configs = ["A", "B", "C"];

    /// <summary>The study with its parts, in report order.</summary>
    public static IStudy Create() => new Study(Name,
        "Link & Xu 2019: BSM neutrino interactions with a 51Cr source beside a 6 t LXe detector",
        "J. M. Link and X.-J. Xu, JHEP 08 (2019) 004, arXiv:1903.09891",
        [
            new StudyPart("sin2w", "Table II: precision on sin²θ_W (1-D profile, Δχ² = 1) for configurations A, B, C", RunSin2w),
            new StudyPart("gvga", "Fig. 3: (g_V, g_A) allowed regions at 1σ, 90 % and 95 % CL (2 dof) for A, B, C", RunGvGa),
            new StudyPart("nsi", "Table III, Fig. 4: NSI (ε^L_eα, ε^R_eα) 90 % CL regions (2 dof) and projections, α = e, μ, τ", LinkXu2019Bsm.RunNsi),
            new StudyPart("spvat", "Fig. 5: SPVAT (δC_a, δD_a) 90 % CL contours, a = S, P, V, A, T, configs A and C", LinkXu2019Bsm.RunSpvat),
            new StudyPart("zprime", "Figs. 6–7: 90 % CL upper limits on g_Z′, ε, s_α versus m_Z′ (1 keV–10 GeV), configs A and C", LinkXu2019Bsm.RunZPrime),
        ]);

    static string F(double v, string f = "G6") => v.ToString(f, CultureInfo.InvariantCulture);

    static void RunSin2w(StudyContext ctx)
    {
        var (spec, resolved) = AnalysisPresets.Load("linkxu2019-sin2w");
        ctx.RecordPreset("analysis:linkxu2019-sin2w", resolved);
        var published = Published.For(Name);
        var rows = new List<IReadOnlyList<object>>();
        var profileRows = new List<IReadOnlyList<object>>();
        var series = new List<SeriesSpec>();
        var comparisons = new List<Comparison>();
        double xmin = double.MaxValue, xmax = double.MinValue;
        for (int k = 0; k < Configs.Length; k++)
        {
            string x = Configs[k];
            ctx.ReportProgress((double)k / Configs.Length, $"sin²θ_W profile, configuration {x}");
            var s = AnalysisSession.Create(spec, spec.Experiments[k]);
            ctx.RecordPreset(s.Experiment.Name, s.Experiment.ResolvedToml);
            var fit = s.Fit();
            var prof = s.Profile(spec.Scan[0], spec.Cls, fit: fit);
            var ci = prof.At(spec.Cls[0]);
            ctx.SetResult($"sin2w.{x}.best", ci.BestFit);
            ctx.SetResult($"sin2w.{x}.err_minus", ci.ErrorMinus);
            ctx.SetResult($"sin2w.{x}.err_plus", ci.ErrorPlus);
            double sig = s.Data.Total - s.Linear.Templates.Where(t => t.Group != "signal").Sum(t => t.Counts.Sum());
            rows.Add([x, ci.BestFit, ci.ErrorMinus, ci.ErrorPlus, 100 * 0.5 * (ci.ErrorMinus + ci.ErrorPlus) / ci.BestFit, fit.Error("sin2w"), prof.Chi2Min, sig, s.Data.Total - sig, prof.AllConverged ? 1 : 0]);
            for (int i = 0; i < prof.Values.Count; i++) profileRows.Add([x, prof.Values[i], prof.DeltaChi2[i], prof.PointStatus[i].ToString()]);
            series.Add(StudyPlots.ProfileLine(prof, $"config {x}: {F(ci.BestFit, "F5")} −{F(ci.ErrorMinus, "F5")} +{F(ci.ErrorPlus, "F5")}", StudyPlots.ConfigColors[k]));
            xmin = Math.Min(xmin, prof.Values[0]); xmax = Math.Max(xmax, prof.Values[^1]);
            foreach (var (suffix, ours) in new[] { ("err_minus", ci.ErrorMinus), ("err_plus", ci.ErrorPlus), ("best", ci.BestFit) })
                if (published.TryGetValue($"sin2w.{x}.{suffix}", out var pv))
                    comparisons.Add(new Comparison($"sin²θ_W {x} {suffix}", pv.Value, ours, pv.Note));
        }
        series.Add(StudyPlots.Threshold(1.0, xmin, xmax, "Δχ² = 1 (1σ, 1 dof)"));
        ctx.SaveTable(new CsvTable(["config", "sin2w_best", "err_minus", "err_plus", "rel_precision_percent", "hessian_error", "chi2_min", "signal_events", "background_events", "all_points_converged"], rows), "sin2w.csv");
        ctx.SaveTable(new CsvTable(["config", "sin2w", "delta_chi2", "status"], profileRows), "sin2w_profile.csv");
        ctx.SaveFigure(new FigureSpec("Link & Xu 2019 Table II: sin²θ_W from ν_e–e scattering",
            new AxisSpec("sin^{2}θ_{W}"), new AxisSpec("Δχ^{2}", Minimum: 0, Maximum: 4), series,
            Subtitle: "Asimov data at 0.23865, radiative couplings, free electrons, 1–560 keV, Gaussian χ², no nuisances"), "sin2w.png");

        ctx.Report.Paragraph("Asimov data = SM (radiatively corrected couplings, sin²θ_W = 0.23865) plus backgrounds, free electrons, " +
            "1 keV bins from 1 to 560 keV, Gaussian χ² with σ_i² = N_i, no nuisances (EXPERIMENTS.md §1.1). Errors at Δχ² = 1 " +
            "(68.27 % CL, 1 dof) from the root-found crossings of the exact profile; the Asimov profile is symmetric to " +
            "the precision shown, so asymmetric published errors cannot come from Asimov data.")
            .Table(["config", "best fit", "−σ", "+σ", "relative precision"],
                rows.Select(r => (IReadOnlyList<string>)[(string)r[0], F((double)r[1], "F5"), F((double)r[2], "F5"), F((double)r[3], "F5"), F((double)r[4], "F2") + " %"]))
            .Image("sin²θ_W profiles", "sin2w.png");
        if (comparisons.Count > 0) ctx.Report.Comparisons(comparisons);
        else ctx.Report.Paragraph("Published Table II values: not available in the project's offline sources (data/published/PROVENANCE.md); " +
            "see docs/linkxu2019.md for the comparison.");
    }

    static void RunGvGa(StudyContext ctx)
    {
        var (spec, resolved) = AnalysisPresets.Load("linkxu2019-gvga");
        ctx.RecordPreset("analysis:linkxu2019-gvga", resolved);
        var zoom = new List<SeriesSpec>();
        var wide = new List<SeriesSpec>();
        var contourRows = new List<IReadOnlyList<object>>();
        var rows = new List<IReadOnlyList<string>>();
        var islandRows = new List<IReadOnlyList<string>>();
        double smGv = double.NaN, smGa = double.NaN;
        LineDash Dash(int j) => j == 0 ? LineDash.Solid : j == 1 ? LineDash.Dash : LineDash.Dot;
        for (int k = 0; k < Configs.Length; k++)
        {
            string x = Configs[k];
            ctx.ReportProgress((double)k / Configs.Length, $"(g_V, g_A) regions, configuration {x}");
            var s = AnalysisSession.Create(spec, spec.Experiments[k]);
            ctx.RecordPreset(s.Experiment.Name, s.Experiment.ResolvedToml);
            (smGv, smGa) = (s.Truth[0], s.Truth[1]);
            var fit = s.Fit();
            ctx.SetResult($"gvga.{x}.best_gV", fit.Value("gV"));
            ctx.SetResult($"gvga.{x}.best_gA", fit.Value("gA"));
            // The allowed region is disjoint: the exact sign degeneracy (g_V, g_A) → (−g_V, −g_A) and two further
            // near-degenerate minima near (±0.02, ±1.09). RegionFinder locates every island on a wide coarse grid and
            // resolves each on an adapted grid.
            // The coarse search grid and the fits of its candidate minima are shared by the CLs (FindAll).
            var regions = RegionFinder.FindAll(s.Cost, "gV", "gA", s.Truth, 1.7, spec.Cls, spec.Dof ?? 2, coarsePoints: 241, points: spec.Scan[0].Points);
            for (int j = 0; j < spec.Cls.Count; j++)
            {
                double cl = spec.Cls[j];
                var region = regions[j];
                if (region.AnyTouchesEdge) ctx.Report.Paragraph($"Warning: a {StudyPlots.ClLabel(cl)} island of configuration {x} touches its grid edge.");
                var p = region.Primary.Contour;
                rows.Add([x, StudyPlots.ClLabel(cl), region.Islands.Count.ToString(CultureInfo.InvariantCulture),
                    F(p.XRange.Lower, "F4") + " … " + F(p.XRange.Upper, "F4"), F(p.YRange.Lower, "F4") + " … " + F(p.YRange.Upper, "F4"),
                    F(region.OuterXRange.Lower, "F3") + " … " + F(region.OuterXRange.Upper, "F3"), F(region.OuterYRange.Lower, "F3") + " … " + F(region.OuterYRange.Upper, "F3")]);
                if (Math.Abs(cl - 0.90) < 1e-9) ctx.SetResult($"gvga.{x}.islands_90", region.Islands.Count);
                for (int i = 0; i < region.Islands.Count; i++)
                {
                    var isl = region.Islands[i];
                    contourRows.AddRange(StudyPlots.ContourRows(x, isl.Contour).Select(r => (IReadOnlyList<object>)r.Append(i).ToArray()));
                    if (i == 0) zoom.Add(new ContourSpec(j < 2 ? $"{x} {StudyPlots.ClLabel(cl)}" : null, StudyPlots.Lines(isl.Contour), StudyPlots.ConfigColors[k], Dash(j)));
                    wide.Add(new ContourSpec(i == 0 && j == 0 ? x : null, StudyPlots.Lines(isl.Contour), StudyPlots.ConfigColors[k], Dash(j), 1.5));
                    if (j == 0) islandRows.Add([x, i.ToString(CultureInfo.InvariantCulture), F(isl.BestX, "F4"), F(isl.BestY, "F4"), F(isl.DeltaChi2AtBest, "F3")]);
                }
            }
        }
        zoom.Add(new MarkerSpec("SM (radiative)", smGv, smGa, MarkerShape.Star, "#000000"));
        wide.Add(new MarkerSpec("SM", smGv, smGa, MarkerShape.Star, "#000000"));
        wide.Add(new MarkerSpec("sign-flipped SM", -smGv, -smGa, MarkerShape.Cross, "#000000"));
        ctx.SaveTable(new CsvTable(["config", "cl", "dof", "delta_chi2", "line", "gV", "gA", "island"], contourRows), "gvga_contours.csv");
        ctx.SaveFigure(new FigureSpec("Link & Xu 2019 Fig. 3: (g_V, g_A) of ν_e–e",
            new AxisSpec("g_{V}"), new AxisSpec("g_{A}"), zoom, LegendCorner.TopLeft,
            Subtitle: "island around the SM; solid 1σ, dashed 90 %, dotted 95 % CL (2 dof)"), "gvga.png");
        ctx.SaveFigure(new FigureSpec("(g_V, g_A): all allowed islands",
            new AxisSpec("g_{V}", Minimum: -1.3, Maximum: 1.3), new AxisSpec("g_{A}", Minimum: -1.3, Maximum: 1.3), wide, LegendCorner.TopLeft,
            Subtitle: "(g_V, g_A) → (−g_V, −g_A) is exact; the islands near (±0.02, ±1.09) are near-degenerate"), "gvga_both.png");
        ctx.Report.Paragraph("Two-parameter fit of the ν_e effective couplings on Asimov data at the radiatively corrected SM point " +
                "(ν_μ,τ of the solar background fixed at the SM). The cross section depends on g₁², g₂² and g₁g₂ only, so the region has a " +
                "second, exactly degenerate island at (−g_V, −g_A); the spectral shape leaves two further near-degenerate minima near " +
                "(±0.02, ±1.09) (g₁ ≈ −g₂), inside the 1σ–95 % regions of the weaker configurations. Every island is located on a wide " +
                "coarse grid and resolved on its own adapted grid (gvga_both.png); gvga.png zooms on the island around the SM. " +
                "Projected ranges (2 dof):")
            .Table(["config", "CL", "islands", "g_V (SM island)", "g_A (SM island)", "g_V (all islands)", "g_A (all islands)"], rows)
            .Paragraph("Local minima of the allowed islands (Δχ² relative to the global minimum):")
            .Table(["config", "island", "g_V", "g_A", "Δχ²"], islandRows)
            .Image("(g_V, g_A) contours", "gvga.png").Image("all islands", "gvga_both.png");
    }
}
