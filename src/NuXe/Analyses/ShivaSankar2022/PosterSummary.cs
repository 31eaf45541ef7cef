using System.Globalization;
using NuXe.Analyses.Common;
using NuXe.Analyses.Framework;

namespace NuXe.Analyses.ShivaSankar2022;

/// <summary>
/// The statements of the poster's "Summary of the Results" that compare XENONnT / LZ with older bounds, computed from our
/// own limits and the bounds the poster tabulates (data/literature/em_bounds.csv) or, for the mediators, the Borexino
/// ν–e curve of Bauer, Foldenauer &amp; Jaeckel 2018 (data/literature/zprime_bl_borexino_bauer2018.csv). Only ratios of
/// our results to literature numbers; nothing here feeds back into a fit.
/// </summary>
public static class PosterSummary
{
    /// <summary>Data set the em summary statements are about.</summary>
    public const string EmDataSet = "xenonnt2022";

    /// <summary>Flavours of the poster's table.</summary>
    public static readonly IReadOnlyList<string> TableFlavours = ["e", "mu", "tau"];

    /// <summary>The poster's ν–e bounds (row labels of em_bounds.csv quoted from the poster) that the summary calls "Borexino and TEXONO".</summary>
    public static readonly IReadOnlyList<string> OlderExperiments = ["Borexino", "TEXONO"];

    /// <summary>Literature bound (upper end, column hi) of one poster row, or null.</summary>
    static double? Bound(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, string experiment, string quantity, string flavour)
    {
        var row = rows.FirstOrDefault(r => r["experiment"] == experiment && r["quantity"] == quantity && r["flavour"] == flavour
            && r["quoted_in"].StartsWith("ShivaSankar", StringComparison.Ordinal));
        return row is null ? null : PublishedData.Number(row, "hi");
    }

    static string F(double v, string f = "G3") => double.IsFinite(v) ? v.ToString(f, CultureInfo.InvariantCulture) : "n/a";

    /// <summary>
    /// Part <c>em</c>: em.xenonnt2022.mu.&lt;f&gt;.improvement_vs_borexino (Borexino bound / our XENONnT μ_ν_f),
    /// em.improvement_vs_borexino_texono_text (geometric mean over e, μ, τ of the strongest Borexino/TEXONO μ bound of
    /// that flavour / ours: the poster tabulates no Borexino or TEXONO millicharge bound), and the orders of magnitude of
    /// the most stringent XENONnT limits (em.xenonnt2022.{q,mu}.order_of_magnitude: the smallest over e, μ, τ of
    /// max(|lo|, |hi|) for q and of the upper limit for μ).
    /// </summary>
    public static void Em(StudyContext ctx)
    {
        var res = ctx.Results;
        var lit = Published.Literature("em_bounds.csv");
        var table = new List<IReadOnlyList<string>>();
        var logs = new List<double>();
        double bestMu = double.PositiveInfinity, bestQ = double.PositiveInfinity;
        foreach (var f in TableFlavours)
        {
            if (res.TryGetValue($"{EmDataSet}.mu.{f}", out var mu) && mu > 0)
            {
                bestMu = Math.Min(bestMu, mu);
                if (Bound(lit, "Borexino", "mu", f) is { } bx)
                {
                    ctx.SetResult($"em.{EmDataSet}.mu.{f}.improvement_vs_borexino", bx / mu);
                    table.Add([$"μ_ν{f}", "Borexino", F(bx), F(mu), F(bx / mu)]);
                }
                var older = OlderExperiments.Select(e => Bound(lit, e, "mu", f)).OfType<double>().ToArray();
                if (older.Length > 0)
                {
                    logs.Add(Math.Log(older.Min() / mu));
                    if (Bound(lit, "TEXONO", "mu", f) is { } tx) table.Add([$"μ_ν{f}", "TEXONO", F(tx), F(mu), F(tx / mu)]);
                }
            }
            if (res.TryGetValue($"{EmDataSet}.q.{f}.lo", out var lo) && res.TryGetValue($"{EmDataSet}.q.{f}.hi", out var hi))
                bestQ = Math.Min(bestQ, Math.Max(Math.Abs(lo), Math.Abs(hi)));
        }
        if (logs.Count > 0) ctx.SetResult("em.improvement_vs_borexino_texono_text", Math.Exp(logs.Average()));
        if (double.IsFinite(bestQ)) ctx.SetResult($"em.{EmDataSet}.q.order_of_magnitude", bestQ);
        if (double.IsFinite(bestMu)) ctx.SetResult($"em.{EmDataSet}.mu.order_of_magnitude", bestMu);
        ctx.Report.Heading(3, "Summary statements of the poster")
            .Paragraph("Our XENONnT 2022 limits against the bounds the poster tabulates (data/literature/em_bounds.csv). \"About one order of " +
                $"magnitude\" over Borexino and TEXONO: geometric mean over ν_e, ν_μ, ν_τ of (strongest of the two / ours) = " +
                $"{F(logs.Count > 0 ? Math.Exp(logs.Average()) : double.NaN)}; most stringent XENONnT |q_ν| {F(bestQ)} e and μ_ν {F(bestMu)} μ_B.")
            .Table(["quantity", "older bound", "bound", "ours (XENONnT 2022)", "bound / ours"], table);
    }

