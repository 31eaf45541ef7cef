using MathNet.Numerics.Integration;

namespace NuXe.Sources.Spatial;

/// <summary>
/// Exact distribution of the source–interaction distance L for a point source on the axis of a cylindrical detector,
/// outside it, a gap g (m) from the nearest flat face (PHYSICS.md §5, "spatial analyses"; Coloma, Huber &amp; Link 2014
/// §3). The sphere of radius L around the source meets the cylinder (radius R, height h) where
/// cos ϑ ∈ [max(g/L, √(1 − R²/L²)), min(1, (g + h)/L)] (ϑ from the axis), so
/// dV/dL = 2π L² Δc(L) with Δc the width of that cosine interval, and the event density with the 1/L² flux is
/// (1/L²) dV/dL = 2π Δc(L). Closed form: no Monte Carlo, used as the reference of the Monte Carlo smearing.
/// </summary>
public static class AxialLDistribution
{
    /// <summary>Δc(L): width of the cos ϑ interval of the sphere of radius L inside the cylinder (dimensionless).</summary>
    public static double CosineWidth(CylinderGeometry detector, double gapM, double distanceM)
    {
        double L = distanceM, R = detector.RadiusM, h = detector.HeightM;
        if (!(L > gapM)) return 0;
        double cMin = Math.Max(gapM / L, L > R ? Math.Sqrt(1 - R * R / (L * L)) : 0.0);
        double cMax = Math.Min(1.0, (gapM + h) / L);
        return Math.Max(0.0, cMax - cMin);
    }

    /// <summary>dV/dL = 2π L² Δc(L) in m² (volume of the detector per unit distance from the source).</summary>
    public static double VolumeDensityM2(CylinderGeometry detector, double gapM, double distanceM)
        => 2 * Math.PI * distanceM * distanceM * CosineWidth(detector, gapM, distanceM);

    /// <summary>(1/L²) dV/dL = 2π Δc(L) (dimensionless, per m of L): the event density of a 1/L² flux, up to the
    /// flux at 1 m times the target density. Its integral over L is V⟨1/r²⟩ = V / r_avg² (Link &amp; Xu eq. A5).</summary>
    public static double EventDensity(CylinderGeometry detector, double gapM, double distanceM)
        => 2 * Math.PI * CosineWidth(detector, gapM, distanceM);

    /// <summary>Smallest and largest L (m) inside the detector.</summary>
    public static (double MinM, double MaxM) Range(CylinderGeometry detector, double gapM)
        => (gapM, Math.Sqrt((gapM + detector.HeightM) * (gapM + detector.HeightM) + detector.RadiusM * detector.RadiusM));

    /// <summary>Values of L (m) where Δc(L) changes its analytic form (integration breakpoints).</summary>
    public static double[] Breakpoints(CylinderGeometry detector, double gapM)
    {
        double R = detector.RadiusM, h = detector.HeightM;
        return new[] { gapM, gapM + h, R, Math.Sqrt(gapM * gapM + R * R), Math.Sqrt((gapM + h) * (gapM + h) + R * R) }
            .Where(x => x >= gapM).Distinct().OrderBy(x => x).ToArray();
    }

    /// <summary>∫ f(L) dL over [aM, bM] by adaptive Gauss–Kronrod between the breakpoints of Δc (f is one of the densities).</summary>
    public static double Integrate(CylinderGeometry detector, double gapM, Func<double, double> density, double aM, double bM)
    {
        var (lo, hi) = Range(detector, gapM);
        aM = Math.Max(aM, lo); bM = Math.Min(bM, hi);
        if (!(bM > aM)) return 0;
        var cuts = new List<double> { aM };
        cuts.AddRange(Breakpoints(detector, gapM).Where(x => x > aM && x < bM));
        cuts.Add(bM);
        double s = 0;
        for (int i = 0; i + 1 < cuts.Count; i++)
            s += GaussKronrodRule.Integrate(density, cuts[i], cuts[i + 1], out _, out _, 1e-12, 20, 15);
        return s;
    }

    /// <summary>Fraction of the 1/L²-weighted events (signal, point source) in each bin of <paramref name="edgesM"/>.</summary>
    public static double[] SignalFractions(CylinderGeometry detector, double gapM, IReadOnlyList<double> edgesM)
    {
        var (lo, hi) = Range(detector, gapM);
        double total = Integrate(detector, gapM, L => EventDensity(detector, gapM, L), lo, hi);
        return Enumerable.Range(0, edgesM.Count - 1).Select(i => Integrate(detector, gapM, L => EventDensity(detector, gapM, L), edgesM[i], edgesM[i + 1]) / total).ToArray();
    }

    /// <summary>Fraction of the volume (uniform backgrounds) in each bin of <paramref name="edgesM"/>: ∫ dV/dL dL / V.</summary>
    public static double[] VolumeFractions(CylinderGeometry detector, double gapM, IReadOnlyList<double> edgesM)
        => Enumerable.Range(0, edgesM.Count - 1).Select(i => Integrate(detector, gapM, L => VolumeDensityM2(detector, gapM, L), edgesM[i], edgesM[i + 1]) / detector.VolumeM3).ToArray();
}
