using MathNet.Numerics.Integration;
using NuXe.Physics;
using NuXe.Physics.Cevns;
using NuXe.Physics.Models;
using NuXe.Sources;
using NuXe.Sources.Solar;

namespace NuXe.Tests.SolarPresets;

/// <summary>CEvNS on natural xenon: isotopes, Helm form factor, cross sections, quenching, ⁸B rate.</summary>
public class CevnsTests
{
    [Fact]
    public void NaturalIsotopesReproduceTheStandardAtomicWeight()
    {
        var iso = XenonIsotopes.Natural;
        Assert.Equal(9, iso.Count);
        Assert.Equal(1.0, iso.Sum(i => i.Abundance), 1e-6);
        double meanAtomicMassU = iso.Sum(i => i.Abundance * (i.NuclearMassKeV + 54 * Constants.ElectronMassKeV) / XenonIsotopes.AtomicMassUnitKeV);
        Assert.Equal(Constants.XenonMolarMassGPerMol, meanAtomicMassU, 1e-3);
        Assert.All(iso, i => Assert.Equal(i.A, i.N + 54));
    }

    [Fact]
    public void HelmFormFactorLimitsAndFirstZero()
    {
        Assert.Equal(1.0, CevnsCrossSection.HelmFormFactor(1e-6, 132), 1e-9);
        // first zero of j1(x)/x at x = 4.4934: q r_n = 4.4934 with r_n² = c² + 7/3 π² a² − 5 s²
        double c = 1.23 * Math.Cbrt(132) - 0.60, rn = Math.Sqrt(c * c + 7.0 / 3.0 * Math.PI * Math.PI * 0.52 * 0.52 - 5 * 0.81);
        double qZeroKeV = 4.4934094579 / rn * CevnsCrossSection.HbarCKeVFm;
        Assert.True(Math.Abs(CevnsCrossSection.HelmFormFactor(qZeroKeV, 132)) < 1e-6);
        Assert.True(CevnsCrossSection.HelmFormFactor(0.3 * qZeroKeV, 132) > CevnsCrossSection.HelmFormFactor(0.6 * qZeroKeV, 132));
    }

    [Fact]
    public void WeakChargeOfXe132()
        => Assert.Equal(78 - (1 - 4 * 0.23865) * 54, CevnsCrossSection.WeakCharge(XenonIsotopes.Natural.Single(i => i.A == 132), 0.23865), 1e-12);

    [Fact]
    public void TotalCrossSectionAtLowEnergyMatchesTheAnalyticPointNucleusValue()
    {
        // E = 100 keV: q ≤ 6 keV, F² > 0.999; σ = G_F² M Q_W²/(4π) [T_m − T_m²/(2E) − M T_m²/(4E²)] (ħc)²
        var iso = XenonIsotopes.Natural.Single(i => i.A == 132);
        double e = 100, m = iso.NuclearMassKeV, tm = CevnsCrossSection.MaxRecoilKeV(e, m), qw = CevnsCrossSection.WeakCharge(iso, 0.23865);
        double analytic = Constants.FermiConstantPerKeV2 * Constants.FermiConstantPerKeV2 * m * qw * qw / (4 * Math.PI)
                          * (tm - tm * tm / (2 * e) - m * tm * tm / (4 * e * e)) * Constants.HbarC2KeV2Cm2;
        double numeric = GaussLegendreRule.Integrate(t => CevnsCrossSection.StandardModel(t, e, iso, 0.23865), 0, tm * (1 - 1e-12), 64);
        Assert.Equal(1.0, numeric / analytic, 2e-3);
        // the coherent cross section scales as E²: ≈ G_F² Q_W² E²/(4π)
        Assert.Equal(1.0, analytic / (Math.Pow(Constants.FermiConstantPerKeV2 * qw * e, 2) / (4 * Math.PI) * Constants.HbarC2KeV2Cm2), 1e-5);
    }

    [Fact]
    public void NuclearMagneticMomentTermIsZSquaredTimesTheElectronFormulaAtSmallRecoil()
    {
        var iso = XenonIsotopes.Natural.Single(i => i.A == 129);
        double t = 1e-3, e = 1e4;
        double electron = ModelKernels.MagneticMoment.CrossSection(t, e); // per (μ/μ_B)², per electron
        double f = CevnsCrossSection.HelmFormFactor(Math.Sqrt(2 * iso.NuclearMassKeV * t), iso.A);
        Assert.Equal(54.0 * 54.0 * f * f, CevnsCrossSection.MagneticMoment(t, e, iso, 1.0) / electron, 1e-6);
        // millicharge: 2πα² q² Z² /(M T²) times the vector kinematic factor (1 − T/E − MT/2E²)
        double qx = CevnsCrossSection.Millicharge(t, e, iso, 1e-12);
        double kin = 1 - t / e - iso.NuclearMassKeV * t / (2 * e * e);
        double expected = 2 * Math.PI * Math.Pow(Constants.FineStructure, 2) * 1e-24 * 54 * 54 / (iso.NuclearMassKeV * t * t) * kin * f * f * Constants.HbarC2KeV2Cm2;
        Assert.Equal(1.0, qx / expected, 1e-5);
    }

