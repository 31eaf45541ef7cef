using NuXe.Sources.Solar;

namespace NuXe.Tests.Solar;

public class SolarDataTests
{
    // Vinyoles et al., ApJ 835 (2017) 202, Table 6 (as in fluxes_b16.dat of the B16 data release).
    public static TheoryData<SolarSource, double, double, double, double> B16 => new()
    {
        { SolarSource.Pp, 5.98e10, 0.006, 6.03e10, 0.005 },
        { SolarSource.Pep, 1.44e8, 0.010, 1.46e8, 0.009 },
        { SolarSource.Hep, 7.98e3, 0.30, 8.25e3, 0.30 },
        { SolarSource.Be7, 4.93e9, 0.06, 4.50e9, 0.06 },
        { SolarSource.B8, 5.46e6, 0.12, 4.50e6, 0.12 },
        { SolarSource.N13, 2.78e8, 0.15, 2.04e8, 0.14 },
        { SolarSource.O15, 2.05e8, 0.17, 1.44e8, 0.16 },
        { SolarSource.F17, 5.28e6, 0.20, 3.26e6, 0.18 },
    };

    [Theory, MemberData(nameof(B16))]
    public void FluxesMatchB16Table(SolarSource s, double gs98, double uGs98, double agss, double uAgss)
    {
        Assert.Equal(gs98, SolarModel.B16Gs98.Flux(s), gs98 * 1e-9);
        Assert.Equal(uGs98, SolarModel.B16Gs98.FractionalUncertainty[s], 1e-12);
        Assert.Equal(agss, SolarModel.B16Agss09Met.Flux(s), agss * 1e-9);
        Assert.Equal(uAgss, SolarModel.B16Agss09Met.FractionalUncertainty[s], 1e-12);
    }

