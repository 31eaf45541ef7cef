using NuXe.Detector;
using NuXe.Sources;

namespace NuXe.Tests.Foundation;

public class SourceGeometryTests
{
    static readonly CylinderGeometry Detector = new(1.38, 1.38, 2.953);

    [Fact]
    public void CalibrationValuesOfExperimentsSpec()
    {
        Assert.Equal(1.6317, Detector.RAvgOnAxisClosedFormM(1.0), 4);
        Assert.Equal(2.0641, Detector.VolumeM3, 4);
        Assert.Equal(6.095, Detector.MassTonnes, 3);
        Assert.Equal(1.5097e30, Detector.Electrons, 1.5097e30 * 1e-4);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(10.0)]
    public void NumericalAverageEqualsClosedFormOnAxis(double distanceM)
    {
        double closed = Detector.RAvgOnAxisClosedFormM(distanceM);
        double numeric = Detector.RAvgM(new Point3(0, 0, -distanceM));
        Assert.True(Math.Abs(numeric / closed - 1) < 1e-6, $"L = {distanceM}: closed {closed}, numerical {numeric}");
    }

    [Fact]
    public void OffAxisAverageIsSymmetricAndFarFieldLimitHolds()
    {
        // symmetric under rotation about the axis
        double a = Detector.RAvgM(new Point3(1.5, 0, 0.5)), b = Detector.RAvgM(new Point3(0, 1.5, 0.5));
        Assert.Equal(a, b, 9);
        // mirror symmetry about the mid-plane z = h/2
        Assert.Equal(Detector.RAvgM(new Point3(0, 0, -1)), Detector.RAvgM(new Point3(0, 0, 1.38 + 1)), 8);
        // far away, ⟨1/r²⟩ → 1/D² with D the distance to the centre
        var far = new Point3(30, 0, 0.69);
        Assert.Equal(30.0, Detector.RAvgM(far), 2);
        // brute-force midpoint check off axis (independent of the adaptive rule)
        var p = new Point3(1.0, 0.3, -0.4);
        Assert.Equal(Brute(p), Detector.MeanInverseSquareDistance(p), 4);
    }

    static double Brute(Point3 s)
    {
        int n = 60; double r = 0.69, h = 1.38, sum = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n; k++)
        {
            double rho = r * (i + 0.5) / n, phi = 2 * Math.PI * (j + 0.5) / n, z = h * (k + 0.5) / n;
            double dx = rho * Math.Cos(phi) - s.XM, dy = rho * Math.Sin(phi) - s.YM, dz = z - s.ZM;
            sum += rho / (dx * dx + dy * dy + dz * dz);
        }
        return sum * (r / n) * (2 * Math.PI / n) * (h / n) / (Math.PI * r * r * h);
    }

    [Theory]
    [InlineData(5, 100, 1.834)]
    [InlineData(5, 50, 2.853)]
    [InlineData(10, 50, 5.705)]
    public void TimeAveragedActivity(double r0, double days, double expected)
        => Assert.Equal(expected, new SourceRun(SourceIsotope.Cr51Simplified, r0, days).MeanActivityMCi, 3);

    [Fact]
    public void SourceLinesAreNormalised()
    {
        Assert.Equal(1.0, SourceIsotope.Cr51Simplified.Lines.Sum(l => l.Branching), 12);
        Assert.Equal(1.0, SourceIsotope.Cr51Detailed.Lines.Sum(l => l.Branching), 12);
        var flux = new SourceRun(SourceIsotope.Cr51Simplified, 5, 100).Flux(1.6317, SourceRun.PrintedFluxPerMCiAt1m);
        Assert.Equal(2.94e15 * 1.83440 / (1.6317 * 1.6317) * 1e-4, flux.TotalFluxPerCm2PerS, 2.0e11 * 1e-4);
    }

    [Fact]
    public void BackgroundRateCalibrations()
    {
        Assert.Equal(1.62, Backgrounds.Kr85DecaysPerTonneDay(0.1, 2e-11), 2);
        Assert.Equal(8.64, Backgrounds.Rn222DecaysPerTonneDay(0.1), 6);
        var pr = Backgrounds.PrimakoffRosenPdf();
        Assert.Equal(1.0, MathNet.Numerics.Integrate.GaussLegendre(pr, 0, Backgrounds.Xe136QKeV, 64), 10);
        Assert.Equal(1.0, MathNet.Numerics.Integrate.GaussLegendre(TabulatedShapes.Xe136KotilaIachello, 0, Backgrounds.Xe136QKeV, 2048), 3);
        Assert.Equal(1.0, MathNet.Numerics.Integrate.GaussLegendre(TabulatedShapes.Kr85, 0, Backgrounds.Kr85QKeV, 1024), 3);
        // ¹³⁶Xe: decays in 6.095 t × 100 d at T½ = 2.11e21 yr
        double n = Backgrounds.Xe136Decays(new Exposure(6.095236868891188, 100), 2.11e21, 0.08857);
        Assert.Equal(2.2271e5, n, 2.2271e5 * 1e-3);
    }
}
