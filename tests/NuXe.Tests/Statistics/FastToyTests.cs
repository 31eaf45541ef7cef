using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using NuXe.Statistics;
using Xunit;

namespace NuXe.Tests.Statistics;

/// <summary>The toy engine of the Neyman constructions: the xoshiro256** Poisson sampler against the Poisson law, costs of
/// other data sharing a model (<see cref="ChiSquareCost.WithData"/>), and the grid descent against the global grid search.</summary>
public class FastToyTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(4.0)]
    [InlineData(9.99)]   // last value of the inversion branch
    [InlineData(10.0)]   // first value of the PTRS branch
    [InlineData(33.0)]
    [InlineData(400.0)]
    public void PoissonSamplerFollowsThePoissonLaw(double lambda)
    {
        const int n = 200_000;
        var rng = new Xoshiro256(20260 + (ulong)(lambda * 100));
        var counts = new Dictionary<int, int>();
        double sum = 0, sum2 = 0;
        for (int i = 0; i < n; i++)
        {
            int k = rng.NextPoisson(lambda);
            Assert.True(k >= 0);
            counts[k] = counts.GetValueOrDefault(k) + 1;
            sum += k - lambda; sum2 += (k - lambda) * (k - lambda);
        }
        double mean = sum / n, variance = sum2 / n - mean * mean;
        Assert.True(Math.Abs(mean) < 4.5 * Math.Sqrt(lambda / n), $"mean off by {mean}");
        Assert.True(Math.Abs(variance / lambda - 1) < 4.5 * Math.Sqrt(2.0 / n) + 1e-3, $"variance/λ = {variance / lambda}");
        // Pearson χ² over the cells with ≥ 20 expected entries (tails pooled), against the χ² distribution: p > 1e-4
        double chi2 = 0, restObs = n, restExp = n;
        int cells = 0;
        foreach (var k in Enumerable.Range(0, (int)(lambda + 12 * Math.Sqrt(lambda) + 20)))
        {
            double e = n * Math.Exp(k * Math.Log(lambda) - lambda - SpecialFunctions.FactorialLn(k));
            if (e < 20) continue;
            double o = counts.GetValueOrDefault(k);
            chi2 += (o - e) * (o - e) / e; cells++;
            restObs -= o; restExp -= e;
        }
        if (restExp >= 20) { chi2 += (restObs - restExp) * (restObs - restExp) / restExp; cells++; }
        double p = 1 - ChiSquared.CDF(cells - 1, chi2);
        Assert.True(p > 1e-4, $"χ² = {chi2} for {cells} cells (p = {p})");
    }

    [Fact]
    public void SamplerIsDeterministicAndSeedsDiffer()
    {
        var a = new Xoshiro256(7); var b = new Xoshiro256(7); var c = new Xoshiro256(8);
        var xa = Enumerable.Range(0, 50).Select(_ => a.NextPoisson(12.5)).ToArray();
        Assert.Equal(xa, Enumerable.Range(0, 50).Select(_ => b.NextPoisson(12.5)).ToArray());
        Assert.NotEqual(xa, Enumerable.Range(0, 50).Select(_ => c.NextPoisson(12.5)).ToArray());
        Assert.Equal(0, a.NextPoisson(0.0));
        var u = new Xoshiro256(1);
        Assert.All(Enumerable.Range(0, 1000).Select(_ => u.NextDouble()), x => Assert.InRange(x, 0.0, 1.0 - 1e-17));
    }

    [Fact]
    public void FastModelToysFluctuatePulledNuisancesAndAreDeterministic()
    {
        var m = TestModels.Spectrum(40);
        var a = ModelToys.PoissonFast(m, [0.7, 0.4], 5, 3);
        Assert.Equal(a.Counts, ModelToys.PoissonFast(m, [0.7, 0.4], 5, 3).Counts);
        Assert.NotEqual(a.Counts, ModelToys.PoissonFast(m, [0.7, 0.4], 5, 4).Counts);
        Assert.All(a.Counts, v => Assert.Equal(Math.Round(v), v));
        // mean of many toys = the prediction (nuisances averaged over their pulls)
        var expected = TestModels.Asimov(m, [0.7, 0.4]).Counts;
        var mean = new double[m.BinCount];
        const int n = 2000;
        for (int i = 0; i < n; i++) { var t = ModelToys.PoissonFast(m, [0.7, 0.4], 11, i); for (int b = 0; b < mean.Length; b++) mean[b] += t.Counts[b] / n; }
        Assert.True(Math.Abs(mean.Sum() / expected.Sum() - 1) < 5 * Math.Sqrt(1.0 / (n * expected.Sum())) + 0.01);
    }

    [Fact]
    public void CostWithOtherDataEqualsAFreshCostAndSharesWorkspaces()
    {
        var m = TestModels.Spectrum(60);
        var asimov = TestModels.Asimov(m, [0.7, 0.4]);
        var proto = new ChiSquareCost(m, asimov, CostKind.Poisson);
        var ws = proto.CreateWorkspace();
        for (int i = 0; i < 5; i++)
        {
            var toy = ModelToys.PoissonFast(m, [0.7, 0.4], 9, i);
            var fresh = new ChiSquareCost(m, toy, CostKind.Poisson);
            var shared = proto.WithData(toy);
            ws.ResetNuisances();
            var r1 = shared.Profile([0.6, 0.5], ws, []);
            var r2 = fresh.Profile([0.6, 0.5], fresh.CreateWorkspace(), []);
            Assert.Equal(r2.Chi2, r1.Chi2);   // bit for bit: the same arithmetic
            Assert.Equal(toy.Name, Assert.Single(shared.DataSetNames));
        }
        var other = new ChiSquareCost(m, asimov, CostKind.Poisson);
        Assert.Throws<ArgumentException>(() => other.Profile([0.6, 0.5], ws, []));
        Assert.Throws<ArgumentException>(() => proto.WithData(new BinnedData("short", [1.0, 2.0])));
    }

    [Fact]
    public void GridDescentFindsTheGlobalMinimumOfUnimodalToys()
    {
        // a signal strength on a falling spectrum over a flat background with a pulled normalisation: χ²(x) is convex in x
        int nb = 30;
        var model = new BinnedLinearModel(
            [new Template("s", "signal", TestModels.Shape(nb, u => 8 * Math.Exp(-3 * u))), new Template("b", "bkg", TestModels.Shape(nb, _ => 5))],
            TestModels.Linear("x"), [new NormNuisance("bn", ["bkg"], 0.05)]);
        var problem = new ToyProblem(model, CostKind.Poisson, TestModels.Asimov(model, [0.0]), "x", [0.0], 0.0, 8.0);
        var values = ProfileScan.Linear(0, 2, 9);
        var sample = NeymanToys.Generate(problem, values, new ToyOptions(30, 77), Shard.Whole);
        var global = NeymanToys.Generate(problem, values, new ToyOptions(30, 77, GlobalSearch: true), Shard.Whole);
        for (int k = 0; k < values.Length; k++)
        {
            Assert.Equal(global.T[k], sample.T[k]);            // bit for bit: the same minimum, the same Brent bracket
            Assert.Equal(global.QBackground[k], sample.QBackground[k]);
        }
        var search = NeymanToys.SearchGrid(problem, values);
        for (int k = 0; k < values.Length; k++)
            for (int i = 0; i < 30; i++)
            {
                var toy = NeymanToys.Toy(problem, values[k], NeymanToys.ValueSeed(77, k), i);
                var all = new NeymanToys.Statistic(problem, toy, search);   // every grid value evaluated
                Assert.Equal(all.T(values[k]), sample.T[k][i], 1e-9);
                Assert.Equal(all.BestFit, sample.BestFit[k][i], 1e-6);
            }
    }
}
