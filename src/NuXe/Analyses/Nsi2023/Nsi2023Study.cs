using System.Globalization;
using NuXe.Analyses.Common;
using NuXe.Analyses.DataFits;
using NuXe.Analyses.Framework;
using NuXe.Output;
using NuXe.Physics.Models;
using NuXe.Statistics;

namespace NuXe.Analyses.Nsi2023;

/// <summary>
/// `nuxe reproduce nsi2023`: D. W. P. Amaral, D. Cerdeño, A. Cheek and P. Foldenauer, "A direct detection view of the neutrino
/// NSI landscape", JHEP 07 (2023) 071, arXiv:2302.12846 (and the SNuDD code). NSI in solar-neutrino propagation (Sun, Earth
/// day/night over each run) and detection (ν–e cross-section matrix) fitted to the LZ WS2022 + WS2024 (combined), XENONnT SR0 and
/// PandaX-4T Run1 electron-recoil data. Parts: <c>limits</c> — 90 % CL (Δχ² = 2.71, 1 dof) intervals of each ε_αβ (real) with the
/// others at zero in the electron direction (η = 0, φ = π/2); <c>pn</c> — the same for ε_ee and ε_ττ in the proton (η = 0, φ = 0)
/// and neutron (η = π/2) directions, where only propagation acts on electron recoils.
/// </summary>
public static class Nsi2023Study
{
    public const string Name = "nsi2023";

    /// <summary>Data-set keys of the result contract: lz (WS2022 + WS2024), xenonnt2022, pandax4t2024.</summary>
    public static readonly IReadOnlyList<string> DataSetKeys = ["lz", "xenonnt2022", "pandax4t2024"];

    /// <summary>The six ε entries of the contract (real parts), in order.</summary>
    public static readonly IReadOnlyList<string> Couplings = ["ee", "mumu", "tautau", "emu", "etau", "mutau"];

    /// <summary>Earth-matter setting of the fits: the day/night average over each run at its site (presets' latitude and dates).</summary>
    public const string Earth = "average";

    /// <summary>Scan range of every ε (symmetric) and its number of grid points.</summary>
    public const double Range = 1.5;
    public const int Points = 121;

    public static IStudy Create() => new Study(Name,
        "Amaral et al. 2023: solar-neutrino NSI in propagation and detection with LZ, XENONnT and PandaX-4T electron recoils",
        "D. W. P. Amaral, D. Cerdeño, A. Cheek and P. Foldenauer, JHEP 07 (2023) 071, arXiv:2302.12846",
        [
            new StudyPart("limits", "90 % CL intervals (1 dof) of ε_ee, ε_μμ, ε_ττ, ε_eμ, ε_eτ, ε_μτ (others 0), electron direction η = 0, φ = π/2", RunLimits),
            new StudyPart("pn", "The p–n plane examples: ε_ee and ε_ττ in the proton (φ = 0) and neutron (η = π/2) directions (propagation only), LZ combined", RunPn),
        ]);

    static string F(double v, string f = "G4") => v.ToString(f, CultureInfo.InvariantCulture);

    /// <summary>The three analyses of the contract (each data set compiled with the day/night average).</summary>
    public static IReadOnlyList<CombinedAnalysis> Load(StudyContext? ctx)
    {
        DataSetInfo[] infos = [DataSets.Lz2022, DataSets.Lz2024, DataSets.XenonNT2022, DataSets.PandaX4T2024];
        var sets = new DataSetFit[infos.Length];
        Parallel.For(0, infos.Length, i => sets[i] = DataSetFit.Load(infos[i], null, [$"solar.earth=\"{Earth}\""]));
        if (ctx is not null)
            foreach (var d in sets)
            {
                ctx.RecordPreset(d.Experiment.Name, d.Experiment.ResolvedToml);
                ctx.RecordPreset("analysis:" + d.Info.AnalysisPreset, d.AnalysisToml);
            }
        return [new CombinedAnalysis("lz", [sets[0], sets[1]]), CombinedAnalysis.Single(sets[2]), CombinedAnalysis.Single(sets[3])];
    }

    /// <summary>One 1-D interval result.</summary>
    public sealed record IntervalResult(string DataSet, string Parameter, double Lo, double Hi, int Islands, string AllIntervals, double BestFit, Profile1DResult Profile,
        bool AtGridEdge = false);

