namespace NuXe;

/// <summary>
/// The deterministic pseudo-random generator of NuXe: xoshiro256** (D. Blackman and S. Vigna, "Scrambled linear pseudorandom
/// number generators", ACM TOMS 47 (2021) 36) with its state expanded by SplitMix64 (G. Steele, D. Lea and C. Flood, OOPSLA
/// 2014). A recorded seed reproduces the same numbers on every platform and .NET version (System.Random's algorithm is not
/// guaranteed stable). Used by the toys of the Neyman constructions (Statistics) and the spatial Monte Carlo (Sources). A
/// mutable value type: no allocation, no virtual calls in per-bin loops; own one per thread.
/// </summary>
public struct Xoshiro256
{
    ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the state from <paramref name="seed"/> (SplitMix64 expansion, never all zero).</summary>
    public Xoshiro256(ulong seed)
    {
        _s0 = SplitMix(ref seed); _s1 = SplitMix(ref seed); _s2 = SplitMix(ref seed); _s3 = SplitMix(ref seed);
    }

    /// <summary>Seeds the state from (<paramref name="seed"/>, <paramref name="stream"/>) through SplitMix64, so that
    /// streams with different indices are independent (the spatial Monte Carlo's chunks).</summary>
    public Xoshiro256(long seed, long stream)
    {
        ulong x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
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

    /// <summary>A pair of independent standard normal deviates (Box–Muller).</summary>
    public (double, double) NextGaussianPair()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1)), a = 2 * Math.PI * u2;
        return (r * Math.Cos(a), r * Math.Sin(a));
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
