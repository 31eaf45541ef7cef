using System.Numerics;
using NuXe.Physics;
using NuXe.Physics.Nsi;
using NuXe.Sources.Solar;
using Xunit.Abstractions;

namespace NuXe.Tests.SolarNsi;

public class SolarNsiPropagationTests(ITestOutputHelper output)
{
    static readonly OscillationParameters Nf = OscillationParameters.NuFit52;

    static SolarNsiPoint Point(params (int Index, double Value)[] values)
    {
        var t = new double[11]; t[10] = Math.PI / 2;
        foreach (var (i, v) in values) t[i] = v;
        return SolarNsiPoint.FromParameters(t);
    }

    [Fact]
    public void EigenProjectorsReconstructTheMatrix()
    {
        var rnd = new Random(3);
        for (int trial = 0; trial < 20; trial++)
        {
            var h = new Complex[9];
            for (int a = 0; a < 3; a++)
            {
                h[4 * a] = rnd.NextDouble() - 0.5;
                for (int b = a + 1; b < 3; b++) { h[3 * a + b] = new Complex(rnd.NextDouble() - 0.5, rnd.NextDouble() - 0.5); h[3 * b + a] = Complex.Conjugate(h[3 * a + b]); }
            }
            var lam = new double[3]; var proj = new Complex[27];
            EarthDayNight.Eigen(h, lam, proj);
            double tr = (h[0].Real + h[4].Real + h[8].Real) / 3;
            for (int e = 0; e < 9; e++)
            {
                Complex sum = 0, id = 0;
                for (int k = 0; k < 3; k++) { sum += lam[k] * proj[9 * k + e]; id += proj[9 * k + e]; }
                Assert.True((sum - (h[e] - (e % 4 == 0 ? tr : 0))).Magnitude < 1e-10);
                Assert.True((id - (e % 4 == 0 ? 1 : 0)).Magnitude < 1e-10);
            }
        }
    }

    [Fact]
    public void PmnsIsUnitaryWithThePdgModuli()
    {
        var u = SolarNsiMatter.Pmns(Nf);
        Assert.True(Matrix3.MaxAbsDifference(u * u.Adjoint(), Matrix3.Identity) < 1e-14);
        for (int a = 0; a < 3; a++)
            for (int i = 0; i < 3; i++)
                Assert.Equal(Nf.PmnsSquared((Flavour)a, i + 1), u[a, i].Magnitude * u[a, i].Magnitude, 1e-14);
    }

    [Theory]
    [InlineData(SolarSource.Pp), InlineData(SolarSource.Be7), InlineData(SolarSource.B8), InlineData(SolarSource.Hep), InlineData(SolarSource.O15)]
    public void ZeroEpsilonReducesToTheCurrentStandardModelPee(SolarSource source)
    {
        var dm = new SolarDensityMatrices(SolarModel.B16Gs98, Nf);
        var old = new ProductionAveragedMsw(SolarModel.B16Gs98.Production, source, Nf);
        foreach (var e in new[] { 50.0, 300, 861.3, 1442, 3000, 8000, 15000 })
        {
            var rho = dm.Day(source, e, SolarNsiPoint.StandardModel);
            var p = old.At(e);
            Assert.Equal(p.Pee, rho[0, 0].Real, 1e-12);
            Assert.Equal(p.PeMu, rho[1, 1].Real, 1e-12);
            Assert.Equal(p.PeTau, rho[2, 2].Real, 1e-12);
            Assert.True(rho.HermiticityDefect() < 1e-15);
            Assert.Equal(1.0, rho.Trace.Real, 1e-12);
            // any direction (η, φ) is the SM at ε = 0
            var other = dm.Day(source, e, Point((9, 0.7), (10, 0.3)));
            Assert.True(Matrix3.MaxAbsDifference(rho, other) < 1e-15);
        }
    }

    [Fact]
    public void EffectiveCouplingsMatchTheTwoFlavourLimit()
    {
        // θ13 = 0, θ23 = 45°: ε_D = −½(ε_ee − ε_μμ) + ¼(ε_ττ − ε_μμ) − ½ Re ε_μτ, ε_N = (ε_eμ − ε_eτ)/√2.
        var p = Nf with { Sin2Theta13 = 0, Sin2Theta23 = 0.5 };
        var eps = Point((0, 0.3), (1, 0.1), (2, -0.2), (3, 0.05), (4, 0.02), (5, 0.04), (6, 0.01)).Epsilon;
        var (d, n) = SolarNsiMatter.EffectiveCouplings(eps, p);
        Assert.Equal(-0.5 * (0.3 - 0.1) + 0.25 * (-0.2 - 0.1) - 0.5 * 0.04, d, 1e-14);
        Assert.True((n - new Complex(0.05 - 0.02, 0.01) / Math.Sqrt(2)).Magnitude < 1e-14);
    }

    [Fact]
    public void EpsEeActsLikeAScaledMatterPotential()
    {
        // Electron direction: ξ = √5 in the whole Sun; ε_ee only rescales c²₁₃ → c²₁₃(1 + √5 ε_ee), i.e. E → E(1 + √5 ε_ee).
        var dm = new SolarDensityMatrices(SolarModel.B16Gs98, Nf);
        double eps = 0.2, k = 1 + Math.Sqrt(5) * eps;
        foreach (var e in new[] { 1000.0, 5000, 10000 })
        {
            double withNsi = dm.MeanCos2ThetaMatter(SolarSource.B8, e, Point((0, eps)));
            double scaled = dm.MeanCos2ThetaMatter(SolarSource.B8, e * k, SolarNsiPoint.StandardModel);
            Assert.Equal(scaled, withNsi, 1e-12);
        }
    }

