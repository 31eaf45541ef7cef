using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;

namespace NuXe.Statistics;

/// <summary>
/// A one-parameter-of-interest problem for toy-based (Neyman) intervals: a model, its test statistic kind, the observed data,
/// the parameter of interest with its physical range [<paramref name="Lower"/>, <paramref name="Upper"/>] (e.g. μ ≥ 0), the
/// other θ held at <paramref name="Reference"/>; nuisances are profiled in every fit and fluctuated in the toys
/// (<see cref="ModelToys"/>). Data with per-bin σ get Gaussian toys, counts get Poisson toys.
/// </summary>
/// <param name="Model">The binned model.</param>
/// <param name="Kind">χ² kind of the fits.</param>
/// <param name="Observed">Observed (or Asimov) data.</param>
/// <param name="Parameter">Parameter of interest.</param>
/// <param name="Reference">All θ (the parameter of interest's entry is overwritten per point).</param>
/// <param name="Lower">Physical lower bound of the parameter (the boundary, e.g. 0).</param>
/// <param name="Upper">Upper end of the search range of the best fit (should be well above every limit).</param>
public sealed record ToyProblem(BinnedLinearModel Model, CostKind Kind, BinnedData Observed, string Parameter, IReadOnlyList<double> Reference,
    double Lower, double Upper);

/// <summary>Options of <see cref="NeymanToys"/>.</summary>
/// <param name="Toys">Toys per grid value (signal+background) and background-only toys (at <see cref="ToyProblem.Lower"/>).</param>
/// <param name="Seed">Seed; toy i at grid value k uses SplitMix64(SplitMix64(seed, k), i) (background-only: k = −1 slot).</param>
/// <param name="Cl">Confidence level.</param>
/// <param name="Threads">Worker threads (default: all cores).</param>
/// <param name="GlobalSearch">Evaluate every coarse-grid value of every toy and refine the global minimum (as for the
/// observed data). Default false: each toy descends on the grid from its true value to the first local minimum — the same
/// minimum when χ²(μ) is unimodal at the grid's resolution (e.g. μ_ν² or a signal strength over profiled background
/// normalisations), and about 3× cheaper; set it for parameters whose χ² can have separated minima.</param>
public sealed record ToyOptions(int Toys = 1000, int Seed = 20260, double Cl = 0.90, int? Threads = null, bool GlobalSearch = false);

/// <summary>
/// Raw toy test statistics (shardable): for signal+background toys at grid value k, t_k = χ²(μ_k) − min_{μ≥lower} χ² (the
/// Feldman–Cousins unified-ordering statistic) and the one-sided q_k = t_k if μ̂ ≤ μ_k else 0; for background-only toys
/// (generated at the lower bound) q at every grid value. Entries not computed (another shard's toys) are NaN.
/// </summary>
/// <param name="Values">Grid of the parameter of interest.</param>
/// <param name="Toys">Toys per grid value.</param>
/// <param name="Seed">Seed.</param>
/// <param name="T">[k][i] t of toy i at value k.</param>
/// <param name="Q">[k][i] q of toy i at value k.</param>
/// <param name="QBackground">[k][i] q at value k of background-only toy i.</param>
/// <param name="BestFit">[k][i] μ̂ of toy i at value k.</param>
public sealed record ToySample(IReadOnlyList<double> Values, int Toys, int Seed, double[][] T, double[][] Q, double[][] QBackground, double[][] BestFit)
{
    /// <summary>Joins shards: each entry from the shard that computed it (identical to one process).</summary>
    public static ToySample Merge(IReadOnlyList<ToySample> shards)
    {
        var a = shards[0];
        foreach (var s in shards)
            if (s.Toys != a.Toys || s.Seed != a.Seed || !s.Values.SequenceEqual(a.Values)) throw new ArgumentException("Toy shards of different jobs cannot be merged.");
        double[][] M(Func<ToySample, double[][]> f) => f(a).Select((row, k) => row.Select((_, i) =>
        {
            foreach (var s in shards) if (!double.IsNaN(f(s)[k][i])) return f(s)[k][i];
            return double.NaN;
        }).ToArray()).ToArray();
        return a with { T = M(s => s.T), Q = M(s => s.Q), QBackground = M(s => s.QBackground), BestFit = M(s => s.BestFit) };
    }

