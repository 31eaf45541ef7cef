using NuXe.Analyses.Coloma2014;
using NuXe.Analyses.Common;
using NuXe.Analyses.LinkXu2019;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Presets;
using NuXe.Statistics;

namespace NuXe.Tests.Bsm;

/// <summary>Shared compiled experiments (compilation is the expensive step; the prepared experiments are immutable apart
/// from their thread-safe template caches).</summary>
public static class BsmFixtures
{
    static readonly Lazy<PreparedExperiment> _a = new(() => PreparedExperiment.Compile(ExperimentPresets.Load("linkxu-A", []).Spec));
    static readonly Lazy<PreparedExperiment> _c = new(() => PreparedExperiment.Compile(ExperimentPresets.Load("linkxu-C", []).Spec));

    /// <summary>linkxu-A compiled.</summary>
    public static PreparedExperiment A => _a.Value;

    /// <summary>linkxu-C compiled.</summary>
    public static PreparedExperiment C => _c.Value;
}

/// <summary>Link &amp; Xu NSI analysis (EXPERIMENTS.md §1.1): μ ↔ τ symmetry of the regions, the quartic 1-dof cut against its
/// closed form, the exact (g̃₁, g̃₂) → (−g̃₁, −g̃₂) mirror island of ε_ee.</summary>
public class NsiAnalysisTests
{
    [Fact]
    public void MuAndTau_GiveIdenticalRegions_OnConfigA()
    {
        var (mu, tmu) = LinkXu2019Bsm.AsimovCost(BsmFixtures.A, "nsi-mu", CostKind.Gaussian);
        var (tau, ttau) = LinkXu2019Bsm.AsimovCost(BsmFixtures.A, "nsi-tau", CostKind.Gaussian);
        var g = ProfileScan.Linear(-0.25, 0.25, 21);
        var o = new ScanOptions([0.90], 2);
        var a = ProfileScan.Scan2D(mu, "epsL_emu", g, "epsR_emu", g, tmu, o);
        var b = ProfileScan.Scan2D(tau, "epsL_etau", g, "epsR_etau", g, ttau, o);
        for (int i = 0; i < a.DeltaChi2.Count; i++)
            Assert.True(Math.Abs(a.DeltaChi2[i] - b.DeltaChi2[i]) <= 1e-9 * (1 + Math.Abs(a.DeltaChi2[i])), $"node {i}: {a.DeltaChi2[i]} vs {b.DeltaChi2[i]}");
        var ca = a.Contours[0]; var cb = b.Contours[0];
        Assert.Equal(ca.XRange.Lower, cb.XRange.Lower, 12);
        Assert.Equal(ca.YRange.Upper, cb.YRange.Upper, 12);
        // no interference with the SM: the region is point-symmetric about 0 and contained in the grid
        Assert.Equal(-ca.XRange.Lower, ca.XRange.Upper, 6);
        Assert.Equal(-ca.YRange.Lower, ca.YRange.Upper, 6);
        Assert.False(ca.XRange.LowerAtGridEdge || ca.XRange.UpperAtGridEdge || ca.YRange.LowerAtGridEdge || ca.YRange.UpperAtGridEdge);
        // and the χ² surface is not flat: the region is a proper subset of the grid
        Assert.True(ca.XRange.Upper is > 0.05 and < 0.24, $"ε^L_eμ upper end {ca.XRange.Upper}");
    }

    /// <summary>ε_eμ with ε^R = 0 shifts ν_e counts by μ_i(ε) − μ_i(0) = 4ε²A_i exactly (g̃₁² = g₁² + 4ε²), so on Asimov data the
    /// Gaussian Δχ² = 16ε⁴ Σ A_i²/N_i and the 1-dof cut ends at ε = (2.706 / (16 Σ A_i²/N_i))^(1/4).</summary>
    [Fact]
    public void MuOneDofCut_MatchesClosedFormQuarticLimit()
    {
        var (cost, truth) = LinkXu2019Bsm.AsimovCost(BsmFixtures.A, "nsi-mu", CostKind.Gaussian);
        var lin = cost.Model;
        var mu0 = new double[lin.BinCount]; var mu1 = new double[lin.BinCount];
        lin.Predict([0.0, 0.0], [], mu0);
        lin.Predict([0.5, 0.0], [], mu1); // 4ε² = 1
        double s = 0;
        for (int i = 0; i < mu0.Length; i++) s += (mu1[i] - mu0[i]) * (mu1[i] - mu0[i]) / mu0[i];
        double expected = Math.Pow(ChiSquareThresholds.Threshold(0.90, 1) / (16 * s), 0.25);
        var cut = LinkXu2019Bsm.OneDofCut(cost, "epsL_emu", truth, 0.5);
        Assert.Single(cut.Intervals);
        Assert.Equal(expected, cut.Intervals[0].Upper, 6);
        Assert.Equal(-expected, cut.Intervals[0].Lower, 6);
    }

