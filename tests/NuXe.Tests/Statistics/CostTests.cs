using NuXe.Statistics;

namespace NuXe.Tests.Statistics;

public class CostTests
{
    static ChiSquareCost SpectrumCost(CostKind kind, int seed = 3)
    {
        var m = TestModels.Spectrum(60);
        var asimov = TestModels.Asimov(m, [0.7, 0.4]);
        var rnd = new Random(seed);
        var data = asimov with { Counts = asimov.Counts.Select(v => v * (1 + 0.1 * (rnd.NextDouble() - 0.5))).ToArray() };
        return new ChiSquareCost(m, data, kind);
    }

    [Theory]
    [InlineData(CostKind.Poisson)]
    [InlineData(CostKind.Gaussian)]
    public void AnalyticGradientsMatchFiniteDifferences(CostKind kind)
    {
        var cost = SpectrumCost(kind);
        var ws = cost.CreateWorkspace();
        double[] theta = [0.65, 0.45];
        double[] eta = [0.03, -0.02, 0.4];
        var gt = new double[2]; var ge = new double[3];
        cost.Evaluate(theta, eta, ws, gt, ge);
        for (int p = 0; p < 2; p++)
        {
            double h = 1e-6;
            var tp = (double[])theta.Clone(); tp[p] += h;
            var tm = (double[])theta.Clone(); tm[p] -= h;
            double fd = (cost.Evaluate(tp, eta, ws, [], []) - cost.Evaluate(tm, eta, ws, [], [])) / (2 * h);
            Assert.Equal(fd, gt[p], 1e-5 * (1 + Math.Abs(fd)));
        }
        for (int p = 0; p < 3; p++)
        {
            double h = 1e-6;
            var ep = (double[])eta.Clone(); ep[p] += h;
            var em = (double[])eta.Clone(); em[p] -= h;
            double fd = (cost.Evaluate(theta, ep, ws, [], []) - cost.Evaluate(theta, em, ws, [], [])) / (2 * h);
            Assert.Equal(fd, ge[p], 1e-5 * (1 + Math.Abs(fd)));
        }
    }

    [Theory]
    [InlineData(CostKind.Poisson)]
    [InlineData(CostKind.Gaussian)]
    public void ProfiledGradientMatchesFiniteDifferencesOfProfile(CostKind kind)
    {
        var cost = SpectrumCost(kind);
        var ws = cost.CreateWorkspace();
        double[] theta = [0.66, 0.42];
        var g = new double[2];
        var r = cost.Profile(theta, ws, g);
        Assert.Equal(ConvergenceStatus.Converged, r.Status);
        for (int p = 0; p < 2; p++)
        {
            double h = 1e-5;
            var tp = (double[])theta.Clone(); tp[p] += h;
            var tm = (double[])theta.Clone(); tm[p] -= h;
            double fd = (cost.Profile(tp, ws, []).Chi2 - cost.Profile(tm, ws, []).Chi2) / (2 * h);
            Assert.Equal(fd, g[p], 1e-4 * (1 + Math.Abs(fd)));
        }
    }

    [Fact]
    public void PoissonMatchesDirectFormulaAndIsInfiniteForNonPositivePrediction()
    {
        var m = new BinnedLinearModel([new Template("s", "signal", [2.0, 0.0, 1.0])], TestModels.Linear("x"));
        var cost = new ChiSquareCost(m, new BinnedData("d", [3.0, 0.0, 0.0]), CostKind.Poisson);
        var ws = cost.CreateWorkspace();
        double x = 1.3;
        double expected = 2 * ((2 * x - 3 + 3 * Math.Log(3 / (2 * x))) + 0 + (x - 0));
        Assert.Equal(expected, cost.Evaluate([x], [], ws, [], []), 1e-12);
        Assert.Equal(double.PositiveInfinity, cost.Evaluate([-1.0], [], ws, [], []));
        Assert.Equal(double.PositiveInfinity, cost.Evaluate([0.0], [], ws, [], []));
    }

