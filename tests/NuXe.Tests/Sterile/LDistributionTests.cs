using NuXe.Sources;
using NuXe.Sources.Spatial;

namespace NuXe.Tests.Sterile;

public class LDistributionTests
{
    static readonly CylinderGeometry Detector = new(1.38, 1.38, 2.953);
    static readonly Point3 Below = new(0, 0, -1.0);

    [Fact]
    public void QuadratureReproducesVolumeAndLinkXuA5()
    {
        var (lo, hi) = AxialLDistribution.Range(Detector, 1.0);
        Assert.Equal(1.0, lo); Assert.Equal(Math.Sqrt(2.38 * 2.38 + 0.69 * 0.69), hi, 12);
        double v = AxialLDistribution.Integrate(Detector, 1.0, l => AxialLDistribution.VolumeDensityM2(Detector, 1.0, l), lo, hi);
        Assert.Equal(Detector.VolumeM3, v, 9);
        // ∫ (1/L²) dV/dL dL = V/r_avg², r_avg from Link & Xu eq. (A5) = 1.6317 m
        double w = AxialLDistribution.Integrate(Detector, 1.0, l => AxialLDistribution.EventDensity(Detector, 1.0, l), lo, hi);
        double rAvg = Detector.RAvgOnAxisClosedFormM(1.0);
        Assert.Equal(1.0, w / (Detector.VolumeM3 / (rAvg * rAvg)), 9);
        Assert.Equal(1.6317, Math.Sqrt(Detector.VolumeM3 / w), 4);
    }

    [Fact]
    public void MonteCarloPointSourceWithoutResolutionMatchesQuadrature()
    {
        var spec = LSmearingSpec.ForGeometry(Detector, new SourceVolume(Below, 0, 0), resolutionM: 0, samples: 1_000_000, seed: 7);
        var m = LSmearingMatrix.Build(spec);
        double rAvg = Detector.RAvgOnAxisClosedFormM(1.0);
        double rel = m.MeanInverseSquareDistancePerM2 * rAvg * rAvg - 1;
        Assert.True(Math.Abs(rel) < 5 * m.MeanInverseSquareRelativeError, $"⟨1/L²⟩ MC vs A5: {rel:E2} (σ {m.MeanInverseSquareRelativeError:E2})");
        Assert.Equal(0, m.SignalOutsideFraction);
        var edges = spec.Reconstructed.EdgesM();
        var sig = AxialLDistribution.SignalFractions(Detector, 1.0, edges);
        var bkg = AxialLDistribution.VolumeFractions(Detector, 1.0, edges);
        Assert.Equal(1.0, sig.Sum(), 9); Assert.Equal(1.0, bkg.Sum(), 9);
        double chi2S = 0, chi2B = 0; int n = 0;
        for (int i = 0; i < sig.Length; i++)
        {
            if (bkg[i] == 0) { Assert.Equal(0, m.BackgroundFractions[i]); continue; }
            // binomial errors (weighted signal: effective error inflated by the weight spread, ≤ 1.5×)
            double sb = Math.Sqrt(bkg[i] * (1 - bkg[i]) / spec.Samples), ss = 1.5 * Math.Sqrt(sig[i] * (1 - sig[i]) / spec.Samples * sig[i] / Math.Max(bkg[i], 1e-12));
            chi2B += Math.Pow((m.BackgroundFractions[i] - bkg[i]) / sb, 2);
            chi2S += Math.Pow((m.SignalFractions[i] - sig[i]) / Math.Max(ss, 1e-12), 2);
            n++;
        }
        Assert.True(chi2B < n + 5 * Math.Sqrt(2 * n), $"background χ² {chi2B:F1} for {n} bins");
        Assert.True(chi2S < n + 5 * Math.Sqrt(2 * n), $"signal χ² {chi2S:F1} for {n} bins");
    }