    /// <summary>Profile one ε of the nsi-solar model (others at their reference values) on an analysis; 90 % CL, 1 dof.</summary>
    public static IntervalResult Interval(CombinedAnalysis a, string parameter, double eta = 0, double phi = Math.PI / 2, int points = Points, double range = Range)
    {
        var cost = a.Cost("nsi-solar");
        var reference = new double[SolarNsiModel.Names.Count];
        reference[SolarNsiModel.EtaIndex] = eta; reference[SolarNsiModel.PhiIndex] = phi;
        var grid = ProfileScan.Linear(-range, range, points);
        var ip = SolarNsiModel.Names.ToList().IndexOf(parameter);
        var prof = ProfileScan.Scan1D(cost, parameter, grid, reference, new ScanOptions([0.9], 1, false));
        var ci = prof.At(0.9).Intervals;
        // The reported interval is the connected one containing the SM (ε = 0), else the one containing the best fit.
        var main = ci.FirstOrDefault(i => i.Lower <= 0 && i.Upper >= 0) ?? ci.FirstOrDefault(i => i.Lower <= prof.BestFitValue && i.Upper >= prof.BestFitValue) ?? ci.FirstOrDefault();
        string all = string.Join(" ∪ ", ci.Select(i => $"[{F(i.Lower, "G3")}{(i.LowerAtGridEdge ? "*" : "")}, {F(i.Upper, "G3")}{(i.UpperAtGridEdge ? "*" : "")}]"));
        return new IntervalResult(a.Key, parameter, main?.Lower ?? double.NaN, main?.Upper ?? double.NaN, ci.Count, all, prof.BestFitValue, prof,
            main is not null && (main.LowerAtGridEdge || main.UpperAtGridEdge));
    }

