using NuXe.Statistics;

namespace NuXe.Analyses.Common;

/// <summary>Toy-based limits next to a Wilks limit, at the Wilks limit's scale: the one used by the study reports.</summary>
/// <param name="Wilks">The Wilks (Δχ² threshold) upper limit the construction is centred on.</param>
/// <param name="Result">The toy construction.</param>
/// <param name="CoverageAtLimit">P(t ≤ threshold | μ = Wilks limit): coverage of the Wilks interval for a true value at the limit.</param>
/// <param name="UpperCoverageAtLimit">P(q ≤ threshold | μ = Wilks limit): coverage of the Wilks upper limit there.</param>
public sealed record ToyLimitSet(double Wilks, ToyIntervalResult Result, double CoverageAtLimit, double UpperCoverageAtLimit);

/// <summary>
/// Runs the toy construction (<see cref="NeymanToys"/>) for a non-negative parameter on a grid 0 … 2 × the Wilks limit with an
/// odd number of values, so the Wilks limit itself is a grid value and its coverage is measured exactly there.
/// </summary>
public static class ToyLimits
{
    /// <summary>Toys per grid value in `nuxe reproduce` unless <c>--toys</c> is given (keeps each study part within seconds).</summary>
    public const int DefaultToys = 200;

    /// <summary>Grid values of the construction (odd: the Wilks limit is the middle one).</summary>
    public const int DefaultPoints = 13;

    /// <summary>The construction for <paramref name="cost"/>'s model and data; other θ at <paramref name="reference"/>.</summary>
    public static ToyLimitSet Run(ChiSquareCost cost, string parameter, IReadOnlyList<double> reference, double wilksLimit, double cl,
        int toys, int seed, int points = DefaultPoints, int? threads = null)
    {
        if (!(wilksLimit > 0) || !double.IsFinite(wilksLimit)) throw new ArgumentException("the Wilks limit must be a positive number");
        if (points % 2 == 0) points++;
        var values = ProfileScan.Linear(0, 2 * wilksLimit, points);
        values[points / 2] = wilksLimit;
        var problem = new ToyProblem(cost.Model, cost.Kind, cost.Data, parameter, reference, 0, 8 * wilksLimit);
        var sample = NeymanToys.Generate(problem, values, new ToyOptions(toys, seed, cl, threads), Shard.Whole);
        var r = NeymanToys.Analyse(problem, sample, cl);
        var at = r.Points[points / 2];
        return new ToyLimitSet(wilksLimit, r, at.WilksCoverage, at.WilksUpperCoverage);
    }
}
