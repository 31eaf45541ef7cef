using MathNet.Numerics.Distributions;

namespace NuXe.Statistics;

/// <summary>
/// Δχ² thresholds from Wilks' theorem (STATISTICS.md §3): the χ² quantile with k degrees of freedom (k = number of
/// parameters of interest) at the confidence level, computed with MathNet <c>ChiSquared.InvCDF</c>, never tabulated.
/// E.g. Threshold(0.9, 2) = 4.605, Threshold(0.6827, 1) ≈ 1.0.
/// </summary>
public static class ChiSquareThresholds
{
    /// <summary>The Gaussian 1σ two-sided coverage erf(1/√2) = 0.682689….</summary>
    public static double OneSigmaCl { get; } = ClForSigma(1.0);

    /// <summary>Δχ² below which a point lies inside the region at confidence level <paramref name="cl"/> (0 &lt; cl &lt; 1)
    /// for <paramref name="dof"/> parameters of interest.</summary>
    public static double Threshold(double cl, int dof)
    {
        if (!(cl > 0 && cl < 1)) throw new ArgumentOutOfRangeException(nameof(cl), "CL must be in (0, 1).");
        if (dof < 1) throw new ArgumentOutOfRangeException(nameof(dof), "dof must be ≥ 1.");
        return ChiSquared.InvCDF(dof, cl);
    }

    /// <summary>Two-sided Gaussian coverage of ±<paramref name="sigma"/>: erf(σ/√2).</summary>
    public static double ClForSigma(double sigma) => MathNet.Numerics.SpecialFunctions.Erf(sigma / Math.Sqrt(2.0));

    /// <summary>Δχ² threshold for an "nσ" region with <paramref name="dof"/> parameters (e.g. 1σ, 2 dof = 2.30).</summary>
    public static double ThresholdForSigma(double sigma, int dof) => Threshold(ClForSigma(sigma), dof);

    /// <summary>Confidence level of a Δχ² value with <paramref name="dof"/> parameters (the χ² CDF).</summary>
    public static double Cl(double deltaChi2, int dof) => ChiSquared.CDF(dof, deltaChi2);
}
