using NuXe.Data;
using NuXe.Physics;
using NuXe.Sources;

namespace NuXe.Detector;

/// <summary>
/// A complete, validated description of an experiment (what a preset file declares): physics conventions, neutrino
/// source(s), target, response, backgrounds. Immutable; <see cref="PreparedExperiment.Compile(ExperimentSpec)"/> turns it into
/// precomputed grids, responses and templates.
/// </summary>
public sealed record ExperimentSpec(
    string Name,
    string Description,
    string Reference,
    PhysicsSettings Physics,
    RadioactiveSourceSpec? Source,
    TargetSpec Target,
    ResponseSpec Response,
    SolarSpec? Solar,
    IReadOnlyList<BackgroundSpec> Backgrounds);

/// <summary>
/// SM conventions: sin²θ_W, coupling scheme (tree / radiative), atomic model (<c>physics.atomic</c>: "fea", "stepping",
/// "rrpa", "abinitio"), which is the default of every channel; per-channel overrides (issue 11, docs/atomic.md):
/// <see cref="AtomicWeak"/> (<c>physics.atomic_weak</c>), <see cref="AtomicMagnetic"/> (<c>physics.atomic_mm</c>),
/// <see cref="AtomicCharge"/> (<c>physics.atomic_charge</c>: millicharge and its interference with the weak amplitude;
/// also "epa"); <see cref="NeutrinoMassEv"/> (<c>physics.neutrino_mass_ev</c>) regulates the equivalent-photon log.
/// </summary>
public sealed record PhysicsSettings(double Sin2ThetaW, CouplingScheme Couplings, string Atomic)
{
    /// <summary>Atomic model of the contact (weak, NSI, charge radius, anapole) kernels; null = <see cref="Atomic"/>.</summary>
    public string? AtomicWeak { get; init; }
    /// <summary>Atomic model of the magnetic-moment kernel; null = <see cref="Atomic"/>.</summary>
    public string? AtomicMagnetic { get; init; }
    /// <summary>Atomic model of the millicharge kernels (1/T and 1/T²); null = <see cref="Atomic"/>.</summary>
    public string? AtomicCharge { get; init; }
    /// <summary>Neutrino mass (eV) cutting off the equivalent-photon log ln(E_ν/m_ν) of the millicharge response.</summary>
    public double NeutrinoMassEv { get; init; } = DefaultNeutrinoMassEv;

    /// <summary>Default m_ν = 0.1 eV (docs/atomic.md: the paper does not state its value).</summary>
    public const double DefaultNeutrinoMassEv = 0.1;

    /// <summary>The atomic model name of a kernel channel.</summary>
    public string AtomicFor(AtomicChannel channel) => channel switch
    {
        AtomicChannel.Weak => AtomicWeak ?? Atomic,
        AtomicChannel.MagneticMoment => AtomicMagnetic ?? Atomic,
        _ => AtomicCharge ?? Atomic,
    };
}

/// <summary>
/// A radioactive EC source beside the detector: isotope and line model, initial activity, run length, deployments,
/// flux normalisation at 1 m per MCi, position in detector coordinates (m, origin at the bottom-face centre), and
/// how the 1/r² volume average is computed ("auto": closed form on axis below the detector, else numerical).
/// </summary>
public sealed record RadioactiveSourceSpec(string Isotope, string Lines, double ActivityMCi, double RunDays, int Deployments,
    double FluxPerMCiAt1mPerM2PerS, Point3 Position, string GeometryAverage);

/// <summary>
/// The target: a LXe cylinder (mass from geometry) or a plain mass; live time in days (default: the source run
/// length × deployments); an optional override of the electron count (e.g. the papers' rounded 1.5e30).
/// </summary>
public sealed record TargetSpec(CylinderGeometry? Cylinder, double MassTonnes, double LiveDays, double? ElectronsOverride)
{
    /// <summary>Target electrons used for ν–e rates.</summary>
    public double Electrons => ElectronsOverride ?? XenonTarget.ElectronsPerTonne * MassTonnes;
}

/// <summary>Detector response: resolution, efficiency (true energy), threshold (reconstructed), binning, default window.</summary>
public sealed record ResponseSpec(Resolution Resolution, Efficiency Efficiency, double ThresholdKeV, Binning Binning, (double Lo, double Hi) WindowKeV);