    /// <summary>Number of toys missing (not computed by any shard).</summary>
    public int MissingCount => T.Sum(r => r.Count(double.IsNaN)) + QBackground.Sum(r => r.Count(double.IsNaN));
}

/// <summary>One grid value of a toy construction.</summary>
/// <param name="Value">Parameter value μ.</param>
/// <param name="ObservedT">t_obs(μ) (observed data).</param>
/// <param name="ObservedQ">q_obs(μ).</param>
/// <param name="CriticalT">CL quantile of t under μ (Feldman–Cousins acceptance).</param>
/// <param name="CriticalQ">CL quantile of q under μ (one-sided Neyman).</param>
/// <param name="PSignalBackground">CL_{s+b} = P(q ≥ q_obs | μ).</param>
/// <param name="PBackground">CL_b = P(q ≥ q_obs | lower bound).</param>
/// <param name="Cls">CL_s = CL_{s+b} / CL_b.</param>
/// <param name="WilksCoverage">P(t ≤ Wilks threshold | μ): the coverage of the Wilks interval when μ is true.</param>
/// <param name="FractionAtZero">Fraction of toys with t = 0 (best fit at μ itself or, at the boundary, below it).</param>
/// <param name="WilksUpperCoverage">P(q ≤ Wilks threshold | μ): the coverage of the Wilks upper limit (the upper end of
/// {Δχ² ≤ threshold}) when μ is true (nominally ½ + ½·CL for the one-sided use of the two-sided threshold).</param>
public sealed record ToyPoint(double Value, double ObservedT, double ObservedQ, double CriticalT, double CriticalQ,
    double PSignalBackground, double PBackground, double Cls, double WilksCoverage, double FractionAtZero, double WilksUpperCoverage);

/// <summary>Intervals and limits of a toy construction, all at <see cref="Cl"/>.</summary>
/// <param name="Parameter">Parameter of interest.</param>
/// <param name="Cl">Confidence level.</param>
/// <param name="Toys">Toys per grid value.</param>
/// <param name="Seed">Seed.</param>
/// <param name="WilksThreshold">χ²₁ quantile at CL (2.706 at 90 %).</param>
/// <param name="Points">Per grid value.</param>
/// <param name="FeldmanCousins">FC (unified ordering) interval; ends at the grid edge are flagged.</param>
/// <param name="NeymanUpperLimit">Toy-calibrated one-sided upper limit (q_μ, CL_{s+b} = 1 − CL).</param>
/// <param name="ClsUpperLimit">CL_s upper limit (CL_s = 1 − CL).</param>
/// <param name="WilksUpperLimit">Upper end of {t_obs ≤ Wilks threshold}.</param>
/// <param name="WilksCoverageAtLower">Coverage of the Wilks interval at the boundary value (Chernoff: ½ + ½·CL).</param>
public sealed record ToyIntervalResult(string Parameter, double Cl, int Toys, int Seed, double WilksThreshold, IReadOnlyList<ToyPoint> Points,
    Interval FeldmanCousins, double NeymanUpperLimit, double ClsUpperLimit, double WilksUpperLimit, double WilksCoverageAtLower);

/// <summary>
/// Toy Monte Carlo Neyman constructions for one bounded parameter (STATISTICS.md §3 "beyond Wilks"): the Feldman–Cousins
/// unified interval (Feldman &amp; Cousins, Phys. Rev. D 57 (1998) 3873: likelihood-ratio ordering with the best fit
/// restricted to the physical region), the one-sided toy-calibrated upper limit, the CL_s upper limit (Read, J. Phys. G 28
/// (2002) 2693; test statistic q_μ of Cowan et al., Eur. Phys. J. C 71 (2011) 1554) and the measured coverage of the Wilks
/// threshold. Generic: knows nothing about the physics; deterministic given the seed for any thread count and sharding.
/// </summary>
public static class NeymanToys
{
    /// <summary>t below this counts as 0 (the best fit at the tested value or at the bound; χ² rounding is ≈ 1e-10).</summary>
    public const double ZeroT = 1e-8;

