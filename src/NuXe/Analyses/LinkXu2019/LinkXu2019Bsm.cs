using System.Globalization;
using NuXe.Analyses.Common;
using NuXe.Analyses.Framework;
using NuXe.Detector;
using NuXe.Output;
using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Presets;
using NuXe.Statistics;

namespace NuXe.Analyses.LinkXu2019;

/// <summary>
/// Link &amp; Xu 2019 (JHEP 08 (2019) 004, arXiv:1903.09891) beyond-SM parts: NSI (Table III, Fig. 4), SPVAT (Fig. 5) and the
/// light Z′ (Figs. 6–7), with the conventions of EXPERIMENTS.md §1.1 (Asimov at the radiatively corrected SM, Gaussian χ²
/// with σ_i² = N_i, 1 keV bins 1–560 keV, no nuisances).
/// </summary>
public static class LinkXu2019Bsm
{
    /// <summary>Half-width of the coarse island search around the SM for NSI ε (the ν_e mirror solution of ε_ee sits at
    /// (ε^L, ε^R) = (−g₁, −g₂) ≈ (−1.48, −0.48)).</summary>
    public const double NsiSearchHalfWidth = 2.0;

    /// <summary>Half-width of the coarse island search around the SM for SPVAT δC_a, δD_a.</summary>
    public const double SpvatSearchHalfWidth = 4.0;

    /// <summary>Flavour suffixes of the NSI parameters (ε_{eα}).</summary>
    public static readonly IReadOnlyList<(string Model, string Suffix, string Label)> NsiFlavours =
        [("nsi-e", "ee", "ee"), ("nsi-mu", "emu", "eμ"), ("nsi-tau", "etau", "eτ")];

    /// <summary>SPVAT structures in report order.</summary>
    public static readonly IReadOnlyList<string> SpvatStructures = Array.AsReadOnly(["S", "P", "V", "A", "T"]);

    static string F(double v, string f = "G4") => v.ToString(f, CultureInfo.InvariantCulture);

    /// <summary>The cost (χ² of Asimov data at the model's SM point) of a model on a compiled experiment.</summary>
    public static (ChiSquareCost Cost, double[] Truth) AsimovCost(PreparedExperiment prepared, string model, CostKind kind, Flavour? flavour = null)
    {
        var p = prepared.Spec.Physics;
        var m = ModelCatalog.Create(model, new ModelOptions(p.Couplings, p.Sin2ThetaW, flavour));
        var linear = ExperimentLikelihood.Build(prepared, m);
        var truth = m.SmPoint.ToArray();
        return (new ChiSquareCost(linear, ExperimentLikelihood.Asimov(linear, truth, $"asimov({prepared.Spec.Name})"), kind), truth);
    }

    /// <summary>The 1-dof cut of one parameter (the others at the true point) over [−w, w] around it: intervals at Δχ² = 2.71.</summary>
    public static ConfidenceInterval OneDofCut(Cost cost, string parameter, IReadOnlyList<double> truth, double halfWidth, double cl = 0.90, int points = 4001)
    {
        double c = truth[cost.IndexOf(parameter)];
        // Gaussian χ² without nuisances: the same χ² from its quadratic form in the coefficients (O(basis²) per point)
        cost = GaussianQuadraticChi2.TryCreate(cost, truth)?.AsCost() ?? cost;
        return ProfileScan.Scan1D(cost, parameter, ProfileScan.Linear(c - halfWidth, c + halfWidth, points), truth, new ScanOptions([cl], 1)).At(cl);
    }

    static Interval Containing(ConfidenceInterval ci, double v)
        => ci.Intervals.FirstOrDefault(i => i.Contains(v)) ?? new Interval(double.NaN, double.NaN);

    // ------------------------------------------------------------------ NSI