    [Fact]
    public void FluxOverrideAndHsiehPreset()
    {
        var m = SolarModel.B16Gs98.WithFlux(SolarSource.Be7, 5.00e9);
        Assert.Equal(5.00e9, m.Flux(SolarSource.Be7));
        Assert.Equal(5.98e10, m.Flux(SolarSource.Pp));
        Assert.Equal(4.93e9, SolarModel.B16Gs98.Flux(SolarSource.Be7)); // original untouched
        Assert.Equal(5.00e9, SolarModel.Hsieh2019.Flux(SolarSource.Be7));
        Assert.Equal(SolarModel.B16Agss09Met.Name, SolarModel.ByName("AGSS09met").Name);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.WithFlux(SolarSource.Pp, -1));
    }

    [Fact]
    public void SharedDataIsHandedOutAsCopies()
    {
        // The models and spectra are cached process-wide; what a caller gets is its own, so changing it changes nobody else's.
        var a = SolarModel.B16Gs98;
        double r0 = a.Production.RadiusRsun[3], d0 = a.Production.DistributionPerRsun[SolarSource.B8][3];
        a.Production.RadiusRsun[3] = -1; a.Production.DistributionPerRsun[SolarSource.B8][3] = -1;
        Assert.Equal(r0, SolarModel.B16Gs98.Production.RadiusRsun[3]);
        Assert.Equal(d0, SolarModel.ByName("gs98").Production.DistributionPerRsun[SolarSource.B8][3]);
        var shape = SolarSpectra.Shape(SolarSource.B8);
        double f0 = shape.FluxPerCm2PerSPerKeV[10];
        shape.FluxPerCm2PerSPerKeV[10] = -1;
        Assert.Equal(f0, SolarSpectra.Shape(SolarSource.B8).FluxPerCm2PerSPerKeV[10]);
        Assert.Throws<NotSupportedException>(() => ((IList<SolarLine>)SolarSpectra.Lines(SolarSource.Be7))[0] = new SolarLine(1, 1));
    }

    [Theory]
    [InlineData(SolarSource.Pp), InlineData(SolarSource.Hep), InlineData(SolarSource.B8)]
    [InlineData(SolarSource.N13), InlineData(SolarSource.O15), InlineData(SolarSource.F17)]
    public void ShapesAreNormalisedToOnePerKeV(SolarSource s)
    {
        var shape = SolarSpectra.Shape(s);
        Assert.Equal(1.0, shape.TotalFluxPerCm2PerS(), 1e-6);
        Assert.All(shape.FluxPerCm2PerSPerKeV, v => Assert.True(v >= 0));
        Assert.Equal(0.0, shape.FluxPerCm2PerSPerKeV[^1]); // vanishes at the endpoint
        for (int i = 1; i < shape.EnergyKeV.Length; i++) Assert.True(shape.EnergyKeV[i] > shape.EnergyKeV[i - 1]);
    }

    // Endpoints (keV) and mean energies (keV): pp 423.41 (Bahcall 1997 solar pp spectrum includes the thermal energy
    // of the fusing protons; the nuclear Q-value endpoint is 420 keV), <E> = 266.8 keV; ¹³N 1199, <E> 706.3; ¹⁵O 1732,
    // <E> 996.4; ¹⁷F 1740, <E> 997.7 (Bahcall & Ulrich 1988, Table 2 / Bahcall "Neutrino Astrophysics" Table 6.1);
    // hep 18784, <E> 9628 (Bahcall 1997); ⁸B <E> 6735 (Winter et al. 2006 quote 6.735 ± 0.036 MeV).
    [Theory]
    [InlineData(SolarSource.Pp, 420.0, 424.0, 266.8, 0.003)]
    [InlineData(SolarSource.N13, 1199.0, 1199.0, 706.3, 0.003)]
    [InlineData(SolarSource.O15, 1732.0, 1732.0, 996.4, 0.003)]
    [InlineData(SolarSource.F17, 1740.0, 1740.0, 997.7, 0.003)]
    [InlineData(SolarSource.Hep, 18784.0, 18784.0, 9628.0, 0.003)]
    [InlineData(SolarSource.B8, 15000.0, 16600.0, 6735.0, 0.01)]
    public void EndpointsAndMeanEnergies(SolarSource s, double endLo, double endHi, double meanKeV, double relTol)
    {
        var sh = SolarSpectra.Shape(s);
        double end = SolarSpectra.EndpointKeV(s);
        Assert.InRange(end, endLo - 1e-9, endHi + 1e-9);
        double m = 0;
        for (int i = 1; i < sh.EnergyKeV.Length; i++)
            m += 0.5 * (sh.EnergyKeV[i] * sh.FluxPerCm2PerSPerKeV[i] + sh.EnergyKeV[i - 1] * sh.FluxPerCm2PerSPerKeV[i - 1]) * (sh.EnergyKeV[i] - sh.EnergyKeV[i - 1]);
        Assert.Equal(1.0, m / meanKeV, relTol);
    }

    [Fact]
    public void PpEndpointIsTheThermallyBroadened420keV()
    {
        // The pp shape must be positive just below 420 keV and zero at its last point 423.41 keV.
        var sh = SolarSpectra.Shape(SolarSource.Pp);
        Assert.Equal(423.41, sh.EnergyKeV[^1], 1e-9);
        int i = Array.FindLastIndex(sh.EnergyKeV, e => e <= 420.0);
        Assert.True(sh.FluxPerCm2PerSPerKeV[i] > 0);
    }

    [Fact]
    public void LinesAreBe7AndPep()
    {
        var be7 = SolarSpectra.Lines(SolarSource.Be7);
        Assert.Equal(2, be7.Count);
        Assert.Equal(861.3, be7[0].EnergyKeV); Assert.Equal(0.897, be7[0].Branching);
        Assert.Equal(384.3, be7[1].EnergyKeV); Assert.Equal(0.103, be7[1].Branching);
        var pep = Assert.Single(SolarSpectra.Lines(SolarSource.Pep));
        Assert.Equal(1442.0, pep.EnergyKeV); Assert.Equal(1.0, pep.Branching);
        Assert.Empty(SolarSpectra.Lines(SolarSource.Pp));
        Assert.Throws<ArgumentException>(() => SolarSpectra.Shape(SolarSource.Be7));
    }

    [Fact]
    public void ProductionRegionsAreNormalisedAndDensityIsPhysical()
    {
        foreach (var m in new[] { SolarModel.B16Gs98, SolarModel.B16Agss09Met })
        {
            var p = m.Production;
            Assert.Equal(1000, p.RadiusRsun.Length);
            foreach (var s in SolarSources.All)
            {
                var f = p.DistributionPerRsun[s];
                double integral = 0;
                for (int i = 1; i < f.Length; i++) integral += 0.5 * (f[i] + f[i - 1]) * (p.RadiusRsun[i] - p.RadiusRsun[i - 1]);
                Assert.Equal(1.0, integral, 2e-4);
                Assert.Equal(1.0, p.Weights(s).Sum(), 1e-12);
            }
            // Central electron density of the Sun ≈ 100 N_A cm⁻³ = 6.1e25 cm⁻³ (B16: log10 = 2.004 / 2.0xx).
            Assert.InRange(p.ElectronDensityPerCm3(0), 5.5e25, 6.5e25);
            // Density falls monotonically outwards.
            for (int i = 1; i < p.RadiusRsun.Length; i++) Assert.True(p.Log10ElectronDensityNaPerCm3[i] <= p.Log10ElectronDensityNaPerCm3[i - 1]);
        }
        // ⁸B is produced deeper than pp: mean radius 0.04–0.06 vs 0.09–0.12 R☉ (Bahcall, Neutrino Astrophysics, Fig. 6.2).
        double MeanR(SolarSource s) { var w = SolarModel.B16Gs98.Production.Weights(s); return w.Select((x, i) => x * SolarModel.B16Gs98.Production.RadiusRsun[i]).Sum(); }
        Assert.InRange(MeanR(SolarSource.B8), 0.035, 0.06);
        Assert.InRange(MeanR(SolarSource.Pp), 0.08, 0.13);
    }

    [Fact]
    public void SourceKeysRoundTrip()
    {
        foreach (var s in SolarSources.All) Assert.Equal(s, SolarSources.Parse(s.Key()));
        Assert.Equal(new[] { "pp", "pep", "hep", "be7", "b8", "n13", "o15", "f17" }, SolarSources.All.Select(s => s.Key()));
        Assert.Equal(SolarSource.B8, SolarSources.Parse("8B"));
    }

    [Fact]
    public void B8ShapeUncertaintyIsSmall()
    {
        var s = SolarSpectra.B8ShapeUncertainty;
        var shape = SolarSpectra.Shape(SolarSource.B8);
        Assert.Equal(shape.EnergyKeV.Length, s.EnergyKeV.Length);
        int peak = Array.IndexOf(shape.FluxPerCm2PerSPerKeV, shape.FluxPerCm2PerSPerKeV.Max());
        Assert.InRange(Math.Abs(s.FluxPerCm2PerSPerKeV[peak]) / shape.FluxPerCm2PerSPerKeV[peak], 0.0, 0.05);
    }
}
