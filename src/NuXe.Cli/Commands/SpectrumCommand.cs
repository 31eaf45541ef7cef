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
        var cmd = new Command("spectrum", "Expected signal and background spectra of an experiment preset at its Standard-Model point.")
        { preset, atomic, couplings, sin2w, window, set, json, points, outDir };
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            var overrides = new List<string>(p.GetValue(set) ?? []);
            if (p.GetValue(atomic) is { } a) overrides.Add($"physics.atomic=\"{a}\"");
            if (p.GetValue(couplings) is { } c) overrides.Add($"physics.couplings=\"{c}\"");
            if (p.GetValue(sin2w) is { } s) overrides.Add($"physics.sin2w={s.ToString("R", CultureInfo.InvariantCulture)}");
            var loaded = ExperimentPresets.Load(p.GetValue(preset)!, overrides);
            var win = p.GetValue(window) is { } wtext ? ParseWindow(wtext) : ((double, double)?)null;
            var result = SpectrumAnalysis.Compute(loaded.Spec, win);
            string? dir = p.GetValue(outDir);
            if (dir is not null) SpectrumOutput.Write(dir, result, loaded);
            var differential = p.GetValue(points) is { } ptext
                ? NuXe.Detector.DifferentialRates.Compute(NuXe.Detector.PreparedExperiment.Compile(loaded.Spec), ParsePoints(ptext))
                : null;
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

    /// <summary>Parse "1,10,30" (keV, each ≥ 0).</summary>
    public static double[] ParsePoints(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var v = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !(v[i] >= 0) || double.IsInfinity(v[i]))
                throw new NuXeInputException("--points", text, "expected comma-separated recoil energies ≥ 0 in keV, e.g. 1,10,30,100,200");
        if (v.Length == 0) throw new NuXeInputException("--points", text, "expected at least one energy");
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
        return (lo, hi);
    }
}