    /// <summary>The test statistics of one data set: χ²(μ) at fixed μ (nuisances profiled) and the bounded minimum.</summary>
    public sealed class Statistic
    {
        readonly ChiSquareCost _cost;
        readonly CostWorkspace _ws;
        readonly int _ip;
        readonly double[] _theta;
        readonly double _lo, _hi;
        readonly IReadOnlyList<double> _seeds;
        readonly double[] _cache;      // χ² at the coarse-grid values (NaN: not computed yet)
        double _f0 = double.NaN;       // χ² at the lower bound

        /// <summary>Builds the statistic of <paramref name="data"/>; the coarse minimisation grid is <paramref name="searchGrid"/>
        /// (every value of it is evaluated: the global minimum on the grid is refined).</summary>
        public Statistic(ToyProblem problem, BinnedData data, IReadOnlyList<double> searchGrid)
            : this(new ChiSquareCost(problem.Model, data, problem.Kind), null, problem, searchGrid, null) { }

        // cost: the cost of the data; workspace: a workspace of the cost's family (reused by one thread across toys) or null;
        // start: null = the global minimum of the coarse grid is refined; a value = descent on the coarse grid from the grid value
        // nearest to it (the toy's true value) to the first local minimum, which is refined (the same minimum when χ²(μ) is
        // unimodal at the grid's resolution).
        internal Statistic(ChiSquareCost cost, CostWorkspace? workspace, ToyProblem problem, IReadOnlyList<double> searchGrid, double? start)
        {
            _cost = cost;
            _ws = workspace ?? cost.CreateWorkspace();
            _ip = cost.IndexOf(problem.Parameter);
            _theta = problem.Reference.ToArray();
            _lo = problem.Lower; _hi = problem.Upper;
            _seeds = searchGrid;
            _cache = new double[searchGrid.Count];
            Array.Fill(_cache, double.NaN);
            (Chi2Min, BestFit) = start is { } s ? Descend(s) : Minimise();
        }

        /// <summary>min over [lower, upper] of χ².</summary>
        public double Chi2Min { get; }

        /// <summary>The bounded best fit μ̂.</summary>
        public double BestFit { get; }

        /// <summary>χ²(μ) with nuisances profiled (from 0, so the value does not depend on the call order); the values at the
        /// coarse grid and the lower bound are cached.</summary>
        public double Chi2(double mu)
        {
            int k = BinarySearch(mu);
            if (k >= 0)
            {
                if (double.IsNaN(_cache[k])) _cache[k] = Profile(mu);
                return _cache[k];
            }
            if (mu == _lo)
            {
                if (double.IsNaN(_f0)) _f0 = Profile(mu);
                return _f0;
            }
            return Profile(mu);
        }

        double Profile(double mu)
        {
            _theta[_ip] = mu;
            _ws.ResetNuisances();
            return _cost.Profile(_theta, _ws, []).Chi2;
        }

        int BinarySearch(double mu)
        {
            int lo = 0, hi = _seeds.Count - 1;
            while (lo <= hi)
            {
                int m = (lo + hi) >> 1;
                if (_seeds[m] == mu) return m;
                if (_seeds[m] < mu) lo = m + 1; else hi = m - 1;
            }
            return -1;
        }

        /// <summary>Unified-ordering statistic t(μ) = χ²(μ) − χ²_min ≥ 0.</summary>
        public double T(double mu) => Math.Max(Chi2(mu) - Chi2Min, 0.0);

        /// <summary>One-sided statistic q(μ) = t(μ) if μ̂ ≤ μ, else 0.</summary>
        public double Q(double mu) => BestFit <= mu ? T(mu) : 0.0;

