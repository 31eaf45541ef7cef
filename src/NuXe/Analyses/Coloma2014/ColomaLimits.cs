using System.Globalization;
using NuXe.Analyses.Common;
using NuXe.Statistics;

namespace NuXe.Analyses.Coloma2014;

/// <summary>
/// The μ_ν, q_ν and ⟨r²⟩ analyses on the Coloma, Huber &amp; Link 2014 set-up (JHEP 11 (2014) 042; EXPERIMENTS.md §1.2): sessions
/// with deployment / threshold overrides, the μ_ν upper limit (Δχ² = 2.71, μ² ≥ 0) and two-sided 1-dof intervals.
/// </summary>
public static class ColomaLimits
{
    /// <summary>Experiment preset of the study.</summary>
    public const string Experiment = "coloma2014";

    /// <summary>Search range of μ_ν in units of μ_B for the upper limit (log-spaced).</summary>
    public const double MuLowerMuB = 1e-14, MuUpperMuB = 1e-8;

    /// <summary>Experiment overrides for N identical deployments (N × exposure, EXPERIMENTS.md §1 table).</summary>
    public static IEnumerable<string> Deployments(int n) => [$"source.deployments={n}"];

    /// <summary>Experiment overrides for a threshold (keV): threshold, first bin edge and window start all at the threshold
    /// (bins stay 0.1 keV wide up to 140 keV, so the threshold should be a multiple of 0.1 keV).</summary>
    public static IEnumerable<string> Threshold(double thresholdKeV)
    {
        string t = thresholdKeV.ToString("R", CultureInfo.InvariantCulture);
        return [$"response.threshold_kev={t}", $"response.bin_lo_kev={t}", $"response.window_kev=[{t}, 140.0]"];
    }

    /// <summary>Compile the analysis on the coloma2014 experiment with extra overrides.</summary>
    public static AnalysisSession Session(AnalysisSpec analysis, IEnumerable<string>? overrides = null)
        => AnalysisSession.Create(analysis, Experiment, overrides);

    /// <summary>Upper limit on μ_ν (units of μ_B) at the analysis CL and dof (default Δχ² = 2.71: one-sided 95 % with μ² ≥ 0),
    /// the first crossing going up from μ = 0 (log-space grid + Brent).</summary>
    public static LimitResult MagneticMomentLimit(AnalysisSession session, double cl = 0.90, int dof = 1)
        => UpperLimit.Find(session.Cost, "mu", session.Truth, MuLowerMuB, MuUpperMuB, new LimitOptions(cl, dof), "mu");

    /// <summary>
    /// Two-sided 1-dof region of one parameter around the true point: the profile on a linear grid of <paramref name="points"/>
    /// over truth ± <paramref name="halfWidth"/>, widened ×4 (up to 8 times) while the region touches the grid edge.
    /// Disjoint intervals are kept (<see cref="ConfidenceInterval.Intervals"/>).
    /// </summary>
    public static Profile1DResult TwoSided(AnalysisSession session, string parameter, double halfWidth, double cl = 0.90, int points = 4001)
    {
        int ip = session.Cost.IndexOf(parameter);
        double c = session.Truth[ip];
        Profile1DResult p = null!;
        for (int it = 0; it < 8; it++)
        {
            p = ProfileScan.Scan1D(session.Cost, parameter, ProfileScan.Linear(c - halfWidth, c + halfWidth, points), session.Truth, new ScanOptions([cl], 1));
            var ci = p.At(cl);
            if (!ci.Intervals.Any(i => i.LowerAtGridEdge || i.UpperAtGridEdge)) break;
            halfWidth *= 4;
        }
        return p;
    }
}
