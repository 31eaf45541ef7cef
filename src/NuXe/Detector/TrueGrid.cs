using MathNet.Numerics.Integration;

namespace NuXe.Detector;

/// <summary>
/// Quadrature nodes and weights in true recoil energy (keV): composite Gauss–Legendre panels whose boundaries include
/// every breakpoint (bin edges, kinematic endpoints T_max of lines, atomic binding energies, efficiency knots), so
/// that piecewise-smooth spectra are integrated to high accuracy. ∫ f(T) dT ≈ Σ_n w_n f(T_n).
/// </summary>
public sealed record TrueGrid(double[] NodesKeV, double[] WeightsKeV)
{
    public int Count => NodesKeV.Length;

    /// <summary>Σ_n w_n f(T_n).</summary>
    public double Integrate(Func<double, double> f)
    {
        double s = 0;
        for (int n = 0; n < NodesKeV.Length; n++) s += WeightsKeV[n] * f(NodesKeV[n]);
        return s;
    }

    /// <summary>
    /// Build a grid on [lo, hi] with panels no wider than <paramref name="maxPanelKeV"/>, no wider than
    /// <paramref name="relativeWidth"/>·T at low energy (for 1/T-like spectra), and no wider than half the local
    /// resolution σ(T) when one is given; breakpoints inside (lo, hi) become panel boundaries.
    /// </summary>
    public static TrueGrid Build(double loKeV, double hiKeV, IEnumerable<double> breakpointsKeV, double maxPanelKeV = 1.0,
        double relativeWidth = 0.25, Func<double, double>? sigmaKeV = null, int order = 4)
    {
        if (!(hiKeV > loKeV) || loKeV < 0) throw new ArgumentException($"bad true-energy range [{loKeV}, {hiKeV}] keV");
        var cuts = breakpointsKeV.Where(b => b > loKeV && b < hiKeV).Append(loKeV).Append(hiKeV).Distinct().OrderBy(b => b).ToArray();
        var rule = new GaussLegendreRule(-1, 1, order);
        var x = new List<double>(); var w = new List<double>();
        for (int s = 1; s < cuts.Length; s++)
        {
            double a = cuts[s - 1], b = cuts[s];
            while (a < b - 1e-12 * Math.Max(1, b))
            {
                double width = maxPanelKeV;
                if (a > 0) width = Math.Min(width, Math.Max(relativeWidth * a, 1e-4));
                else width = Math.Min(width, 1e-3);
                if (sigmaKeV is not null) { double sg = sigmaKeV(a); if (sg > 0) width = Math.Min(width, Math.Max(0.5 * sg, 1e-3)); }
                double e = Math.Min(b, a + width);
                if (b - e < 0.2 * width) e = b; // avoid slivers
                double half = 0.5 * (e - a), mid = 0.5 * (e + a);
                for (int i = 0; i < order; i++) { x.Add(mid + half * rule.Abscissas[i]); w.Add(half * rule.Weights[i]); }
                a = e;
            }
        }
        return new TrueGrid(x.ToArray(), w.ToArray());
    }
}