    [Fact]
    public void Ee_RegionHasTheExactMirrorIsland_AtMinusG1MinusG2()
    {
        var x = BsmFixtures.C;
        var (cost, truth) = LinkXu2019Bsm.AsimovCost(x, "nsi-e", CostKind.Gaussian);
        var r = RegionFinder.Find(cost, "epsL_ee", "epsR_ee", truth, LinkXu2019Bsm.NsiSearchHalfWidth, coarsePoints: 121, points: 61);
        var g = ElectroweakCouplings.StandardModel(Flavour.E, x.Spec.Physics.Sin2ThetaW, x.Spec.Physics.Couplings);
        Assert.True(r.Primary.Contour.XRange.Contains(0) && r.Primary.Contour.YRange.Contains(0));
        Assert.False(r.AnyTouchesEdge);
        var mirror = r.Islands.Single(i => Math.Abs(i.BestX + g.G1) < 2e-3 && Math.Abs(i.BestY + g.G2) < 2e-3);
        Assert.True(mirror.DeltaChi2AtBest < 1e-6, $"mirror Δχ²_min = {mirror.DeltaChi2AtBest}");
        // ε ↦ (−g₁ − ε^L, −g₂ − ε^R) is a point reflection mapping one island onto the other: equal widths (to grid resolution)
        Assert.True(Math.Abs(mirror.Contour.XRange.Width / r.Primary.Contour.XRange.Width - 1) < 0.05);
        Assert.True(Math.Abs(mirror.Contour.YRange.Width / r.Primary.Contour.YRange.Width - 1) < 0.05);
    }
}

/// <summary>ε_ee is a reparametrisation of the ν_e couplings (g̃₁ = g₁ + 2ε^L, g̃₂ = g₂ + 2ε^R), so the near-degenerate ε_ee island
/// must appear in the (g_V, g_A) fit too, at g_V = (g̃₁ + g̃₂)/2, g_A = (g̃₁ − g̃₂)/2, with the same Δχ².</summary>
public class NsiGvGaConsistencyTests
{
    [Fact]
    public void NearDegenerateEeIsland_IsAlsoAGvGaMinimum_WithTheSameDeltaChi2()
    {
        var x = BsmFixtures.A;
        var (nsi, tn) = LinkXu2019Bsm.AsimovCost(x, "nsi-e", CostKind.Gaussian);
        var (gvga, tg) = LinkXu2019Bsm.AsimovCost(x, "gvga", CostKind.Gaussian);
        var fn = Fitter.Fit(nsi, [-0.17, -0.77]);
        var g = ElectroweakCouplings.StandardModel(Flavour.E, x.Spec.Physics.Sin2ThetaW, x.Spec.Physics.Couplings);
        double g1 = g.G1 + 2 * fn.Values[0], g2 = g.G2 + 2 * fn.Values[1];
        var fg = Fitter.Fit(gvga, [(g1 + g2) / 2 + 0.01, (g1 - g2) / 2 - 0.01]);
        double d0 = Fitter.Fit(nsi, tn).Chi2Min;
        Assert.InRange(fn.Chi2Min - d0, 0.05, ChiSquareThresholds.Threshold(0.90, 2)); // inside the 90 % 2-dof region, not exact
        Assert.Equal(fn.Chi2Min, fg.Chi2Min, 5);
        Assert.Equal((g1 + g2) / 2, fg.Values[0], 4);
        Assert.Equal((g1 - g2) / 2, fg.Values[1], 4);
        Assert.Equal(d0, Fitter.Fit(gvga, tg).Chi2Min, 9);
    }
}

/// <summary>Light Z′ limit curves (Link &amp; Xu Figs. 6–7): mass grid, light-mass plateau, heavy-mass slope 1, monotonic in exposure.</summary>
public class ZPrimeLimitTests
{
    [Fact]
    public void Masses_AreLogSpaced_AndHitTheDecadesExactly()
    {
        var m = ZPrimeLimits.Masses();
        Assert.True(m.Length >= 40);
        Assert.Equal(1.0, m[0]); Assert.Equal(1e7, m[^1]);
        Assert.Contains(1e3, m); Assert.Contains(1e6, m);
        for (int i = 1; i < m.Length; i++) Assert.Equal(Math.Log10(m[1] / m[0]), Math.Log10(m[i] / m[i - 1]), 9);
    }

