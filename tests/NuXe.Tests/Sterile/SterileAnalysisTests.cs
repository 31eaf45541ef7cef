using NuXe.Analyses.Coloma2014;
using NuXe.Analyses.Spectra;
using NuXe.Physics;
using NuXe.Presets;
using NuXe.Sources.Spatial;
using NuXe.Statistics;

namespace NuXe.Tests.Sterile;

/// <summary>Shared analyses (built once: the smearing Monte Carlo is the expensive part).</summary>
public static class SterileFixtures
{
    public static readonly LSmearingCache Cache = new();
    public const int Samples = 1_000_000;
    static readonly Lazy<SterileAnalysis> DepletedShape = new(() => SterileAnalysis.Create(new SterileSetup(Overrides: ["backgrounds.xe136.scale=0.1"], Samples: Samples), Cache));
    static readonly Lazy<SterileAnalysis> DepletedNorm = new(() => SterileAnalysis.Create(new SterileSetup(Overrides: ["backgrounds.xe136.scale=0.1"], Samples: Samples, SignalNormSigma: 0.02), Cache));
    public static SterileAnalysis Shape => DepletedShape.Value;
    public static SterileAnalysis Norm => DepletedNorm.Value;
}

public class SterileAnalysisTests
{
    [Fact]
    public void LineEventsAddUpToTheEnergyBinnedSignal()
    {
        var a = SterileFixtures.Shape;
        var spec = ExperimentPresets.Load("coloma2014", new SterileSetup(Overrides: ["backgrounds.xe136.scale=0.1"]).EffectiveOverrides()).Spec;
        var energy = SpectrumAnalysis.Compute(spec);
        Assert.Equal(energy.Signal.Window, a.Events.SignalEvents, energy.Signal.Window * 1e-10);
        Assert.Equal(energy.BackgroundWindow, a.Events.BackgroundEvents, energy.BackgroundWindow * 1e-10);
        Assert.Equal(2, a.Events.Lines.Count);
        Assert.Equal([750.0, 430.0], a.Events.Lines.Select(l => l.EnergyKeV));
        // the 430 keV line has 10 % of the flux and a smaller, softer cross section: between 2 % and 10 % of the events
        double f430 = a.Events.Lines[1].Events / a.Events.SignalEvents;
        Assert.InRange(f430, 0.02, 0.10);
        // signal above 5 keV slightly below the all-energy total of the same preset (≈ 12.5k events, EXPERIMENTS.md §1)
        Assert.InRange(a.Events.SignalEvents, 12000, energy.Signal.Total);
    }

    [Fact]
    public void LBinnedTotalEqualsEnergyBinnedTotalAndIsSeedIndependent()
    {
        var a = SterileFixtures.Shape;
        var t = a.Templates;
        Assert.True(t.Smearing.SignalOutsideFraction < 1e-6 && t.Smearing.BackgroundOutsideFraction < 1e-6);
        Assert.Equal(a.Events.SignalEvents, t.NoOscillation.Sum(), a.Events.SignalEvents * 1e-6);
        Assert.Equal(a.Events.BackgroundEvents, t.Background.Sum(), a.Events.BackgroundEvents * 1e-6);
        Assert.Equal(a.Events.SignalEvents + a.Events.BackgroundEvents, a.Asimov.Total, 1e-6 * a.Asimov.Total);
        // another seed: same normalisation, shape converged within the MC noise
        var b = SterileAnalysis.Create(a.Setup with { Seed = 99 }, SterileFixtures.Cache);
        Assert.Equal(t.NoOscillation.Sum(), b.Templates.NoOscillation.Sum(), 1e-6 * t.NoOscillation.Sum());
        for (int i = 0; i < t.NoOscillation.Count; i++)
        {
            double nSamples = SterileFixtures.Samples * t.Smearing.BackgroundFractions[i]; // MC samples in the bin (uniform in volume)
            if (nSamples < 1000) continue;
            double tol = 5 * Math.Sqrt(2 / nSamples) * 1.2; // two independent estimates, weight spread ≤ 20 %
            Assert.True(Math.Abs(t.NoOscillation[i] / b.Templates.NoOscillation[i] - 1) < tol, $"bin {i}: {t.NoOscillation[i]} vs {b.Templates.NoOscillation[i]}");
        }
    }

    [Fact]
    public void EngineProfileEqualsClosedFormLeastSquares()
    {
        // independent route: at fixed (s, Δm²) the model a(S − sO) + bB is linear in (a, b); Gaussian χ² with σ² = d
        // plus the pull ((b − 1)/0.005)² is minimised by a 2×2 linear solve (signal normalisation free).
        var a = SterileFixtures.Shape;
        double dm2 = 1.7, s = 0.08;
        var S = a.Templates.NoOscillation; var O = a.Templates.Oscillation(dm2); var B = a.Templates.Background; var d = a.Asimov.Counts;
        double saa = 0, sab = 0, sbb = 0, sya = 0, syb = 0, yy = 0;
        for (int i = 0; i < d.Count; i++)
        {
            if (d[i] <= 0) continue;
            double x1 = S[i] - s * O[i], x2 = B[i], w = 1 / d[i];
            saa += w * x1 * x1; sab += w * x1 * x2; sbb += w * x2 * x2; sya += w * d[i] * x1; syb += w * d[i] * x2; yy += w * d[i] * d[i];
        }
        double p = 1 / (0.005 * 0.005);
        sbb += p; syb += p; yy += p; // pull as an extra "bin" with datum 1 and regressor b
        double det = saa * sbb - sab * sab, ca = (sya * sbb - syb * sab) / det, cb = (saa * syb - sab * sya) / det;
        double chi2 = yy - ca * sya - cb * syb;
        var cost = a.Cost(dm2);
        Assert.Equal(chi2, cost.Profile([s], cost.CreateWorkspace(), []).Chi2, 1e-6 * Math.Max(1, chi2));
        Assert.True(chi2 > 1); // the point is distinguishable from no oscillation
    }

