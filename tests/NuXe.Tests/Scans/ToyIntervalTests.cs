using System.Globalization;
using MathNet.Numerics.Distributions;
using NuXe.Analyses.Common;
using NuXe.Statistics;
using NuXe.Tests.Statistics;
using Xunit;

namespace NuXe.Tests.Scans;

/// <summary>Toy constructions on textbook cases: Feldman–Cousins (Gaussian mean ≥ 0, FC 1998 Table X), Chernoff's ½χ²₀ + ½χ²₁,
/// CLs for n = 0; determinism across threads and shards.</summary>
public class ToyIntervalTests
{
    /// <summary>One measurement x ~ N(μ, 1) with μ ≥ 0: a one-bin model with a Gaussian χ² = (μ − x0)².</summary>
    static ToyProblem Gaussian(double x0) => new(new BinnedLinearModel([new Template("s", "signal", [1.0])], TestModels.Linear("mu")),
        CostKind.Gaussian, new BinnedData("x0", [x0], [1.0]), "mu", [0.0], 0.0, 10.0);

    static readonly double[] FcGrid = ProfileScan.Linear(0, 4, 41);
    static readonly Lazy<ToySample> FcSample = new(() => NeymanToys.Generate(Gaussian(0), FcGrid, new ToyOptions(3000, 1998), Shard.Whole));

    /// <summary>Exact FC interval for a Gaussian mean ≥ 0, σ = 1, without toys (see Data/PROVENANCE.md).</summary>
    internal static (double Lo, double Hi) ExactGaussianFc(double x0, double cl = 0.90)
    {
        // acceptance region [x1, x2] of μ: ln R(x) = −(x−μ)²/2 for x ≥ 0, μx − μ²/2 for x < 0; equal ln R = c at both ends.
        (double X1, double X2) Acceptance(double mu)
        {
            double lo = -50, hi = 0;
            for (int it = 0; it < 200; it++)
            {
                double c = 0.5 * (lo + hi);
                var (x1, x2) = Ends(mu, c);
                double p = Normal.CDF(0, 1, x2 - mu) - Normal.CDF(0, 1, x1 - mu);
                if (p > cl) lo = c; else hi = c;
            }
            return Ends(mu, 0.5 * (lo + hi));
        }
        static (double, double) Ends(double mu, double c)
        {
            double d = Math.Sqrt(-2 * c);
            double x1 = mu - d >= 0 ? mu - d : mu > 0 ? (c + mu * mu / 2) / mu : double.NegativeInfinity;
            return (x1, mu + d);
        }
        double Bisect(Func<double, bool> inside, double a, double b)
        {
            for (int it = 0; it < 100; it++) { double m = 0.5 * (a + b); if (inside(m)) a = m; else b = m; }
            return 0.5 * (a + b);
        }
        double hiMu = Bisect(mu => Acceptance(mu).X1 <= x0, 0, Math.Max(x0, 0) + 10);
        double loMu = Acceptance(0).X2 >= x0 ? 0 : Bisect(mu => Acceptance(mu).X2 < x0, 0, x0);
        return (loMu, hiMu);
    }