    [Fact]
    public void GaussianUsesSqrtNErrorsAndSkipsEmptyBins()
    {
        var m = new BinnedLinearModel([new Template("s", "signal", [4.0, 1.0, 2.0])], TestModels.Linear("x"));
        var cost = new ChiSquareCost(m, new BinnedData("d", [5.0, 0.0, 2.0]), CostKind.Gaussian);
        double expected = (4.0 - 5) * (4.0 - 5) / 5 + 0 + 0;
        Assert.Equal(expected, cost.Evaluate([1.0], [], cost.CreateWorkspace(), [], []), 1e-12);
        var withErr = new ChiSquareCost(m, new BinnedData("d", [5.0, 0.0, 2.0], [1.0, 0.5, 2.0]), CostKind.Gaussian);
        Assert.Equal(1.0 + 4.0 + 0.0, withErr.Evaluate([1.0], [], withErr.CreateWorkspace(), [], []), 1e-12);
    }

    [Fact]
    public void ProfileFreeNormalisationEqualsShapeOnlyAnalytic()
    {
        // Poisson MLE of a free overall scale: (1+η) = Σn / Σμ exactly; profiled χ² must equal the χ² of the
        // prediction normalised to the data total.
        var baseModel = TestModels.Spectrum(40, withNuisances: false);
        var model = new BinnedLinearModel(baseModel.Templates, TestModels.Quadratic(),
            [new NormNuisance("all", ["signal", "bkg"], null)]);
        var rnd = new Random(11);
        var data = new BinnedData("d", TestModels.Asimov(baseModel, [0.8, 0.3]).Counts.Select(v => Math.Round(v * (0.8 + 0.1 * rnd.NextDouble()))).ToArray());
        var cost = new ChiSquareCost(model, data, CostKind.Poisson);
        var ws = cost.CreateWorkspace();
        foreach (var theta in new[] { new[] { 0.5, 0.5 }, new[] { 1.0, -0.2 }, new[] { 0.1, 0.9 } })
        {
            var r = cost.Profile(theta, ws, []);
            var mu = new double[40];
            baseModel.Predict(theta, [], mu);
            double k = data.Total / mu.Sum();
            double chi2 = 0;
            for (int i = 0; i < 40; i++)
            {
                double m = k * mu[i], n = data.Counts[i];
                chi2 += 2 * (m - n + (n > 0 ? n * Math.Log(n / m) : 0));
            }
            Assert.Equal(ConvergenceStatus.Converged, r.Status);
            Assert.Equal(chi2, r.Chi2, 1e-8);
            Assert.Equal(k - 1, ws.Nuisances[0], 1e-8);
        }
    }

    [Fact]
    public void NormBoundIsRespected()
    {
        // Data far below the prediction of a component: η hits its lower bound −0.5.
        var m = new BinnedLinearModel([new Template("b", "bkg", [10.0, 10.0])], null, [new NormNuisance("n", ["bkg"], null, Lower: -0.5)]);
        var cost = new ChiSquareCost(m, new BinnedData("d", [1.0, 1.0]), CostKind.Poisson);
        var ws = cost.CreateWorkspace();
        var r = cost.Profile([], ws, []);
        Assert.Equal(ConvergenceStatus.Converged, r.Status);
        Assert.Equal(-0.5, ws.Nuisances[0], 12);
        Assert.Equal(2 * 2 * (5 - 1 + Math.Log(1 / 5.0)), r.Chi2, 1e-10);
    }

