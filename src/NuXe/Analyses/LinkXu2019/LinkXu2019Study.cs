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
    /// <summary>The configurations of Table I (read-only).</summary>
    public static readonly IReadOnlyList<string> Configs = Array.AsReadOnly(["A", "B", "C"]);

    /// <summary>Index of configuration <paramref name="config"/> in <see cref="Configs"/>; −1 when absent.</summary>
    public static int ConfigIndex(string config) => Configs.ToList().IndexOf(config);

    /// <summary>The study with its parts, in report order.</summary>
    public static IStudy Create() => new Study(Name,
        "Link & Xu 2019: BSM neutrino interactions with a 51Cr source beside a 6 t LXe detector",
        "J. M. Link and X.-J. Xu, JHEP 08 (2019) 004, arXiv:1903.09891",
        [
            new StudyPart("spectra", "Fig. 1 and Table I: signal and background spectra of configurations A, B, C", LinkXu2019Figures.RunSpectra, Quick: true),
            new StudyPart("sin2w", "Table II: precision on sin²θ_W (1-D profile, Δχ² = 1) for configurations A, B, C; where asymmetric errors can come from", LinkXu2019Sin2w.Run, Quick: true),
            new StudyPart("running", "Fig. 2: sin²θ_W versus energy scale: the measurements the paper plots and our A, B, C points", LinkXu2019Figures.RunRunning, Quick: true),
            new StudyPart("gvga", "Fig. 3: (g_V, g_A) allowed regions at 1σ, 90 % and 95 % CL (2 dof) for A, B, C", RunGvGa),
            new StudyPart("nsi", "Table III, Fig. 4: NSI (ε^L_eα, ε^R_eα) 90 % CL regions (2 dof) and projections, α = e, μ, τ", LinkXu2019Summaries.Nsi, Quick: true),
            new StudyPart("spvat", "Fig. 5: SPVAT (δC_a, δD_a) 90 % CL contours, a = S, P, V, A, T, configs A and C", LinkXu2019Summaries.Spvat, Quick: true),
            new StudyPart("zprime", "Figs. 6–7: 90 % CL upper limits on g_Z′, ε, s_α versus m_Z′ (1 keV–10 GeV), configs A and C", LinkXu2019Summaries.ZPrime, Quick: true),
        ]);

    static string F(double v, string f = "G6") => v.ToString(f, CultureInfo.InvariantCulture);

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
        var otherMinima = new List<(double Gv, double Ga)>(); // island minima that are neither the SM point nor its sign mirror
        LineDash Dash(int j) => j == 0 ? LineDash.Solid : j == 1 ? LineDash.Dash : LineDash.Dot;
        // The configurations are independent: computed in parallel (2 cores), then reported in order.
        ctx.ReportProgress(0, "(g_V, g_A) regions, configurations " + string.Join(", ", Configs));
        var computed = new (AnalysisSession S, FitResult Fit, IReadOnlyList<Region2DResult> Regions)[Configs.Count];
        StudyParallel.For(Configs.Count, k =>
        {
            var s = AnalysisSession.Create(spec, spec.Experiments[k]);
            var fit = s.Fit();
            // The allowed region is disjoint: the exact sign degeneracy (g_V, g_A) → (−g_V, −g_A) and further
            // near-degenerate minima (located, not assumed). RegionFinder locates every island on a wide coarse grid and
            // resolves each on an adapted grid.
            // The coarse search grid and the fits of its candidate minima are shared by the CLs (FindAll).
            computed[k] = (s, fit, RegionFinder.FindAll(s.Cost, "gV", "gA", s.Truth, 1.7, spec.Cls, spec.Dof ?? 2, coarsePoints: 241, points: spec.Scan[0].Points));
        });
        for (int k = 0; k < Configs.Count; k++)
        {
            string x = Configs[k];
            var (s, fit, regions) = computed[k];
            ctx.RecordPreset(s.Experiment.Name, s.Experiment.ResolvedToml);
            (smGv, smGa) = (s.Truth[0], s.Truth[1]);
            ctx.SetResult($"gvga.{x}.best_gV", fit.Value("gV"));
            ctx.SetResult($"gvga.{x}.best_gA", fit.Value("gA"));
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
                    if (j == 0 && Math.Abs(Math.Abs(isl.BestX) - Math.Abs(smGv)) + Math.Abs(Math.Abs(isl.BestY) - Math.Abs(smGa)) > 0.1)
                        otherMinima.Add((Math.Abs(isl.BestX), Math.Abs(isl.BestY)));
                }
            }
        }
        // the near-degenerate minima, stated from the computed islands (never typed into the text)
        string near = otherMinima.Count == 0 ? "none"
            : $"(±{F(otherMinima.Average(m => m.Gv), "F2")}, ±{F(otherMinima.Average(m => m.Ga), "F2")})";
        zoom.Add(new MarkerSpec("SM (radiative)", smGv, smGa, MarkerShape.Star, "#000000"));
        wide.Add(new MarkerSpec("SM", smGv, smGa, MarkerShape.Star, "#000000"));
        wide.Add(new MarkerSpec("sign-flipped SM", -smGv, -smGa, MarkerShape.Cross, "#000000"));
        ctx.SaveTable(new CsvTable(["config", "cl", "dof", "delta_chi2", "line", "gV", "gA", "island"], contourRows), "gvga_contours.csv");
        ctx.SaveFigure(new FigureSpec("Link & Xu 2019 Fig. 3: (g_V, g_A) of ν_e–e",
            new AxisSpec("g_{V}"), new AxisSpec("g_{A}"), zoom, LegendCorner.TopLeft,
            Subtitle: "island around the SM; solid 1σ, dashed 90 %, dotted 95 % CL (2 dof)"), "gvga.png");
        ctx.SaveFigure(new FigureSpec("(g_V, g_A): all allowed islands",
            new AxisSpec("g_{V}", Minimum: -1.3, Maximum: 1.3), new AxisSpec("g_{A}", Minimum: -1.3, Maximum: 1.3), wide, LegendCorner.TopLeft,
            Subtitle: "(g_V, g_A) → (−g_V, −g_A) is exact" + (otherMinima.Count > 0 ? $"; the islands near {near} are near-degenerate" : "")), "gvga_both.png");
        ctx.Report.Paragraph("Two-parameter fit of the ν_e effective couplings on Asimov data at the radiatively corrected SM point " +
                "(ν_μ,τ of the solar background fixed at the SM). The cross section depends on g₁², g₂² and g₁g₂ only, so the region has a " +
                "second, exactly degenerate island at (−g_V, −g_A); " + (otherMinima.Count == 0
                    ? "no further minimum lies inside the regions. "
                    : $"the spectral shape leaves further near-degenerate minima near {near} (mean over configurations of the island minima " +
                      "away from the SM point and its mirror; g₁ ≈ −g₂), inside the 1σ–95 % regions of the weaker configurations. ") + "Every island is located on a wide " +
                "coarse grid and resolved on its own adapted grid (gvga_both.png); gvga.png zooms on the island around the SM. " +
                "Projected ranges (2 dof):")
            .Table(["config", "CL", "islands", "g_V (SM island)", "g_A (SM island)", "g_V (all islands)", "g_A (all islands)"], rows)
            .Paragraph("Local minima of the allowed islands (Δχ² relative to the global minimum):")
            .Table(["config", "island", "g_V", "g_A", "Δχ²"], islandRows)
            .Image("(g_V, g_A) contours", "gvga.png").Image("all islands", "gvga_both.png");
    }
}

/// <summary>Independent computations of a study part on all cores, with the first error rethrown as itself (so input
/// errors still end as one line with exit 2, not as an aggregate).</summary>
internal static class StudyParallel
{
    public static void For(int count, Action<int> body)
    {
        try { Parallel.For(0, count, body); }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
