using MathNet.Numerics.Integration;
using NuXe.Physics;

namespace NuXe.Tests.Sterile;

public class SterileOscillationTests
{
    [Fact]
    public void SurvivalProbabilityFollowsColomaEq31()
    {
        // PHYSICS.md §4.6: at Δm² = 1 eV², E = 750 keV the first maximum of disappearance is at L = π/2 · E / 1.267 = 0.930 m
        var p = new SterileParameters(0.1, 1.0);
        double lMax = Math.PI / 2 * 0.75 / 1.267;
        Assert.Equal(0.9, SterileOscillation.SurvivalProbability(p, lMax, 0.75), 12);
        Assert.Equal(1.0, SterileOscillation.SurvivalProbability(p, 2 * lMax, 0.75), 12);
        // full period of sin² (oscillation length) ≈ 1.86 m (PHYSICS.md §4.6)
        Assert.Equal(1.86, 2 * lMax, 2);
        // hand value: 1 − 0.3 sin²(1.267·2.5·1.7/0.43)
        double phase = 1.267 * 2.5 * 1.7 / 0.43;
        Assert.Equal(1 - 0.3 * Math.Sin(phase) * Math.Sin(phase), SterileOscillation.SurvivalProbability(new SterileParameters(0.3, 2.5), 1.7, 0.43), 14);
        Assert.Equal(1.0, SterileOscillation.SurvivalProbability(new SterileParameters(0, 5), 1.3, 0.75));
    }

    [Theory]
    [InlineData(1.0, 1.00, 1.0025, 0.75)]
    [InlineData(1.0, 1.20, 1.50, 0.43)]
    [InlineData(30.0, 1.00, 1.0025, 0.43)]
    [InlineData(100.0, 2.00, 2.05, 0.75)]
    [InlineData(0.1, 1.5, 1.5000001, 0.75)]
    public void BinAveragedFactorEqualsNumericalAverage(double dm2, double lo, double hi, double e)
    {
        // fixed high-order Gauss–Legendre: the adaptive Kronrod rule at 1e-13 takes minutes on the fast-oscillating cases
        double numeric = MathNet.Numerics.Integrate.GaussLegendre(l => SterileOscillation.OscillationFactor(dm2, l, e), lo, hi, 1024) / (hi - lo);
        Assert.Equal(numeric, SterileOscillation.MeanOscillationFactor(dm2, lo, hi, e), 10);
    }

    [Fact]
    public void FastOscillationsAverageToOneMinusHalfSin22Theta()
    {
        // P_ee → 1 − ½ sin²2θ for Δm² L/E → ∞ (Coloma et al. §3), over the detector's range of L
        foreach (var s in new[] { 0.05, 0.3, 1.0 })
        {
            var p = new SterileParameters(s, 3000);
            // ~1,700 oscillations over the range: a dense midpoint rule (an adaptive rule here takes minutes)
            const int n = 400_000;
            double sum = 0;
            for (int i = 0; i < n; i++) sum += SterileOscillation.SurvivalProbability(p, 1.0 + 1.48 * (i + 0.5) / n, 0.75);
            double avg = sum / n;
            Assert.Equal(SterileOscillation.AveragedSurvivalProbability(s), avg, 3);
            Assert.Equal(0.5, SterileOscillation.MeanOscillationFactor(3000, 1.0, 2.48, 0.75), 3);
        }
    }

    /// <summary>Coloma et al. Sec. 3: "the oscillation length at Δm² = 1 eV² would be ~ 90 cm" for the 750 keV line.</summary>
    [Fact]
    public void FirstMaximum_IsWhereThePhaseIsPiOverTwo()
    {
        double l = SterileOscillation.FirstMaximumDistanceM(1.0, 0.75);
        Assert.Equal(Math.PI / 2 * 0.75 / 1.267, l, 12);
        Assert.InRange(l, 0.9, 0.96);
        Assert.Equal(1.0, SterileOscillation.OscillationFactor(1.0, l, 0.75), 12);
        Assert.Equal(l / 2, SterileOscillation.FirstMaximumDistanceM(2.0, 0.75), 12); // ∝ E/Δm²
    }
}