    [Fact]
    public void CostSumSharesParametersAndAddsProfiles()
    {
        var c1 = SpectrumCost(CostKind.Poisson, 3);
        var m2 = TestModels.Spectrum(30);
        var c2 = new ChiSquareCost(m2, TestModels.Asimov(m2, [0.7, 0.4], "second"), CostKind.Gaussian);
        var sum = new CostSum(c1, c2);
        Assert.Equal(["a", "b"], sum.ParameterNames);
        Assert.Equal(6, sum.NuisanceNames.Count);
        Assert.Equal("second/escale", sum.NuisanceNames[5]);
        double[] th = [0.6, 0.5];
        var g = new double[2]; var g1 = new double[2]; var g2 = new double[2];
        double s = sum.Profile(th, sum.CreateWorkspace(), g).Chi2;
        double a = c1.Profile(th, c1.CreateWorkspace(), g1).Chi2, b = c2.Profile(th, c2.CreateWorkspace(), g2).Chi2;
        Assert.Equal(a + b, s, 1e-9);
        Assert.Equal(g1[0] + g2[0], g[0], 1e-8);
    }

    [Fact]
    public void GradientPropertyHoldsAtRandomPoints()
    {
        // Seeded property: analytic ∂χ²/∂θ and ∂χ²/∂η equal central differences at 50 random (θ, η).
        var rnd = new Random(17);
        foreach (var kind in new[] { CostKind.Poisson, CostKind.Gaussian })
        {
            var cost = SpectrumCost(kind, 5);
            var ws = cost.CreateWorkspace();
            for (int k = 0; k < 50; k++)
            {
                double[] th = [0.3 + rnd.NextDouble(), 0.1 + rnd.NextDouble()];
                double[] eta = [0.2 * (rnd.NextDouble() - 0.5), 0.2 * (rnd.NextDouble() - 0.5), 2 * (rnd.NextDouble() - 0.5)];
                var gt = new double[2]; var ge = new double[3];
                cost.Evaluate(th, eta, ws, gt, ge);
                for (int p = 0; p < 5; p++)
                {
                    const double h = 1e-6;
                    var tp = (double[])th.Clone(); var tm = (double[])th.Clone();
                    var ep = (double[])eta.Clone(); var em = (double[])eta.Clone();
                    if (p < 2) { tp[p] += h; tm[p] -= h; } else { ep[p - 2] += h; em[p - 2] -= h; }
                    double fd = (cost.Evaluate(tp, ep, ws, [], []) - cost.Evaluate(tm, em, ws, [], [])) / (2 * h);
                    double an = p < 2 ? gt[p] : ge[p - 2];
                    Assert.True(Math.Abs(fd - an) <= 1e-5 * (1 + Math.Abs(fd)), $"{kind} point {k} component {p}: {an} vs {fd}");
                }
            }
        }
    }

    [Fact]
    public void FreeSignalNormWithVanishingSignalStaysFinite()
    {
        // At a = b = 0 the signal vanishes and its free normalisation is a flat direction: the profiler must freeze it.
        var m0 = TestModels.Spectrum(50);
        var m = new BinnedLinearModel(m0.Templates, m0.Coefficients, [m0.Norms[0] with { Sigma = null }, m0.Norms[1]], m0.Shifts);
        var cost = new ChiSquareCost(m, TestModels.Asimov(m0, [0.7, 0.4]), CostKind.Poisson);
        var ws = cost.CreateWorkspace();
        var r = cost.Profile([0.0, 0.0], ws, []);
        Assert.True(r.Status <= ConvergenceStatus.ConvergedWithFallback);
        Assert.True(double.IsFinite(r.Chi2) && r.Chi2 > 0);
        Assert.All(ws.Nuisances.ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void BoundedFitStopsAtTheBound()
    {
        var m = TestModels.Spectrum(40);
        var cost = new ChiSquareCost(m, TestModels.Asimov(m, [0.7, 0.4]), CostKind.Poisson);
        var fit = Fitter.Fit(cost, [0.5, 0.3], new FitOptions(Upper: [0.6, double.PositiveInfinity]));
        Assert.Equal(0.6, fit.Values[0], 1e-6);
        Assert.True(fit.Chi2Min > 0);
        Assert.Contains("BFGS-B", fit.Method);
        Assert.Equal([true, false], fit.AtBound);
    }
}