    [Fact]
    public void LindhardQuenchingOfXenon()
    {
        var q = LindhardQuenching.Xenon;
        // k = 0.133 Z^{2/3} A^{-1/2} for Xe
        Assert.Equal(LindhardQuenching.DefaultK, 0.133 * Math.Pow(54, 2.0 / 3.0) / Math.Sqrt(131.293), 2e-3);
        // Lindhard L(10 keV_nr) ≈ 0.2 for Xe (e.g. Sorensen & Dahl, PRD 83 (2011) 063501, Fig. 1)
        Assert.InRange(q.Factor(10.0), 0.19, 0.22);
        Assert.True(q.Factor(1.0) < q.Factor(10.0));
        double h = 1e-3;
        Assert.Equal((q.ElectronEquivalentKeV(3 + h) - q.ElectronEquivalentKeV(3 - h)) / (2 * h), q.Jacobian(3.0), 1e-6);
    }

    [Fact]
    public void B8RateIsBoundedByThePointNucleusFluxAverage()
    {
        // point-nucleus (F = 1) total rate Σ_iso ab ∫ φ(E) G_F² Q_W² E²/(4π) dE (upper bound; T_m/E, M T_m/E² corrections < 1e-3)
        var shape = SolarSpectra.Shape(SolarSource.B8);
        double phi = SolarModel.B16Gs98.Flux(SolarSource.B8);
        double e2 = 0;
        for (int i = 1; i < shape.EnergyKeV.Length; i++)
        {
            double a = shape.EnergyKeV[i - 1], b = shape.EnergyKeV[i], fa = shape.FluxPerCm2PerSPerKeV[i - 1], fb = shape.FluxPerCm2PerSPerKeV[i];
            e2 += GaussLegendreRule.Integrate(x => (fa + (fb - fa) * (x - a) / (b - a)) * x * x, a, b, 6);
        }
        double pointRate = XenonIsotopes.Natural.Sum(iso => iso.Abundance * Math.Pow(Constants.FermiConstantPerKeV2 * CevnsCrossSection.WeakCharge(iso, 0.23865), 2) / (4 * Math.PI))
                           * e2 * phi * Constants.HbarC2KeV2Cm2 * XenonTarget.AtomsPerTonne * Constants.SecondsPerYear;
        var s = CevnsSpectrum.Compute(SolarModel.B16Gs98, [SolarSource.B8], CevnsTerm.StandardModel, 0, 0.23865, LindhardQuenching.Xenon, 200);
        double total = s.PerTonneYearAboveKeVee(0);
        Assert.InRange(total / pointRate, 0.75, 1.0); // form-factor suppression of ~10 %
        Assert.InRange(pointRate, 900, 1300);        // ≈ 1.1e3 /(t·yr) (G_F² Q_W² ⟨E²⟩/4π ≈ 1.4e-39 cm²)
        // ⁸B ends at T_nr = 2E²/M ≈ 4.1 keV_nr (E = 15.3 MeV, ¹²⁴Xe) → L·T ≈ 0.75 keV_ee; PHYSICS.md §9 quotes "below ≈ 1.4 keV_ee"
        Assert.InRange(s.EndpointKeVee, 0.6, 1.4);
        // keV_ee spectrum carries the same events (Jacobian): ∫ dR/dE_ee dE_ee = ∫ dR/dE_nr dE_nr
        double viaEe = 0;
        for (int i = 1; i < s.ElectronEquivalentKeV.Length; i++)
            viaEe += 0.5 * (s.PerTonneYearPerKeVee[i] + s.PerTonneYearPerKeVee[i - 1]) * (s.ElectronEquivalentKeV[i] - s.ElectronEquivalentKeV[i - 1]);
        Assert.Equal(1.0, viaEe / total, 2e-3);
    }
}

/// <summary>The moment-based CEvNS spectrum equals a direct E integration of the cross sections.</summary>
public class CevnsMomentRouteTests
{
    [Theory]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void SpectrumMatchesDirectIntegration(double recoilKeVnr)
    {
        foreach (var (term, par) in new[] { (CevnsTerm.StandardModel, 0.0), (CevnsTerm.MagneticMoment, 1e-11), (CevnsTerm.Millicharge, 1e-12) })
        {
            var s = CevnsSpectrum.Compute(SolarModel.B16Gs98, [SolarSource.B8, SolarSource.Hep], term, par, 0.23865, LindhardQuenching.Xenon, 400);
            double direct = 0;
            foreach (var src in new[] { SolarSource.B8, SolarSource.Hep })
            {
                var sh = SolarSpectra.Shape(src);
                double phi = SolarModel.B16Gs98.Flux(src);
                foreach (var iso in XenonIsotopes.Natural)
                {
                    double emin = CevnsCrossSection.MinNeutrinoEnergyKeV(recoilKeVnr, iso.NuclearMassKeV);
                    for (int i = 1; i < sh.EnergyKeV.Length; i++)
                    {
                        double a = sh.EnergyKeV[i - 1], b = sh.EnergyKeV[i], fa = sh.FluxPerCm2PerSPerKeV[i - 1], fb = sh.FluxPerCm2PerSPerKeV[i];
                        if (b <= emin) continue;
                        double Xs(double e) => term switch
                        {
                            CevnsTerm.StandardModel => CevnsCrossSection.StandardModel(recoilKeVnr, e, iso, 0.23865),
                            CevnsTerm.MagneticMoment => CevnsCrossSection.MagneticMoment(recoilKeVnr, e, iso, par),
                            _ => CevnsCrossSection.Millicharge(recoilKeVnr, e, iso, par),
                        };
                        direct += iso.Abundance * phi * GaussLegendreRule.Integrate(x => (fa + (fb - fa) * (x - a) / (b - a)) * Xs(x), Math.Max(a, emin), b, 8);
                    }
                }
            }
            direct *= XenonTarget.AtomsPerTonne * Constants.SecondsPerYear;
            Assert.Equal(1.0, s.AtKeVnr(recoilKeVnr) / direct, 5e-3); // log-log interpolation between 400 nodes
        }
    }
}
