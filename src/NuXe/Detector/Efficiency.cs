namespace NuXe.Detector;

/// <summary>
/// Detection × selection efficiency as a function of true recoil energy (keV): a constant, or a tabulated curve
/// interpolated linearly (held at the end values outside the table), clamped to [0, 1].
/// </summary>
public sealed record Efficiency(double Constant = 1.0, double[]? EnergyKeV = null, double[]? Values = null, string Source = "constant")
{
    public static readonly Efficiency Unit = new(1.0);

    public static Efficiency Tabulated(double[] energyKeV, double[] values, string source) => new(1.0, energyKeV, values, source);

    /// <summary>ε(T) ∈ [0, 1].</summary>
    public double At(double recoilKeV)
    {
        if (EnergyKeV is null || Values is null) return Constant;
        var x = EnergyKeV; var y = Values;
        if (recoilKeV <= x[0]) return Math.Clamp(y[0], 0, 1);
        if (recoilKeV >= x[^1]) return Math.Clamp(y[^1], 0, 1);
        int i = Array.BinarySearch(x, recoilKeV);
        if (i >= 0) return Math.Clamp(y[i], 0, 1);
        i = ~i;
        double f = (recoilKeV - x[i - 1]) / (x[i] - x[i - 1]);
        return Math.Clamp(y[i - 1] + f * (y[i] - y[i - 1]), 0, 1);
    }

    /// <summary>Knots of a tabulated curve (quadrature panels break there), empty for a constant.</summary>
    public IReadOnlyList<double> BreakpointsKeV => EnergyKeV ?? [];
}
