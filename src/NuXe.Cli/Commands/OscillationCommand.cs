using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NuXe.Analyses.Spectra;
using NuXe.Presets;

namespace NuXe.Cli.Commands;

/// <summary>`nuxe oscillation PRESET --source S --energies E1,E2,… [--model nsi-solar --truth …] [--night|--day] --json`.</summary>
public static class OscillationCommand
{
    public static Command Create(CliIO io)
    {
        var preset = new Argument<string>("preset") { Description = "Experiment preset with a [solar] section (name or .toml path)." };
        var source = new Option<string>("--source") { Description = "Solar source: pp, pep, hep, be7, b8, n13, o15, f17.", Required = true };
        var energies = new Option<string>("--energies") { Description = "Comma-separated neutrino energies in MeV.", Required = true };
        var model = new Option<string>("--model") { Description = "sm or nsi-solar.", DefaultValueFactory = _ => "sm" };
        var truth = new Option<string[]>("--truth") { Description = "nsi-solar parameter name=value (repeatable): eps_ee … eps_mutau, eps_emu_im …, eta, phi." };
        var night = new Option<bool>("--night") { Description = "Night-time only (needs solar.latitude_deg and the exposure dates)." };
        var day = new Option<bool>("--day") { Description = "Day-time only (no Earth crossing)." };
        var set = new Option<string[]>("--set") { Description = "Override a preset field (repeatable), e.g. --set solar.latitude_deg=44.35." };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object." };
        var cmd = new Command("oscillation", "Production-averaged solar-neutrino flavour state (P_ee and the density matrix) at the detector per energy.")
        { preset, source, energies, model, truth, night, day, set, json };
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            if (p.GetValue(night) && p.GetValue(day)) throw new NuXeInputException("--night/--day", "both", "give at most one of --night and --day");
            var loaded = ExperimentPresets.Load(p.GetValue(preset)!, p.GetValue(set) ?? []);
            var text = p.GetValue(energies)!;
            var e = new List<double>();
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                e.Add(double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v
                    : throw new NuXeInputException("--energies", text, "expected comma-separated positive energies in MeV, e.g. 0.3,0.862,10"));
            if (e.Count == 0) throw new NuXeInputException("--energies", text, "expected at least one energy");
            string? earth = p.GetValue(night) ? "night" : p.GetValue(day) ? "day" : null;
            var r = OscillationTable.Compute(loaded.Spec, p.GetValue(source)!, e, p.GetValue(model)!, SpectrumCommand.ParseTruth(p.GetValue(truth) ?? []), earth);
            if (p.GetValue(json)) io.Out.WriteLine(Json(r));
            else
            {
                io.Out.WriteLine($"{r.Experiment}: {r.Source}, earth = {r.Earth} (day fraction {r.DayFraction.ToString("F4", CultureInfo.InvariantCulture)}), model {r.Model}");
                io.Out.WriteLine($"{"E (MeV)",-12}{"P_ee",12}{"rho_mumu",12}{"rho_tautau",12}{"gamma_min",14}");
                for (int i = 0; i < r.EnergiesMeV.Length; i++)
                    io.Out.WriteLine($"{r.EnergiesMeV[i].ToString("G6", CultureInfo.InvariantCulture),-12}{r.Pee[i].ToString("F6", CultureInfo.InvariantCulture),12}" +
                        $"{r.Rho[i][1, 1].Real.ToString("F6", CultureInfo.InvariantCulture),12}{r.Rho[i][2, 2].Real.ToString("F6", CultureInfo.InvariantCulture),12}{r.GammaMin[i].ToString("G4", CultureInfo.InvariantCulture),14}");
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>The JSON object (keys: experiment, source, earth, day_fraction, model, parameters, energies_MeV, pee, rho_re, rho_im, gamma_min).</summary>
    public static string Json(OscillationResult r)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("experiment", r.Experiment); w.WriteString("source", r.Source); w.WriteString("earth", r.Earth);
            w.WriteNumber("day_fraction", r.DayFraction);
            w.WriteString("model", r.Model);
            w.WriteStartObject("parameters");
            for (int i = 0; i < r.ParameterNames.Count; i++) w.WriteNumber(r.ParameterNames[i], r.Parameters[i]);
            w.WriteEndObject();
            Arr(w, "energies_MeV", r.EnergiesMeV); Arr(w, "pee", r.Pee);
            foreach (var (name, im) in new[] { ("rho_re", false), ("rho_im", true) })
            {
                w.WriteStartArray(name);
                foreach (var m in r.Rho)
                {
                    w.WriteStartArray();
                    for (int a = 0; a < 3; a++) { w.WriteStartArray(); for (int b = 0; b < 3; b++) w.WriteNumberValue(im ? m[a, b].Imaginary : m[a, b].Real); w.WriteEndArray(); }
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            w.WriteStartArray("gamma_min");
            foreach (var g in r.GammaMin) if (double.IsFinite(g)) w.WriteNumberValue(g); else w.WriteNullValue();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    static void Arr(Utf8JsonWriter w, string name, double[] v) { w.WriteStartArray(name); foreach (var x in v) w.WriteNumberValue(x); w.WriteEndArray(); }
}
