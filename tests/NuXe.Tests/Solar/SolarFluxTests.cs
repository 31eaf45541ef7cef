using NuXe.Physics;
using NuXe.Sources;
using NuXe.Sources.Solar;

namespace NuXe.Tests.Solar;

public class SolarFluxTests
{
    static readonly OscillationParameters Nf = OscillationParameters.NuFit52;

    [Fact]
    public void ComponentsPerSourceAndFlavourWithNames()
    {
        var c = SolarFlux.Components(SolarModel.B16Gs98, Nf);
        Assert.Equal(24, c.Count);
        Assert.Equal(new[] { "pp", "pep", "hep", "be7", "b8", "n13", "o15", "f17" }, c.Select(x => x.Name).Distinct());
        foreach (var g in c.GroupBy(x => x.Name))
            Assert.Equal(new[] { FlavourStream.NuE, FlavourStream.NuMu, FlavourStream.NuTau }, g.Select(x => x.Stream));
        var be7 = c.Where(x => x.Name == "be7").ToArray();
        Assert.All(be7, x => { Assert.Equal(2, x.Lines.Count); Assert.Null(x.Continuum); });
        Assert.All(c.Where(x => x.Name == "pp"), x => { Assert.Empty(x.Lines); Assert.NotNull(x.Continuum); });
    }

    [Theory]
    [InlineData("b16-gs98"), InlineData("b16-agss09met"), InlineData("hsieh2019")]
    public void FlavourSumEqualsModelFlux(string modelName)
    {
        var m = SolarModel.ByName(modelName);
        var c = SolarFlux.Components(m, Nf);
        foreach (var s in SolarSources.All)
            Assert.Equal(m.Flux(s), c.Where(x => x.Name == s.Key()).Sum(x => x.TotalFluxPerCm2PerS), m.Flux(s) * 1e-6);
    }

    [Fact]
    public void Be7LinesWeightedByPeeAtTheirEnergies()
    {
        var m = SolarModel.B16Gs98;
        var avg = new ProductionAveragedMsw(m.Production, SolarSource.Be7, Nf);
        var nue = SolarFlux.Components(m, Nf, [SolarSource.Be7]).Single(x => x.Stream == FlavourStream.NuE);
        Assert.Equal(861.3, nue.Lines[0].EnergyKeV);
        Assert.Equal(4.93e9 * 0.897 * avg.At(861.3).Pee, nue.Lines[0].FluxPerCm2PerS, 1.0);
        Assert.Equal(4.93e9 * 0.103 * avg.At(384.3).Pee, nue.Lines[1].FluxPerCm2PerS, 1.0);
        // ν_e fraction of ⁷Be ≈ 0.53 (Borexino 0.53 ± 0.05)
        Assert.InRange(nue.TotalFluxPerCm2PerS / 4.93e9, 0.50, 0.56);
    }

    [Fact]
    public void ConstantModeAndUnoscillated()
    {
        var c = SolarFlux.Components(SolarModel.B16Gs98, Nf, [SolarSource.Pp], PeeMode.Constant(0.55));
        Assert.Equal(0.55 * 5.98e10, c[0].TotalFluxPerCm2PerS, 5.98e10 * 1e-6);
        Assert.Equal(0.45 * (1 - Nf.Sin2Theta23) * 5.98e10, c[1].TotalFluxPerCm2PerS, 5.98e10 * 1e-6);
        Assert.Equal(0.45 * Nf.Sin2Theta23 * 5.98e10, c[2].TotalFluxPerCm2PerS, 5.98e10 * 1e-6);
        var u = SolarFlux.Unoscillated(SolarModel.B16Gs98, SolarSource.B8);
        Assert.Equal(FlavourStream.NuE, u.Stream);
        Assert.Equal(5.46e6, u.TotalFluxPerCm2PerS, 1e-3 * 5.46e6);
        // ν_e survival of pp in MSW mode ≈ 0.55 (flux-weighted; vacuum-dominated)
        var msw = SolarFlux.Components(SolarModel.B16Gs98, Nf, [SolarSource.Pp]);
        Assert.InRange(msw[0].TotalFluxPerCm2PerS / 5.98e10, 0.54, 0.56);
    }
}
