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

/// <summary>
/// A small, fast pseudo-random generator for the toys of the Neyman constructions: xoshiro256** (Blackman &amp; Vigna,
/// "Scrambled linear pseudorandom number generators", ACM TOMS 47 (2021) 36) with its state expanded from a 64-bit seed by
/// SplitMix64 (Steele, Lea &amp; Flood 2014). A value type: no allocation, no virtual calls in the per-bin loop.
/// </summary>
public struct Xoshiro256
{
    ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the state from <paramref name="seed"/> (SplitMix64 expansion, never all zero).</summary>
    public Xoshiro256(ulong seed)
    {
        _s0 = SplitMix(ref seed); _s1 = SplitMix(ref seed); _s2 = SplitMix(ref seed); _s3 = SplitMix(ref seed);
    }

    static ulong SplitMix(ref ulong x)
    {
        ulong z = unchecked(x += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    // 1/k for k = 0 … 399 (entry 0 unused): the inversion's recurrence p_k = p_(k−1) λ/k without a division
    static readonly double[] InverseIntegers = Enumerable.Range(0, 400).Select(k => k > 0 ? 1.0 / k : 0.0).ToArray();

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = unchecked(System.Numerics.BitOperations.RotateLeft(_s1 * 5, 7) * 9);
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = System.Numerics.BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal deviate (Box–Muller; one of the pair is used, so the stream stays simple).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();   // u1 in (0, 1]
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// An exact Poisson deviate of mean <paramref name="lambda"/> (≥ 0, finite): inversion by sequential search for λ &lt; 10
    /// (one uniform, ≈ λ + 1 multiplications), and above the transformed rejection with squeeze PTRS of Hörmann ("The
    /// transformed rejection method for generating Poisson random variables", Insurance: Mathematics and Economics 12 (1993)
    /// 39; ≈ 1.2 pairs of uniforms per deviate).
    /// </summary>
    public int NextPoisson(double lambda)
    {
        if (!(lambda > 0)) return 0;
        if (lambda < 10)
        {
            double u = NextDouble(), p = Math.Exp(-lambda), f = p;
            int k = 0;
            var inv = InverseIntegers;
            while (u >= f && k < 399) { k++; p *= lambda * inv[k]; f += p; }
            return k;
        }
        double slam = Math.Sqrt(lambda), logLam = Math.Log(lambda);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double logInvAlpha = Math.Log(1.1239 + 1.1328 / (b - 3.4)), vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = NextDouble() - 0.5, v = NextDouble();
            double us = 0.5 - Math.Abs(u);
            if (us < 1e-9) continue;
            double kd = Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) return (int)kd;
            if (kd < 0 || (us < 0.013 && v > us)) continue;
            int k = (int)kd;
            if (Math.Log(v) + logInvAlpha - Math.Log(a / (us * us) + b) <= -lambda + k * logLam - MathNet.Numerics.SpecialFunctions.FactorialLn(k))
                return k;
        }
    }
}