        (double, double) Minimise()
        {
            int kb = -1;
            double f0 = Chi2(_lo), bf = f0;
            for (int k = 0; k < _seeds.Count; k++) { double f = Chi2(_seeds[k]); if (f < bf) { bf = f; kb = k; } }
            return Refine(kb, f0);
        }

        // χ² at extended grid index j (−1: the lower bound, else the coarse grid)
        double Grid(int j) => j < 0 ? Chi2(_lo) : Chi2(_seeds[j]);

        (double, double) Descend(double start)
        {
            int n = _seeds.Count, j = -1;
            if (start > _lo)
            {
                j = 0;
                for (int k = 1; k < n; k++) if (Math.Abs(_seeds[k] - start) < Math.Abs(_seeds[j] - start)) j = k;
            }
            if (j >= 0 && Grid(j - 1) < Grid(j)) { do j--; while (j >= 0 && Grid(j - 1) < Grid(j)); }
            else while (j < n - 1 && Grid(j + 1) < Grid(j)) j++;
            double f0 = Chi2(_lo);
            if (j >= 0 && !(Grid(j) < f0)) j = -1;
            return Refine(j, f0);
        }

        // the minimum near coarse-grid index kb (−1: the lower bound) given χ² there and at the bound
        (double, double) Refine(int kb, double f0)
        {
            if (kb < 0)
            {
                if (_seeds.Count == 0 || !(_seeds[0] > _lo)) return (f0, _lo);
                // minimum at the bound unless χ² falls just above it (probe at 10⁻³ of the first step)
                double h = _lo + 1e-3 * (_seeds[0] - _lo);
                double fh = Chi2(h);
                if (fh >= f0) return (f0, _lo);
                return Brent(_lo, _seeds[0], h, fh, f0, _lo);
            }
            double a = kb > 0 ? _seeds[kb - 1] : _lo, b = kb < _seeds.Count - 1 ? _seeds[kb + 1] : _hi;
            return Brent(a, b, _seeds[kb], Chi2(_seeds[kb]), f0, _lo);
        }