    /// <summary>Literature file of the Borexino ν–e light-vector curve.</summary>
    public const string BorexinoVectorCurve = "zprime_bl_borexino_bauer2018.csv";

    /// <summary>Data sets of the statement "the limits on NGIs from LZ or XENONnT".</summary>
    public static readonly IReadOnlyList<string> MediatorDataSets = ["lz2022", "xenonnt2022"];

    /// <summary>
    /// Part <c>mediators</c>: mediators.improvement_vs_borexino = median, over our mediator masses inside the Borexino
    /// curve's range, of g_Borexino(m) / g_V(m) with g_V the stronger of our LZ 2022 and XENONnT 2022 vector limits at m.
    /// The curve is for a U(1)_{B−L} boson (lepton charges −1: g_ν g_e = g², the same product our g_V = √(g_ν g_e) bounds);
    /// the poster names neither the mediator nor the mass, so the vector (the only one with a Borexino curve in the data folder)
    /// and the median over masses are our reading. Log-log interpolation of the curve.
    /// </summary>
    /// <param name="ctx">Study context.</param>
    /// <param name="massesKeV">Mediator masses (keV).</param>
    /// <param name="vectorLimits">Data set key → 90 % CL upper limits on g_V at <paramref name="massesKeV"/>.</param>
    public static void Mediators(StudyContext ctx, IReadOnlyList<double> massesKeV, IReadOnlyDictionary<string, double[]> vectorLimits)
    {
        var rows = Published.Literature(BorexinoVectorCurve);
        var pts = rows.Select(r => (X: PublishedData.Number(r, "x_GeV") ?? double.NaN, Y: PublishedData.Number(r, "y_coupling") ?? double.NaN))
            .Where(p => p.X > 0 && p.Y > 0).OrderBy(p => p.X).ToArray();
        if (pts.Length < 2) return;
        double Interp(double xGeV)
        {
            int i = Array.FindIndex(pts, p => p.X >= xGeV);
            if (i <= 0) return i == 0 && pts[0].X == xGeV ? pts[0].Y : double.NaN;
            double t = Math.Log(xGeV / pts[i - 1].X) / Math.Log(pts[i].X / pts[i - 1].X);
            return Math.Exp(Math.Log(pts[i - 1].Y) + t * Math.Log(pts[i].Y / pts[i - 1].Y));
        }
        var ratios = new List<double>();
        for (int k = 0; k < massesKeV.Count; k++)
        {
            double ours = MediatorDataSets.Select(d => vectorLimits.TryGetValue(d, out var v) ? v[k] : double.NaN).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
            double bx = Interp(massesKeV[k] * 1e-6);
            if (double.IsFinite(bx) && ours > 0) ratios.Add(bx / ours);
        }
        if (ratios.Count == 0) return;
        ratios.Sort();
        double median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : Math.Sqrt(ratios[ratios.Count / 2 - 1] * ratios[ratios.Count / 2]);
        ctx.SetResult("mediators.improvement_vs_borexino", median);
        ctx.SetResult("mediators.improvement_vs_borexino.min", ratios[0]);
        ctx.SetResult("mediators.improvement_vs_borexino.max", ratios[^1]);
        ctx.Report.Paragraph($"\"Improved by a factor 5 compared to Borexino\": g_V(Borexino, Bauer et al. 2018 B−L curve, data/literature/{BorexinoVectorCurve}) " +
            $"/ our stronger LZ 2022 or XENONnT 2022 vector limit, over the {ratios.Count} of our masses inside the curve's range: median {F(median)}, " +
            $"range {F(ratios[0])}–{F(ratios[^1])} (key mediators.improvement_vs_borexino).");
    }
}