    /// <summary>Table III / Fig. 4: NSI regions for A, B, C and α = e, μ, τ.</summary>
    public static void RunNsi(StudyContext ctx)
    {
        var (spec, resolved) = AnalysisPresets.Load("linkxu2019-nsi");
        ctx.RecordPreset("analysis:linkxu2019-nsi", resolved);
        double cl = spec.Cls[0];
        int dof = spec.Dof ?? 2;
        var contourRows = new List<IReadOnlyList<object>>();
        var tableRows = new List<IReadOnlyList<object>>();
        var mdRows = new List<IReadOnlyList<string>>();
        var series = NsiFlavours.ToDictionary(f => f.Suffix, _ => new List<SeriesSpec>());
        var seriesAll = new List<SeriesSpec>();
        var notes = new List<string>();
        int nExp = spec.Experiments.Count;
        // every (configuration, flavour) is independent: computed in parallel, then reported in order
        var loadedAll = spec.Experiments.Select(e => ExperimentPresets.Load(e, spec.ExperimentOverrides)).ToArray();
        ctx.ReportProgress(0, "NSI regions and cuts, configurations " + string.Join(", ", LinkXu2019Study.Configs.Take(nExp)));
        var computed = new (Region2DResult Region, ConfidenceInterval CutL, ConfidenceInterval CutR)[nExp * NsiFlavours.Count];
        StudyParallel.For(computed.Length, i =>
        {
            var (model, suffix, _) = NsiFlavours[i % NsiFlavours.Count];
            var prepared = PreparedExperimentCache.Compile(loadedAll[i / NsiFlavours.Count]);
            var (cost, truth) = AsimovCost(prepared, model, spec.Statistic);
            string pl = "epsL_" + suffix, pr = "epsR_" + suffix;
            computed[i] = (RegionFinder.Find(cost, pl, pr, truth, NsiSearchHalfWidth, cl, dof),
                OneDofCut(cost, pl, truth, NsiSearchHalfWidth), OneDofCut(cost, pr, truth, NsiSearchHalfWidth));
        });
        for (int k = 0; k < nExp; k++)
        {
            string x = LinkXu2019Study.Configs[k];
            var loaded = loadedAll[k];
            ctx.RecordPreset(loaded.Name, loaded.ResolvedToml);
            for (int f = 0; f < NsiFlavours.Count; f++)
            {
                var (model, suffix, label) = NsiFlavours[f];
                string pl = "epsL_" + suffix, pr = "epsR_" + suffix;
                var (region, cutL, cutR) = computed[k * NsiFlavours.Count + f];
                var prim = region.Primary;
                ctx.SetResult($"nsi.{x}.{pl}.lo", prim.Contour.XRange.Lower);
                ctx.SetResult($"nsi.{x}.{pl}.hi", prim.Contour.XRange.Upper);
                ctx.SetResult($"nsi.{x}.{pr}.lo", prim.Contour.YRange.Lower);
                ctx.SetResult($"nsi.{x}.{pr}.hi", prim.Contour.YRange.Upper);
                ctx.SetResult($"nsi.{x}.{suffix}.islands", region.Islands.Count);
                var iL = Containing(cutL, 0); var iR = Containing(cutR, 0);
                ctx.SetResult($"nsi.{x}.{pl}.lo_1dof", iL.Lower);
                ctx.SetResult($"nsi.{x}.{pl}.hi_1dof", iL.Upper);
                ctx.SetResult($"nsi.{x}.{pr}.lo_1dof", iR.Lower);
                ctx.SetResult($"nsi.{x}.{pr}.hi_1dof", iR.Upper);
                if (region.Islands.Count > 1)
                {
                    var oX = region.OuterXRange; var oY = region.OuterYRange;
                    ctx.SetResult($"nsi.{x}.{pl}.outer_lo", oX.Lower); ctx.SetResult($"nsi.{x}.{pl}.outer_hi", oX.Upper);
                    ctx.SetResult($"nsi.{x}.{pr}.outer_lo", oY.Lower); ctx.SetResult($"nsi.{x}.{pr}.outer_hi", oY.Upper);
                }
                for (int s = 0; s < region.Islands.Count; s++)
                {
                    var isl = region.Islands[s];
                    int line = 0;
                    foreach (var l in isl.Contour.Lines)
                    {
                        foreach (var pt in l.Points) contourRows.Add([x, suffix, s, line, pt.X, pt.Y]);
                        line++;
                    }
                    var cs = new ContourSpec(s == 0 ? $"config {x}" : null, StudyPlots.Lines(isl.Contour), StudyPlots.ConfigColors[k]);
                    if (s == 0) series[suffix].Add(cs);
                    if (suffix == "ee") seriesAll.Add(cs);
                    tableRows.Add([x, suffix, s, isl.Contour.XRange.Lower, isl.Contour.XRange.Upper, isl.Contour.YRange.Lower, isl.Contour.YRange.Upper,
                        s == 0 ? iL.Lower : double.NaN, s == 0 ? iL.Upper : double.NaN, s == 0 ? iR.Lower : double.NaN, s == 0 ? iR.Upper : double.NaN,
                        isl.BestX, isl.BestY, isl.DeltaChi2AtBest, isl.TouchesEdge ? 1 : 0, isl.Grid.NonConvergedCount]);
                    mdRows.Add([x, label + (s == 0 ? "" : $" (island {s + 1})"),
                        $"[{F(isl.Contour.XRange.Lower)}, {F(isl.Contour.XRange.Upper)}]", $"[{F(isl.Contour.YRange.Lower)}, {F(isl.Contour.YRange.Upper)}]",
                        s == 0 ? $"[{F(iL.Lower)}, {F(iL.Upper)}]" + (cutL.Intervals.Count > 1 ? $" (+{cutL.Intervals.Count - 1} more)" : "") : "—",
                        s == 0 ? $"[{F(iR.Lower)}, {F(iR.Upper)}]" + (cutR.Intervals.Count > 1 ? $" (+{cutR.Intervals.Count - 1} more)" : "") : "—"]);
                    if (isl.TouchesEdge) notes.Add($"Warning: config {x}, ε_{label} island {s + 1} still touches its grid edge.");
                    if (isl.Grid.NonConvergedCount > 0) notes.Add($"Warning: config {x}, ε_{label}: {isl.Grid.NonConvergedCount} grid points did not converge.");
                }
                foreach (var (cut, p) in new[] { (cutL, pl), (cutR, pr) })
                    if (cut.Intervals.Count > 1)
                        notes.Add($"Config {x}, {p} 1-dof cut is disjoint: " + string.Join(" ∪ ", cut.Intervals.Select(i => $"[{F(i.Lower)}, {F(i.Upper)}]")) + ".");
            }
        }
        ctx.SaveTable(new CsvTable(["config", "flavour", "island", "line", "epsL", "epsR"], contourRows), "nsi_contours.csv");
        ctx.SaveTable(new CsvTable(["config", "flavour", "island", "epsL_lo_2dof", "epsL_hi_2dof", "epsR_lo_2dof", "epsR_hi_2dof",
            "epsL_lo_1dof", "epsL_hi_1dof", "epsR_lo_1dof", "epsR_hi_1dof", "island_best_epsL", "island_best_epsR", "island_delta_chi2_min",
            "touches_grid_edge", "non_converged_points"], tableRows), "nsi.csv");
        foreach (var (_, suffix, label) in NsiFlavours)
        {
            var s = series[suffix];
            s.AddRange(LiteratureOverlays.BoundBoxes("nsi_known_bounds.csv", "epsL_" + suffix, "epsR_" + suffix));
            s.Add(new MarkerSpec("SM", 0, 0, MarkerShape.Star, "#000000"));
            ctx.SaveFigure(new FigureSpec($"Link & Xu 2019 Fig. 4: NSI ε(L)_{label}, ε(R)_{label} (α = {label[1..]}), 90 % CL (2 dof)",
                new AxisSpec($"ε^{{L}}_{{{label}}}"), new AxisSpec($"ε^{{R}}_{{{label}}}"), s, LegendCorner.TopRight,
                Subtitle: "Asimov at the SM (radiative couplings), Gaussian χ², Δχ² = 4.61; island around the SM; dotted box: Table III known bounds"), $"nsi_{suffix}.png");
        }
        seriesAll.Add(new MarkerSpec("SM", 0, 0, MarkerShape.Star, "#000000"));
        ctx.SaveFigure(new FigureSpec("NSI ε(L)_ee, ε(R)_ee: all islands of the 90 % CL region (2 dof)",
            new AxisSpec("ε^{L}_{ee}"), new AxisSpec("ε^{R}_{ee}"), seriesAll, LegendCorner.TopLeft,
            Subtitle: "(g̃₁, g̃₂) → (−g̃₁, −g̃₂) leaves σ unchanged: exact mirror at (−g₁, −g₂); the two other islands are a near-degenerate mirror pair"), "nsi_ee_all.png");

        ctx.Report.Paragraph("For each configuration and flavour α, a 2-D fit of (ε^L_eα, ε^R_eα) with the other flavours at zero on Asimov " +
                "data at the radiatively corrected SM (sin²θ_W = 0.23865), Gaussian χ² with σ_i² = N_i, 1 keV bins 1–560 keV, free electrons, " +
                "no nuisances (EXPERIMENTS.md §1.1). The table gives the projections of the 90 % CL, **2-dof** region (Δχ² = 4.61; Table III " +
                "convention) and, for comparison, the **1-dof cuts** (other ε fixed at 0, Δχ² = 2.71). Grids: a coarse 161×161 search over " +
                $"±{F(NsiSearchHalfWidth)} locates every island; each island then gets a 101×101 grid adapted until its contour is contained " +
                "with margin (widened on any edge contact, tightened for resolution). For α = μ, τ the cross section is quadratic in ε " +
                "(no interference with the SM), so the region is centred on 0 and μ ↔ τ give identical regions; for α = e there is " +
                "interference and further islands: the exactly degenerate mirror at (ε^L, ε^R) = (−g₁, −g₂) ((g̃₁, g̃₂) → (−g̃₁, −g̃₂)) and, " +
                "when statistics are low (A, B), a near-degenerate mirror pair with Δχ²_min > 0 (key `nsi.X.ee.islands` counts them; " +
                "islands are numbered by distance from the SM; the main keys refer to the island around the SM, `outer_lo|hi` keys to " +
                "the union of all islands).")
            .Table(["config", "ε_eα", "ε^L (90 %, 2 dof)", "ε^R (90 %, 2 dof)", "ε^L cut (90 %, 1 dof)", "ε^R cut (90 %, 1 dof)"], mdRows)
            .Image("NSI ee", "nsi_ee.png").Image("NSI eμ", "nsi_emu.png").Image("NSI eτ", "nsi_etau.png").Image("NSI ee, both islands", "nsi_ee_all.png");
        if (notes.Count > 0) ctx.Report.Bullets(notes);
        ctx.Report.Paragraph("Published Table III values are not available in the project's offline sources; see docs/linkxu2019.md.");
    }