/// <summary>
/// Solar neutrinos as a channel: which sources ("pp", "pep", "hep", "be7", "b8", "n13", "o15", "f17"), the solar model
/// ("b16-gs98", "b16-agss09met", "hsieh2019"), flavour content (P_ee constant, or null for MSW with the named
/// oscillation set), a flux scale, an optional normalisation to published rates ("none", "coloma2014"), and whether
/// they are background (fixed at the SM) or signal (varied with the model).
/// </summary>
public sealed record SolarSpec(IReadOnlyList<string> Components, double? Pee, string FluxModel, string Oscillation, double Scale, string Normalise, bool IsSignal);

/// <summary>A non-neutrino background declaration; <see cref="Build"/> makes the spectrum for an exposure.</summary>
public abstract record BackgroundSpec(string Name, double Scale)
{
    public abstract IBackgroundComponent Build(Exposure exposure);
}

/// <summary>¹³⁶Xe 2νββ with shape "primakoff-rosen" or "kotila-iachello" (tabulated), half-life, abundance, scale (depletion).</summary>
public sealed record Xe136Spec(string Shape, double HalfLifeYears, double Abundance, double Scale) : BackgroundSpec("xe136", Scale)
{
    public override IBackgroundComponent Build(Exposure exposure)
    {
        Func<double, double> pdf = Shape switch
        {
            "primakoff-rosen" => Backgrounds.PrimakoffRosenPdf(),
            "kotila-iachello" => TabulatedShapes.Xe136KotilaIachello,
            _ => throw new ArgumentException($"unknown xe136 shape '{Shape}'"),
        };
        return Backgrounds.Xe136(exposure, HalfLifeYears, Abundance, Scale, pdf);
    }
}

/// <summary>⁸⁵Kr β⁻ from a natural-Kr concentration (ppt mol/mol) and ⁸⁵Kr/Kr ratio; tabulated XENON1T shape.</summary>
public sealed record Kr85Spec(double NatKrPpt, double Kr85PerKr, double Scale) : BackgroundSpec("kr85", Scale)
{
    public override IBackgroundComponent Build(Exposure exposure)
        => new ShapedBackground("kr85", Scale * Backgrounds.Kr85DecaysPerTonneDay(NatKrPpt, Kr85PerKr) * exposure.MassTonnes * exposure.LiveDays,
            TabulatedShapes.Kr85, Backgrounds.Kr85QKeV);
}

/// <summary>
/// ²²²Rn via the "naked" ²¹⁴Pb β: flat at <c>RatePerTonneYearKeVPerMicroBqKg</c> × activity up to <c>MaxKeV</c>
/// (Coloma et al. 2014: 0.355 /(t·yr·keV) for 0.1 µBq/kg, flat).
/// </summary>
public sealed record Rn222Spec(double ActivityMicroBqPerKg, double RatePerTonneYearKeVPerMicroBqKg, double MaxKeV, double Scale) : BackgroundSpec("rn222", Scale)
{
    public override IBackgroundComponent Build(Exposure exposure)
        => Backgrounds.Flat("rn222", exposure, Scale * ActivityMicroBqPerKg * RatePerTonneYearKeVPerMicroBqKg, 0, MaxKeV);
}

/// <summary>A flat electron-recoil background in events/(kg·keV·day) between lo and hi (keV).</summary>
public sealed record FlatSpec(double RatePerKgKeVDay, double LoKeV, double HiKeV, double Scale) : BackgroundSpec("flat", Scale)
{
    public override IBackgroundComponent Build(Exposure exposure)
        => Backgrounds.Flat("flat", exposure, Scale * RatePerKgKeVDay * 1000 * Constants.DaysPerYear, LoKeV, HiKeV);
}

/// <summary>Tabulated background shapes shipped in data/backgrounds (see its PROVENANCE.md).</summary>
public static class TabulatedShapes
{
    static Func<double, double> Load(string file)
    {
        var t = DataStore.ReadShipped(file);
        return Backgrounds.TabulatedPdf(t.Column("T_keV"), t.Column("pdf_per_keV"));
    }

    static readonly Lazy<Func<double, double>> Xe136Ki = new(() => Load("backgrounds/xe136_2vbb_kotila_iachello.csv"));
    static readonly Lazy<Func<double, double>> Kr85Shape = new(() => Load("backgrounds/kr85_beta_shape.csv"));

    /// <summary>¹³⁶Xe 2νββ summed-electron pdf (keV⁻¹), Kotila &amp; Iachello 2012.</summary>
    public static double Xe136KotilaIachello(double tKeV) => Xe136Ki.Value(tKeV);