        // Brent's parabolic/golden minimisation on [a, b] from the best point x (Brent 1973, "Algorithms for Minimization
        // without Derivatives", ch. 5); the result is compared with the value at the bound.
        (double, double) Brent(double a, double b, double x, double fx, double fLower, double lower)
        {
            const double c = 0.3819660112501051;
            double eps = 1e-6 * (b - a);   // χ² at the minimum to ~1e-12 of its curvature scale: far below ZeroT
            double w = x, v = x, fw = fx, fv = fx, d = 0, e = 0;
            for (int it = 0; it < 100; it++)
            {
                double xm = 0.5 * (a + b), tol1 = 1e-8 * Math.Abs(x) + eps, tol2 = 2 * tol1;
                if (Math.Abs(x - xm) <= tol2 - 0.5 * (b - a)) break;
                bool golden = true;
                if (Math.Abs(e) > tol1)
                {
                    double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw), p = (x - v) * q - (x - w) * r;
                    q = 2 * (q - r);
                    if (q > 0) p = -p; else q = -q;
                    double etemp = e;
                    e = d;
                    if (!(Math.Abs(p) >= Math.Abs(0.5 * q * etemp) || p <= q * (a - x) || p >= q * (b - x)))
                    {
                        d = p / q;
                        double u0 = x + d;
                        if (u0 - a < tol2 || b - u0 < tol2) d = xm - x >= 0 ? tol1 : -tol1;
                        golden = false;
                    }
                }
                if (golden) { e = x >= xm ? a - x : b - x; d = c * e; }
                double u = Math.Abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
                double fu = Chi2(u);
                if (fu <= fx)
                {
                    if (u >= x) a = x; else b = x;
                    v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
                }
                else
                {
                    if (u < x) a = u; else b = u;
                    if (fu <= fw || w == x) { v = w; fv = fw; w = u; fw = fu; }
                    else if (fu <= fv || v == x || v == w) { v = u; fv = fu; }
                }
            }
            return fLower <= fx ? (fLower, lower) : (fx, x);
        }
    }

    /// <summary>The coarse grid of the bounded minimisation: the construction grid extended to the search upper end.</summary>
    public static double[] SearchGrid(ToyProblem problem, IReadOnlyList<double> values)
    {
        var g = values.Where(v => v > problem.Lower && v < problem.Upper).ToList();
        double top = g.Count > 0 ? g[^1] : problem.Lower;
        double step = g.Count > 1 ? (g[^1] - g[0]) / (g.Count - 1) : (problem.Upper - problem.Lower) / 16;
        for (double v = top * 1.5 + step; v < problem.Upper && g.Count < values.Count + 6; v = v * 1.5 + step) g.Add(v);
        g.Add(problem.Upper);
        return g.Distinct().OrderBy(v => v).ToArray();
    }

    /// <summary>Toy data set i at parameter value <paramref name="mu"/> with the given sub-seed.</summary>
    public static BinnedData Toy(ToyProblem problem, double mu, int seed, int index) => Toy(problem, Theta(problem, mu), seed, index, null);

    // θ of the toys at μ
    static double[] Theta(ToyProblem problem, double mu)
    {
        var theta = problem.Reference.ToArray();
        theta[problem.Model.ParameterNames.ToList().IndexOf(problem.Parameter)] = mu;
        return theta;
    }

    // expected: the prediction at θ with the nuisances at 0 (null: computed here); buffers: a thread's reusable arrays
    static BinnedData Toy(ToyProblem problem, double[] theta, int seed, int index, IReadOnlyList<double>? expected, ToyBuffers? buffers = null)
    {
        if (problem.Observed.Sigmas is null)
        {
            if (buffers is null) return ModelToys.PoissonFast(problem.Model, theta, seed, index, "toy", expected);
            ModelToys.PoissonFast(problem.Model, theta, seed, index, expected, buffers.Counts, buffers.Scratch);
            return new BinnedData("toy", buffers.Counts);
        }
        var asimov = new BinnedData("toy", expected ?? Asimov.Create(problem.Model, theta).Counts, problem.Observed.Sigmas);
        return Toys.Gaussian(asimov, Toys.DeriveSeed(seed, index), $"gtoy.{seed}.{index}");
    }

    // One thread's reusable state: the workspace (of the prototype's family), the toy counts (each toy is fitted before the
    // next overwrites them) and the scratch prediction of toys with drawn nuisances.
    sealed class ToyBuffers(ChiSquareCost prototype)
    {
        public readonly CostWorkspace Workspace = prototype.CreateWorkspace();
        public readonly double[] Counts = new double[prototype.BinCount], Scratch = new double[prototype.BinCount];
    }

    /// <summary>Sub-seed of grid value k (k = −1: background-only toys).</summary>
    public static int ValueSeed(int seed, int k) => Toys.DeriveSeed(seed, k + 1);

    /// <summary>
    /// Generates and fits the toys owned by <paramref name="shard"/> (toy i belongs to shard (i mod N) + 1), in parallel;
    /// <paramref name="progress"/> receives the fraction done.
    /// </summary>
    public static ToySample Generate(ToyProblem problem, IReadOnlyList<double> values, ToyOptions options, Shard shard,
        Action<double>? progress = null, CancellationToken cancel = default)
    {
        if (options.Toys < 1) throw new ArgumentException("At least one toy is needed.");
        if (values.Count < 2) throw new ArgumentException("At least two grid values are needed.");
        for (int k = 1; k < values.Count; k++) if (!(values[k] > values[k - 1])) throw new ArgumentException("Grid values must increase.");
        if (values[0] < problem.Lower) throw new ArgumentException("Grid values must not lie below the lower bound.");
        int nk = values.Count, nt = options.Toys;
        var search = SearchGrid(problem, values);
        double[][] New() => Enumerable.Range(0, nk).Select(_ => Enumerable.Repeat(double.NaN, nt).ToArray()).ToArray();
        var t = New(); var q = New(); var qb = New(); var best = New();
        var items = new List<(int K, int I)>();
        for (int i = 0; i < nt; i++)
            if (shard.Owns(i))
                for (int k = -1; k < nk; k++) items.Add((k, i));
        int done = 0;
        var po = new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount, CancellationToken = cancel };
        // one cost per toy shares the model-derived precomputation of the prototype; one workspace per thread
        var prototype = new ChiSquareCost(problem.Model, problem.Observed, problem.Kind);
        var thetas = new double[nk + 1][];                // [k + 1]: θ of the toys at grid value k (0: background-only)
        var expected = new IReadOnlyList<double>[nk + 1]; // their predictions with the nuisances at 0
        for (int k = -1; k < nk; k++)
        {
            thetas[k + 1] = Theta(problem, k < 0 ? problem.Lower : values[k]);
            expected[k + 1] = Asimov.Create(problem.Model, thetas[k + 1]).Counts;
        }
        Parallel.For(0, items.Count, po, () => new ToyBuffers(prototype), (j, _, buf) =>
        {
            var (k, i) = items[j];
            var ws = buf.Workspace;
            if (k < 0)
            {
                var data = Toy(problem, thetas[0], ValueSeed(options.Seed, -1), i, expected[0], buf);
                var s = new Statistic(prototype.WithSharedCounts(data), ws, problem, search, options.GlobalSearch ? null : problem.Lower);
                for (int m = 0; m < nk; m++) qb[m][i] = s.Q(values[m]);
            }
            else
            {
                var data = Toy(problem, thetas[k + 1], ValueSeed(options.Seed, k), i, expected[k + 1], buf);
                var s = new Statistic(prototype.WithSharedCounts(data), ws, problem, search, options.GlobalSearch ? null : values[k]);
                t[k][i] = s.T(values[k]);
                q[k][i] = s.BestFit <= values[k] ? t[k][i] : 0.0;
                best[k][i] = s.BestFit;
            }
            int d = Interlocked.Increment(ref done);
            if (progress is not null && d % 64 == 0) progress(d / (double)items.Count);
            return buf;
        }, _ => { });
        progress?.Invoke(1.0);
        return new ToySample(values.ToArray(), nt, options.Seed, t, q, qb, best);
    }

    /// <summary>Upper p-quantile of a sample (the smallest x with F(x) ≥ p, type-1 empirical quantile).</summary>
    public static double Quantile(IReadOnlyList<double> sample, double p)
    {
        var s = sample.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (s.Length == 0) return double.NaN;
        int idx = (int)Math.Ceiling(p * s.Length) - 1;
        return s[Math.Clamp(idx, 0, s.Length - 1)];
    }

    /// <summary>Intervals and limits from a complete sample and the observed data (<see cref="ToyProblem.Observed"/>).</summary>
    public static ToyIntervalResult Analyse(ToyProblem problem, ToySample sample, double cl)
    {
        if (sample.MissingCount > 0) throw new ArgumentException($"{sample.MissingCount} toys are missing (incomplete shards).");
        var values = sample.Values;
        var search = SearchGrid(problem, values);
        var obs = new Statistic(problem, problem.Observed, search);
        double wilks = ChiSquareThresholds.Threshold(cl, 1);
        double alpha = 1 - cl;
        var points = new ToyPoint[values.Count];
        for (int k = 0; k < values.Count; k++)
        {
            double mu = values[k];
            double to = obs.T(mu), qo = obs.BestFit <= mu ? to : 0.0;
            var tk = sample.T[k]; var qk = sample.Q[k]; var qbk = sample.QBackground[k];
            // ties count as "at least as extreme" (conservative for discrete data)
            double tol = 1e-9 * Math.Max(1, qo);
            double psb = qk.Count(v => v >= qo - tol) / (double)qk.Length;
            double pb = qbk.Count(v => v >= qo - tol) / (double)qbk.Length;
            double cls = pb > 0 ? Math.Min(psb / pb, 1.0) : 1.0;
            points[k] = new ToyPoint(mu, to, qo, Quantile(tk, cl), Quantile(qk, cl), psb, pb, cls,
                tk.Count(v => v <= wilks) / (double)tk.Length, tk.Count(v => v <= ZeroT) / (double)tk.Length,
                qk.Count(v => v <= wilks) / (double)qk.Length);
        }
        // FC: accepted where t_obs ≤ t_crit; crossings with the exact t_obs against the linearly interpolated critical values.
        var acc = points.Select(p => p.ObservedT <= p.CriticalT).ToArray();
        int first = Array.IndexOf(acc, true), last = Array.LastIndexOf(acc, true);
        Interval fc;
        if (first < 0) fc = new Interval(double.NaN, double.NaN);
        else
        {
            double lo = first == 0 ? values[0] : Crossing(obs.T, points, first - 1, p => p.CriticalT);
            double hi = last == values.Count - 1 ? values[^1] : Crossing(obs.T, points, last, p => p.CriticalT);
            fc = new Interval(lo, hi, first == 0 && values[0] > problem.Lower, last == values.Count - 1);
        }
        double neyman = FirstAbove(points, obs, p => p.ObservedQ > p.CriticalQ, k => Crossing(obs.Q, points, k, p => p.CriticalQ));
        double clsLimit = FirstAbove(points, obs, p => p.Cls < alpha, k =>
        {
            double a = Math.Log(Math.Max(points[k].Cls, 1e-300)), b = Math.Log(Math.Max(points[k + 1].Cls, 1e-300)), la = Math.Log(alpha);
            return a == b ? values[k + 1] : values[k] + (values[k + 1] - values[k]) * (la - a) / (b - a);
        });
        double wilksLimit = FirstAbove(points, obs, p => p.ObservedT > wilks, k => Crossing(obs.T, points, k, _ => wilks));
        int k0 = Array.FindIndex(values.ToArray(), v => v == problem.Lower);
        return new ToyIntervalResult(problem.Parameter, cl, sample.Toys, sample.Seed, wilks, points, fc, neyman, clsLimit, wilksLimit,
            k0 >= 0 ? points[k0].WilksCoverage : double.NaN);
    }

    // first grid value above the observed best fit where the predicate holds; the crossing between it and the previous value
    static double FirstAbove(ToyPoint[] points, Statistic obs, Func<ToyPoint, bool> excluded, Func<int, double> crossing)
    {
        for (int k = 1; k < points.Length; k++)
            if (points[k].Value > obs.BestFit && excluded(points[k]) && !excluded(points[k - 1])) return crossing(k - 1);
        return double.NaN;
    }

    // root of f(μ) − lerp(critical) on [values[k], values[k+1]]
    static double Crossing(Func<double, double> f, ToyPoint[] points, int k, Func<ToyPoint, double> critical)
    {
        double a = points[k].Value, b = points[k + 1].Value, ca = critical(points[k]), cb = critical(points[k + 1]);
        double G(double mu) => f(mu) - (ca + (cb - ca) * (mu - a) / (b - a));
        double ga = G(a), gb = G(b);
        if (Math.Sign(ga) == Math.Sign(gb) || ga == 0 || gb == 0) return ga == 0 ? a : gb == 0 ? b : a + (b - a) * ga / (ga - gb);
        return Brent.TryFindRoot(G, a, b, 1e-10 * Math.Max(Math.Abs(b), 1e-300), 200, out double root) ? root : a + (b - a) * ga / (ga - gb);
    }

    /// <summary>The Chernoff mixture ½χ²₀ + ½χ²₁ quantile: the distribution of t at a boundary for one bounded parameter.</summary>
    public static double ChernoffQuantile(double p) => p <= 0.5 ? 0.0 : ChiSquared.InvCDF(1, 2 * p - 1);
}
