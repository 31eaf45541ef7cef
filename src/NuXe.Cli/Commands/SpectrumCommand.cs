using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NuXe.Analyses.Spectra;
using NuXe.Presets;

namespace NuXe.Cli.Commands;

/// <summary>`nuxe spectrum PRESET`: signal and background counts, a table or one JSON object, and files with --out.</summary>
public static class SpectrumCommand
{
    public static Command Create(CliIO io)
    {
        var preset = new Argument<string>("preset") { Description = "Shipped preset name (see 'nuxe presets') or path to a .toml preset file." };
        var atomic = new Option<string?>("--atomic") { Description = "Atomic model of every channel: fea | stepping | rrpa | abinitio (overrides physics.atomic; per channel: --set physics.atomic_charge=epa etc.)." };
        var couplings = new Option<string?>("--couplings") { Description = "SM couplings: tree | radiative (overrides physics.couplings)." };
        var sin2w = new Option<double?>("--sin2w") { Description = "sin^2 theta_W (overrides physics.sin2w)." };
        var window = new Option<string?>("--window") { Description = "Reconstructed-energy window LO:HI in keV (default: the preset's response.window_kev)." };
        var set = new Option<string[]>("--set") { Description = "Override any preset field: --set source.activity_mci=10 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on stdout, nothing else." };
        var points = new Option<string?>("--points") { Description = "Comma-separated recoil energies (keV): add a 'differential' object (events/(t.yr.keV), before efficiency and resolution) to --json." };
        var outDir = new Option<string?>("--out") { Description = "Write spectrum.csv, summary.json, spectrum.png and preset.resolved.toml to this folder." };
        var model = new Option<string?>("--model") { Description = "Interaction model (any of 'nuxe fit --model'); with --truth: the spectrum at that model point." };
        var truth = new Option<string[]>("--truth") { Description = "Model parameter value name=value (repeatable), e.g. --truth eps_ee=0.1; others at the SM point." };
        var flavour = new Option<string?>("--flavour") { Description = "Flavour carrying the new physics (e, mu, tau) for flavoured models." };
        var mass = new Option<double?>("--mass-kev") { Description = "Mediator / Z' mass in keV for mass-dependent models." };
        var cmd = new Command("spectrum", "Expected signal and background spectra of an experiment preset at its Standard-Model point.")
        { preset, atomic, couplings, sin2w, window, set, json, points, outDir, model, truth, flavour, mass };
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            var overrides = new List<string>(p.GetValue(set) ?? []);
            if (p.GetValue(atomic) is { } a) overrides.Add($"physics.atomic=\"{a}\"");
            if (p.GetValue(couplings) is { } c) overrides.Add($"physics.couplings=\"{c}\"");
            if (p.GetValue(sin2w) is { } s) overrides.Add($"physics.sin2w={s.ToString("R", CultureInfo.InvariantCulture)}");
            var truthValues = ParseTruth(p.GetValue(truth) ?? []);
            if (p.GetValue(model) is not null || truthValues.Count > 0)
            {
                if (p.GetValue(outDir) is not null || p.GetValue(window) is not null)
                    throw new NuXeInputException("--model/--truth", p.GetValue(model) ?? "sm", "cannot be combined with --out or --window (print the model spectrum with or without --json)");
                var modelPreset = ExperimentPresets.Load(p.GetValue(preset)!, overrides);
                var fl = p.GetValue(flavour) switch
                {
                    null => (Physics.Flavour?)null, "e" => Physics.Flavour.E, "mu" => Physics.Flavour.Mu, "tau" => Physics.Flavour.Tau,
                    var f => throw new NuXeInputException("--flavour", f, "must be e, mu or tau"),
                };
                var pts = p.GetValue(points) is { } pt ? ParsePoints(pt) : null;
                var ms = NuXe.Analyses.Spectra.ModelSpectrum.Compute(modelPreset.Spec, p.GetValue(model) ?? "sm", truthValues, fl, p.GetValue(mass), pts);
                if (p.GetValue(json)) io.Out.WriteLine(SpectrumOutput.ModelJson(ms));
                else SpectrumOutput.PrintModel(io.Out, ms);
                return 0;
            }
            var win = p.GetValue(window) is { } wtext ? ParseWindow(wtext) : ((double, double)?)null;
            var energies = p.GetValue(points) is { } ptext ? ParsePoints(ptext) : null;
            string? dir = p.GetValue(outDir);
            using var folder = dir is null ? null : NuXe.Output.AtomicOutputFolder.Open(dir, io.Files, SpectrumOutput.CompletionFiles);
            var loaded = ExperimentPresets.Load(p.GetValue(preset)!, overrides);
            var result = SpectrumAnalysis.Compute(loaded.Spec, win);
            var differential = energies is not null
                ? NuXe.Detector.DifferentialRates.Compute(NuXe.Detector.PreparedExperiment.Compile(loaded.Spec), energies)
                : null;
            if (folder is not null) SpectrumOutput.Write(folder, result, loaded);
            if (p.GetValue(json)) io.Out.WriteLine(SpectrumOutput.Json(result, differential));
            else
            {
                SpectrumOutput.PrintTable(io.Out, result, dir);
                if (differential is not null) SpectrumOutput.PrintDifferential(io.Out, differential);
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>Parse repeated name=value pairs.</summary>
    public static Dictionary<string, double> ParseTruth(IEnumerable<string> items)
    {
        var d = new Dictionary<string, double>();
        foreach (var t in items)
        {
            var kv = t.Split('=');
            if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                throw new NuXeInputException("--truth", t, "expected name=value with a finite number, e.g. eps_ee=0.1");
            d[kv[0].Trim()] = v;
        }
        return d;
    }

    /// <summary>Parse "1,10,30" (keV, each ≥ 0).</summary>
    public static double[] ParsePoints(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var v = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !(v[i] >= 0) || !(v[i] <= InputLimits.MaxEnergyKeV))
                throw new NuXeInputException("--points", text, $"expected comma-separated recoil energies between 0 and {InputLimits.MaxEnergyKeV} keV, e.g. 1,10,30,100,200");
        if (v.Length == 0) throw new NuXeInputException("--points", text, "expected at least one energy");
        if (v.Length > InputLimits.MaxDifferentialPoints) throw new NuXeInputException("--points", $"({v.Length} energies)", $"at most {InputLimits.MaxDifferentialPoints} energies");
        return v;
    }

    /// <summary>Parse "LO:HI" (keV).</summary>
    public static (double, double) ParseWindow(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi))
            throw new NuXeInputException("--window", text, "expected LO:HI in keV, e.g. 2:140");
        if (!(lo < hi)) throw new NuXeInputException("--window", text, "needs LO < HI");
        if (lo < 0) throw new NuXeInputException("--window", text, "LO must be ≥ 0");
        if (!(hi <= InputLimits.MaxEnergyKeV)) throw new NuXeInputException("--window", text, $"HI must be ≤ {InputLimits.MaxEnergyKeV} keV (above the hep kinematic maximum)");
        return (lo, hi);
    }
}
