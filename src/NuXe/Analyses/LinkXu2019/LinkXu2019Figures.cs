using System.Globalization;
using NuXe.Analyses.Common;
using NuXe.Analyses.Framework;
using NuXe.Analyses.Spectra;
using NuXe.Output;
using NuXe.Physics;
using NuXe.Presets;

namespace NuXe.Analyses.LinkXu2019;

/// <summary>Table I quantities and event counts of one configuration: one row of <c>spectra.csv</c>.</summary>
public sealed record LinkXuConfigSpectrum(
    [property: CsvColumn("config")] string Config,
    [property: CsvColumn("activity_initial_MCi")] double ActivityInitialMCi,
    [property: CsvColumn("exposure_time_d")] double ExposureDays,
    [property: CsvColumn("activity_mean_MCi")] double ActivityMeanMCi,
    [property: CsvColumn("r_avg_m")] double RAvgM,
    [property: CsvColumn("electrons")] double Electrons,
    [property: CsvColumn("fiducial_mass_t")] double FiducialMassTonnes,
    [property: CsvColumn("flux_per_MCi_at_1m_per_m2_s")] double Phi0,
    [property: CsvColumn("signal_events")] double SignalEvents,
    [property: CsvColumn("background_events")] double BackgroundEvents,
    [property: CsvColumn("signal_background_crossover_keV")] double CrossoverKeV,
    [property: CsvIgnore] SpectrumResult Spectrum)
{
    /// <summary>True when the background exceeds the signal somewhere above the lowest bins (<see cref="CrossoverKeV"/> is set).</summary>
    public bool HasCrossover => double.IsFinite(CrossoverKeV);
}

/// <summary>Result of part <c>spectra</c>: Table I and Fig. 1.</summary>
public sealed record LinkXuSpectraResult(IReadOnlyList<LinkXuConfigSpectrum> Configs, double TMax750KeV, double TMax430KeV)
{
    /// <summary>The <c>results.json</c> entries.</summary>
    public IEnumerable<(string Key, double Value)> ResultEntries()
    {
        foreach (var c in Configs)
        {
            yield return ($"spectra.{c.Config}.activity_initial", c.ActivityInitialMCi);
            yield return ($"spectra.{c.Config}.exposure_time", c.ExposureDays);
            yield return ($"spectra.{c.Config}.activity_mean", c.ActivityMeanMCi);
            yield return ($"spectra.{c.Config}.signal_events", c.SignalEvents);
            yield return ($"spectra.{c.Config}.background_events", c.BackgroundEvents);
            if (c.HasCrossover) yield return ($"spectra.{c.Config}.signal_background_crossover", c.CrossoverKeV);
        }
        var a = Configs[0];
        yield return ("spectra.r_avg", a.RAvgM);
        yield return ("spectra.electrons", a.Electrons);
        yield return ("spectra.fiducial_mass", a.FiducialMassTonnes);
        yield return ("spectra.phi0", a.Phi0);
        yield return ("spectra.tmax_750keV", TMax750KeV);
        yield return ("spectra.tmax_430keV", TMax430KeV);
    }
}

/// <summary>One point of the running-sin²θ_W figure (Fig. 2): a literature measurement or one of our configurations.</summary>
public sealed record RunningPoint(
    [property: CsvColumn("label")] string Label,
    [property: CsvColumn("kind")] string Kind,
    [property: CsvColumn("q_GeV")] double QGeV,
    [property: CsvColumn("sin2w")] double Sin2w,
    [property: CsvColumn("err_minus")] double ErrorMinus,
    [property: CsvColumn("err_plus")] double ErrorPlus,
    [property: CsvColumn("source")] string Source);

/// <summary>Link &amp; Xu Fig. 1 (spectra, Table I) and Fig. 2 (running sin²θ_W).</summary>
public static class LinkXu2019Figures
{
    static string F(double v, string f = "G4") => v.ToString(f, CultureInfo.InvariantCulture);