    [Fact]
    public void SameSeedIsBitIdenticalOtherSeedDiffersWithinNoise()
    {
        var src = new SourceVolume(Below);
        var a = LSmearingMatrix.Build(LSmearingSpec.ForGeometry(Detector, src, samples: 200_000, seed: 1));
        var b = LSmearingMatrix.Build(LSmearingSpec.ForGeometry(Detector, src, samples: 200_000, seed: 1));
        var c = LSmearingMatrix.Build(LSmearingSpec.ForGeometry(Detector, src, samples: 200_000, seed: 2));
        Assert.Equal(a.SignalFractions, b.SignalFractions);
        Assert.Equal(a.OscillatedFractions(1, 0.75), b.OscillatedFractions(1, 0.75));
        Assert.NotEqual(a.SignalFractions, c.SignalFractions);
        for (int i = 0; i < a.SignalFractions.Count; i++)
            if (a.SignalFractions[i] > 0.01)
            {
                double tol = 6 * Math.Sqrt(2.0 / (200_000 * a.SignalFractions[i])); // 6σ of two independent estimates
                Assert.True(Math.Abs(a.SignalFractions[i] / c.SignalFractions[i] - 1) < tol, $"bin {i}: {a.SignalFractions[i]} vs {c.SignalFractions[i]}");
            }
        var cache = new LSmearingCache();
        var spec = LSmearingSpec.ForGeometry(Detector, src, samples: 100_000, seed: 3);
        Assert.Same(cache.Get(spec), cache.Get(spec with { }));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void FiniteSourceAndResolutionSmearTheNearEdge()
    {
        var point = LSmearingMatrix.Build(LSmearingSpec.ForGeometry(Detector, new SourceVolume(Below, 0, 0), resolutionM: 0, samples: 400_000, seed: 5));
        var finite = LSmearingMatrix.Build(LSmearingSpec.ForGeometry(Detector, new SourceVolume(Below), resolutionM: 0.01, samples: 400_000, seed: 5));
        Assert.Equal(0.93, finite.Reconstructed.LowM, 9); // bins: nearest distance 1 m − 5σ rounded down to 3 cm
        Assert.Equal(0.99, point.Reconstructed.LowM, 9);
        // a point source without resolution cannot give L < 1 m; the finite source (±7 cm) and 1 cm resolution can
        int below = finite.Reconstructed.Index(0.985);
        Assert.Equal(0, point.SignalOutsideFraction);
        Assert.Equal(-1, point.Reconstructed.Index(0.985));
        Assert.True(finite.SignalFractions[below] > 1e-5, $"finite-source fraction at 0.985 m: {finite.SignalFractions[below]}");
        // the finite-source ⟨1/L²⟩ differs from the point-source one only at the per-mille level (second order in the size)
        double ratio = finite.MeanInverseSquareDistancePerM2 / point.MeanInverseSquareDistancePerM2;
        Assert.True(Math.Abs(ratio - 1) < 0.01, $"finite/point ⟨1/L²⟩ = {ratio}");
    }

    [Theory]
    [InlineData(1.0, 0.75)]
    [InlineData(1.0, 0.43)]
    [InlineData(30.0, 0.43)]
    [InlineData(100.0, 0.75)]
    public void AnalyticFineBinOscillationEqualsExactSampleReweighting(double dm2, double eMeV)
    {
        var spec = LSmearingSpec.ForGeometry(Detector, new SourceVolume(Below), samples: 400_000, seed: 11);
        var m = LSmearingMatrix.Build(spec);
        var fast = m.OscillatedFractions(dm2, eMeV);
        var exact = LSmearingMatrix.ExactOscillatedFractions(spec, dm2, eMeV);
        // the only approximation: L uniform inside each 2.5 mm true bin
        Assert.True(Math.Abs(fast.Sum() / exact.Sum() - 1) < 2e-3, $"totals {fast.Sum()} vs {exact.Sum()}");
        for (int i = 0; i < fast.Length; i++) Assert.True(Math.Abs(fast[i] - exact[i]) < 2e-3 * m.SignalFractions.Max(), $"bin {i}: {fast[i]} vs {exact[i]}");
        // and the disappearance fraction is between 0 and the no-oscillation fraction
        for (int i = 0; i < fast.Length; i++) Assert.InRange(fast[i], 0, m.SignalFractions[i] + 1e-15);
    }
}
