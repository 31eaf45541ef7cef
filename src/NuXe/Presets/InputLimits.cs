using System.Globalization;
using NuXe.Physics;

namespace NuXe.Presets;

/// <summary>
/// Upper bounds of every numeric input (preset fields, CLI options, --truth), from what the quantity means, checked
/// before any work. They are generous (×10–×1000 beyond any real experiment) and chosen so that every product a run
/// forms (activity × flux × time × electrons, mass × exposure, …) stays finite, and memory stays bounded
/// (docs/robustness.md lists them with their reasons).
/// </summary>
public static class InputLimits
{
    /// <summary>
    /// Endpoint of the solar hep spectrum, 18.77 MeV (Bahcall, Phys. Rev. C 56 (1997) 3391; the highest-energy
    /// neutrinos NuXe knows). Its kinematic maximum recoil is <see cref="MaxEnergyKeV"/>'s reason.
    /// </summary>
    public const double HepEndpointKeV = 18773;

    /// <summary>
    /// Largest energy (keV) of any energy input: bin edges, windows, background ranges, --points, --window. 20 MeV lies
    /// above the kinematic maximum recoil T_max(hep) ≈ 18.5 MeV and above every background endpoint (¹³⁶Xe 2.46 MeV).
    /// </summary>
    public const double MaxEnergyKeV = 20000;

    /// <summary>Largest β endpoint of the ²²²Rn chain (²¹⁴Bi, Q_β = 3270 keV): the bound of backgrounds.rn222.max_kev.</summary>
    public const double MaxRn222KeV = 3270;

    /// <summary>
    /// Most reconstructed-energy bins. Memory grows with bins × true-grid nodes (bin edges are quadrature breakpoints);
    /// at this cap a run stays below about 2 GB (measured, docs/robustness.md).
    /// </summary>
    public const int MaxBins = 20000;

    /// <summary>Most points of a 1-D profile (memory trivial; time ∝ points).</summary>
    public const int MaxProfilePoints = 100_001;

    /// <summary>Most points per axis of a 2-D grid (1001² ≈ 10⁶ fits: hours, a few tens of MB).</summary>
    public const int MaxGridPointsPerAxis = 1001;

    /// <summary>Most points of an N-D `nuxe scan` grid (all axes together): 10⁷ fits are days on one core, and the merged scan.csv is about a GB.</summary>
    public const double MaxScanPoints = 1e7;

    /// <summary>Most toys per grid point or grid value.</summary>
    public const int MaxToys = 1_000_000;

    /// <summary>Most energies in spectrum --points.</summary>
    public const int MaxDifferentialPoints = 100_000;

    /// <summary>Source activity (MCi): the strongest sources built are a few MCi (SAGE/GALLEX ⁵¹Cr up to 1.7 MCi).</summary>
    public const double MaxActivityMCi = 1000;

    /// <summary>Run length per deployment and live time (days): a century.</summary>
    public const double MaxDays = 36525;

    /// <summary>Source deployments.</summary>
    public const int MaxDeployments = 1000;

    /// <summary>Flux per MCi at 1 m (ν m⁻² s⁻¹ MCi⁻¹): the exact value is 2.94e15; ×30 margin.</summary>
    public const double MaxFluxPerMCiAt1m = 1e17;

    /// <summary>Lengths (m): detector height and diameter, source position coordinates and distance.</summary>
    public const double MaxLengthM = 1000;

    /// <summary>Density (g/cm³): the densest element is 22.6 g/cm³ (LXe 2.9).</summary>
    public const double MaxDensityGPerCm3 = 30;

    /// <summary>Target mass (t): a megatonne.</summary>
    public const double MaxMassTonnes = 1e6;

    /// <summary>Exposure (t·yr).</summary>
    public const double MaxTonneYears = 1e8;

    /// <summary>Electrons in the target (a megatonne of xenon holds 2.5e35).</summary>
    public const double MaxElectrons = 1e37;

    /// <summary>Any multiplicative scale of a flux or background.</summary>
    public const double MaxScale = 1e6;

    /// <summary>Natural krypton in xenon (ppt): 1 ppm.</summary>
    public const double MaxNatKrPpt = 1e6;

    /// <summary>⁸⁵Kr/Kr ratio (atmospheric 2e-11).</summary>
    public const double MaxKr85PerKr = 1e-6;

    /// <summary>²²²Rn activity (µBq/kg): 1 Bq/kg.</summary>
    public const double MaxRn222MicroBqPerKg = 1e6;

    /// <summary>Rates per (t·yr·keV) per unit, or per (kg·keV·day).</summary>
    public const double MaxRate = 1e6;

    /// <summary>¹³⁶Xe half-life range (yr): measured 2.17e21.</summary>
    public const double MinXe136HalfLifeYr = 1e18, MaxXe136HalfLifeYr = 1e30;

    /// <summary>Coefficients of the resolution function (keV-based forms).</summary>
    public const double MaxResolutionCoefficient = 1000;

    /// <summary>Mediator / Z′ mass (keV): 1 TeV.</summary>
    public const double MaxMassKeV = 1e9;

    /// <summary>Largest |value| of a model parameter other than sin²θ_W (couplings, ε, μ_ν/μ_B, …: all ≪ 1 physically).</summary>
    public const double MaxParameterMagnitude = 1000;

    /// <summary>Largest degrees of freedom of a threshold.</summary>
    public const int MaxDof = 100;

    static string G(double v) => v.ToString("G", CultureInfo.InvariantCulture);

    /// <summary>A check for <see cref="PresetReader.Double"/>: lo &lt; v ≤ hi (exclusive lower bound).</summary>
    public static Func<double, string?> Above(double lo, double hi, string unit = "")
        => v => v > lo && v <= hi ? null : $"must be > {G(lo)} and ≤ {G(hi)}{unit}";

    /// <summary>A check for <see cref="PresetReader.Double"/>: lo ≤ v ≤ hi.</summary>
    public static Func<double, string?> Within(double lo, double hi, string unit = "")
        => v => v >= lo && v <= hi ? null : $"must be between {G(lo)} and {G(hi)}{unit}";

    /// <summary>A check for <see cref="PresetReader.Double"/>: |v| ≤ max.</summary>
    public static Func<double, string?> Magnitude(double max, string unit = "")
        => v => Math.Abs(v) <= max ? null : $"must be between {G(-max)} and {G(max)}{unit}";

    /// <summary>The allowed range of model parameter <paramref name="name"/> as (lo, hi, exclusive bounds).</summary>
    public static (double Lo, double Hi, bool Exclusive) ParameterRange(string name)
        => name == "sin2w" ? (0, 1, true) : (-MaxParameterMagnitude, MaxParameterMagnitude, false);

    /// <summary>Null when <paramref name="value"/> is allowed for parameter <paramref name="name"/>, else the allowed range.</summary>
    public static string? CheckParameter(string name, double value)
    {
        var (lo, hi, ex) = ParameterRange(name);
        if (!double.IsFinite(value)) return "must be a finite number";
        bool ok = ex ? value > lo && value < hi : value >= lo && value <= hi;
        return ok ? null : ex ? $"must be between {G(lo)} and {G(hi)} (exclusive), as in presets" : $"must be between {G(lo)} and {G(hi)}";
    }

    /// <summary>The kinematic maximum recoil (keV) of the hep neutrinos.</summary>
    public static double HepMaxRecoilKeV => Kinematics.MaxRecoilKeV(HepEndpointKeV);
}
