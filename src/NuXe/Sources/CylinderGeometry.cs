using MathNet.Numerics.Integration;
using NuXe.Physics;

namespace NuXe.Sources;

/// <summary>A point in detector coordinates (m): z along the cylinder axis, origin at the centre of the bottom face.</summary>
public readonly record struct Point3(double XM, double YM, double ZM);

/// <summary>
/// A fiducial liquid-xenon cylinder (height h, diameter d, density ρ). Provides the volume, mass, electron count and
/// the 1/r² volume average from a point source, by Link &amp; Xu 2019 eq. (A5) (on axis, below the bottom face) and by
/// adaptive quadrature for any source position.
/// </summary>
public sealed record CylinderGeometry(double HeightM, double DiameterM, double DensityGPerCm3 = Constants.LiquidXenonDensityGPerCm3)
{
    /// <summary>Radius (m).</summary>
    public double RadiusM => 0.5 * DiameterM;

    /// <summary>Volume V = π (d/2)² h in m³.</summary>
    public double VolumeM3 => Math.PI * RadiusM * RadiusM * HeightM;

    /// <summary>Mass in tonnes.</summary>
    public double MassTonnes => VolumeM3 * 1e6 * DensityGPerCm3 * 1e-6;

    /// <summary>Number of xenon electrons V n_e = (ρV/M) N_A Z (exact; the papers round to 1.5e30).</summary>
    public double Electrons => XenonTarget.ElectronsPerTonne * MassTonnes;

    /// <summary>
    /// r_avg = [(1/V)∫dV/r²]^(−1/2) for a point source on the axis a distance L (m) below the bottom face,
    /// closed form of Link &amp; Xu 2019 eq. (A5).
    /// </summary>
    public double RAvgOnAxisClosedFormM(double distanceBelowM)
    {
        double h = HeightM, d = DiameterM, L = distanceBelowM, d2 = d * d, hl = h + L;
        if (L <= 0) throw new ArgumentOutOfRangeException(nameof(distanceBelowM), "the closed form needs the source below the bottom face (L > 0)");
        double inv = 4 * L / (d2 * h) * Math.Log(L * L * (d2 + 4 * hl * hl) / ((d2 + 4 * L * L) * hl * hl))
                   + 4 / d2 * Math.Log((d2 + 4 * hl * hl) / (4 * hl * hl))
                   - 4 / (d * h) * Math.Atan(2 * L / d)
                   + 4 / (d * h) * Math.Atan(2 * hl / d);
        return 1.0 / Math.Sqrt(inv);
    }

    /// <summary>
    /// ⟨1/r²⟩ = (1/V)∫dV/|r − r_s|² in m⁻² for a point source anywhere outside the volume, by adaptive Gauss–Kronrod
    /// quadrature in (z, ρ) after the analytic azimuthal integral ∫dφ/(a − b cos φ) = 2π/√(a² − b²).
    /// </summary>
    public double MeanInverseSquareDistance(Point3 source, double relativeTolerance = 1e-10)
    {
        double s = Math.Sqrt(source.XM * source.XM + source.YM * source.YM), zs = source.ZM, R = RadiusM;
        double Inner(double z)
        {
            double dz2 = (z - zs) * (z - zs);
            if (s == 0) return Math.PI * Math.Log((R * R + dz2) / dz2); // ∫ρdρ 2π/(ρ²+dz²)
            return GaussKronrodRule.Integrate(rho =>
            {
                double a = rho * rho + s * s + dz2, b = 2 * rho * s;
                return rho * 2 * Math.PI / Math.Sqrt((a - b) * (a + b));
            }, 0, R, out _, out _, relativeTolerance, 20, 15);
        }
        double integral = GaussKronrodRule.Integrate(Inner, 0, HeightM, out _, out _, relativeTolerance, 20, 15);
        return integral / VolumeM3;
    }

    /// <summary>r_avg = ⟨1/r²⟩^(−1/2) in m, numerically, for any source position outside the volume.</summary>
    public double RAvgM(Point3 source) => 1.0 / Math.Sqrt(MeanInverseSquareDistance(source));

    /// <summary>Whether a point lies inside (or on the surface of) the cylinder.</summary>
    public bool Contains(Point3 p) => p.ZM >= 0 && p.ZM <= HeightM && p.XM * p.XM + p.YM * p.YM <= RadiusM * RadiusM;
}

/// <summary>Xenon target numbers.</summary>
public static class XenonTarget
{
    /// <summary>Xenon atoms per tonne of natural xenon: 10⁶ g / 131.293 g mol⁻¹ × N_A.</summary>
    public const double AtomsPerTonne = 1e6 / Constants.XenonMolarMassGPerMol * Constants.AvogadroPerMol;

    /// <summary>Electrons per tonne of xenon: Z = 54 per atom.</summary>
    public const double ElectronsPerTonne = AtomsPerTonne * Constants.XenonZ;
}
