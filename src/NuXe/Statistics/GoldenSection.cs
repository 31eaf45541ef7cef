namespace NuXe.Statistics;

/// <summary>
/// Golden-section search for the minimum of a unimodal function on [a, b] (Kiefer 1953; Press et al., Numerical Recipes
/// §10.2): a fixed number of steps, each shrinking the bracket by 0.618, one function evaluation per step. Written here
/// rather than taken from MathNet's <c>GoldenSectionMinimizer</c> because NuXe's callers need a fixed, deterministic number
/// of evaluations on a bracket that may hold a flat minimum (MathNet throws when its tolerance is not reached).
/// </summary>
public static class GoldenSection
{
    /// <summary>The inverse golden ratio (√5 − 1)/2.</summary>
    public const double Ratio = 0.6180339887498949;

    /// <summary>Result of a search: the best abscissa seen and its function value.</summary>
    public readonly record struct Minimum(double X, double Value);

    /// <summary>Minimises <paramref name="f"/> on [<paramref name="a"/>, <paramref name="b"/>] with
    /// <paramref name="iterations"/> shrinking steps; returns the better of the two final interior points.</summary>
    public static Minimum Minimise(Func<double, double> f, double a, double b, int iterations)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        double x1 = b - Ratio * (b - a), x2 = a + Ratio * (b - a), f1 = f(x1), f2 = f(x2);
        for (int it = 0; it < iterations; it++)
        {
            if (f1 < f2) { b = x2; x2 = x1; f2 = f1; x1 = b - Ratio * (b - a); f1 = f(x1); }
            else { a = x1; x1 = x2; f1 = f2; x2 = a + Ratio * (b - a); f2 = f(x2); }
        }
        return f1 < f2 ? new Minimum(x1, f1) : new Minimum(x2, f2);
    }
}
