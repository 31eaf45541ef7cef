using NuXe.Statistics;

namespace NuXe.Tests.Statistics;

public class LimitTests
{
    static double AnalyticLimit(double s, double b, double t)
    {
        // Asimov null (n = b): Δχ²(x) = 2[x s − b ln(1 + x s / b)]; bisection on x.
        double lo = 0, hi = 1e3;
        for (int i = 0; i < 300; i++)
        {
            double m = 0.5 * (lo + hi), mu = s * m;
            if (2 * (mu - b * Math.Log(1 + mu / b)) < t) lo = m; else hi = m;
        }
        return 0.5 * (lo + hi);
    }

    static ChiSquareCost Counting(double s, double b) =>
        new(new BinnedLinearModel([new Template("sig", "signal", [s]), new Template("bkg", "bkg", [b])], TestModels.Linear("x")),
            new BinnedData($"count{s}", [b]), CostKind.Poisson);

    [Fact]
    public void CountingUpperLimitMatchesAnalytic()
    {
        var r = UpperLimit.Find(Counting(10, 5), "x", [0.0], 1e-4, 100);
        Assert.Equal(LimitStatus.Found, r.Status);
        Assert.Equal(2.705543454095404, r.Threshold, 1e-9);
        Assert.Equal(0.0, r.ReferenceValue);
        Assert.Equal(AnalyticLimit(10, 5, r.Threshold), r.Limit, 1e-6);
    }

    [Fact]
    public void LimitNotReachedIsReported()
    {
        var r = UpperLimit.Find(Counting(10, 5), "x", [0.0], 1e-6, 1e-3);
        Assert.Equal(LimitStatus.NotReachedInRange, r.Status);
        Assert.True(double.IsNaN(r.Limit));
    }

    [Fact]
    public void LimitCurveGivesOneLimitPerMass()
    {
        double[] masses = [0.1, 1, 10, 100];
        var inputs = masses.Select(m => new LimitCurveInput($"m={m}", m, () => Counting(100 / (1 + m), 20)));
        var curve = LimitCurve.Compute(inputs, "x", [0.0], 1e-5, 1e3, new LimitOptions(Cl: 0.95));
        Assert.True(curve.AllFound);
        Assert.Equal(masses, curve.Points.Select(p => p.Mass));
        Assert.Equal(3.841458820694124, curve.Threshold, 1e-9);
        foreach (var p in curve.Points)
            Assert.Equal(AnalyticLimit(100 / (1 + p.Mass), 20, curve.Threshold), p.Result.Limit, 1e-6 * p.Result.Limit);
        // Monotone: weaker signal ⇒ weaker limit.
        for (int i = 1; i < masses.Length; i++) Assert.True(curve.Points[i].Result.Limit > curve.Points[i - 1].Result.Limit);
    }
}

public class PseudodataTests
{
    [Fact]
    public void AsimovFitRecoversTruthWithZeroChi2()
    {
        var m = TestModels.Spectrum(80);
        double[] truth = [0.7, 0.4];
        var data = Asimov.Create(m, truth);
        var mu = new double[80]; m.Predict(truth, [], mu);
        Assert.Equal(mu, data.Counts);
        Assert.Contains(data.Counts, v => v != Math.Round(v)); // not rounded
        var fit = Fitter.Fit(new ChiSquareCost(m, data, CostKind.Poisson), [0.6, 0.5]);
        Assert.True(fit.IsValid);
        Assert.Equal(0.0, fit.Chi2Min, 1e-8);
        Assert.Equal(0.7, fit.Values[0], 1e-5);
        Assert.Equal(0.4, fit.Values[1], 1e-5);
        Assert.All(fit.Nuisances, v => Assert.Equal(0.0, v, 1e-5));
    }

    [Fact]
    public void ToysAreDeterministicGivenSeed()
    {
        var e = new BinnedData("e", [0.0, 0.5, 3.0, 40.0, 1000.0]);
        var a = Toys.PoissonBatch(e, 20, 42); var b = Toys.PoissonBatch(e, 20, 42); var c = Toys.PoissonBatch(e, 20, 43);
        for (int i = 0; i < 20; i++) Assert.Equal(a[i].Counts, b[i].Counts);
        Assert.Contains(Enumerable.Range(0, 20), i => !a[i].Counts.SequenceEqual(c[i].Counts));
        Assert.All(a, t => Assert.Equal(0.0, t.Counts[0]));
        Assert.All(a, t => Assert.All(t.Counts, v => Assert.Equal(Math.Round(v), v)));
        var ge = e with { Sigmas = [1.0, 1.0, 2.0, 6.0, 30.0] };
        Assert.Equal(Toys.Gaussian(ge, 9).Counts, Toys.Gaussian(ge, 9).Counts);
        Assert.NotEqual(Toys.Gaussian(ge, 9).Counts, Toys.Gaussian(ge, 10).Counts);
        Assert.Throws<ArgumentException>(() => Toys.Gaussian(e, 1));
    }

