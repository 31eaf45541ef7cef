using NuXe.Analyses.Common;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Statistics;

namespace NuXe.Analyses.LinkXu2019;

/// <summary>
/// Upper limits on a light-Z′ coupling versus its mass (Link &amp; Xu 2019 §V.C, Figs. 6–7; STATISTICS.md §4 "Limit curves"):
/// for each mass a <see cref="ZPrimeModel"/> is built on the shared <see cref="PreparedExperiment"/> (whose template cache is
/// keyed by the mass-dependent propagator kernels, so the templates are computed once per mass), and
/// <see cref="UpperLimit.Find"/> root-finds the first crossing of the threshold going up from the SM (coupling 0) in log coupling.
/// </summary>
public static class ZPrimeLimits
{
    /// <summary>Parameter name of a mechanism in <see cref="ZPrimeModel"/>: g (gauge), epsilon (kinetic), sAlpha (mass mixing).</summary>
    public static string ParameterOf(ZPrimeMechanism mechanism) => mechanism switch
    {
        ZPrimeMechanism.Gauge => "g",
        ZPrimeMechanism.Kinetic => "epsilon",
        _ => "sAlpha",
    };

    /// <summary>Search range [lower, upper] of the dimensionless coupling: 1e-9 … 0.9 (kinetic mixing ε must stay &lt; 1;
    /// s_α ≤ 1; g_Z′ limits of a ⁵¹Cr experiment lie between ~1e-7 and ~1e-2 for 1 keV … 10 GeV).</summary>
    public static (double Lower, double Upper) SearchRange(ZPrimeMechanism mechanism) => (1e-9, 0.9);

    /// <summary>Limit options of the Z′ curves: the CL and dof given, a 25-point log grid over the search range (≈ 2.8 per
    /// decade: Δχ² grows ∝ coupling⁴ at small coupling, so the first bracketing interval is found reliably) then Brent.</summary>
    public static LimitOptions Options(double cl = 0.90, int dof = 1) => new(cl, dof, LogSpace: true, GridPoints: 25);

    /// <summary><paramref name="perDecade"/> log-spaced masses from <paramref name="minKeV"/> to <paramref name="maxKeV"/> (keV); the
    /// decades (1 keV, 1 MeV, 1 GeV, …) are hit exactly when the ends are powers of 10.</summary>
    public static double[] Masses(double minKeV = 1.0, double maxKeV = 1e7, int perDecade = 6)
    {
        double a = Math.Log10(minKeV), b = Math.Log10(maxKeV);
        int n = (int)Math.Round((b - a) * perDecade) + 1;
        return Enumerable.Range(0, n).Select(k =>
        {
            double e = a + (b - a) * k / (n - 1);
            double r = Math.Round(e);
            return Math.Abs(e - r) < 1e-9 ? Math.Pow(10, r) : Math.Pow(10, e);
        }).ToArray();
    }

    /// <summary>
    /// The limit curve of one mechanism on one experiment.
    /// </summary>
    /// <param name="prepared">Compiled experiment (templates are cached in it per mass).</param>
    /// <param name="data">Data (usually Asimov at the SM).</param>
    /// <param name="kind">Test statistic.</param>
    /// <param name="mechanism">Gauge coupling, kinetic mixing or mass mixing.</param>
    /// <param name="massesKeV">Z′ masses in keV.</param>
    /// <param name="options">Limit options (CL, dof; log-space search is forced).</param>
    /// <param name="nuisances">Nuisances of the likelihood (profiled at every point), or none.</param>
    /// <param name="maxDegreeOfParallelism">Threads over masses (default: all cores).</param>
    public static LimitCurveResult Compute(PreparedExperiment prepared, BinnedData data, CostKind kind, ZPrimeMechanism mechanism,
        IReadOnlyList<double> massesKeV, LimitOptions? options = null, IReadOnlyList<NuisanceSpec>? nuisances = null, int? maxDegreeOfParallelism = null)
    {
        options = (options ?? Options()) with { LogSpace = true, IncludeZero = true };
        var physics = prepared.Spec.Physics;
        var inputs = massesKeV.Select(m => new LimitCurveInput(MassLabel(m), m, () =>
        {
            var model = new ZPrimeModel(mechanism, m, physics.Couplings, physics.Sin2ThetaW);
            var cost = new ChiSquareCost(ExperimentLikelihood.Build(prepared, model, nuisances), data, kind);
            // Gaussian χ² without nuisances: the same χ² from its quadratic form in the coefficients (O(basis²) per point)
            return GaussianQuadraticChi2.TryCreate(cost, [0.0])?.AsCost() ?? cost;
        }));
        var (lo, hi) = SearchRange(mechanism);
        return LimitCurve.Compute(inputs, ParameterOf(mechanism), [0.0], lo, hi, options, maxDegreeOfParallelism);
    }

    /// <summary>Asimov data at the SM (coupling 0) of an experiment, with nuisances at 0.</summary>
    public static BinnedData StandardModelAsimov(PreparedExperiment prepared, string name = "asimov(SM)")
    {
        var physics = prepared.Spec.Physics;
        var model = new ZPrimeModel(ZPrimeMechanism.Gauge, 1.0, physics.Couplings, physics.Sin2ThetaW);
        return ExperimentLikelihood.Asimov(ExperimentLikelihood.Build(prepared, model), [0.0], name);
    }

    /// <summary>"1keV", "1MeV", "1GeV", "3.16MeV" …: a compact label of a mass in keV.</summary>
    public static string MassLabel(double massKeV)
    {
        string F(double v) => v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture).Replace('.', 'p');
        return massKeV >= 1e6 ? F(massKeV / 1e6) + "GeV" : massKeV >= 1e3 ? F(massKeV / 1e3) + "MeV" : F(massKeV) + "keV";
    }
}
