using NuXe.Analyses.Common;
using NuXe.Analyses.Hsieh2019;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Presets;

namespace NuXe.Tests.SolarPresets;

/// <summary>The Hsieh "signal ≤ background" limit and the χ² limit: definitions and scaling laws.</summary>
public class HsiehLimitTests
{
    [Fact]
    public void UniversalModelIsTheStandardModelAtZero()
    {
        foreach (var p in new[] { EmProperty.MagneticMoment, EmProperty.Millicharge, EmProperty.ChargeRadius })
        {
            var m = new UniversalEmModel(p, CouplingScheme.Tree, 0.23865);
            foreach (var s in new[] { FlavourStream.NuE, FlavourStream.NuMu, FlavourStream.NuTau })
            {
                var k = m.Kernels(s);
                var c = new double[k.Count];
                m.Coefficients(s, [0.0], c, []);
                var g = ElectroweakCouplings.StandardModel(s.Flavour, 0.23865, CouplingScheme.Tree);
                var (ll, rr, lr) = StandardModel.Coefficients(g, false);
                foreach (var (t, e) in new[] { (1.0, 300.0), (10.0, 862.0) })
                {
                    double sm = ll * StandardModel.LL.CrossSection(t, e) + rr * StandardModel.RR.CrossSection(t, e) + lr * StandardModel.LR.CrossSection(t, e);
                    double v = k.Select((kk, j) => c[j] * kk.CrossSection(t, e)).Sum();
                    Assert.Equal(1.0, v / sm, 1e-9);
                }
            }
        }
    }

    [Fact]
    public void HsiehLimitEqualisesExtraSignalAndBackgroundAndIgnoresExposure()
    {
        var spec = ExperimentPresets.Load("xenon1t").Spec;
        var a = HsiehLimit.Compute(spec, EmProperty.MagneticMoment);
        Assert.True(a.Found);
        Assert.Equal(1.0, a.ExtraEvents / a.BackgroundEvents, 1e-6);
        var big = ExperimentPresets.Load("xenon1t", ["detector.tonne_years=16.0"]).Spec;
        var b = HsiehLimit.Compute(big, EmProperty.MagneticMoment);
        Assert.Equal(1.0, b.Limit / a.Limit, 1e-6); // a ratio of rates: exposure cancels
        // μ² scaling: with 4× the flat background (which dominates), the limit grows by ≈ 2
        var noisy = ExperimentPresets.Load("xenon1t", ["backgrounds.flat.scale=4.0"]).Spec;
        Assert.InRange(HsiehLimit.Compute(noisy, EmProperty.MagneticMoment).Limit / a.Limit, 1.8, 2.0);
    }

    [Fact]
    public void ChiSquareLimitScalesAsExposureToTheMinusQuarterForTheMagneticMoment()
    {
        // background-dominated, Δχ² ∝ exposure · μ⁴ ⇒ μ_lim ∝ exposure^(-1/4)
        var a = HsiehLimit.ChiSquare(PreparedExperiment.Compile(ExperimentPresets.Load("xenon1t").Spec), EmProperty.MagneticMoment);
        var b = HsiehLimit.ChiSquare(PreparedExperiment.Compile(ExperimentPresets.Load("xenon1t", ["detector.tonne_years=16.0"]).Spec), EmProperty.MagneticMoment);
        Assert.True(a.Found && b.Found);
        Assert.Equal(0.5, b.Limit / a.Limit, 0.01);
        Assert.InRange(a.Limit, 3e-12, 1e-10); // order of the solar-ν μ_eff sensitivity of a t·yr detector (few 1e-11 μ_B)
    }

    [Fact]
    public void MillichargeLimitsAreNearlySymmetric()
    {
        var spec = ExperimentPresets.Load("xenon1t").Spec;
        var p = HsiehLimit.Compute(spec, EmProperty.Millicharge);
        var n = HsiehLimit.Compute(spec, EmProperty.Millicharge, -1);
        Assert.True(p.Found && n.Found);
        Assert.InRange(p.Limit / n.Limit, 0.8, 1.25);
    }
}

/// <summary>The hsieh2019 analysis presets agree with the study's χ² limit (⁵¹Cr is pure ν_e: ν_e-only = effective).</summary>
public class HsiehAnalysisPresetTests
{
    [Fact]
    public void Cr51MagneticMomentProfileCrossesAtTheStudyLimit()
    {
        var (spec, _) = NuXe.Analyses.Common.AnalysisPresets.Load("hsieh2019-cr51-mu");
        var s = NuXe.Analyses.Common.AnalysisSession.Create(spec, spec.Experiments[0]);
        var prof = s.Profile(spec.Scan[0], spec.Cls);
        var ci = prof.At(0.90);
        double upper = ci.BestFit + ci.ErrorPlus;
        var study = HsiehLimit.ChiSquare(PreparedExperiment.Compile(ExperimentPresets.Load("lz-cr51").Spec), EmProperty.MagneticMoment);
        Assert.Equal(1.0, upper / study.Limit, 2e-3);
    }
}

/// <summary>The statistical variant ΔN = 1.64 √N_B of the Hsieh limit.</summary>
public class HsiehFluctuationCriterionTests
{
    [Fact]
    public void FluctuationVariantHitsItsTargetAndScalesWithExposure()
    {
        var spec = ExperimentPresets.Load("xenon1t").Spec;
        var a = HsiehLimit.Compute(spec, EmProperty.MagneticMoment, criterion: HsiehCriterion.BackgroundFluctuation);
        Assert.Equal(1.64 * Math.Sqrt(a.BackgroundEvents), a.ExtraEvents, 1e-6 * a.ExtraEvents);
        var big = HsiehLimit.Compute(ExperimentPresets.Load("xenon1t", ["detector.tonne_years=16.0"]).Spec, EmProperty.MagneticMoment,
            criterion: HsiehCriterion.BackgroundFluctuation);
        Assert.Equal(0.5, big.Limit / a.Limit, 1e-4); // ΔN ∝ μ² E, √N_B ∝ √E ⇒ μ ∝ E^(-1/4)
        Assert.True(a.Limit < HsiehLimit.Compute(spec, EmProperty.MagneticMoment).Limit);
    }
}
