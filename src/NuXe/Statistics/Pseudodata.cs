using MathNet.Numerics.Distributions;

namespace NuXe.Statistics;

/// <summary>
/// Asimov data (STATISTICS.md §1): the prediction at the true point, not rounded, for sensitivity forecasts
/// (Cowan, Cranmer, Gross &amp; Vitells, Eur. Phys. J. C 71 (2011) 1554, §3.1).
/// </summary>
public static class Asimov
{
    /// <summary>The expected counts μ(θ_true, η_true) as a data set (nuisances default to 0); optional Gaussian errors.</summary>
    public static BinnedData Create(BinnedLinearModel model, IReadOnlyList<double> theta, string name = "asimov",
        IReadOnlyList<double>? nuisances = null, IReadOnlyList<double>? sigmas = null)
    {
        var mu = new double[model.BinCount];
        model.Predict(theta.ToArray(), nuisances?.ToArray() ?? [], mu);
        return new BinnedData(name, mu, sigmas?.ToArray());
    }
}

/// <summary>
/// Seeded pseudo-data for coverage studies (STATISTICS.md §1): Poisson fluctuations of expected counts with
/// MathNet's Poisson sampler on a System.Random seeded explicitly; deterministic given the seed.
/// Toy i of a batch uses the seed SplitMix64(seed, i), so batches are reproducible and order-independent.
/// </summary>
public static class Toys
{
    /// <summary>One Poisson toy of <paramref name="expected"/> (counts ≥ 0 per bin).</summary>
    public static BinnedData Poisson(BinnedData expected, int seed, string? name = null)
    {
        var rnd = new Random(seed);
        var counts = new double[expected.BinCount];
        for (int i = 0; i < counts.Length; i++)
        {
            double lambda = expected.Counts[i];
            if (lambda < 0 || !double.IsFinite(lambda)) throw new ArgumentException("Expected counts must be finite and ≥ 0.");
            counts[i] = lambda == 0 ? 0 : MathNet.Numerics.Distributions.Poisson.Sample(rnd, lambda);
        }
        return new BinnedData(name ?? $"{expected.Name}.toy{seed}", counts, expected.Sigmas);
    }

    /// <summary><paramref name="count"/> Poisson toys, toy i seeded with SplitMix64(seed, i).</summary>
    public static IReadOnlyList<BinnedData> PoissonBatch(BinnedData expected, int count, int seed) =>
        Enumerable.Range(0, count).Select(i => Poisson(expected, DeriveSeed(seed, i), $"{expected.Name}.toy{seed}.{i}")).ToArray();

    /// <summary>One Gaussian toy: n_i ~ N(μ_i, σ_i) with the data set's σ_i (required).</summary>
    public static BinnedData Gaussian(BinnedData expected, int seed, string? name = null)
    {
        if (expected.Sigmas is null) throw new ArgumentException("Gaussian toys need per-bin sigmas.");
        var rnd = new Random(seed);
        var counts = expected.Counts.Select((m, i) => Normal.Sample(rnd, m, expected.Sigmas[i])).ToArray();
        return new BinnedData(name ?? $"{expected.Name}.gtoy{seed}", counts, expected.Sigmas);
    }

    /// <summary>Independent 31-bit seed for toy <paramref name="index"/> of a batch (SplitMix64 finaliser, Steele et al. 2014).</summary>
    public static int DeriveSeed(int seed, int index)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}

/// <summary>
/// Frequentist toys of a model: the auxiliary measurements of the pulled nuisances are fluctuated too. With Gaussian
/// pulls centred at 0 this is equivalent to generating each toy at η_true ~ N(0, σ_η) (free nuisances stay at 0)
/// and Poisson-fluctuating the prediction (Cowan et al., Eur. Phys. J. C 71 (2011) 1554, §2).
/// </summary>
public static class ModelToys
{
    /// <summary>Toy <paramref name="index"/> of a batch with seed <paramref name="seed"/> (deterministic).</summary>
    public static BinnedData Poisson(BinnedLinearModel model, IReadOnlyList<double> theta, int seed, int index, string name = "toy")
    {
        int s = Toys.DeriveSeed(seed, index);
        var rnd = new Random(s);
        var eta = new double[model.NuisanceNames.Count];
        for (int n = 0; n < model.Norms.Count; n++)
            if (model.Norms[n].Sigma is { } sg) eta[n] = Math.Clamp(Normal.Sample(rnd, 0, sg), model.Norms[n].Lower, model.Norms[n].Upper);
        for (int k = 0; k < model.Shifts.Count; k++)
            if (model.Shifts[k].Sigma is { } sg) eta[model.Norms.Count + k] = Math.Clamp(Normal.Sample(rnd, 0, sg), model.Shifts[k].Lower, model.Shifts[k].Upper);
        var expected = Asimov.Create(model, theta, name, eta);
        return Toys.Poisson(expected, Toys.DeriveSeed(s, 1), $"{name}.{seed}.{index}");
    }

    /// <summary>
    /// Toy <paramref name="index"/> of a batch with seed <paramref name="seed"/> as <see cref="Poisson"/> (same physics: pulled
    /// nuisances drawn from their Gaussians and clamped to their bounds, then Poisson counts), drawn with the faster
    /// <see cref="Xoshiro256"/> generator seeded with SplitMix64(seed, index): the toys of <see cref="NeymanToys"/>.
    /// <paramref name="expected"/>, when given, is the prediction at θ with all nuisances 0 (used when the model has no pulled nuisance).
    /// </summary>
    public static BinnedData PoissonFast(BinnedLinearModel model, IReadOnlyList<double> theta, int seed, int index, string name = "toy",
        IReadOnlyList<double>? expected = null)
    {
        var counts = new double[model.BinCount];
        PoissonFast(model, theta, seed, index, expected, counts, null);
        return new BinnedData($"{name}.{seed}.{index}", counts);
    }

    // The counts of toy (seed, index) into `counts`; `scratch` (BinCount, or null: allocated when needed) holds the prediction
    // when pulled nuisances are drawn. Allocation-free with a scratch buffer (the Neyman constructions' per-thread buffers).
    internal static void PoissonFast(BinnedLinearModel model, IReadOnlyList<double> theta, int seed, int index, IReadOnlyList<double>? expected,
        double[] counts, double[]? scratch)
    {
        var rng = new Xoshiro256((ulong)Toys.DeriveSeed(seed, index));
        double[]? eta = null;
        for (int n = 0; n < model.Norms.Count; n++)
            if (model.Norms[n].Sigma is { } sg) (eta ??= new double[model.NuisanceNames.Count])[n] = Math.Clamp(sg * rng.NextGaussian(), model.Norms[n].Lower, model.Norms[n].Upper);
        for (int k = 0; k < model.Shifts.Count; k++)
            if (model.Shifts[k].Sigma is { } sg) (eta ??= new double[model.NuisanceNames.Count])[model.Norms.Count + k] = Math.Clamp(sg * rng.NextGaussian(), model.Shifts[k].Lower, model.Shifts[k].Upper);
        IReadOnlyList<double> mu;
        if (eta is null && expected is not null) mu = expected;
        else
        {
            var m = scratch ?? new double[model.BinCount];
            model.Predict(theta is double[] th ? th : theta.ToArray(), eta ?? [], m);
            mu = m;
        }
        for (int i = 0; i < counts.Length; i++)
        {
            double lambda = mu[i];
            if (lambda < 0 || !double.IsFinite(lambda)) throw new ArgumentException("Expected counts must be finite and ≥ 0.");
            counts[i] = rng.NextPoisson(lambda);
        }
    }
}