    /// <summary>⁸⁵Kr β⁻ pdf (keV⁻¹), XENON1T LowER template.</summary>
    public static double Kr85(double tKeV) => Kr85Shape.Value(tKeV);
}

/// <summary>Events per reconstructed-energy bin of a detector-level background, and how many bins a solar subtraction clamped to 0.</summary>
public sealed record DetectorLevelBins(double[] Events, int ClampedBins);

/// <summary>
/// A background already at detector level (efficiency and resolution folded in, reconstructed energy), e.g. a
/// collaboration's published best-fit background: it bypasses the response matrix and is re-binned directly.
/// </summary>
public interface IDetectorLevelBackground
{
    /// <summary>
    /// Events per reconstructed-energy bin of <paramref name="binning"/> (full exposure). <paramref name="solarStandardModel"/>
    /// gives the experiment's own SM solar-ν prediction per bin (detector level), subtracted when the spec asks for it;
    /// the result also counts the bins clamped to 0 by that subtraction (a diagnostic).
    /// </summary>
    DetectorLevelBins Binned(Binning binning, Func<double[]> solarStandardModel);
}

/// <summary>
/// A tabulated detector-level background ("[backgrounds.tabulated]"): events per reconstructed-energy cell
/// [lo, hi) (keV, full exposure), piecewise constant inside each cell, from a data file with columns
/// <c>E_lo_keV, E_hi_keV, events</c>. When <paramref name="SubtractSolar"/> is set the preset's SM solar-ν prediction
/// (same response) is subtracted bin by bin (for published best-fit backgrounds that include solar ν, EXPERIMENTS.md §3);
/// negative differences are clamped to 0 (counted in <see cref="DetectorLevelBins.ClampedBins"/>, kept by
/// <see cref="PreparedExperiment.ClampedBackgroundBins"/>).
/// </summary>
public sealed record TabulatedBackgroundSpec(string File, IReadOnlyList<double> LoKeV, IReadOnlyList<double> HiKeV, IReadOnlyList<double> Events,
    bool SubtractSolar, double Scale) : BackgroundSpec("published", Scale)
{
    public override IBackgroundComponent Build(Exposure exposure) => new TabulatedBackground(this);
}

/// <summary>The component of a <see cref="TabulatedBackgroundSpec"/>: events per keV at detector level (reconstructed energy).</summary>
public sealed class TabulatedBackground(TabulatedBackgroundSpec spec) : IBackgroundComponent, IDetectorLevelBackground
{
    public string Name => spec.Name;
    public TabulatedBackgroundSpec Spec => spec;
    public double EndpointKeV { get; } = spec.HiKeV.Max();
    public double TotalEvents { get; } = spec.Scale * spec.Events.Sum();
    public IReadOnlyList<double> BreakpointsKeV { get; } = [spec.HiKeV.Max()];

    /// <summary>Events per keV (reconstructed energy, detector level) at <paramref name="recoilKeV"/>.</summary>
    public double EventsPerKeV(double recoilKeV)
    {
        for (int i = 0; i < spec.LoKeV.Count; i++)
            if (recoilKeV >= spec.LoKeV[i] && recoilKeV < spec.HiKeV[i]) return spec.Scale * spec.Events[i] / (spec.HiKeV[i] - spec.LoKeV[i]);
        return 0.0;
    }

    /// <summary>Published events per bin (overlap-weighted sum of the cells), before any solar subtraction.</summary>
    public double[] Rebin(Binning binning)
    {
        var e = binning.EdgesKeV;
        var v = new double[binning.Count];
        for (int b = 0; b < v.Length; b++)
            for (int i = 0; i < spec.LoKeV.Count; i++)
            {
                double lo = Math.Max(e[b], spec.LoKeV[i]), hi = Math.Min(e[b + 1], spec.HiKeV[i]);
                if (hi > lo) v[b] += spec.Scale * spec.Events[i] * (hi - lo) / (spec.HiKeV[i] - spec.LoKeV[i]);
            }
        return v;
    }

    /// <inheritdoc/>
    public DetectorLevelBins Binned(Binning binning, Func<double[]> solarStandardModel)
    {
        var v = Rebin(binning);
        if (!spec.SubtractSolar) return new DetectorLevelBins(v, 0);
        var s = solarStandardModel();
        int clamped = 0;
        for (int i = 0; i < v.Length; i++) { v[i] -= s[i]; if (v[i] < 0) { v[i] = 0; clamped++; } }
        return new DetectorLevelBins(v, clamped);
    }
}