    [Fact]
    public void AdiabaticityHoldsForTheStandardModelAndIsReported()
    {
        var dm = new SolarDensityMatrices(SolarModel.B16Gs98, Nf);
        foreach (var e in new[] { 300.0, 10000, 18000 })
        {
            var (g, r) = dm.MinimumAdiabaticity(e, SolarNsiPoint.StandardModel);
            output.WriteLine($"E = {e} keV: gamma_min = {g:G4} at r = {r:F3} Rsun");
            Assert.True(g > 100, $"SM LMA must be adiabatic, got {g}");
        }
    }

    [Fact]
    public void EarthPathLengthsAddUpToTheChord()
    {
        var earth = EarthModel.Prem;
        foreach (var c in new[] { 0.05, 0.3, 0.84, 0.9, 1.0 })
        {
            var path = earth.Path(c);
            Assert.Equal(2 * earth.RadiusKm * c, path.Sum(p => p.LengthKm), 1e-6);
        }
        Assert.Contains(earth.Path(1.0), p => p.Shell == 0); // vertical path crosses the inner core
        Assert.DoesNotContain(earth.Path(0.5), p => earth.Shells[p.Shell].OuterKm <= 3480); // mantle only
    }

    [Fact]
    public void ExposureFractionsAreSensible()
    {
        var x = SolarExposure.Compute(44.35, new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31));
        Assert.Equal(1.0, x.DayFraction + x.NightFraction, 1e-12);
        Assert.InRange(x.DayFraction, 0.49, 0.51); // a full year: half day
        var winter = SolarExposure.Compute(44.35, new DateOnly(2021, 12, 1), new DateOnly(2022, 1, 31));
        Assert.True(winter.NightFraction > 0.6);
        // the Sun never reaches cos(nadir) > sin(latitude + 23.44°) ≈ 0.94 at 44.35°N
        for (int b = 0; b < SolarExposure.Bins; b++) if (x.CosNadir[b] > 0.95) Assert.Equal(0, x.NightWeights[b]);
    }

    [Fact]
    public void NightRegenerationOfB8HasThePublishedOrder()
    {
        // Super-Kamiokande (Renshaw et al., PRL 112 (2014) 091805): A_DN = 2(D − N)/(D + N) = (−3.2 ± 1.1 ± 0.5) % of the
        // ν–e rate above ~5 MeV; the P_ee asymmetry at 10 MeV for a mid-latitude site is a few % (the rate asymmetry is diluted
        // by the ν_μ,τ neutral current, factor ≈ 0.6–0.7).
        var whole = SolarExposure.Compute(44.35, new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31));
        var day = new SolarPropagation(SolarModel.B16Gs98, Nf, SolarExposure.DayOnly);
        var night = new SolarPropagation(SolarModel.B16Gs98, Nf, whole.NightOnly());
        foreach (var e in new[] { 5000.0, 10000, 15000 })
        {
            double d = day.DensityMatrix(SolarSource.B8, e, SolarNsiPoint.StandardModel)[0, 0].Real;
            var rn = night.DensityMatrix(SolarSource.B8, e, SolarNsiPoint.StandardModel);
            double n = rn[0, 0].Real;
            double adn = 2 * (d - n) / (d + n);
            output.WriteLine($"E = {e / 1000} MeV: P_ee day {d:F5}, night {n:F5}, A_DN = {100 * adn:F2} %");
            Assert.InRange(adn, -0.10, -0.005);
            Assert.Equal(1.0, rn.Trace.Real, 1e-10);
            Assert.True(rn.HermiticityDefect() < 1e-12);
        }
        // Low energy: negligible regeneration.
        double d7 = day.DensityMatrix(SolarSource.Be7, 861.3, SolarNsiPoint.StandardModel)[0, 0].Real;
        double n7 = night.DensityMatrix(SolarSource.Be7, 861.3, SolarNsiPoint.StandardModel)[0, 0].Real;
        Assert.InRange(Math.Abs(d7 - n7) / d7, 0, 2e-3);
    }
}

public class SolarQuadratureTests
{
    [Theory]
    [InlineData(0.0), InlineData(0.5), InlineData(-0.3)]
    public void QuantileRuleMatchesTheFullProductionAverage(double epsEe)
    {
        var dm = new SolarDensityMatrices(SolarModel.B16Gs98, OscillationParameters.NuFit52);
        var p = SolarNsiPoint.FromParameters([epsEe, 0, 0, 0.1, 0, 0, 0, 0, 0, 0, Math.PI / 2]);
        foreach (var s in SolarSources.All)
            foreach (var e in new[] { 100.0, 400, 861.3, 1442, 2000, 5000, 10000, 16000 })
            {
                if (e > SolarSpectra.EndpointKeV(s)) continue;
                double full = dm.MeanCos2ThetaMatter(s, e, p), q = dm.MeanCos2ThetaMatter(s, e, p, SolarDensityMatrices.Quadrature.Quantiles);
                Assert.True(Math.Abs(full - q) < 2e-3, $"{s} {e} keV: full {full}, quantiles {q}");
            }
    }
}