    static void RunLimits(StudyContext ctx)
    {
        var analyses = Load(ctx);
        var tasks = analyses.SelectMany(a => Couplings.Select(c => (a, c))).ToArray();
        var results = new IntervalResult[tasks.Length];
        int done = 0;
        Parallel.For(0, tasks.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            results[i] = Interval(tasks[i].a, "eps_" + tasks[i].c);
            ctx.ReportProgress(Interlocked.Increment(ref done) / (double)tasks.Length, $"{tasks[i].a.Key} eps_{tasks[i].c}");
        });
        var published = Published.For(Name);
        var rows = new List<IReadOnlyList<object>>();
        var md = new List<IReadOnlyList<string>>();
        foreach (var r in results)
        {
            string key = $"{Name}.{r.DataSet}.{r.Parameter}";
            ctx.SetResult(key + ".lo", r.Lo);
            ctx.SetResult(key + ".hi", r.Hi);
            ctx.SetResult(key + ".islands", r.Islands);
            ctx.SetResult(key + ".at_grid_edge", r.AtGridEdge ? 1 : 0);
            string pub = published.TryGetValue(key + ".lo", out var pl) && published.TryGetValue(key + ".hi", out var ph)
                ? $"[{F(pl.Value, "G3")}, {F(ph.Value, "G3")}]" : "not retrieved";
            rows.Add([r.DataSet, r.Parameter, r.Lo, r.Hi, r.Islands, r.AllIntervals, r.BestFit, r.Profile.Chi2Min]);
            md.Add([Label(r.DataSet), r.Parameter.Replace("eps_", "ε_"), $"[{F(r.Lo, "G3")}, {F(r.Hi, "G3")}]", r.AllIntervals, F(r.BestFit, "G3"), pub]);
        }
        ctx.SaveTable(new CsvTable(["dataset", "parameter", "lo_90", "hi_90", "islands", "all_intervals", "best_fit", "chi2_min"], rows), "limits.csv");
        foreach (var a in analyses)
        {
            var series = new List<SeriesSpec>();
            string[] colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];
            int k = 0;
            foreach (var r in results.Where(r => r.DataSet == a.Key))
                series.Add(new LineSeriesSpec($"{r.Parameter.Replace("eps_", "ε_")}: [{F(r.Lo, "G3")}, {F(r.Hi, "G3")}]", r.Profile.Values.ToArray(), r.Profile.DeltaChi2.ToArray(), colors[k++ % colors.Length]));
            series.Add(StudyPlots.Threshold(ChiSquareThresholds.Threshold(0.9, 1), -Range, Range, "90 % CL (Δχ² = 2.71, 1 dof)"));
            ctx.SaveFigure(new FigureSpec($"{Label(a.Key)}: Δχ² of each ε_αβ (electron direction, others 0)", new AxisSpec("ε_{αβ}", Minimum: -Range, Maximum: Range),
                new AxisSpec("Δχ^{2}", Minimum: 0, Maximum: 8), series, LegendCorner.TopLeft, Subtitle: "NSI in propagation (Sun, Earth day/night) and detection"), $"profiles_{a.Key}.png");
        }
        ctx.Report.Paragraph("90 % CL intervals (Δχ² = 2.71 for 1 dof, Δχ² from the minimum along the scan) of one real ε_αβ at a time, the " +
                "others at zero, in the electron direction η = 0, φ = π/2 (ξ^e = √5, ε^e = √5 ε). The rate is Tr[ρ dσ/dT] with the solar " +
                "density matrix (MSW with NSI in the Sun, B16-GS98 production zones; Earth day/night averaged over each run at its site) " +
                "and the NSI ν–e cross-section matrix; stepping atomic response and each data set's nuisances as in the shivasankar2022 " +
                $"presets. 'lz' is WS2022 + WS2024 in one χ². Grid {Points} points on [−{F(Range)}, {F(Range)}]; an asterisk marks an interval end at the grid edge. " +
                "The paper's numbers could not be retrieved here (see data/published/PROVENANCE.md); docs/nsi-solar.md discusses the expected differences.")
            .Table(["data", "ε", "90 % CL (interval containing 0)", "all 90 % CL intervals", "best fit", "paper"], md);
        foreach (var a in analyses) ctx.Report.Image(Label(a.Key), $"profiles_{a.Key}.png");
    }

    static void RunPn(StudyContext ctx)
    {
        var lz = Load(ctx)[0];
        (string Key, double Eta, double Phi)[] dirs = [("proton", 0, 0), ("neutron", Math.PI / 2, 0)];
        var tasks = dirs.SelectMany(d => new[] { "ee", "tautau" }.Select(c => (d, c))).ToArray();
        var results = new IntervalResult[tasks.Length];
        Parallel.For(0, tasks.Length, i => results[i] = Interval(lz, "eps_" + tasks[i].c, tasks[i].d.Eta, tasks[i].d.Phi, 81, 3.0));
        var md = new List<IReadOnlyList<string>>();
        for (int i = 0; i < tasks.Length; i++)
        {
            var r = results[i];
            string key = $"{Name}.lz.{tasks[i].d.Key}.{r.Parameter}";
            ctx.SetResult(key + ".lo", r.Lo); ctx.SetResult(key + ".hi", r.Hi);
            ctx.SetResult(key + ".at_grid_edge", r.AtGridEdge ? 1 : 0);
            md.Add([tasks[i].d.Key, r.Parameter.Replace("eps_", "ε_"), $"[{F(r.Lo, "G3")}, {F(r.Hi, "G3")}]", r.AllIntervals]);
        }
        ctx.Report.Paragraph("The p–n plane: with ξ^e = 0 the ν–e cross section is the SM one and ε acts only through the matter potential " +
                "(ξ = ξ^p + Y_n ξ^n in the Sun, Y_n = n_n/n_e ≈ 0.2–0.5; in the Earth Y_n ≈ 1.0–1.1). Electron recoils then constrain ε weakly, through " +
                "the pp/⁷Be P_ee (vacuum-dominated, hardly moved) — the intervals are wide or open; nuclear-recoil CEvNS data, not included here, " +
                "carry the p/n information (CevnsNsi implements the cross section). LZ WS2022 + WS2024, 81 points on [−3, 3].")
            .Table(["direction", "ε", "90 % CL (interval containing 0)", "all intervals"], md);
    }

    static string Label(string key) => key switch { "lz" => "LZ WS2022+WS2024", "xenonnt2022" => "XENONnT SR0", "pandax4t2024" => "PandaX-4T Run1", _ => key };
}