    [Fact]
    public void ShapeOnlyLosesSensitivityWhenOscillationsAverage()
    {
        var shape = SterileFixtures.Shape;
        var at1 = shape.Excluded(1.0);
        var at100 = shape.Excluded(100.0);
        Assert.Equal(LimitStatus.Found, at1.Status);
        Assert.InRange(at1.Limit, 0.03, 0.3);
        // at 100 eV² P_ee = 1 − ½ sin²2θ almost everywhere: with a free normalisation only a tiny shape remains
        Assert.True(at100.Status == LimitStatus.NotReachedInRange || at100.Limit > 5 * at1.Limit, $"100 eV²: {at100.Status} {at100.Limit}");
        // with a 2 % normalisation prior the averaged deficit ½ sin²2θ is constrained: Δχ² ≈ (s/2)² / (σ_norm² + 1/N)
        var norm = SterileFixtures.Norm.Excluded(100.0);
        Assert.Equal(LimitStatus.Found, norm.Status);
        double n = shape.Events.SignalEvents, sigma = Math.Sqrt(0.02 * 0.02 + (n + shape.Events.BackgroundEvents) / (n * n));
        double approx = 2 * Math.Sqrt(5.991) * sigma;
        Assert.True(Math.Abs(norm.Limit / approx - 1) < 0.25, $"norm-limited 100 eV²: {norm.Limit} vs ≈ {approx}");
    }

    [Fact]
    public void TwoMonteCarloSeedsGiveTheSameExclusion()
    {
        var a = SterileFixtures.Shape;
        var b = SterileAnalysis.Create(a.Setup with { Seed = 4242 }, SterileFixtures.Cache);
        foreach (var dm2 in new[] { 0.3, 1.0, 3.0 })
        {
            double la = a.Excluded(dm2).Limit, lb = b.Excluded(dm2).Limit;
            Assert.True(Math.Abs(la / lb - 1) < 0.03, $"Δm² = {dm2}: {la} vs {lb}");
        }
    }

    [Fact]
    public void GridAndExclusionCurveAgree()
    {
        var a = SterileFixtures.Shape;
        var m = SterileAnalysis.LogSpace(0.5, 5, 5);
        var s = SterileAnalysis.LogSpace(1e-3, 1, 61);
        var grid = a.Grid(s, m);
        var curve = a.ExclusionCurve(m);
        Assert.Equal(5.991, grid.Threshold, 3);
        Assert.Equal(0, grid.NonMonotoneRows);
        for (int r = 0; r < m.Length; r++)
        {
            double lim = curve.Points[r].Result.Limit;
            for (int c = 0; c < s.Length; c++)
                if (s[c] < lim / 1.001) Assert.True(grid.DeltaChi2[r][c] < grid.Threshold);
                else if (s[c] > lim * 1.001) Assert.True(grid.DeltaChi2[r][c] > grid.Threshold);
            Assert.Equal(0, grid.DeltaChi2[r][0], 1e-3); // Asimov: Δχ² → 0 as sin²2θ → 0
        }
    }

    [Fact]
    public void SeededToyIsReproducibleAndSensible()
    {
        var a = SterileFixtures.Shape;
        var t1 = a.ToyFit(5, new SterileParameters(0, 1), gridPoints: 21);
        var t2 = a.ToyFit(5, new SterileParameters(0, 1), gridPoints: 21);
        var t3 = a.ToyFit(6, new SterileParameters(0, 1), gridPoints: 21);
        Assert.Equal(t1, t2);
        Assert.NotEqual(t1.ObservedEvents, t3.ObservedEvents);
        Assert.True(Math.Abs(t1.ObservedEvents - a.Asimov.Total) < 5 * Math.Sqrt(a.Asimov.Total));
        Assert.True(t1.DeltaChi2NoOscillation >= 0);
        // a strong signal is found: generated at sin²2θ = 0.5, Δm² = 1 eV², no oscillation is excluded
        var sig = a.ToyFit(7, new SterileParameters(0.5, 1.0), gridPoints: 21);
        Assert.True(sig.DeltaChi2NoOscillation > 50, $"Δχ²(no osc) = {sig.DeltaChi2NoOscillation}");
        Assert.InRange(sig.BestFit.Dm2EV2, 0.6, 1.6);
        Assert.InRange(sig.BestFit.Sin22Theta, 0.35, 0.7);
    }
}
