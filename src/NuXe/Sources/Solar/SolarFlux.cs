using NuXe.Physics;

namespace NuXe.Sources.Solar;

/// <summary>How the flavour content of solar neutrinos at Earth is computed.</summary>
public abstract record PeeMode
{
    /// <summary>Three-flavour adiabatic MSW-LMA, averaged over each source's production region (<see cref="SolarMsw"/>). The default.</summary>
    public static readonly PeeMode Msw = new MswPeeMode();

    /// <summary>Energy-independent P_ee; 1 − P_ee split into ν_μ : ν_τ as cos²θ₂₃ : sin²θ₂₃ (<see cref="SolarMsw.Constant"/>).</summary>
    public static PeeMode Constant(double pee) => new ConstantPeeMode(pee);
}

/// <summary>Adiabatic MSW-LMA (see <see cref="SolarMsw"/>).</summary>
public sealed record MswPeeMode : PeeMode;

/// <summary>
/// Adiabatic MSW in the Sun followed by Earth matter averaged over an exposure (<see cref="SolarPropagation"/>, SM point):
/// P_eα = ρ_αα. With <see cref="SolarExposure.DayOnly"/> this equals <see cref="MswPeeMode"/>.
/// </summary>
public sealed record EarthMswPeeMode(SolarExposure Exposure) : PeeMode;

/// <summary>Fixed P_ee (dimensionless, 0…1), e.g. 0.55 (Hsieh et al. 2019).</summary>
public sealed record ConstantPeeMode(double Pee) : PeeMode;

/// <summary>
/// Solar-neutrino flux components at Earth per source and flavour stream (PHYSICS.md §7): for a source s and
/// flavour α, dΦ_α/dE = Φ_s · dN_s/dE · P_eα(E) (cm⁻² s⁻¹ keV⁻¹) and lines Φ_s · branching · P_eα(E_line) (cm⁻² s⁻¹).
/// Fluxes are the annual mean at 1 AU (no eccentricity modulation).
/// </summary>
public static class SolarFlux
{
    /// <summary>The flavour streams produced, in order ν_e, ν_μ, ν_τ.</summary>
    public static readonly IReadOnlyList<FlavourStream> Streams = [FlavourStream.NuE, FlavourStream.NuMu, FlavourStream.NuTau];

    /// <summary>Component name of a source: "pp", "pep", "hep", "be7" (both lines), "b8", "n13", "o15", "f17".</summary>
    public static string ComponentName(SolarSource source) => source.Key();

    /// <summary>
    /// Flux components at Earth: for each requested source, three components (ν_e, ν_μ, ν_τ, in that order) with the
    /// source's name, already weighted by P_eα(E). <paramref name="mode"/> defaults to <see cref="PeeMode.Msw"/>.
    /// Continuum fluxes are given on the tabulated shape grid (linear in between), so that
    /// Σ_α total flux = the model's total flux of the source.
    /// </summary>
    public static IReadOnlyList<FluxComponent> Components(SolarModel model, OscillationParameters osc, IEnumerable<SolarSource> sources, PeeMode? mode = null)
    {
        mode ??= PeeMode.Msw;
        var result = new List<FluxComponent>();
        foreach (var s in sources.Distinct())
        {
            Func<double, FlavourProbabilities> prob = mode switch
            {
                MswPeeMode => new ProductionAveragedMsw(model.Production, s, osc).At,
                EarthMswPeeMode em => EarthProbabilities(new SolarPropagation(model, osc, em.Exposure), s),
                ConstantPeeMode c => SolarMsw.Constant(c.Pee, osc) is var fp ? (_ => fp) : throw new InvalidOperationException(),
                _ => throw new ArgumentException($"Unsupported P_ee mode {mode}.", nameof(mode)),
            };
            result.AddRange(SourceComponents(model, s, prob));
        }
        return result;
    }

    static Func<double, FlavourProbabilities> EarthProbabilities(SolarPropagation prop, SolarSource s) => e =>
    {
        var rho = prop.DensityMatrix(s, e, Physics.Nsi.SolarNsiPoint.StandardModel);
        return new FlavourProbabilities(rho[0, 0].Real, rho[1, 1].Real, rho[2, 2].Real);
    };

    /// <summary>Components of all eight sources (see <see cref="Components(SolarModel, OscillationParameters, IEnumerable{SolarSource}, PeeMode?)"/>).</summary>
    public static IReadOnlyList<FluxComponent> Components(SolarModel model, OscillationParameters osc, PeeMode? mode = null)
        => Components(model, osc, SolarSources.All, mode);

    /// <summary>The unoscillated ν_e flux of a source at Earth (as produced; P_ee = 1), one ν_e component.</summary>
    public static FluxComponent Unoscillated(SolarModel model, SolarSource source)
        => SourceComponents(model, source, _ => new FlavourProbabilities(1, 0, 0))[0];

    static FluxComponent[] SourceComponents(SolarModel model, SolarSource s, Func<double, FlavourProbabilities> prob)
    {
        double total = model.Flux(s);
        string name = ComponentName(s);
        var comps = new FluxComponent[3];
        if (s.IsLine())
        {
            var lines = SolarSpectra.Lines(s);
            var p = lines.Select(l => prob(l.EnergyKeV)).ToArray();
            for (int a = 0; a < 3; a++)
            {
                var f = (Flavour)a;
                comps[a] = new FluxComponent(name, Streams[a],
                    lines.Select((l, i) => new SpectralLine(l.EnergyKeV, total * l.Branching * p[i].Of(f))).ToArray());
            }
        }
        else
        {
            var shape = SolarSpectra.Shape(s);
            var e = shape.EnergyKeV;
            var p = e.Select(prob).ToArray();
            for (int a = 0; a < 3; a++)
            {
                var f = (Flavour)a;
                var phi = new double[e.Length];
                for (int i = 0; i < e.Length; i++) phi[i] = total * shape.FluxPerCm2PerSPerKeV[i] * p[i].Of(f);
                comps[a] = new FluxComponent(name, Streams[a], [], new ContinuousSpectrum((double[])e.Clone(), phi));
            }
        }
        return comps;
    }
}