    // ------------------------------------------------------------------ SPVAT

    /// <summary>Fig. 5: SPVAT (δC_a, δD_a) regions for configs A and C.</summary>
    public static void RunSpvat(StudyContext ctx)
    {
        var (spec, resolved) = AnalysisPresets.Load("linkxu2019-spvat");
        ctx.RecordPreset("analysis:linkxu2019-spvat", resolved);
        double cl = spec.Cls[0];
        int dof = spec.Dof ?? 2;
        var contourRows = new List<IReadOnlyList<object>>();
        var tableRows = new List<IReadOnlyList<object>>();
        var mdRows = new List<IReadOnlyList<string>>();
        var series = SpvatStructures.ToDictionary(a => a, _ => new List<SeriesSpec>());
        var seriesAll = SpvatStructures.ToDictionary(a => a, _ => new List<SeriesSpec>());
        var notes = new List<string>();
        int nExp = spec.Experiments.Count;
        // every (configuration, structure) is independent: computed in parallel, then reported in order
        var loadedAll = spec.Experiments.Select(e => ExperimentPresets.Load(e, spec.ExperimentOverrides)).ToArray();
        ctx.ReportProgress(0, "SPVAT regions, " + string.Join(", ", spec.Experiments));
        int nS = SpvatStructures.Count;
        var computed = new Region2DResult[nExp * nS];
        StudyParallel.For(computed.Length, i =>
        {
            string a = SpvatStructures[i % nS];
            var (cost, truth) = AsimovCost(PreparedExperimentCache.Compile(loadedAll[i / nS]), "spvat-" + a, spec.Statistic, Flavour.E);
            computed[i] = RegionFinder.Find(cost, "dC_" + a, "dD_" + a, truth, SpvatSearchHalfWidth, cl, dof);
        });
        for (int k = 0; k < nExp; k++)
        {
            string expName = spec.Experiments[k];
            string x = expName.StartsWith("linkxu-", StringComparison.Ordinal) ? expName[7..] : expName;
            var loaded = loadedAll[k];
            ctx.RecordPreset(loaded.Name, loaded.ResolvedToml);
            int color = LinkXu2019Study.ConfigIndex(x);
            for (int j = 0; j < SpvatStructures.Count; j++)
            {
                string a = SpvatStructures[j];
                var region = computed[k * nS + j];
                var prim = region.Primary;
                ctx.SetResult($"spvat.{x}.{a}.C.lo", prim.Contour.XRange.Lower);
                ctx.SetResult($"spvat.{x}.{a}.C.hi", prim.Contour.XRange.Upper);
                ctx.SetResult($"spvat.{x}.{a}.D.lo", prim.Contour.YRange.Lower);
                ctx.SetResult($"spvat.{x}.{a}.D.hi", prim.Contour.YRange.Upper);
                ctx.SetResult($"spvat.{x}.{a}.islands", region.Islands.Count);
                if (region.Islands.Count > 1)
                {
                    ctx.SetResult($"spvat.{x}.{a}.C.outer_lo", region.OuterXRange.Lower); ctx.SetResult($"spvat.{x}.{a}.C.outer_hi", region.OuterXRange.Upper);
                    ctx.SetResult($"spvat.{x}.{a}.D.outer_lo", region.OuterYRange.Lower); ctx.SetResult($"spvat.{x}.{a}.D.outer_hi", region.OuterYRange.Upper);
                }
                for (int s = 0; s < region.Islands.Count; s++)
                {
                    var isl = region.Islands[s];
                    int line = 0;
                    foreach (var l in isl.Contour.Lines)
                    {
                        foreach (var pt in l.Points) contourRows.Add([x, a, s, line, pt.X, pt.Y]);
                        line++;
                    }
                    var cs = new ContourSpec(s == 0 ? $"config {x}" : null, StudyPlots.Lines(isl.Contour), StudyPlots.ConfigColors[Math.Max(color, 0)]);
                    if (s == 0) series[a].Add(cs);
                    seriesAll[a].Add(cs);
                    tableRows.Add([x, a, s, isl.Contour.XRange.Lower, isl.Contour.XRange.Upper, isl.Contour.YRange.Lower, isl.Contour.YRange.Upper,
                        isl.BestX, isl.BestY, isl.DeltaChi2AtBest, isl.TouchesEdge ? 1 : 0, isl.Grid.NonConvergedCount]);
                    mdRows.Add([x, a + (s == 0 ? "" : $" (island {s + 1})"), $"[{F(isl.Contour.XRange.Lower)}, {F(isl.Contour.XRange.Upper)}]",
                        $"[{F(isl.Contour.YRange.Lower)}, {F(isl.Contour.YRange.Upper)}]", $"({F(isl.BestX)}, {F(isl.BestY)})"]);
                    if (isl.TouchesEdge) notes.Add($"Warning: config {x}, {a} island {s + 1} still touches its grid edge.");
                    if (isl.Grid.NonConvergedCount > 0) notes.Add($"Warning: config {x}, {a}: {isl.Grid.NonConvergedCount} grid points did not converge.");
                }
            }
        }
        ctx.SaveTable(new CsvTable(["config", "structure", "island", "line", "dC", "dD"], contourRows), "spvat_contours.csv");
        ctx.SaveTable(new CsvTable(["config", "structure", "island", "dC_lo", "dC_hi", "dD_lo", "dD_hi", "island_best_dC", "island_best_dD",
            "island_delta_chi2_min", "touches_grid_edge", "non_converged_points"], tableRows), "spvat.csv");
        var multi = new List<string>();
        foreach (var a in SpvatStructures)
        {
            var s = series[a];
            s.Add(new MarkerSpec("SM", 0, 0, MarkerShape.Star, "#000000"));
            ctx.SaveFigure(new FigureSpec($"Link & Xu 2019 Fig. 5: SPVAT {a}, 90 % CL (2 dof)",
                new AxisSpec($"δC_{{{a}}}"), new AxisSpec($"δD_{{{a}}}"), s, LegendCorner.TopRight,
                Subtitle: "Asimov at the SM (radiative couplings), Gaussian χ², Δχ² = 4.61; (δC, δD) = (C, D) − SM; island around the SM"), $"spvat_{a}.png");
            if (seriesAll[a].Count > s.Count - 1)
            {
                seriesAll[a].Add(new MarkerSpec("SM", 0, 0, MarkerShape.Star, "#000000"));
                ctx.SaveFigure(new FigureSpec($"SPVAT {a}: all islands of the 90 % CL region (2 dof)",
                    new AxisSpec($"δC_{{{a}}}"), new AxisSpec($"δD_{{{a}}}"), seriesAll[a], LegendCorner.TopRight,
                    Subtitle: "degenerate and near-degenerate solutions of the quadratic forms x₁…x₄"), $"spvat_{a}_all.png");
                multi.Add(a);
            }
        }
        ctx.Report.Paragraph("For a ∈ {S, P, V, A, T}, one pair (δC_a, δD_a) = (C_a, D_a) − SM at a time (PHYSICS.md §4.2; the SM point is " +
                "(C_V, D_V, C_A, D_A) = (g_V, −g_A, g_A, −g_V) of ν_e), 90 % CL 2-dof regions (Δχ² = 4.61) on Asimov data at the SM with the " +
                "linkxu conventions (EXPERIMENTS.md §1.1). S, P, T do not interfere with the SM V/A amplitude, so their regions are centred " +
                "on 0; V and A interfere and can have further (degenerate) islands, listed separately (keys refer to the island around " +
                $"the SM; `outer_lo|hi` to the union). Coarse search ±{F(SpvatSearchHalfWidth)}, 101×101 adapted grids per island.")
            .Table(["config", "a", "δC_a (90 %, 2 dof)", "δD_a (90 %, 2 dof)", "island minimum"], mdRows);
        foreach (var a in SpvatStructures)
        {
            ctx.Report.Image($"SPVAT {a}", $"spvat_{a}.png");
            if (multi.Contains(a)) ctx.Report.Image($"SPVAT {a}, all islands", $"spvat_{a}_all.png");
        }
        if (notes.Count > 0) ctx.Report.Bullets(notes);
    }

