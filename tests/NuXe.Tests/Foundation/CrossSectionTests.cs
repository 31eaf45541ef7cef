using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NuXe.Detector;
using NuXe.Physics;
using Xunit.Abstractions;

namespace NuXe.Tests.Foundation;

public class CrossSectionTests(ITestOutputHelper output)
{
    const double W = 0.23865;
    static readonly ElectroweakCouplings TreeE = ElectroweakCouplings.StandardModel(Flavour.E, W, CouplingScheme.Tree);
    static readonly ElectroweakCouplings RadE = ElectroweakCouplings.StandardModel(Flavour.E, W, CouplingScheme.Radiative);

    [Theory]
    [InlineData(750.0, 559.4)]
    [InlineData(430.0, 269.7)]
    public void MaxRecoilMatchesPhysicsSpec(double e, double tmax)
        => Assert.Equal(tmax, Kinematics.MaxRecoilKeV(e), 1);

    [Property]
    public bool MinNeutrinoEnergyInvertsMaxRecoil(PositiveInt seed)
    {
        double e = 1 + seed.Get % 20000;
        return Math.Abs(Kinematics.MinNeutrinoEnergyKeV(Kinematics.MaxRecoilKeV(e)) / e - 1) < 1e-12;
    }

    [Theory]
    [InlineData(750.0, "tree", 5.069e-45)]
    [InlineData(750.0, "radiative", 4.910e-45)]
    [InlineData(430.0, "tree", 2.364e-45)]
    public void TotalCrossSectionMatchesCheckValues(double e, string scheme, double expected)
    {
        var g = scheme == "tree" ? TreeE : RadE;
        Assert.Equal(expected, StandardModel.TotalCrossSection(e, g), expected * 5e-4);
        // and the analytic total equals a numerical integral of dσ/dT
        double tm = Kinematics.MaxRecoilKeV(e);
        double num = MathNet.Numerics.Integrate.GaussLegendre(t => StandardModel.CrossSection(t, e, g), 0, tm, 64);
        Assert.Equal(1.0, num / StandardModel.TotalCrossSection(e, g), 10);
    }

    [Fact]
    public void DifferentialCrossSectionMatchesValidationTable()
    {
        var path = References.File("xsec_reference.csv");
        var lines = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).ToArray();
        Assert.True(lines.Length >= 20);
        output.WriteLine($"{lines.Length} reference rows");
        foreach (var line in lines)
        {
            var v = line.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            double t = v[0];
            AssertRel(v[1], StandardModel.CrossSection(t, 750, TreeE));
            AssertRel(v[2], StandardModel.CrossSection(t, 750, RadE));
            AssertRel(v[4], StandardModel.CrossSection(t, 430, TreeE));
            AssertRel(v[5], StandardModel.CrossSection(t, 430, RadE));
            Assert.Equal(v[7], SteppingResponse.Xenon.Factor(t, FlavourStream.NuE), 7);
        }
    }

    static void AssertRel(double expected, double actual)
    {
        if (expected == 0) { Assert.Equal(0.0, actual); return; }
        Assert.True(Math.Abs(actual / expected - 1) < 1e-6, $"expected {expected:E8}, got {actual:E8}");
    }

    public static Arbitrary<(double T, double E, int Flavour)> Points() =>
        Gen.Choose(1, 100000).Zip(Gen.Choose(1, 100000)).Zip(Gen.Choose(0, 2))
           .Select(x => (x.Item1.Item1 * 0.01, 10.0 + x.Item1.Item2 * 0.2, x.Item2)).ToArbitrary();

    [Property(Arbitrary = [typeof(CrossSectionTests)], MaxTest = 300)]
    public bool CrossSectionIsNonNegativeAndVanishesAboveTmax((double T, double E, int Flavour) p)
    {
        var g = ElectroweakCouplings.StandardModel((Flavour)p.Flavour, W, CouplingScheme.Tree);
        double s = StandardModel.CrossSection(p.T, p.E, g), sb = StandardModel.CrossSection(p.T, p.E, g, antineutrino: true);
        bool above = p.T > Kinematics.MaxRecoilKeV(p.E);
        return above ? s == 0 && sb == 0 : s >= 0 && sb >= 0;
    }

    [Property(Arbitrary = [typeof(CrossSectionTests)], MaxTest = 300)]
    public bool AntineutrinoEqualsNeutrinoWithFlippedAxialCoupling((double T, double E, int Flavour) p)
    {
        var g = ElectroweakCouplings.StandardModel((Flavour)p.Flavour, W, CouplingScheme.Radiative);
        double anti = StandardModel.CrossSection(p.T, p.E, g, antineutrino: true);
        double flipped = StandardModel.CrossSection(p.T, p.E, g with { GA = -g.GA });
        return Math.Abs(anti - flipped) <= 1e-14 * Math.Abs(flipped);
    }

    [Fact]
    public void SteppingFractionCountsFiftyFourElectrons()
    {
        Assert.Equal(0.0, SteppingResponse.Xenon.Factor(0.01, FlavourStream.NuE));
        Assert.Equal(1.0, SteppingResponse.Xenon.Factor(35.0, FlavourStream.NuE));
        Assert.Equal(52.0 / 54.0, SteppingResponse.Xenon.Factor(34.5, FlavourStream.NuE), 12);
        Assert.Equal(26.0 / 54.0, SteppingResponse.Xenon.Factor(0.5, FlavourStream.NuE), 12); // N and O shells: 2+2+4+4+6+2+2+4
    }

    [Fact]
    public void WeakMixingModelGradientMatchesFiniteDifferences()
    {
        foreach (var scheme in new[] { CouplingScheme.Tree, CouplingScheme.Radiative })
        foreach (var stream in new[] { FlavourStream.NuE, FlavourStream.NuMu, new FlavourStream(Flavour.E, true) })
        {
            var m = new WeakMixingAngleModel(scheme);
            double[] c = new double[3], g = new double[3], cp = new double[3], cm = new double[3];
            m.Coefficients(stream, [0.24], c, g);
            m.Coefficients(stream, [0.24 + 1e-6], cp, []);
            m.Coefficients(stream, [0.24 - 1e-6], cm, []);
            for (int j = 0; j < 3; j++) Assert.Equal(g[j], (cp[j] - cm[j]) / 2e-6, 6);
        }
    }
}
