using System.Reflection;
using NuXe.Physics;
using NuXe.Presets;
using NuXe.Statistics;

namespace NuXe.Analyses.Common;

/// <summary>One scanned parameter: range and number of grid points (linear or log-spaced); "auto" ranges come from the Hessian error.</summary>
public sealed record ScanAxis(string Parameter, double? Min, double? Max, int Points, bool Log = false);

/// <summary>
/// An analysis (what an analysis preset declares, STATISTICS.md): experiment preset(s), physics model, data (Asimov at a
/// true point or a file), test statistic, nuisances, scanned parameters, confidence levels.
/// </summary>
public sealed record AnalysisSpec(
    string Name,
    string Description,
    IReadOnlyList<string> Experiments,
    IReadOnlyList<string> ExperimentOverrides,
    string Model,
    Flavour? Flavour,
    double? MassKeV,
    CostKind Statistic,
    string Data,
    IReadOnlyDictionary<string, double> Truth,
    IReadOnlyList<ScanAxis> Scan,
    IReadOnlyList<double> Cls,
    int? Dof,
    IReadOnlyList<NuisanceSpec> Nuisances);

/// <summary>Analysis presets (TOML) shipped under <c>presets/analyses/</c> or given by path.</summary>
public static class AnalysisPresets
{
    static readonly Assembly Assembly = typeof(AnalysisPresets).Assembly;
    const string Prefix = "presets/analyses/";

    /// <summary>Names of the shipped analysis presets.</summary>
    public static IReadOnlyList<string> ShippedNames() => Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".toml", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^5]).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>Load a shipped analysis preset by name, or a file by path, with "key=value" overrides.</summary>
    public static (AnalysisSpec Spec, string ResolvedToml) Load(string nameOrPath, IEnumerable<string>? overrides = null)
    {
        string text, origin;
        if (File.Exists(nameOrPath)) { text = ExperimentPresets.ReadPresetFile(nameOrPath); origin = nameOrPath; }
        else
        {
            using var s = Assembly.GetManifestResourceStream(Prefix + nameOrPath + ".toml")
                ?? throw new NuXeInputException("analysis", nameOrPath, "unknown analysis preset; allowed: " + string.Join(", ", ShippedNames()) + ", or a path to a .toml file");
            using var r = new StreamReader(s);
            text = r.ReadToEnd(); origin = $"analysis preset '{nameOrPath}'";
        }
        var reader = new PresetReader(text, origin);
        if (overrides is not null) reader.ApplyOverrides(overrides);
        var spec = Read(reader);
        reader.RejectUnknownKeys();
        return (spec, reader.ResolvedToml($"NuXe resolved analysis preset '{spec.Name}' (from {origin})"));
    }

    static AnalysisSpec Read(PresetReader r)
    {
        string name = r.String("analysis.name", null);
        string description = r.String("analysis.description", "");
        var experiments = r.Strings("analysis.experiments", []);
        if (experiments.Length == 0) throw new NuXeInputException("analysis.experiments", "[]", "needs at least one experiment preset");
        var overrides = r.Strings("analysis.experiment_overrides", []);
        string model = r.String("analysis.model", "sm", Physics.Models.ModelCatalog.Names.Select(n => n.ToLowerInvariant()).ToArray());
        string? fl = r.Has("analysis.flavour") ? r.String("analysis.flavour", null, ["e", "mu", "tau"]) : null;
        Flavour? flavour = fl switch { "e" => Physics.Flavour.E, "mu" => Physics.Flavour.Mu, "tau" => Physics.Flavour.Tau, _ => null };
        double? mass = r.OptionalDouble("analysis.mass_kev", v => v > 0 && v <= InputLimits.MaxMassKeV ? null : FormattableString.Invariant($"must be > 0 and ≤ {InputLimits.MaxMassKeV:G} keV"));
        var statistic = r.String("analysis.statistic", "gaussian", ["gaussian", "poisson"]) == "poisson" ? CostKind.Poisson : CostKind.Gaussian;
        string data = r.String("analysis.data", "asimov");
        var truth = new Dictionary<string, double>();
        foreach (var key in r.Keys("truth")) truth[key] = r.Double("truth." + key, null, v => InputLimits.CheckParameter(key, v));
        var scan = new List<ScanAxis>();
        foreach (var key in r.Keys("scan"))
        {
            string p = $"scan.{key}";
            double? min = r.OptionalDouble(p + ".min"), max = r.OptionalDouble(p + ".max");
            if (min is { } a && max is { } b && !(a < b)) throw new NuXeInputException(p + ".max", b.ToString(System.Globalization.CultureInfo.InvariantCulture), $"must be > {p}.min = {a}");
            foreach (var end in new[] { min, max }) if (end is { } x && InputLimits.CheckParameter(key, x) is { } allowed) throw new NuXeInputException(p, x.ToString(System.Globalization.CultureInfo.InvariantCulture), allowed);
            scan.Add(new ScanAxis(key, min, max, r.Int(p + ".points", 101, v => v >= 3 && v <= InputLimits.MaxProfilePoints ? null : $"must be between 3 and {InputLimits.MaxProfilePoints}"), r.Bool(p + ".log", false)));
        }
        var cls = r.Doubles("analysis.cls", [ChiSquareThresholds.OneSigmaCl]);
        foreach (var cl in cls) if (!(cl > 0 && cl < 1)) throw new NuXeInputException("analysis.cls", cl.ToString(System.Globalization.CultureInfo.InvariantCulture), "each CL must be between 0 and 1");
        int? dof = r.Has("analysis.dof") ? r.Int("analysis.dof", 1, v => v >= 1 && v <= InputLimits.MaxDof ? null : $"must be between 1 and {InputLimits.MaxDof}") : null;
        var nuisances = new List<NuisanceSpec>();
        foreach (var key in r.Keys("nuisances"))
        {
            string p = $"nuisances.{key}";
            string kind = r.String(p + ".kind", "norm", ["norm", "energy_scale"]);
            var groups = kind == "norm" ? r.Strings(p + ".groups", ["signal"]) : [];
            double? sigma = r.OptionalDouble(p + ".sigma", v => v > 0 && v <= 100 ? null : "must be > 0 and ≤ 100 (omit it for a free nuisance)");
            nuisances.Add(new NuisanceSpec(key, kind, groups, sigma));
        }
        return new AnalysisSpec(name, description, experiments, overrides, model, flavour, mass, statistic, data, truth, scan, cls, dof, nuisances);
    }
}
