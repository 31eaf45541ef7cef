using NuXe.Statistics;

namespace NuXe.Tests.Statistics;

/// <summary>The quadratic-form χ² (issue 17) against the full <see cref="ChiSquareCost"/>: it is an exact rewriting, so the
/// two agree to rounding everywhere, not only near the minimum.</summary>
public class GaussianQuadraticChi2Tests
{
    static (ChiSquareCost Cost, double[] Truth) Asimov(bool sigmas = false, double[]? truth = null)
    {
        var model = TestModels.Spectrum(nb: 200, withNuisances: false);
        truth ??= [0.9, 0.5];
        var mu = new double[model.BinCount];
        model.Predict(truth, [], mu);
        // perturbed data (not Asimov) so the linear term of the expansion is exercised too
        var n = mu.Select((m, i) => m * (1 + 0.05 * Math.Sin(7.0 * i))).ToArray();
        var data = new BinnedData("d", n, sigmas ? n.Select((v, i) => Math.Sqrt(v) * (1 + 0.1 * (i % 3))).ToArray() : null);
        return (new ChiSquareCost(model, data, CostKind.Gaussian), truth);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AgreesWithTheFullCostAndItsGradient(bool sigmas)
    {
        var (cost, truth) = Asimov(sigmas);
        var form = GaussianQuadraticChi2.TryCreate(cost, truth)!;
        Assert.NotNull(form);
        Assert.Equal(3, form.BasisCount);
        var ws = cost.CreateWorkspace();
        var fast = form.AsCost();
        var fws = fast.CreateWorkspace();
        var rng = new Random(17);
        for (int k = 0; k < 200; k++)
        {
            double[] th = [truth[0] + 4 * (rng.NextDouble() - 0.5), truth[1] + 4 * (rng.NextDouble() - 0.5)];
            var g = new double[2]; var gf = new double[2];
            double full = cost.Profile(th, ws, g).Chi2;
            double quick = fast.Profile(th, fws, gf).Chi2;
            Assert.True(Math.Abs(quick - full) <= 1e-11 * Math.Max(1, full), $"θ = ({th[0]}, {th[1]}): {quick} vs {full}");
            for (int p = 0; p < 2; p++) Assert.True(Math.Abs(gf[p] - g[p]) <= 1e-9 * Math.Max(1, Math.Abs(g[p])), $"gradient {p}: {gf[p]} vs {g[p]}");
        }
    }

    [Fact]
    public void IsZeroAtTheTruthOfAsimovData()
    {
        var model = TestModels.Spectrum(nb: 100, withNuisances: false);
        var mu = new double[model.BinCount];
        model.Predict([0.9, 0.5], [], mu);
        var cost = new ChiSquareCost(model, new BinnedData("asimov", mu), CostKind.Gaussian);
        var form = GaussianQuadraticChi2.TryCreate(cost, [0.9, 0.5])!;
        Assert.True(form.Chi2([0.9, 0.5]) < 1e-20);
        // symmetric in (a, b) → (−a, −b) like the coefficients (a², b², ab)
        Assert.Equal(form.Chi2([0.7, 0.2]), form.Chi2([-0.7, -0.2]), 12);
    }

    [Fact]
    public void OnlyForGaussianCostsWithoutNuisances()
    {
        var withNuisances = TestModels.Spectrum(nb: 50, withNuisances: true);
        var mu = new double[50];
        withNuisances.Predict([0.9, 0.5], new double[withNuisances.NuisanceNames.Count], mu);
        var data = new BinnedData("asimov", mu);
        Assert.Null(GaussianQuadraticChi2.TryCreate(new ChiSquareCost(withNuisances, data, CostKind.Gaussian), [0.9, 0.5]));
        var plain = TestModels.Spectrum(nb: 50, withNuisances: false);
        Assert.Null(GaussianQuadraticChi2.TryCreate(new ChiSquareCost(plain, data, CostKind.Poisson), [0.9, 0.5]));
        Assert.Null(GaussianQuadraticChi2.TryCreate(new CostSum(new ChiSquareCost(plain, data, CostKind.Gaussian)), [0.9, 0.5]));
        Assert.NotNull(GaussianQuadraticChi2.TryCreate(new ChiSquareCost(plain, data, CostKind.Gaussian), [0.9, 0.5]));
    }

    [Fact]
    public void FitOnTheFormFindsTheSameMinimum()
    {
        var (cost, truth) = Asimov();
        var full = Fitter.Fit(cost, truth);
        var quick = Fitter.Fit(GaussianQuadraticChi2.TryCreate(cost, truth)!.AsCost(), truth);
        Assert.Equal(full.Chi2Min, quick.Chi2Min, 6);
        for (int p = 0; p < 2; p++) Assert.Equal(full.Values[p], quick.Values[p], 5);
    }
}
