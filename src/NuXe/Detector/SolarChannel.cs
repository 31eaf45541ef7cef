using System.Collections.Concurrent;
using System.Globalization;
using NuXe.Sources;
using NuXe.Physics;
using NuXe.Sources.Solar;

namespace NuXe.Detector;

/// <summary>
/// Solar-neutrino flux components of an experiment's solar channel (PHYSICS.md §7): the chosen sources of a solar
/// model, split into ν_e, ν_μ, ν_τ by the flavour probabilities (MSW averaged over the production region, or a
/// constant P_ee), scaled, and optionally normalised so that the full-spectrum free-electron SM rates equal published
/// values (Coloma et al. 2014 quote pp 1.05 and ⁷Be 0.51 counts/(t·day)).
/// </summary>
public static class SolarChannel
{
    /// <summary>Full-spectrum ν–e rates per tonne of Xe per day quoted by Coloma, Huber &amp; Link 2014 §2.</summary>
    /// <summary>Shipped in <c>data/solar/coloma2014_normalisation.csv</c> (source and provenance there): an input of that paper's background model.</summary>
    public static IReadOnlyDictionary<string, double> Coloma2014RatesPerTonneDay => ColomaRates.Value;

    static readonly Lazy<IReadOnlyDictionary<string, double>> ColomaRates = new(() =>
    {
        var t = NuXe.Data.DataStore.ReadShipped("solar/coloma2014_normalisation.csv");
        var ids = t.Column("source_id"); var rates = t.Column("rate_per_t_day");
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++) d[((SolarSource)(int)ids[i]).Key()] = rates[i];
        return d.AsReadOnly();
    });

    /// <summary>Identical solar settings compiled again (every session of a study) share one computation (at most this many kept).</summary>
    const int CacheCapacity = 64;
    static readonly ConcurrentDictionary<string, Lazy<FluxComponent[]>> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// As <see cref="Components(SolarSpec, PhysicsSettings)"/>, computed once per process for identical inputs (the MSW
    /// production average and the Earth's day/night matrices are the expensive part of a compile). The list and its
    /// components are immutable records over arrays the library never writes: for the compiler's own use.
    /// </summary>
    internal static IReadOnlyList<FluxComponent> SharedComponents(SolarSpec spec, PhysicsSettings physics)
    {
        var parts = new[]
        {
            string.Join(",", spec.Components), R(spec.Pee), spec.FluxModel, spec.Oscillation, R(spec.Scale), spec.Normalise, spec.Earth,
            R(spec.LatitudeDeg), spec.ExposureStart ?? "", spec.ExposureEnd ?? "", R(physics.Sin2ThetaW), physics.Couplings.ToString(),
        };
        string key = string.Join("|", parts);
        if (Cache.Count >= CacheCapacity) Cache.Clear();
        return Cache.GetOrAdd(key, _ => new Lazy<FluxComponent[]>(() => Components(spec, physics).ToArray())).Value;
        static string R(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
    }

    /// <summary>The flux components of the solar channel (fresh objects on every call).</summary>
    public static IReadOnlyList<FluxComponent> Components(SolarSpec spec, PhysicsSettings physics)
    {
        var model = SolarModel.ByName(spec.FluxModel);
        var osc = OscillationParameters.ByName(spec.Oscillation);
        var mode = spec.Pee is { } p ? PeeMode.Constant(p) : spec.Earth == "day" ? PeeMode.Msw : new EarthMswPeeMode(SolarEarth.Exposure(spec.Earth, spec.LatitudeDeg, spec.ExposureStart, spec.ExposureEnd));
        var sources = spec.Components.Select(SolarSources.Parse).ToArray();
        var components = SolarFlux.Components(model, osc, sources, mode).Select(c => c.Scaled(spec.Scale)).ToList();
        if (spec.Normalise == "coloma2014")
        {
            foreach (var (name, target) in Coloma2014RatesPerTonneDay)
            {
                double rate = components.Where(c => c.Name == name).Sum(c => RatePerTonneDay(c, physics));
                if (rate <= 0) continue;
                for (int i = 0; i < components.Count; i++)
                    if (components[i].Name == name) components[i] = components[i].Scaled(target / rate);
            }
        }
        return components;
    }

    /// <summary>Full-spectrum free-electron SM event rate of a flux component per tonne of xenon per day.</summary>
    public static double RatePerTonneDay(FluxComponent c, PhysicsSettings physics)
    {
        var g = ElectroweakCouplings.StandardModel(c.Stream.Flavour, physics.Sin2ThetaW, physics.Couplings);
        double Sigma(double e) => StandardModel.TotalCrossSection(e, g, c.Stream.Antineutrino);
        double perElectronPerS = c.Lines.Sum(l => l.FluxPerCm2PerS * Sigma(l.EnergyKeV));
        if (c.Continuum is { } cont)
            for (int i = 1; i < cont.EnergyKeV.Length; i++)
                perElectronPerS += 0.5 * (cont.FluxPerCm2PerSPerKeV[i] * Sigma(cont.EnergyKeV[i]) + cont.FluxPerCm2PerSPerKeV[i - 1] * Sigma(cont.EnergyKeV[i - 1]))
                                 * (cont.EnergyKeV[i] - cont.EnergyKeV[i - 1]);
        return perElectronPerS * XenonTarget.ElectronsPerTonne * Constants.SecondsPerDay;
    }
}
