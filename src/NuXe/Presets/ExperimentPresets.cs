using NuXe.Data;
using System.Globalization;
using System.Reflection;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Sources;
using NuXe.Sources.Solar;

using L = NuXe.Presets.InputLimits;

namespace NuXe.Presets;

/// <summary>A loaded experiment preset: the validated spec and the fully resolved TOML text (defaults included).</summary>
public sealed record LoadedPreset(string Name, ExperimentSpec Spec, string ResolvedToml, string Origin);

/// <summary>
/// Experiment presets (TOML, one file per experiment). Shipped presets live in the project's <c>presets/</c> folder and
/// are embedded in the library; any file path works too. The schema is documented in <c>docs/presets.md</c>.
/// </summary>
public static class ExperimentPresets
{
    static readonly Assembly Assembly = typeof(ExperimentPresets).Assembly;
    const string Prefix = "presets/";

    /// <summary>Names of the shipped experiment presets.</summary>
    public static IReadOnlyList<string> ShippedNames() => Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".toml", StringComparison.Ordinal) && !n[Prefix.Length..].Contains('/'))
        .Select(n => n[Prefix.Length..^5]).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>The TOML text of a shipped preset.</summary>
    public static string ShippedText(string name)
    {
        using var s = Assembly.GetManifestResourceStream(Prefix + name + ".toml")
            ?? throw new NuXeInputException("preset", name, "unknown preset; allowed: " + string.Join(", ", ShippedNames()) + ", or a path to a .toml file");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>One-line descriptions of the shipped presets.</summary>
    public static IReadOnlyList<(string Name, string Description)> List()
        => ShippedNames().Select(n => (n, Load(n).Spec.Description)).ToArray();

    /// <summary>Load a shipped preset by name or a preset file by path, with optional "key=value" overrides.</summary>
    public static LoadedPreset Load(string nameOrPath, IEnumerable<string>? overrides = null)
    {
        string text, origin; string? baseDir = null;
        if (nameOrPath.EndsWith(".toml", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains('/') || File.Exists(nameOrPath))
        {
            if (!File.Exists(nameOrPath)) throw new NuXeInputException("preset", nameOrPath, "file not found; give a shipped preset name (" + string.Join(", ", ShippedNames()) + ") or an existing .toml file");
            text = ReadPresetFile(nameOrPath); origin = nameOrPath; baseDir = Path.GetDirectoryName(Path.GetFullPath(nameOrPath));
        }
        else { text = ShippedText(nameOrPath); origin = $"preset '{nameOrPath}'"; }
        return Parse(text, origin, overrides, baseDir);
    }

    /// <summary>
    /// A preset from TOML text (e.g. written in a script), validated exactly like a preset file, with optional "key=value"
    /// overrides; relative data paths resolve against <paramref name="baseDirectory"/> (default: the current directory).
    /// </summary>
    public static LoadedPreset Parse(string tomlText, string origin = "text", IEnumerable<string>? overrides = null, string? baseDirectory = null)
    {
        var reader = new PresetReader(tomlText, origin);
        if (overrides is not null) reader.ApplyOverrides(overrides);
        var spec = Read(reader, baseDirectory);
        reader.RejectUnknownKeys();
        return new LoadedPreset(spec.Name, spec, reader.ResolvedToml($"NuXe resolved experiment preset '{spec.Name}' (from {origin})"), origin);
    }

    /// <summary>Largest preset file read (bytes): presets are a few kB.</summary>
    public const long MaxPresetBytes = 1 << 20;

    /// <summary>Reads a preset file: unreadable, oversized or binary files are one-line input errors.</summary>
    public static string ReadPresetFile(string path)
    {
        try
        {
            if (new FileInfo(path).Length > MaxPresetBytes) throw new NuXeInputException("preset", path, $"file is larger than {MaxPresetBytes >> 10} kB; a preset is a small TOML text");
            var text = File.ReadAllText(path);
            if (text.Contains('\0')) throw new NuXeInputException("preset", path, "is a binary file, not a TOML text");
            return text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new NuXeInputException("preset", path, "cannot be read: " + (e is UnauthorizedAccessException ? "permission denied" : e.Message.Split('\n')[0])); }
    }

    static string? Positive(double v) => v > 0 ? null : "must be > 0";
    static string? NonNegative(double v) => v >= 0 ? null : "must be ≥ 0";
    static string? Fraction(double v) => v is >= 0 and <= 1 ? null : "must be between 0 and 1";
    static string? Scale(double v) => v is >= 0 and <= L.MaxScale ? null : FormattableString.Invariant($"must be between 0 and {L.MaxScale:G}");

    /// <summary>Map a TOML document onto an <see cref="ExperimentSpec"/>, validating every field.</summary>
    public static ExperimentSpec Read(PresetReader r, string? baseDirectory)
    {
        string name = r.String("experiment.name", null);
        string description = r.String("experiment.description", "");
        string reference = r.String("experiment.reference", "");

        var physics = new PhysicsSettings(
            r.Double("physics.sin2w", Constants.Sin2ThetaWLowEnergy, v => v is > 0 and < 1 ? null : "must be between 0 and 1"),
            r.String("physics.couplings", "tree", ["tree", "radiative"]) == "radiative" ? CouplingScheme.Radiative : CouplingScheme.Tree,
            r.String("physics.atomic", "fea", AtomicModels.Names))
        {
            AtomicWeak = r.Has("physics.atomic_weak") ? r.String("physics.atomic_weak", null, AtomicModels.WeakNames) : null,
            AtomicMagnetic = r.Has("physics.atomic_mm") ? r.String("physics.atomic_mm", null, AtomicModels.MagneticNames) : null,
            AtomicCharge = r.Has("physics.atomic_charge") ? r.String("physics.atomic_charge", null, AtomicModels.ChargeNames) : null,
            NeutrinoMassEv = r.Double("physics.neutrino_mass_ev", PhysicsSettings.DefaultNeutrinoMassEv, v => v is > 0 and <= 1e3 ? null : "must be > 0 and ≤ 1000 eV"),
        };

        RadioactiveSourceSpec? source = null;
        if (r.Has("source"))
        {
            string iso = r.String("source.isotope", "cr51", ["cr51", "ar37"]);
            string lines = r.String("source.lines", "simplified", ["simplified", "detailed"]);
            double act = r.Double("source.activity_mci", null, L.Within(0, L.MaxActivityMCi, " MCi"));
            double days = r.Double("source.run_days", null, L.Above(0, L.MaxDays, " days"));
            int dep = r.Int("source.deployments", 1, v => v >= 1 && v <= L.MaxDeployments ? null : $"must be an integer between 1 and {L.MaxDeployments}");
            double phi0 = r.Double("source.flux_per_mci_at_1m", SourceRun.PrintedFluxPerMCiAt1m, L.Above(0, L.MaxFluxPerMCiAt1m, " per m² s MCi"));
            Point3 pos;
            if (r.Has("source.position_m"))
            {
                var p = r.Doubles("source.position_m", null, 3);
                if (p.Any(x => !double.IsFinite(x) || Math.Abs(x) > L.MaxLengthM)) throw new NuXeInputException("source.position_m", $"[{string.Join(", ", p)}]", $"each coordinate must be between {-L.MaxLengthM} and {L.MaxLengthM} m");
                pos = new Point3(p[0], p[1], p[2]);
            }
            else pos = new Point3(0, 0, -r.Double("source.distance_below_m", 1.0, L.Above(0, L.MaxLengthM, " m")));
            string avg = r.String("source.geometry_average", "auto", ["auto", "closed-form", "numerical"]);
            source = new RadioactiveSourceSpec(iso, lines, act, days, dep, phi0, pos, avg);
        }

        CylinderGeometry? cyl = null;
        double mass;
        if (r.Has("detector.height_m") || r.Has("detector.diameter_m"))
        {
            cyl = new CylinderGeometry(r.Double("detector.height_m", null, L.Above(0, L.MaxLengthM, " m")), r.Double("detector.diameter_m", null, L.Above(0, L.MaxLengthM, " m")),
                r.Double("detector.density_g_cm3", Constants.LiquidXenonDensityGPerCm3, L.Above(0, L.MaxDensityGPerCm3, " g/cm³")));
            if (!(cyl.MassTonnes <= L.MaxMassTonnes)) throw new NuXeInputException("detector.height_m", $"{cyl.HeightM} (diameter {cyl.DiameterM} m)", FormattableString.Invariant($"the cylinder holds {cyl.MassTonnes:G4} t; at most {L.MaxMassTonnes:G} t"));
            mass = cyl.MassTonnes;
            if (source is not null && cyl.Contains(source.Position))
                throw new NuXeInputException("source.position_m", $"[{source.Position.XM}, {source.Position.YM}, {source.Position.ZM}]", "must lie outside the detector cylinder");
        }
        else mass = r.Double("detector.mass_t", null, L.Above(0, L.MaxMassTonnes, " t"));
        double defaultLive = source is null ? double.NaN : source.RunDays * source.Deployments;
        double liveDays;
        if (r.Has("detector.tonne_years"))
        {
            liveDays = r.Double("detector.tonne_years", null, L.Above(0, L.MaxTonneYears, " t·yr")) * Constants.DaysPerYear / mass;
            if (!(liveDays <= L.MaxDays * L.MaxDeployments)) throw new NuXeInputException("detector.tonne_years", (liveDays * mass / Constants.DaysPerYear).ToString("G", CultureInfo.InvariantCulture), FormattableString.Invariant($"gives {liveDays:G4} live days for {mass:G4} t; at most {L.MaxDays * L.MaxDeployments:G} days"));
        }
        else liveDays = r.Double("detector.live_days", double.IsNaN(defaultLive) ? null : defaultLive, L.Above(0, L.MaxDays * L.MaxDeployments, " days"));
        double? electrons = r.OptionalDouble("detector.electrons", L.Above(0, L.MaxElectrons));
        var target = new TargetSpec(cyl, mass, liveDays, electrons);

        var response = ReadResponse(r, baseDirectory, source);

        SolarSpec? solar = null;
        if (r.Has("solar"))
        {
            string[] allowedSources = [.. SolarSources.Keys];
            var components = r.Strings("solar.components", allowedSources, allowedSources);
            double? pee = null;
            if (r.Raw("solar.pee") is string peeText)
            {
                if (peeText != "msw") throw new NuXeInputException("solar.pee", peeText, "must be a number between 0 and 1, or \"msw\"");
                r.MarkRead("solar.pee", peeText);
            }
            else pee = r.Has("solar.pee") ? r.Double("solar.pee", null, Fraction) : null;
            if (pee is null && !r.Has("solar.pee")) r.MarkRead("solar.pee", "msw");
            solar = new SolarSpec(
                components, pee,
                r.String("solar.flux_model", "b16-gs98", ["b16-gs98", "b16-agss09met", "hsieh2019"]),
                r.String("solar.oscillation", "nufit52", ["nufit52", "dmcalc"]),
                r.Double("solar.scale", 1.0, Scale),
                r.String("solar.normalise", "none", ["none", "coloma2014"]),
                r.String("solar.role", "background", ["background", "signal"]) == "signal")
            {
                Earth = r.String("solar.earth", "day", ["day", "night", "average"]),
                LatitudeDeg = r.OptionalDouble("solar.latitude_deg", v => v >= -90 && v <= 90 ? null : "must be between -90 and 90 degrees"),
                ExposureStart = r.Has("solar.exposure_start") ? r.String("solar.exposure_start", null) : null,
                ExposureEnd = r.Has("solar.exposure_end") ? r.String("solar.exposure_end", null) : null,
            };
            try { Sources.Solar.SolarEarth.Exposure(solar.Earth, solar.LatitudeDeg, solar.ExposureStart, solar.ExposureEnd); }
            catch (ArgumentException e) { throw new NuXeInputException("solar.earth", solar.Earth, e.Message); }
        }

        var backgrounds = new List<BackgroundSpec>();
        if (r.Has("backgrounds.xe136"))
            backgrounds.Add(new Xe136Spec(
                r.String("backgrounds.xe136.shape", "kotila-iachello", ["kotila-iachello", "primakoff-rosen"]),
                r.Double("backgrounds.xe136.half_life_yr", Detector.Backgrounds.Xe136HalfLifeYears, L.Within(L.MinXe136HalfLifeYr, L.MaxXe136HalfLifeYr, " yr")),
                r.Double("backgrounds.xe136.abundance", Detector.Backgrounds.Xe136Abundance, Fraction),
                r.Double("backgrounds.xe136.scale", 1.0, Scale)));
        if (r.Has("backgrounds.kr85"))
            backgrounds.Add(new Kr85Spec(
                r.Double("backgrounds.kr85.natkr_ppt", 0.1, L.Within(0, L.MaxNatKrPpt, " ppt")),
                r.Double("backgrounds.kr85.kr85_per_kr", 2e-11, L.Within(0, L.MaxKr85PerKr)),
                r.Double("backgrounds.kr85.scale", 1.0, Scale)));
        if (r.Has("backgrounds.rn222"))
            backgrounds.Add(new Rn222Spec(
                r.Double("backgrounds.rn222.activity_ubq_per_kg", 0.1, L.Within(0, L.MaxRn222MicroBqPerKg, " µBq/kg")),
                r.Double("backgrounds.rn222.rate_per_t_yr_kev_per_ubq_kg", 3.55, L.Within(0, L.MaxRate)),
                r.Double("backgrounds.rn222.max_kev", 1019.0, L.Above(0, L.MaxRn222KeV, " keV (the ²¹⁴Bi β endpoint, highest of the ²²²Rn chain)")),
                r.Double("backgrounds.rn222.scale", 1.0, Scale)));
        if (r.Has("backgrounds.flat"))
        {
            double lo = r.Double("backgrounds.flat.lo_kev", 0.0, L.Within(0, L.MaxEnergyKeV, " keV"));
            double hi = r.Double("backgrounds.flat.hi_kev", response.Binning.HiKeV, v => v > lo && v <= L.MaxEnergyKeV ? null : $"must be > backgrounds.flat.lo_kev = {lo} and ≤ {L.MaxEnergyKeV} keV (above the hep kinematic maximum)");
            backgrounds.Add(new FlatSpec(r.Double("backgrounds.flat.rate_per_kg_kev_day", null, L.Within(0, L.MaxRate, " per kg·keV·day")), lo, hi, r.Double("backgrounds.flat.scale", 1.0, Scale)));
        }

        if (r.Has("backgrounds.cevns"))
        {
            string[] srcs = [.. SolarSources.Keys];
            backgrounds.Add(new CevnsSpec(
                r.String("backgrounds.cevns.flux_model", "b16-gs98", ["b16-gs98", "b16-agss09met", "hsieh2019"]),
                r.Strings("backgrounds.cevns.sources", ["b8", "hep"], srcs),
                r.Double("backgrounds.cevns.quenching_k", Physics.Cevns.LindhardQuenching.DefaultK, L.Above(0, 1)),
                physics.Sin2ThetaW,
                r.Double("backgrounds.cevns.scale", 1.0, Scale)));
        }

        if (r.Has("backgrounds.tabulated"))
        {
            // Detector-level published background (EXPERIMENTS.md §3): CSV with E_lo_keV, E_hi_keV, events (full exposure).
            string file = r.String("backgrounds.tabulated.file", null);
            DataTable table;
            try
            {
                table = DataStore.Read(file, baseDirectory);
                var (blo, bhi) = DataChecks.Bins(table, "E_lo_keV", "E_hi_keV");
                if (blo[0] < 0 || bhi[^1] > L.MaxEnergyKeV) throw new DataFileException($"data file '{file}': bins must lie within 0–{L.MaxEnergyKeV} keV");
                DataChecks.NonNegative(table, "events");
            }
            catch (Exception e) when (e is FileNotFoundException or FormatException or KeyNotFoundException)
            { throw new NuXeInputException("backgrounds.tabulated.file", file, e.Message); }
            bool subtract = r.Bool("backgrounds.tabulated.subtract_solar", false);
            if (subtract && solar is null) throw new NuXeInputException("backgrounds.tabulated.subtract_solar", "true", "needs a [solar] table");
            backgrounds.Add(new TabulatedBackgroundSpec(file, table.Column("E_lo_keV"), table.Column("E_hi_keV"), table.Column("events"), subtract,
                r.Double("backgrounds.tabulated.scale", 1.0, Scale)));
        }

        return new ExperimentSpec(name, description, reference, physics, source, target, response, solar, backgrounds);
    }

    static ResponseSpec ReadResponse(PresetReader r, string? baseDirectory, RadioactiveSourceSpec? source)
    {
        var form = r.String("response.resolution", "none", ["none", "sqrt", "sqrt_linear", "fractional"]) switch
        {
            "sqrt" => ResolutionForm.Sqrt,
            "sqrt_linear" => ResolutionForm.SqrtLinear,
            "fractional" => ResolutionForm.Fractional,
            _ => ResolutionForm.None,
        };
        var resolution = form == ResolutionForm.None ? Resolution.Ideal : new Resolution(form,
            r.Double("response.resolution_a", 0.0, L.Within(0, L.MaxResolutionCoefficient)), r.Double("response.resolution_b", 0.0, L.Magnitude(L.MaxResolutionCoefficient)),
            r.Double("response.resolution_c", 0.0, L.Magnitude(L.MaxResolutionCoefficient)), r.Double("response.resolution_d", 0.0, L.Magnitude(L.MaxResolutionCoefficient)));

        double tmax = source is null ? L.MaxEnergyKeV : Kinematics.MaxRecoilKeV(SourceIsotope.Find(source.Isotope, source.Lines).MaxEnergyKeV);
        double thr = r.Double("response.threshold_kev", 0.0, v => v < 0 ? "must be ≥ 0"
            : v >= tmax ? (source is null ? $"must be below {L.MaxEnergyKeV} keV (above the hep kinematic maximum)" : $"must be below the maximum recoil energy T_max = {tmax.ToString("F1", CultureInfo.InvariantCulture)} keV of the {source.Isotope} source") : null);

        Efficiency eff = Efficiency.Unit;
        switch (r.Raw("response.efficiency"))
        {
            case null: r.Double("response.efficiency", 1.0, Fraction); break;
            case string reference:
                r.MarkRead("response.efficiency", reference);
                try
                {
                    var table = DataStore.Read(reference, baseDirectory);
                    DataChecks.Within(table, "T_keV", 0, L.MaxEnergyKeV);
                    eff = Efficiency.Tabulated(DataChecks.StrictlyIncreasing(table, "T_keV"), DataChecks.Within(table, "efficiency", 0, 1), reference);
                }
                catch (Exception e) when (e is FileNotFoundException or FormatException or KeyNotFoundException)
                { throw new NuXeInputException("response.efficiency", reference, e.Message); }
                break;
            default: eff = new Efficiency(r.Double("response.efficiency", 1.0, Fraction)); break;
        }

        double lo = r.Double("response.bin_lo_kev", thr, L.Within(0, L.MaxEnergyKeV, " keV"));
        double hi = r.Double("response.bin_hi_kev", null, v => v > lo && v <= L.MaxEnergyKeV ? null : $"must be > response.bin_lo_kev = {lo} and ≤ {L.MaxEnergyKeV} keV (above the hep kinematic maximum)");
        double width = r.Double("response.bin_width_kev", 1.0, v => v > 0 && v <= hi - lo ? ((hi - lo) / v > L.MaxBins + 0.5 ? FormattableString.Invariant($"gives {Math.Ceiling((hi - lo) / v):G} bins; at most {L.MaxBins} (memory), so ≥ {(hi - lo) / L.MaxBins:G4} keV") : null) : $"must be > 0 and ≤ bin_hi_kev − bin_lo_kev = {hi - lo}");
        var window = r.Doubles("response.window_kev", [lo, hi], 2);
        if (!(window[0] < window[1]) || window[0] < 0 || window[1] > L.MaxEnergyKeV) throw new NuXeInputException("response.window_kev", $"[{window[0]}, {window[1]}]", $"needs 0 ≤ LO < HI ≤ {L.MaxEnergyKeV} keV");
        return new ResponseSpec(resolution, eff, thr, Binning.Uniform(lo, hi, width), (window[0], window[1]));
    }
}