    static IEnumerable<(double X0, double Lo, double Hi, string Source)> Table()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Scans", "Data", "fc1998_gaussian_90.csv")).Skip(1);
        foreach (var l in lines)
        {
            var f = l.Split(',');
            yield return (double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), f[3]);
        }
    }

    [Fact]
    public void ExactConstructionReproducesTheFeldmanCousinsTable()
    {
        var rows = Table().ToArray();
        Assert.Contains(rows, r => r.Source == "published");
        foreach (var (x0, lo, hi, _) in rows)
        {
            var (l, h) = ExactGaussianFc(x0);
            Assert.Equal(lo, l, 0.006);
            Assert.Equal(hi, h, 0.006);
        }
        // large x0: the central interval x0 ± 1.645
        var (l5, h5) = ExactGaussianFc(5.0);
        Assert.Equal(5 - 1.6449, l5, 0.002); Assert.Equal(5 + 1.6449, h5, 0.002);
    }

    [Fact]
    public void ToyFeldmanCousinsIntervalsMatchTheTable()
    {
        var sample = FcSample.Value;
        foreach (var (x0, lo, hi, src) in Table().Where(r => r.X0 >= -1.5 && r.X0 <= 2.0))
        {
            var r = NeymanToys.Analyse(Gaussian(x0), sample, 0.90);
            Assert.False(r.FeldmanCousins.UpperAtGridEdge);
            Assert.True(Math.Abs(r.FeldmanCousins.Upper - hi) < 0.08, $"x0 = {x0} ({src}): FC upper {r.FeldmanCousins.Upper} vs {hi}");
            Assert.True(Math.Abs(r.FeldmanCousins.Lower - lo) < 0.08, $"x0 = {x0} ({src}): FC lower {r.FeldmanCousins.Lower} vs {lo}");
        }
        // far from the boundary the critical value tends to the Wilks χ²₁ quantile and Wilks covers 90 %
        var r0 = NeymanToys.Analyse(Gaussian(0), sample, 0.90);
        var far = r0.Points[^1];
        Assert.Equal(2.706, far.CriticalT, 0.25);
        Assert.Equal(0.90, far.WilksCoverage, 0.02);
    }

    [Fact]
    public void BoundaryDistributionIsChernoffHalfChiSquare()
    {
        var sample = NeymanToys.Generate(Gaussian(0), [0.0, 1.0], new ToyOptions(20000, 54), Shard.Whole);
        var t = sample.T[0];
        Assert.Equal(0.5, t.Count(v => v <= NeymanToys.ZeroT) / (double)t.Length, 0.015);           // ½ χ²₀
        Assert.Equal(1.6424, NeymanToys.ChernoffQuantile(0.90), 3);                          // analytic
        Assert.Equal(NeymanToys.ChernoffQuantile(0.90), NeymanToys.Quantile(t, 0.90), 0.1);  // toys
        var r = NeymanToys.Analyse(Gaussian(0), sample, 0.90);
        Assert.Equal(0.95, r.WilksCoverageAtLower, 0.006);                                  // Wilks 2.706 over-covers at the bound
    }

    [Fact]
    public void ClsUpperLimitForZeroObservedEventsIsLn10()
    {
        // one counting bin: s·μ signal (μ = s) on b = 0.5 background, n = 0 observed
        var model = new BinnedLinearModel([new Template("s", "signal", [1.0]), new Template("b", "bkg", [0.5])], TestModels.Linear("s"));
        var problem = new ToyProblem(model, CostKind.Poisson, new BinnedData("n0", [0.0]), "s", [0.0], 0, 20);
        var values = ProfileScan.Linear(0, 4, 17);
        var sample = NeymanToys.Generate(problem, values, new ToyOptions(5000, 2002), Shard.Whole);
        var r = NeymanToys.Analyse(problem, sample, 0.90);
        Assert.Equal(Math.Log(10), r.ClsUpperLimit, 0.2);
        Assert.Equal(Math.Log(10) - 0.5, r.NeymanUpperLimit, 0.2);
        Assert.True(r.ClsUpperLimit > r.NeymanUpperLimit, "CLs is conservative");
        // Wilks for n = 0: t(s) = 2s, limit 2.706/2
        Assert.Equal(ChiSquareThresholds.Threshold(0.9, 1) / 2, r.WilksUpperLimit, 1e-6);
    }

    [Fact]
    public void ToysAreReproducibleForAnyThreadCountAndSharding()
    {
        var problem = Gaussian(0.3);
        double[] values = [0, 0.5, 1, 1.5, 2];
        var a = NeymanToys.Generate(problem, values, new ToyOptions(200, 5, Threads: 1), Shard.Whole);
        var b = NeymanToys.Generate(problem, values, new ToyOptions(200, 5, Threads: 2), Shard.Whole);
        var shards = Enumerable.Range(1, 3).Select(k => NeymanToys.Generate(problem, values, new ToyOptions(200, 5, Threads: 2), new Shard(k, 3))).ToArray();
        Assert.True(shards.All(s => s.MissingCount > 0));
        var m = ToySample.Merge(shards);
        foreach (var s in new[] { b, m })
            for (int k = 0; k < values.Length; k++)
            {
                Assert.Equal(a.T[k], s.T[k]); Assert.Equal(a.Q[k], s.Q[k]); Assert.Equal(a.QBackground[k], s.QBackground[k]);
            }
        // through the folder format (what `nuxe merge` reads)
        var dirs = shards.Select((s, i) =>
        {
            string d = Directory.CreateTempSubdirectory("nuxe-toys-test").FullName;
            ToyFolder.Write(d, new ToyJob("sig", ["x"], "mu", values, 200, 5, 0.9, new Shard(i + 1, 3)), s);
            return d;
        }).ToArray();
        var (job, read) = ToyFolder.Read(dirs);
        Assert.Equal(Shard.Whole, job.Shard);
        for (int k = 0; k < values.Length; k++) Assert.Equal(a.T[k], read.T[k]);
        Assert.Throws<ArgumentException>(() => ToyFolder.Read(dirs.Take(2).ToArray()));
        var other = NeymanToys.Generate(problem, values, new ToyOptions(200, 6, Threads: 2), Shard.Whole);
        Assert.NotEqual(a.T[2], other.T[2]);
    }
}