    // ------------------------------------------------------------------ Z′

    /// <summary>The three Z′ mechanisms with their result-key names (alpha = s_α).</summary>
    public static readonly IReadOnlyList<(ZPrimeMechanism Mechanism, string Key, string Label, string File)> ZPrimeMechanisms =
    [
        (ZPrimeMechanism.Gauge, "g", "g_{Z′}", "gauge"),
        (ZPrimeMechanism.Kinetic, "epsilon", "ε", "kinetic"),
        (ZPrimeMechanism.Mass, "alpha", "s_{α}", "mass"),
    ];

    /// <summary>Figs. 6–7: Z′ limit curves for configs A and C.</summary>
    public static void RunZPrime(StudyContext ctx)
    {
        var (spec, resolved) = AnalysisPresets.Load("linkxu2019-zprime");
        ctx.RecordPreset("analysis:linkxu2019-zprime", resolved);
        var options = ZPrimeLimits.Options(spec.Cls[0], spec.Dof ?? 1);
        double threshold = ChiSquareThresholds.Threshold(options.Cl, options.Dof);
        var masses = ZPrimeLimits.Masses();
        var configs = new List<(string X, PreparedExperiment P, BinnedData D)>();
        foreach (var e in spec.Experiments)
        {
            var loaded = ExperimentPresets.Load(e, spec.ExperimentOverrides);
            ctx.RecordPreset(loaded.Name, loaded.ResolvedToml);
            var p = PreparedExperimentCache.Compile(loaded);
            configs.Add((e.StartsWith("linkxu-", StringComparison.Ordinal) ? e[7..] : e, p, ZPrimeLimits.StandardModelAsimov(p)));
        }
        var md = new List<IReadOnlyList<string>>();
        var notes = new List<string>();
        int step = 0;
        foreach (var (mech, key, label, file) in ZPrimeMechanisms)
        {
            var curves = new List<(string X, LimitCurveResult C)>();
            foreach (var (x, p, d) in configs)
            {
                ctx.ReportProgress(step++ / (3.0 * configs.Count), $"Z′ {file}, configuration {x}");
                var curve = ctx.Time($"{file}.{x}", () => ZPrimeLimits.Compute(p, d, spec.Statistic, mech, masses, options));
                curves.Add((x, curve));
                foreach (var (tag, m) in new[] { ("1keV", 1.0), ("1MeV", 1e3), ("1GeV", 1e6) })
                    ctx.SetResult($"zprime.{x}.{key}.m_{tag}", curve.Points.First(pt => pt.Mass == m).Result.Limit);
                int bad = curve.Points.Count(pt => pt.Result.Status != LimitStatus.Found);
                if (bad > 0) notes.Add($"{file} {x}: {bad} masses without a limit in the search range.");
            }
            var rows = new List<IReadOnlyList<object>>();
            for (int i = 0; i < masses.Length; i++)
            {
                var row = new List<object> { masses[i] };
                foreach (var (_, c) in curves) { row.Add(c.Points[i].Result.Limit); row.Add(c.Points[i].Result.Status.ToString()); }
                rows.Add(row);
            }
            var cols = new List<string> { "mass_keV" };
            foreach (var (x, _) in curves) { cols.Add($"{key}_limit_{x}"); cols.Add($"status_{x}"); }
            ctx.SaveTable(new CsvTable(cols, rows), $"zprime_{file}.csv");
            var series = curves.Select(c => (SeriesSpec)new LineSeriesSpec($"config {c.X}", masses.Select(m => m / 1e6).ToArray(),
                c.C.Points.Select(pt => pt.Result.Limit).ToArray(), StudyPlots.ConfigColors[Math.Max(0, LinkXu2019Study.ConfigIndex(c.X))])).ToList();
            if (mech == ZPrimeMechanism.Gauge)
                foreach (var (litFile, litLabel, litColor) in new[] {
                    ("zprime_bl_texono_bauer2018.csv", "TEXONO (B−L, Bauer et al. 2018, DARKCAST digitisation)", "#555555"),
                    ("zprime_bl_charm2_bauer2018.csv", "CHARM-II (B−L, same source)", "#8c564b"),
                    ("zprime_bl_borexino_bauer2018.csv", "Borexino (B−L, same source)", "#9467bd") })
                    series.Add(LiteratureOverlays.Curve(litFile, litLabel, "x_GeV", "y_coupling", litColor));
            ctx.SaveFigure(new FigureSpec($"Link & Xu 2019 Figs. 6–7: Z′ {file} — 90 % CL upper limit on {label}",
                new AxisSpec("m_{Z′} [GeV]", AxisScale.Log), new AxisSpec($"{label} (90 % CL upper limit)", AxisScale.Log), series, LegendCorner.TopLeft,
                Subtitle: $"Δχ² = {F(threshold, "F2")} (1 dof), Asimov at the SM, Gaussian χ²; excluded above the lines"), $"zprime_{file}.png");
            foreach (var (tag, m) in new[] { ("1 keV", 1.0), ("1 MeV", 1e3), ("1 GeV", 1e6) })
                md.Add([label.Replace("{", "").Replace("}", "").Replace("_", ""), tag, .. curves.Select(c => F(c.C.Points.First(pt => pt.Mass == m).Result.Limit, "G3"))]);
        }
        ctx.Report.Paragraph($"Upper limits at Δχ² = {F(threshold, "F3")} (90 % CL, **1 dof**, the EXPERIMENTS.md convention; the 2-dof option " +
                $"Δχ² = 4.61 is `dof = 2` in the analysis preset) at {masses.Length} log-spaced masses from 1 keV to 10 GeV (6 per decade, " +
                "decades exact), Asimov at the SM with the linkxu conventions. Each limit is the first crossing of the threshold going up " +
                "from coupling 0 (log-coupling grid, then Brent). The gauge shift (δ₁, δ₂) = (g², g²) is positive in both couplings; for " +
                "kinetic and mass mixing the linear (interference) term can partly cancel between g₁ and g₂, which the first-crossing rule " +
                "handles (Δχ² is even in the coupling, so there is no sign ambiguity at 0). Below m_Z′ ≈ √(2 m_e T) ~ 0.3 MeV the limit is " +
                "flat; above it rises ∝ m_Z′ (∝ m for g, ε, s_α since the shift ∝ coupling²/m²).")
            .Table(["coupling", "m_Z′", .. configs.Select(c => $"config {c.X}")], md);
        foreach (var (_, _, _, file) in ZPrimeMechanisms) ctx.Report.Image($"Z′ {file}", $"zprime_{file}.png");
        if (notes.Count > 0) ctx.Report.Bullets(notes);
    }
}
