using MathNet.Numerics.Integration;
using NuXe.Physics;
using NuXe.Sources;

namespace NuXe.Detector;

/// <summary>Target mass and live time that a background rate is integrated over.</summary>
public readonly record struct Exposure(double MassTonnes, double LiveDays)
{
    public double TonneYears => MassTonnes * LiveDays / Constants.DaysPerYear;
}

/// <summary>
/// A non-neutrino background as a true-energy spectrum of events per keV for the full exposure. It goes through the
/// same detector response (efficiency, resolution, threshold, binning) as the signal.
/// </summary>
public interface IBackgroundComponent
{
    /// <summary>Stable component name: "xe136", "kr85", "rn222", "flat", …</summary>
    string Name { get; }

    /// <summary>dN/dT in events per keV (true recoil energy, full exposure, before efficiency).</summary>
    double EventsPerKeV(double recoilKeV);

    /// <summary>Highest energy with a non-zero rate (keV).</summary>
    double EndpointKeV { get; }

    /// <summary>Total events over all energies for the full exposure (before efficiency).</summary>
    double TotalEvents { get; }

    /// <summary>Energies where the spectrum has kinks or jumps (quadrature panels break there).</summary>
    IReadOnlyList<double> BreakpointsKeV { get; }
}

/// <summary>A spectrum given by its total number of events and a normalised shape pdf(T) (keV⁻¹).</summary>
public sealed class ShapedBackground(string name, double totalEvents, Func<double, double> pdfPerKeV, double endpointKeV, IReadOnlyList<double>? breakpoints = null) : IBackgroundComponent
{
    public string Name { get; } = name;
    public double TotalEvents { get; } = totalEvents;
    public double EndpointKeV { get; } = endpointKeV;
    public IReadOnlyList<double> BreakpointsKeV { get; } = breakpoints ?? [endpointKeV];
    public double EventsPerKeV(double recoilKeV) => recoilKeV < 0 || recoilKeV > EndpointKeV ? 0.0 : TotalEvents * pdfPerKeV(recoilKeV);
}

/// <summary>Spectral shapes and normalisations of the standard LXe backgrounds (PHYSICS.md §8, EXPERIMENTS.md §1).</summary>
public static class Backgrounds
{
    /// <summary>¹³⁶Xe 2νββ Q value in keV.</summary>
    public const double Xe136QKeV = 2457.8;

    /// <summary>¹³⁶Xe natural abundance (PHYSICS.md §8).</summary>
    public const double Xe136Abundance = 0.08857;

    /// <summary>¹³⁶Xe 2νββ half-life in years (PHYSICS.md §8; EXO-200 / KamLAND-Zen average 2.165e21).</summary>
    public const double Xe136HalfLifeYears = 2.165e21;

    /// <summary>
    /// Primakoff–Rosen summed-electron spectrum of 2νββ: dN/dK ∝ K(K⁴ + 10K³ + 40K² + 60K + 30)(K₀ − K)⁵ with K the
    /// summed kinetic energy in units of m_e (PHYSICS.md §8), normalised to unit integral over T ∈ [0, Q] (keV⁻¹).
    /// </summary>
    public static Func<double, double> PrimakoffRosenPdf(double qKeV = Xe136QKeV)
    {
        double me = Constants.ElectronMassKeV, k0 = qKeV / me;
        double F(double t) { double k = t / me; if (k <= 0 || k >= k0) return 0; return k * ((((k + 10) * k + 40) * k + 60) * k + 30) * Math.Pow(k0 - k, 5); }
        // polynomial of degree 10 in t: a 12-point Gauss–Legendre rule is exact
        double norm = GaussLegendreRule.Integrate(F, 0, qKeV, 12);
        return t => F(t) / norm;
    }

    /// <summary>Tabulated pdf (linear interpolation, 0 outside the table).</summary>
    public static Func<double, double> TabulatedPdf(double[] tKeV, double[] pdf)
        => t =>
        {
            if (t < tKeV[0] || t > tKeV[^1]) return 0.0;
            int i = Array.BinarySearch(tKeV, t);
            if (i >= 0) return pdf[i];
            i = ~i;
            double f = (t - tKeV[i - 1]) / (tKeV[i] - tKeV[i - 1]);
            return pdf[i - 1] + f * (pdf[i] - pdf[i - 1]);
        };

    /// <summary>
    /// ¹³⁶Xe 2νββ decays in the exposure: N = (m/M_Xe) N_A · abundance · ln2/T½ · t.
    /// </summary>
    public static double Xe136Decays(Exposure exposure, double halfLifeYears, double abundance)
        => XenonTarget.AtomsPerTonne * exposure.MassTonnes * abundance * Math.Log(2) / halfLifeYears * exposure.LiveDays / Constants.DaysPerYear;

    /// <summary>¹³⁶Xe 2νββ background with the given shape ("primakoff-rosen" or tabulated Kotila–Iachello pdf).</summary>
    public static IBackgroundComponent Xe136(Exposure exposure, double halfLifeYears, double abundance, double scale, Func<double, double> pdf)
        => new ShapedBackground("xe136", scale * Xe136Decays(exposure, halfLifeYears, abundance), pdf, Xe136QKeV);

    /// <summary>⁸⁵Kr half-life (yr) and Q value (keV).</summary>
    public const double Kr85HalfLifeYears = 10.76, Kr85QKeV = 687.0;

    /// <summary>
    /// ⁸⁵Kr decays per tonne of xenon per day for a natural-Kr concentration (mol/mol, in ppt) and a ⁸⁵Kr/Kr ratio
    /// (Coloma et al. 2014 §2: 0.1 ppt and 2e-11 → 1.62 /t/d).
    /// </summary>
    public static double Kr85DecaysPerTonneDay(double natKrPpt, double kr85PerKr)
        => XenonTarget.AtomsPerTonne * natKrPpt * 1e-12 * kr85PerKr * Math.Log(2) / (Kr85HalfLifeYears * Constants.DaysPerYear);

    /// <summary>²²²Rn decays per tonne per day for an activity in µBq/kg (0.1 µBq/kg → 8.64 /t/d).</summary>
    public static double Rn222DecaysPerTonneDay(double microBqPerKg) => microBqPerKg * 1e-6 * 1000 * Constants.SecondsPerDay;

    /// <summary>A flat spectrum of <paramref name="eventsPerTonneYearKeV"/> between lo and hi (keV).</summary>
    public static IBackgroundComponent Flat(string name, Exposure exposure, double eventsPerTonneYearKeV, double loKeV, double hiKeV)
    {
        double perKeV = eventsPerTonneYearKeV * exposure.TonneYears;
        return new FlatBackground(name, perKeV, loKeV, hiKeV);
    }

    sealed class FlatBackground(string name, double perKeV, double lo, double hi) : IBackgroundComponent
    {
        public string Name { get; } = name;
        public double EventsPerKeV(double t) => t >= lo && t <= hi ? perKeV : 0.0;
        public double EndpointKeV => hi;
        public double TotalEvents => perKeV * (hi - lo);
        public IReadOnlyList<double> BreakpointsKeV { get; } = [lo, hi];
    }
}