    /// <summary>
    /// The recoil energy above which the background exceeds the signal: the first bin (from low T) with background &gt;
    /// signal after a bin with signal &gt; background; NaN when the signal dominates everywhere it is non-zero.
    /// </summary>
    public static double Crossover(SpectrumResult s)
    {
        var b = s.Binning;
        var bkg = new double[b.Count];
        foreach (var c in s.Backgrounds) for (int i = 0; i < b.Count; i++) bkg[i] += c.Binned[i];
        bool signalSeen = false;
        for (int i = 0; i < b.Count; i++)
        {
            if (s.Signal.Binned[i] > bkg[i]) signalSeen = true;
            else if (signalSeen && s.Signal.Binned[i] > 0 && bkg[i] > s.Signal.Binned[i]) return b.Lo(i);
        }
        return double.NaN;
    }

    /// <summary>Table I and the Fig. 1 spectra for configurations A, B, C.</summary>
    public static LinkXuSpectraResult ComputeSpectra(StudyContext? ctx = null)
    {
        // the configurations are independent: computed in parallel, presets recorded in order
        var names = LinkXu2019Study.Configs;
        var loadedAll = names.Select(x => ExperimentPresets.Load("linkxu-" + x)).ToArray();
        foreach (var loaded in loadedAll) ctx?.RecordPreset(loaded.Name, loaded.ResolvedToml);
        var configs = new LinkXuConfigSpectrum[names.Count];
        StudyParallel.For(names.Count, k =>
        {
            var loaded = loadedAll[k];
            var spec = loaded.Spec;
            var s = SpectrumAnalysis.Compute(spec, (spec.Response.Binning.LoKeV, spec.Response.Binning.HiKeV));
            var src = spec.Source ?? throw new InvalidOperationException($"preset {loaded.Name} has no source");
            configs[k] = new LinkXuConfigSpectrum(names[k], src.ActivityMCi, src.RunDays, s.MeanActivityMCi, s.RAvgM, s.Electrons, s.FiducialMassTonnes,
                src.FluxPerMCiAt1mPerM2PerS, s.Signal.Total, s.BackgroundTotal, Crossover(s), s);
        });
        return new LinkXuSpectraResult(configs, Kinematics.MaxRecoilKeV(750), Kinematics.MaxRecoilKeV(430));
    }