    [Fact]
    public void GaugeLimit_IsFlatAtLightMass_AndRisesLinearlyAtHeavyMass()
    {
        var x = BsmFixtures.A;
        var data = ZPrimeLimits.StandardModelAsimov(x);
        var curve = ZPrimeLimits.Compute(x, data, CostKind.Gaussian, ZPrimeMechanism.Gauge, [1.0, 10.0, 1e6, 1e7]);
        Assert.True(curve.AllFound);
        double l1k = curve.Points[0].Result.Limit, l10k = curve.Points[1].Result.Limit;
        Assert.True(Math.Abs(l10k / l1k - 1) < 0.05, $"light regime not flat: {l1k} → {l10k}");
        // m ≫ √(2 m_e T_max) ≈ 0.76 MeV: the shift is g²/(4√2 G_F m²), so g_lim ∝ m exactly
        double slope = Math.Log10(curve.Points[3].Result.Limit / curve.Points[2].Result.Limit);
        Assert.Equal(1.0, slope, 3);
        // light-mass scale: the shift at T = 1 keV is O(0.1) of g₁ (a few 1e-7 in g)
        Assert.InRange(l1k, 3e-8, 1e-6);
    }

    [Theory]
    [InlineData(ZPrimeMechanism.Gauge)]
    [InlineData(ZPrimeMechanism.Kinetic)]
    [InlineData(ZPrimeMechanism.Mass)]
    public void Limit_DecreasesMonotonicallyWithActivity(ZPrimeMechanism mechanism)
    {
        double[] activities = [1.0, 2.5, 5.0, 10.0, 20.0];
        var limits = new List<double[]>();
        foreach (var a in activities)
        {
            var x = PreparedExperiment.Compile(ExperimentPresets.Load("linkxu-A", [$"source.activity_mci={a}"]).Spec);
            var c = ZPrimeLimits.Compute(x, ZPrimeLimits.StandardModelAsimov(x), CostKind.Gaussian, mechanism, [1.0, 1e3, 1e6]);
            Assert.True(c.AllFound);
            limits.Add(c.Points.Select(p => p.Result.Limit).ToArray());
        }
        for (int k = 0; k < 3; k++)
            for (int i = 1; i < activities.Length; i++)
                Assert.True(limits[i][k] < limits[i - 1][k], $"mass #{k}: activity {activities[i]} gives {limits[i][k]} ≥ {limits[i - 1][k]}");
    }

    [Fact]
    public void Limit_IsTheFirstCrossingAbove0()
    {
        var x = BsmFixtures.A;
        var data = ZPrimeLimits.StandardModelAsimov(x);
        var c = ZPrimeLimits.Compute(x, data, CostKind.Gaussian, ZPrimeMechanism.Mass, [1e3]);
        double lim = c.Points[0].Result.Limit;
        var cost = new ChiSquareCost(ExperimentLikelihood.Build(x, new ZPrimeModel(ZPrimeMechanism.Mass, 1e3, x.Spec.Physics.Couplings, x.Spec.Physics.Sin2ThetaW)), data, CostKind.Gaussian);
        var ws = cost.CreateWorkspace();
        double t = ChiSquareThresholds.Threshold(0.90, 1);
        Assert.Equal(t, cost.Profile([lim], ws, []).Chi2, 4);
        // below the limit Δχ² stays under the threshold (no earlier crossing), and it is even in s_α
        foreach (double f in new[] { 0.1, 0.3, 0.5, 0.7, 0.9, 0.99 }) Assert.True(cost.Profile([f * lim], ws, []).Chi2 < t);
        Assert.Equal(cost.Profile([lim], ws, []).Chi2, cost.Profile([-lim], ws, []).Chi2, 9);
    }
}

/// <summary>Coloma et al. μ_ν analysis (EXPERIMENTS.md §1.2): deployment scaling and a toy-fit closure test.</summary>
public class MagneticMomentTests
{
    static AnalysisSpec Spec => AnalysisPresets.Load("coloma2014-mm").Spec;