    [Fact]
    public void ToyMeansAndVariancesArePoisson()
    {
        var e = new BinnedData("e", [2.0, 30.0]);
        var toys = Toys.PoissonBatch(e, 4000, 7);
        for (int k = 0; k < 2; k++)
        {
            var v = toys.Select(t => t.Counts[k]).ToArray();
            double mean = v.Average(), var = v.Select(x => (x - mean) * (x - mean)).Sum() / (v.Length - 1);
            Assert.Equal(e.Counts[k], mean, 4 * Math.Sqrt(e.Counts[k] / v.Length));
            Assert.Equal(e.Counts[k], var, 4 * e.Counts[k] * Math.Sqrt(2.0 / v.Length) + 0.1);
        }
    }

    [Fact]
    public void PullsOfSeededToysAreStandardNormal()
    {
        // Signal strength x on a falling spectrum + flat background with a 5 % pulled normalisation.
        int nb = 20;
        var model = new BinnedLinearModel(
            [new Template("s", "signal", TestModels.Shape(nb, u => 30 * Math.Exp(-2 * u))), new Template("b", "bkg", TestModels.Shape(nb, _ => 40))],
            TestModels.Linear("x"), [new NormNuisance("bn", ["bkg"], 0.05)]);
        const double truth = 1.0;
        // Frequentist toys also fluctuate the auxiliary measurement of η (ModelToys: η_true ~ N(0, σ_η)).
        var pulls = new List<double>();
        for (int k = 0; k < 1000; k++)
        {
            var toy = ModelToys.Poisson(model, [truth], 2024, k);
            var fit = Fitter.Fit(new ChiSquareCost(model, toy, CostKind.Poisson), [truth], new FitOptions(Scales: [0.1]));
            Assert.True(fit.IsValid);
            pulls.Add((fit.Values[0] - truth) / fit.Errors[0]);
        }
        double mean = pulls.Average();
        double var = pulls.Select(p => (p - mean) * (p - mean)).Sum() / (pulls.Count - 1);
        // Statistical errors for 1000 toys: mean ±0.032, variance ±0.045; allow 3σ.
        Assert.InRange(mean, -0.095, 0.095);
        Assert.InRange(var, 1 - 0.134, 1 + 0.134);
    }
}

public class ProfilerTests
{
    [Fact]
    public void FreeShiftNuisanceRecoversInjectedShift()
    {
        // Asimov data generated with δ = 0.6 and sigNorm = −0.1: a fit with both free recovers them exactly (χ² = 0).
        var m0 = TestModels.Spectrum(120);
        var free = new BinnedLinearModel(m0.Templates, m0.Coefficients,
            [m0.Norms[0] with { Sigma = null }, m0.Norms[1]], [m0.Shifts[0] with { Sigma = null }]);
        var data = Asimov.Create(free, [0.7, 0.4], "shifted", [-0.1, 0.0, 0.6]);
        var cost = new ChiSquareCost(free, data, CostKind.Poisson);
        var p = Profiler.Profile(cost, [0.7, 0.4]);
        Assert.Equal(ConvergenceStatus.Converged, p.Status);
        Assert.Equal(0.0, p.Chi2, 1e-9);
        Assert.Equal(-0.1, p.Nuisances[0], 1e-7);
        Assert.Equal(0.0, p.Nuisances[1], 1e-7);
        Assert.Equal(0.6, p.Nuisances[2], 1e-7);
        Assert.Equal(2, cost.FreeNuisanceCount);
        Assert.Equal(120 - 1 - 2, Fitter.Fit(cost, [0.7, 0.4], new FitOptions(FixedParameters: ["b"])).Ndf); // bins − free θ − free nuisances
    }