    /// <summary>Part <c>spectra</c>: Table I quantities, event counts and Fig. 1.</summary>
    public static void RunSpectra(StudyContext ctx)
    {
        var r = ComputeSpectra(ctx);
        foreach (var (key, value) in r.ResultEntries()) ctx.SetResult(key, value);
        ctx.SaveTable(RecordTable.From(r.Configs), "spectra.csv");
        var binRows = new List<IReadOnlyList<object>>();
        var series = new List<SeriesSpec>();
        for (int k = 0; k < r.Configs.Count; k++)
        {
            var c = r.Configs[k];
            var b = c.Spectrum.Binning;
            var bkg = new double[b.Count];
            foreach (var comp in c.Spectrum.Backgrounds) for (int i = 0; i < b.Count; i++) bkg[i] += comp.Binned[i];
            var width = Enumerable.Range(0, b.Count).Select(i => b.Hi(i) - b.Lo(i)).ToArray();
            series.Add(new HistogramSpec($"{c.Config}: ⁵¹Cr signal ({F(c.SignalEvents, "F0")} events)", b.EdgesKeV,
                c.Spectrum.Signal.Binned.Select((v, i) => v / width[i]).ToArray(), StudyPlots.ConfigColors[k]));
            series.Add(new HistogramSpec($"{c.Config}: background ({F(c.BackgroundEvents, "F0")} events)", b.EdgesKeV,
                bkg.Select((v, i) => v / width[i]).ToArray(), StudyPlots.ConfigColors[k], false, LineDash.Dash));
            for (int i = 0; i < b.Count; i++)
                binRows.Add([c.Config, b.Lo(i), b.Hi(i), c.Spectrum.Signal.Binned[i], bkg[i],
                    .. c.Spectrum.Backgrounds.Select(comp => (object)comp.Binned[i])]);
        }
        // per-bin table: the component columns are the same for A, B, C (same preset structure)
        var components = r.Configs[0].Spectrum.Backgrounds.Select(b => "bkg_" + b.Name + "_events").ToList();
        if (r.Configs.All(c => c.Spectrum.Backgrounds.Select(b => "bkg_" + b.Name + "_events").SequenceEqual(components)))
            ctx.SaveTable(new CsvTable(["config", "T_lo_keV", "T_hi_keV", "signal_events", "background_events", .. components], binRows), "spectra_bins.csv");
        ctx.SaveFigure(new FigureSpec("Link & Xu 2019 Fig. 1: signal and background, configurations A, B, C",
            new AxisSpec("T_{e} [keV]", Minimum: 0, Maximum: 600), new AxisSpec("events / keV", AxisScale.Log, 0.1), series, LegendCorner.TopRight,
            Subtitle: "SM ν_e–e (radiative couplings, free electrons), ideal resolution; solid: signal, dashed: background"), "spectra.png");
        ctx.Report.Paragraph("Table I quantities and the event counts over the full recoil spectrum, from the presets linkxu-A/B/C " +
                "(columns of `spectra.csv`; per-bin spectra in `spectra_bins.csv`).")
            .Table(["config", "R₀ [MCi]", "Δt [d]", "⟨R⟩ [MCi]", "r_avg [m]", "V n_e", "signal events", "background events", "background > signal above"],
                r.Configs.Select(c => (IReadOnlyList<string>)[c.Config, F(c.ActivityInitialMCi), F(c.ExposureDays), F(c.ActivityMeanMCi, "F3"), F(c.RAvgM, "F4"),
                    F(c.Electrons, "G4"), F(c.SignalEvents, "F0"), F(c.BackgroundEvents, "F0"),
                    c.HasCrossover ? F(c.CrossoverKeV, "F0") + " keV" : "nowhere (signal dominates)"]))
            .Paragraph($"T_max = {F(r.TMax750KeV, "F1")} keV for E_ν = 750 keV and {F(r.TMax430KeV, "F1")} keV for 430 keV.")
            .Image("Fig. 1 equivalent", "spectra.png");
    }

    /// <summary>Typical momentum transfer of the signal, Q = √(2 m_e T) averaged over the signal spectrum, in GeV.</summary>
    public static double MeanMomentumTransferGeV(SpectrumResult s)
    {
        double num = 0, den = 0;
        for (int i = 0; i < s.Binning.Count; i++)
        {
            double w = s.Signal.Binned[i];
            num += w * Math.Sqrt(2 * Constants.ElectronMassKeV * s.Binning.Center(i));
            den += w;
        }
        return num / den * 1e-6;
    }

    /// <summary>The literature points of Fig. 2 (data/literature/sin2w_running_points.csv) and our A, B, C points.</summary>
    public static IReadOnlyList<RunningPoint> ComputeRunning(StudyContext? ctx = null)
    {
        var points = new List<RunningPoint>();
        foreach (var row in PublishedData.Literature("sin2w_running_points.csv"))
        {
            double v = PublishedData.Number(row, "value") ?? throw new FormatException($"sin2w_running_points.csv: '{row["experiment"]}' has no value");
            points.Add(new RunningPoint(row["experiment"], "literature", PublishedData.Number(row, "q_GeV") ?? 0, v,
                PublishedData.Number(row, "err_minus") ?? 0, PublishedData.Number(row, "err_plus") ?? 0, row["source"]));
        }
        var table = LinkXu2019Sin2w.TableII(ctx);
        var spectra = ComputeSpectra(ctx);
        for (int k = 0; k < table.Count; k++)
            points.Add(new RunningPoint("LXe-" + table[k].Config + " (NuXe)", "ours", MeanMomentumTransferGeV(spectra.Configs[k].Spectrum),
                table[k].Best, table[k].ErrorMinus, table[k].ErrorPlus, "nuxe reproduce linkxu2019 --only sin2w"));
        return points;
    }

