using System.Globalization;
using System.Text;
using System.Text.Json;
using NuXe.Analyses.Spectra;
using NuXe.Presets;

namespace NuXe.Cli.Commands;

/// <summary>Renders a <see cref="SpectrumResult"/> as a table, a JSON object and output files.</summary>
public static class SpectrumOutput
{
    static string F(double v, string fmt = "F1") => NuXe.Output.NonFiniteValueException.Check("a spectrum value", v).ToString(fmt, CultureInfo.InvariantCulture);

    /// <summary>The JSON object of `nuxe spectrum --json` (keys are a contract; see the README).</summary>
    public static string Json(SpectrumResult r, NuXe.Detector.DifferentialRates? differential = null)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("experiment", r.Experiment);
            w.WriteStartArray("window_keV"); w.WriteNumberValue(r.WindowKeV.Lo); w.WriteNumberValue(r.WindowKeV.Hi); w.WriteEndArray();
            w.WriteStartObject("geometry");
            Num(w, "r_avg_m", r.RAvgM); Fin(w, "fiducial_mass_t", r.FiducialMassTonnes); Fin(w, "electrons", r.Electrons);
            w.WriteEndObject();
            w.WriteStartObject("source");
            Num(w, "mean_activity_MCi", r.MeanActivityMCi); Fin(w, "deployments", r.Deployments);
            w.WriteEndObject();
            w.WriteStartObject("signal"); Fin(w, "total", r.Signal.Total); Fin(w, "window", r.Signal.Window); w.WriteEndObject();
            w.WriteStartObject("background");
            Fin(w, "total", r.BackgroundTotal); Fin(w, "window", r.BackgroundWindow);
            w.WriteStartObject("components");
            foreach (var b in r.Backgrounds) { w.WriteStartObject(b.Name); Fin(w, "total", b.Total); Fin(w, "window", b.Window); w.WriteEndObject(); }
            w.WriteEndObject();
            w.WriteEndObject();
            if (differential is not null)
            {
                w.WriteStartObject("differential");
                Arr(w, "T_keV", differential.RecoilKeV); Arr(w, "total", differential.Total);
                foreach (var (name, v) in differential.Components) Arr(w, name, v);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>JSON of `nuxe spectrum PRESET --model M --truth …`: model, parameters, per-bin signal (at θ and at the SM point) and background, totals, optional differential rates.</summary>
    public static string ModelJson(NuXe.Analyses.Spectra.ModelSpectrumResult r)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("experiment", r.Experiment);
            w.WriteString("model", r.Model);
            w.WriteStartObject("parameters");
            for (int i = 0; i < r.ParameterNames.Count; i++) Fin(w, r.ParameterNames[i], r.Parameters[i]);
            w.WriteEndObject();
            Arr(w, "bin_lo_keV", Enumerable.Range(0, r.Binning.Count).Select(r.Binning.Lo).ToArray());
            Arr(w, "bin_hi_keV", Enumerable.Range(0, r.Binning.Count).Select(r.Binning.Hi).ToArray());
            Arr(w, "signal", r.Signal); Arr(w, "signal_sm", r.SignalStandardModel); Arr(w, "background", r.Background);
            Fin(w, "signal_total", r.SignalTotal); Fin(w, "signal_sm_total", r.SignalStandardModelTotal); Fin(w, "background_total", r.BackgroundTotal);
            if (r.RecoilKeV is not null)
            {
                w.WriteStartObject("differential");
                Arr(w, "T_keV", r.RecoilKeV); Arr(w, "signal", r.DifferentialPerTonneYearKeV!); Arr(w, "signal_sm", r.DifferentialStandardModelPerTonneYearKeV!);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Readable table of a model spectrum.</summary>
    public static void PrintModel(TextWriter o, NuXe.Analyses.Spectra.ModelSpectrumResult r)
    {
        o.WriteLine($"experiment  {r.Experiment}");
        o.WriteLine($"model       {r.Model}: " + string.Join(", ", r.ParameterNames.Select((n, i) => $"{n} = {r.Parameters[i].ToString("G6", CultureInfo.InvariantCulture)}")));
        o.WriteLine();
        o.WriteLine($"{"bin (keV)",-16}{"signal",14}{"signal (SM)",14}{"background",14}");
        for (int i = 0; i < r.Binning.Count; i++)
            o.WriteLine($"{F(r.Binning.Lo(i), "G4") + "-" + F(r.Binning.Hi(i), "G4"),-16}{F(r.Signal[i], "G6"),14}{F(r.SignalStandardModel[i], "G6"),14}{F(r.Background[i], "G6"),14}");
        o.WriteLine($"{"total",-16}{F(r.SignalTotal, "G6"),14}{F(r.SignalStandardModelTotal, "G6"),14}{F(r.BackgroundTotal, "G6"),14}");
        if (r.RecoilKeV is null) return;
        o.WriteLine();
        o.WriteLine($"{"T (keV)",-12}{"signal /(t yr keV)",22}{"SM",16}");
        for (int i = 0; i < r.RecoilKeV.Length; i++)
            o.WriteLine($"{F(r.RecoilKeV[i], "G6"),-12}{F(r.DifferentialPerTonneYearKeV![i], "G6"),22}{F(r.DifferentialStandardModelPerTonneYearKeV![i], "G6"),16}");
    }

    static void Arr(Utf8JsonWriter w, string name, double[] v) { w.WriteStartArray(name); foreach (var x in v) w.WriteNumberValue(NuXe.Output.NonFiniteValueException.Check($"differential.{name}", x)); w.WriteEndArray(); }

    static void Fin(Utf8JsonWriter w, string name, double v) => w.WriteNumber(name, NuXe.Output.NonFiniteValueException.Check($"spectrum '{name}'", v));

    static void Num(Utf8JsonWriter w, string name, double v) { if (double.IsNaN(v)) w.WriteNull(name); else w.WriteNumber(name, v); }

    /// <summary>A readable table of counts.</summary>
    public static void PrintTable(TextWriter o, SpectrumResult r, string? outDir)
    {
        o.WriteLine($"experiment  {r.Experiment}");
        if (!double.IsNaN(r.RAvgM)) o.WriteLine($"source      <R> = {F(r.MeanActivityMCi, "F3")} MCi, {r.Deployments} deployment(s), r_avg = {F(r.RAvgM, "F4")} m");
        o.WriteLine($"target      {F(r.FiducialMassTonnes, "F3")} t, {r.Electrons.ToString("0.0000e+00", CultureInfo.InvariantCulture)} electrons");
        string win = $"{F(r.WindowKeV.Lo, "G")}-{F(r.WindowKeV.Hi, "G")} keV";
        o.WriteLine();
        o.WriteLine($"{"component",-12}{"all energies",16}{win,18}");
        o.WriteLine(new string('-', 46));
        o.WriteLine($"{"signal",-12}{F(r.Signal.Total),16}{F(r.Signal.Window),18}");
        foreach (var b in r.Backgrounds) o.WriteLine($"{b.Name,-12}{F(b.Total),16}{F(b.Window),18}");
        o.WriteLine(new string('-', 46));
        o.WriteLine($"{"background",-12}{F(r.BackgroundTotal),16}{F(r.BackgroundWindow),18}");
        o.WriteLine();
        o.WriteLine("Events for the full exposure. 'all energies': true recoil spectrum, no threshold/efficiency/resolution;");
        o.WriteLine("window: reconstructed energy with resolution, efficiency and threshold.");
        if (outDir is not null) o.WriteLine($"wrote {Path.Combine(outDir, "spectrum.csv")}, summary.json, spectrum.png, preset.resolved.toml");
    }

    /// <summary>The --points table: dR/dT per component in events/(t·yr·keV) (true energy, SM, before efficiency and resolution).</summary>
    public static void PrintDifferential(TextWriter o, NuXe.Detector.DifferentialRates d)
    {
        var cols = d.Components.Where(c => c.PerTonneYearKeV.Any(v => v != 0)).ToArray();
        o.WriteLine();
        o.WriteLine("dR/dT in events/(t·yr·keV), true recoil energy, SM, before efficiency and resolution:");
        o.WriteLine($"{"T_keV",10}{"total",12}" + string.Concat(cols.Select(c => $"{c.Name,12}")));
        for (int i = 0; i < d.RecoilKeV.Length; i++)
            o.WriteLine($"{F(d.RecoilKeV[i], "G6"),10}{F(d.Total[i], "G5"),12}" + string.Concat(cols.Select(c => $"{F(c.PerTonneYearKeV[i], "G5"),12}")));
    }

    /// <summary>Write spectrum.csv, spectrum.png, the resolved preset and (last) summary.json into <paramref name="folder"/>, then commit it.</summary>
    public static void Write(NuXe.Output.AtomicOutputFolder folder, SpectrumResult r, LoadedPreset preset)
    {
        var sb = new StringBuilder();
        sb.Append("T_lo_keV,T_hi_keV,signal_events");
        foreach (var b in r.Backgrounds) sb.Append(',').Append(b.Name).Append("_events");
        sb.AppendLine();
        for (int i = 0; i < r.Binning.Count; i++)
        {
            sb.Append(F(r.Binning.Lo(i), "R")).Append(',').Append(F(r.Binning.Hi(i), "R")).Append(',').Append(F(r.Signal.Binned[i], "G8"));
            foreach (var b in r.Backgrounds) sb.Append(',').Append(F(b.Binned[i], "G8"));
            sb.AppendLine();
        }
        folder.WriteText("spectrum.csv", sb.ToString());
        folder.WriteText("preset.resolved.toml", preset.ResolvedToml);
        folder.WriteBytes("spectrum.png", SpectrumPlot.Png(r));
        folder.WriteText("summary.json", Json(r) + "\n");
        folder.Commit();
    }

    /// <summary>Completion file of a spectrum folder (written last).</summary>
    public static readonly IReadOnlyList<string> CompletionFiles = ["summary.json"];
}

/// <summary>Stacked backgrounds with the signal on top, events per keV on a log axis (like Coloma et al. 2014 Fig. 1 left).</summary>
public static class SpectrumPlot
{
    public static byte[] Png(SpectrumResult r)
    {
        int n = r.Binning.Count;
        double[] PerKeV(double[] binned) { var v = new double[n]; for (int i = 0; i < n; i++) v[i] = binned[i] / (r.Binning.Hi(i) - r.Binning.Lo(i)); return v; }
        var colors = new Dictionary<string, string> { ["pp"] = "#1f77b4", ["be7"] = "#ff7f0e", ["xe136"] = "#2ca02c", ["kr85"] = "#9467bd", ["rn222"] = "#8c564b", ["flat"] = "#7f7f7f" };
        var components = r.Backgrounds.Select(b => new NuXe.Output.StackComponent(b.Name, PerKeV(b.Binned), colors.GetValueOrDefault(b.Name))).ToList();
        components.Add(new NuXe.Output.StackComponent("signal", PerKeV(r.Signal.Binned), "#d62728"));
        var fig = new NuXe.Output.FigureSpec(
            $"{r.Experiment}: expected events",
            new NuXe.Output.AxisSpec("reconstructed recoil energy T (keV)"),
            new NuXe.Output.AxisSpec("events / keV (full exposure)", NuXe.Output.AxisScale.Log, Minimum: YFloor(components, n)),
            [new NuXe.Output.StackedHistogramSpec(r.Binning.EdgesKeV, components, "total")],
            Subtitle: "stacked: backgrounds, then the SM signal on top");
        return NuXe.Output.Plotter.RenderBytes(fig, ".png");
    }

    // log axis: show about 3.5 decades below the largest stacked total
    static double YFloor(IReadOnlyList<NuXe.Output.StackComponent> components, int n)
    {
        double max = 0;
        for (int i = 0; i < n; i++) max = Math.Max(max, components.Sum(c => c.Contents[i]));
        return max > 0 ? max * 3e-4 : 1e-3;
    }
}