    [Fact]
    public void ModelToysAreDeterministicAndFluctuateNuisances()
    {
        var m = TestModels.Spectrum(30);
        var a = ModelToys.Poisson(m, [0.7, 0.4], 5, 3);
        var b = ModelToys.Poisson(m, [0.7, 0.4], 5, 3);
        var c = ModelToys.Poisson(m, [0.7, 0.4], 5, 4);
        Assert.Equal(a.Counts, b.Counts);
        Assert.NotEqual(a.Counts, c.Counts);
    }

    [Fact]
    public void ConvergesFromAFarWarmStartAndReportsStatus()
    {
        var m = TestModels.Spectrum(100);
        var cost = new ChiSquareCost(m, TestModels.Asimov(m, [0.7, 0.4]), CostKind.Poisson);
        var reference = Profiler.Profile(cost, [0.72, 0.38]);
        Assert.Equal(ConvergenceStatus.Converged, reference.Status);
        var ws = cost.CreateWorkspace();
        ws.Nuisances[0] = 3.0; ws.Nuisances[1] = -0.9; ws.Nuisances[2] = 25;
        var far = Profiler.Profile(cost, [0.72, 0.38], ws);
        Assert.True(far.Status <= ConvergenceStatus.ConvergedWithFallback);
        Assert.Equal(reference.Chi2, far.Chi2, 1e-8);
        for (int i = 0; i < 3; i++) Assert.Equal(reference.Nuisances[i], far.Nuisances[i], 1e-6);
        Assert.Equal(["sigNorm", "bkgNorm", "escale"], reference.NuisanceNames);
    }

    [Fact]
    public void ProfilingNeverIncreasesChi2AndPullsAreCounted()
    {
        var m = TestModels.Spectrum(60);
        var rnd = new Random(1);
        var data = new BinnedData("d", TestModels.Asimov(m, [0.7, 0.4]).Counts.Select(v => v * (1.1 + 0.05 * rnd.NextDouble())).ToArray());
        var cost = new ChiSquareCost(m, data, CostKind.Poisson);
        var ws = cost.CreateWorkspace();
        double atZero = cost.Evaluate([0.7, 0.4], [0, 0, 0], ws, [], []);
        var p = cost.Profile([0.7, 0.4], ws, []);
        Assert.True(p.Chi2 < atZero);
        double dataOnly = cost.Evaluate([0.7, 0.4], ws.Nuisances, ws, [], []);
        double pulls = Math.Pow(ws.Nuisances[0] / 0.10, 2) + Math.Pow(ws.Nuisances[1] / 0.05, 2) + Math.Pow(ws.Nuisances[2], 2);
        Assert.True(pulls > 0);
        Assert.Equal(p.Chi2, dataOnly, 1e-9); // Evaluate includes the pulls
        Assert.Equal(0, cost.FreeNuisanceCount);
    }
}

public class UpperLimitWithExcessTests
{
    [Fact]
    public void LimitIsTheUpperCrossingWhenTheDataPreferANonZeroCoupling()
    {
        // one bin: μ(g) = 10 g² + 100, observed 200 → sharp minimum at g = √10; Poisson Δχ² = 2.71 above it
        var f = new DelegateCoefficientFunction(["g"], 1, (th, c, grad) => { c[0] = th[0] * th[0]; if (!grad.IsEmpty) grad[0] = 2 * th[0]; });
        var model = new BinnedLinearModel([new Template("s", "signal", [10.0]), new Template("b", "bkg", [100.0])], f);
        var cost = new ChiSquareCost(model, new BinnedData("excess", [200.0]), CostKind.Poisson);
        var r = UpperLimit.Find(cost, "g", [1.0], 1e-3, 100, new LimitOptions(Cl: 0.90, Dof: 1, GridPoints: 9));
        static double Chi(double mu) => 2 * (mu - 200 + 200 * Math.Log(200 / mu));
        double lo = 200, hi = 1000; // μ above the observed count where Δχ² = 2.7055
        for (int i = 0; i < 200; i++) { double m = 0.5 * (lo + hi); if (Chi(m) < ChiSquareThresholds.Threshold(0.90, 1)) lo = m; else hi = m; }
        double expected = Math.Sqrt((lo - 100) / 10);
        Assert.Equal(LimitStatus.Found, r.Status);
        Assert.Equal(expected, r.Limit, 6);
        Assert.True(r.Limit > Math.Sqrt(10));
    }
}