    /// <summary>Part <c>running</c>: Fig. 2.</summary>
    public static void RunRunning(StudyContext ctx)
    {
        var points = ComputeRunning(ctx);
        foreach (var p in points.Where(p => p.Kind == "ours"))
        {
            string x = p.Label.Substring(4, 1);
            ctx.SetResult($"running.{x}.q_GeV", p.QGeV);
            ctx.SetResult($"running.{x}.sin2w", p.Sin2w);
            ctx.SetResult($"running.{x}.err_minus", p.ErrorMinus);
            ctx.SetResult($"running.{x}.err_plus", p.ErrorPlus);
        }
        ctx.SaveTable(RecordTable.From(points), "running.csv");
        double qMin = 1e-4, qMax = 300;
        var series = new List<SeriesSpec>();
        var lit = points.Where(p => p.Kind == "literature").ToList();
        string[] litColors = ["#000000", "#7f7f7f", "#8c564b", "#9467bd", "#17becf", "#bcbd22", "#e377c2"];
        for (int i = 0; i < lit.Count; i++)
        {
            var p = lit[i];
            double q = p.QGeV > 0 ? p.QGeV : qMin * 1.3; // Q → 0 points drawn at the left edge
            series.Add(new ErrorPointsSpec(p.Label + (p.QGeV > 0 ? "" : " (Q → 0)"), [q], [p.Sin2w], [p.ErrorMinus], [p.ErrorPlus],
                Color: litColors[i % litColors.Length], Marker: p.QGeV > 0 ? MarkerShape.Square : MarkerShape.Diamond));
        }
        var ours = points.Where(p => p.Kind == "ours").ToList();
        for (int k = 0; k < ours.Count; k++)
            series.Add(new ErrorPointsSpec(ours[k].Label, [ours[k].QGeV * Math.Pow(1.25, k - 1)], [ours[k].Sin2w], [ours[k].ErrorMinus], [ours[k].ErrorPlus],
                Color: "#d62728", Marker: MarkerShape.Circle));
        ctx.SaveFigure(new FigureSpec("Link & Xu 2019 Fig. 2: sin²θ_W versus energy scale",
            new AxisSpec("μ = Q [GeV]", AxisScale.Log, qMin, qMax), new AxisSpec("sin^{2}θ_{W}(μ) (MS-bar)", Minimum: 0.225, Maximum: 0.25), series,
            LegendCorner.TopRight,
            Subtitle: "points: data/literature/sin2w_running_points.csv; red: NuXe A, B, C (Δχ² = 1) at Q = ⟨√(2 m_e T)⟩ of the signal (A, B, C offset ×1.25 for legibility)"),
            "running.png");
        ctx.Report.Paragraph("Our Table II intervals placed at the signal-averaged momentum transfer Q = ⟨√(2 m_e T)⟩ of each configuration, " +
                "beside the literature points of data/literature/sin2w_running_points.csv (sources there). The SM running curve of the " +
                "paper's Fig. 2 (PDG Fig. 10.2) is not drawn: no public digitisation was found and NuXe does not implement the MS-bar " +
                "renormalisation-group running; the curve's two ends (Z pole, Q → 0) are drawn as points.")
            .Table(["point", "Q [GeV]", "sin²θ_W", "−σ", "+σ"],
                points.Select(p => (IReadOnlyList<string>)[p.Label, p.QGeV > 0 ? F(p.QGeV, "G3") : "→ 0", F(p.Sin2w, "F5"),
                    p.ErrorMinus > 0 ? F(p.ErrorMinus, "G2") : "—", p.ErrorPlus > 0 ? F(p.ErrorPlus, "G2") : "—"]))
            .Image("Fig. 2 equivalent", "running.png");
    }
}