    /// <summary>Background-dominated: Δχ² ≈ Σ s_i²/b_i ∝ N μ⁴, so the limit scales as N^(−1/4).</summary>
    [Fact]
    public void Limit_ScalesAsDeploymentsToTheMinusQuarter()
    {
        var l1 = ColomaLimits.MagneticMomentLimit(ColomaLimits.Session(Spec, ColomaLimits.Deployments(1)));
        var l5 = ColomaLimits.MagneticMomentLimit(ColomaLimits.Session(Spec, ColomaLimits.Deployments(5)));
        Assert.Equal(LimitStatus.Found, l1.Status);
        double ratio = l5.Limit / l1.Limit, expected = Math.Pow(5, -0.25);
        Assert.True(Math.Abs(ratio / expected - 1) < 0.10, $"ratio {ratio} vs N^(-1/4) = {expected}");
        // and the limit is in the expected decade for a 5 MCi × 100 d, 6 t experiment (order of magnitude below GEMMA's 2.9e-11)
        Assert.InRange(l1.Limit, 1e-12, 2e-11);
    }

    [Fact]
    public void Limit_RisesWithThreshold()
    {
        double prev = 0;
        foreach (double t in new[] { 0.5, 2.0, 10.0 })
        {
            var l = ColomaLimits.MagneticMomentLimit(ColomaLimits.Session(Spec, ColomaLimits.Threshold(t))).Limit;
            Assert.True(l > prev, $"threshold {t}: {l} ≤ {prev}");
            prev = l;
        }
    }

    /// <summary>Seeded Poisson toys generated at μ_ν = 2e-11 μ_B: the fitted μ_ν are unbiased with unit pulls.</summary>
    [Fact]
    public void ToyFits_RecoverTheTrueMagneticMoment()
    {
        var s = ColomaLimits.Session(Spec);
        const double muTrue = 2e-11;
        var expected = ExperimentLikelihood.Asimov(s.Linear, [muTrue]);
        var pulls = new List<double>();
        foreach (var toy in Toys.PoissonBatch(expected, 20, 20141106))
        {
            var cost = new ChiSquareCost(s.Linear, toy, CostKind.Poisson);
            var fit = Fitter.Fit(cost, [muTrue * 0.8]);
            double mu = Math.Abs(fit.Values[0]); // the rate depends on μ² only
            Assert.True(double.IsFinite(fit.Errors[0]) && fit.Errors[0] > 0, "no error");
            pulls.Add((mu - muTrue) / fit.Errors[0]);
        }
        double mean = pulls.Average(), sd = Math.Sqrt(pulls.Sum(p => (p - mean) * (p - mean)) / (pulls.Count - 1));
        Assert.True(pulls.All(p => Math.Abs(p) < 4), string.Join(", ", pulls));
        Assert.InRange(mean, -0.75, 0.75);
        Assert.InRange(sd, 0.55, 1.5);
    }
}

/// <summary>RegionFinder's quadratic-form path (issue 17: grids, candidate fits and the coarse search from the exact
/// quadratic form of a Gaussian χ² without nuisances) against its generic path (ProfileScan.Scan2D and fits on the cost
/// itself; forced by wrapping the cost in a one-term CostSum, which has no quadratic form).</summary>
public class RegionFinderPathTests
{
    [Fact]
    public void QuadraticFormPathGivesTheSameRegionsAsTheGenericPath()
    {
        var (cost, truth) = LinkXu2019Bsm.AsimovCost(BsmFixtures.C, "nsi-e", CostKind.Gaussian);
        Assert.NotNull(GaussianQuadraticChi2.TryCreate(cost, truth));
        var fast = RegionFinder.FindAll(cost, "epsL_ee", "epsR_ee", truth, LinkXu2019Bsm.NsiSearchHalfWidth, [0.90, 0.95], coarsePoints: 81, points: 41);
        var slow = RegionFinder.FindAll(new CostSum(cost), "epsL_ee", "epsR_ee", truth, LinkXu2019Bsm.NsiSearchHalfWidth, [0.90, 0.95], coarsePoints: 81, points: 41);
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(slow[c].Islands.Count, fast[c].Islands.Count);
            for (int i = 0; i < slow[c].Islands.Count; i++)
            {
                var (a, b) = (slow[c].Islands[i].Contour, fast[c].Islands[i].Contour);
                foreach (var (u, v) in new[] { (a.XRange.Lower, b.XRange.Lower), (a.XRange.Upper, b.XRange.Upper), (a.YRange.Lower, b.YRange.Lower), (a.YRange.Upper, b.YRange.Upper) })
                    Assert.True(Math.Abs(u - v) < 1e-6, $"CL {c}, island {i}: {u} vs {v}");
            }
        }
    }
}
