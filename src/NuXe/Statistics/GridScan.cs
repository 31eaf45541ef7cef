using System.Globalization;

namespace NuXe.Statistics;

/// <summary>One scanned axis of an N-D grid: <paramref name="Points"/> values from <paramref name="Lower"/> to
/// <paramref name="Upper"/>, linear or logarithmic.</summary>
public sealed record GridAxis(string Parameter, double Lower, double Upper, int Points, bool Log = false)
{
    /// <summary>The grid values (ends included).</summary>
    public double[] Values() => Log ? ProfileScan.Log(Lower, Upper, Points) : ProfileScan.Linear(Lower, Upper, Points);

    /// <summary>Parses <c>NAME=lo:hi:n[:log]</c>; throws <see cref="FormatException"/> naming what is allowed.</summary>
    public static GridAxis Parse(string text)
    {
        int eq = text.IndexOf('=');
        var parts = eq > 0 ? text[(eq + 1)..].Split(':') : [];
        const string allowed = "expected NAME=lo:hi:n or NAME=lo:hi:n:log with lo < hi, n ≥ 2 (log: lo > 0)";
        if (eq <= 0 || parts.Length is < 3 or > 4) throw new FormatException(allowed);
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi)
            || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            || !(lo < hi) || n < 2 || !double.IsFinite(lo) || !double.IsFinite(hi))
            throw new FormatException(allowed);
        bool log = parts.Length == 4;
        if (log && (parts[3] != "log" || !(lo > 0))) throw new FormatException(allowed);
        return new GridAxis(text[..eq], lo, hi, n, log);
    }
}

/// <summary>A deterministic slice of a job: shard <paramref name="Index"/> of <paramref name="Count"/> (1-based, "k/N").
/// Work item i (a grid chunk or a toy) belongs to shard (i mod N) + 1, so shards interleave and balance the load.</summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole job (1/1).</summary>
    public static Shard Whole => new(1, 1);

    /// <summary>Whether work item <paramref name="item"/> belongs to this shard.</summary>
    public bool Owns(long item) => item % Count == Index - 1;

    /// <summary>"k/N".</summary>
    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Parses "k/N" with 1 ≤ k ≤ N; throws <see cref="FormatException"/>.</summary>
    public static Shard Parse(string text)
    {
        var p = text.Split('/');
        if (p.Length == 2 && int.TryParse(p[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(p[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 1 && k >= 1 && k <= n)
            return new Shard(k, n);
        throw new FormatException("expected k/N with 1 ≤ k ≤ N, e.g. 3/8");
    }
}

/// <summary>Options of <see cref="GridScanner"/>.</summary>
/// <param name="FixedParameters">Non-scanned parameters held at the reference instead of being profiled.</param>
/// <param name="Fit">Bounds/scales/tolerances of the reference fit and of the per-point minimisations.</param>
/// <param name="ChunkPoints">Points per chunk (0: automatic, see <see cref="GridPlan.AutoChunkPoints"/>).</param>
/// <param name="Threads">Worker threads (default: all cores).</param>
/// <param name="Toys">Toys at every grid point (Neyman construction with likelihood-ratio ordering); null: none.</param>
public sealed record GridScanOptions(IReadOnlyList<string>? FixedParameters = null, FitOptions? Fit = null, int ChunkPoints = 0, int? Threads = null,
    GridToyOptions? Toys = null);

/// <summary>
/// Toys at every grid point of a <see cref="GridScanner"/>: <see cref="Count"/> pseudo-experiments generated at the point
/// (scanned values, profiled θ at their profiled values) by <see cref="ToyCost"/>, each fitted twice (globally and at the
/// point) to give t = χ²(point) − χ²_min, whose <see cref="Cl"/> quantile is the Feldman–Cousins critical value of the point
/// (the likelihood-ratio ordering of Feldman &amp; Cousins 1998 §V, generalised to several parameters; physical bounds come
/// from <see cref="GridScanOptions.Fit"/>). Toy i of grid point p uses the seed SplitMix64(SplitMix64(seed, p), i).
/// </summary>
/// <param name="Count">Toys per grid point.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Cl">Confidence level of the critical value.</param>
/// <param name="ToyCost">The cost of toy <c>index</c> generated at θ with sub-seed <c>seed</c> (e.g. a <see cref="ChiSquareCost"/> on <see cref="ModelToys.Poisson"/> data).</param>
public sealed record GridToyOptions(int Count, int Seed, double Cl, Func<IReadOnlyList<double>, int, int, Cost> ToyCost);

/// <summary>
/// The geometry of an N-D grid: points in "grid order" (the first axis varies slowest, the last fastest, like nested loops
/// over the axes in the order given), cut into chunks of <see cref="ChunkPoints"/> consecutive points.
/// </summary>
public sealed record GridPlan(IReadOnlyList<GridAxis> Axes, long PointCount, int ChunkPoints, long ChunkCount)
{
    /// <summary>Plan of a grid for a job split into <paramref name="shardCount"/> shards.</summary>
    public static GridPlan Create(IReadOnlyList<GridAxis> axes, int chunkPoints = 0, int shardCount = 1)
    {
        if (axes.Count == 0) throw new ArgumentException("At least one axis is needed.");
        long n = 1;
        foreach (var a in axes) n = checked(n * a.Points);
        int c = chunkPoints > 0 ? chunkPoints : AutoChunkPoints(n, shardCount);
        return new GridPlan(axes.ToArray(), n, c, (n + c - 1) / c);
    }

    /// <summary>Automatic chunk size: ≈ 64 chunks per shard, at most 4096 points (depends only on the
    /// grid size and the shard count, never on threads, so reruns and shards agree).</summary>
    public static int AutoChunkPoints(long points, int shardCount) =>
        (int)Math.Clamp((points + 64L * shardCount - 1) / (64L * shardCount), 1, 4096);

    /// <summary>Axis indices of point <paramref name="point"/> (last axis fastest).</summary>
    public void Indices(long point, Span<int> indices)
    {
        for (int a = Axes.Count - 1; a >= 0; a--)
        {
            indices[a] = (int)(point % Axes[a].Points);
            point /= Axes[a].Points;
        }
    }

    /// <summary>First point and number of points of chunk <paramref name="chunk"/>.</summary>
    public (long First, int Count) ChunkRange(long chunk) =>
        (chunk * ChunkPoints, (int)Math.Min(ChunkPoints, PointCount - chunk * ChunkPoints));
}

/// <summary>Profiled χ² at the points of one chunk; profiled θ in <see cref="GridScanner.ProfiledParameters"/> order.</summary>
/// <param name="Index">Chunk index.</param>
/// <param name="FirstPoint">Grid index of the first point.</param>
/// <param name="Chi2">Profiled χ² per point.</param>
/// <param name="Profiled">Profiled θ per point (row per point).</param>
/// <param name="Status">Convergence per point.</param>
/// <param name="CriticalT">With toys: the CL quantile of t at each point (else null).</param>
/// <param name="WilksCoverage">With toys: fraction of toys with t ≤ the χ² quantile (dof = scanned parameters) at each point.</param>
public sealed record GridChunk(long Index, long FirstPoint, double[] Chi2, double[][] Profiled, ConvergenceStatus[] Status,
    double[]? CriticalT = null, double[]? WilksCoverage = null);

/// <summary>
/// N-D profiled Δχ² grids for scans too large for ProfileScan.Scan2D (STATISTICS.md §4): any number of
/// scanned parameters, the other θ profiled (or held), nuisances profiled at every point. Each point starts from the
/// global best fit (θ and nuisances), never from a neighbour, so a point's value does not depend on which thread,
/// shard or run computed it: results are identical for any thread count, any sharding and after a resume.
/// </summary>
public sealed class GridScanner
{
    readonly Cost _cost;
    readonly ProfileScan.Context _ctx;
    readonly int[] _scanned, _profiled;
    readonly double[] _startTheta, _startNuisances;
    readonly double[][] _values;

    /// <summary>Prepares the scan: runs the reference fit (scanned and profiled θ free, fixed ones at <paramref name="reference"/>).</summary>
    public GridScanner(Cost cost, IReadOnlyList<GridAxis> axes, IReadOnlyList<double> reference, GridScanOptions? options = null)
    {
        options ??= new GridScanOptions();
        _cost = cost;
        int np = cost.ParameterNames.Count;
        if (reference.Count != np) throw new ArgumentException($"Expected {np} reference values.");
        _scanned = axes.Select(a => cost.IndexOf(a.Parameter)).ToArray();
        if (_scanned.Distinct().Count() != _scanned.Length) throw new ArgumentException("Each parameter may be scanned only once.");
        var fixedNames = (options.FixedParameters ?? []).ToArray();
        foreach (var f in fixedNames)
            if (_scanned.Contains(cost.IndexOf(f))) throw new ArgumentException($"Parameter '{f}' is both scanned and fixed.");
        Options = options;
        Plan = GridPlan.Create(axes, options.ChunkPoints);
        var fit = (options.Fit ?? FitOptions.Default) with { FixedParameters = fixedNames };
        _ctx = new ProfileScan.Context(cost, new ScanOptions(ProfileOthers: true, Fit: fit), _scanned, reference);
        ReferenceFit = _ctx.ReferenceFit();
        _profiled = Enumerable.Range(0, np).Where(i => !_scanned.Contains(i) && _ctx.IsFree(i)).ToArray();
        _startTheta = ReferenceFit.Values.ToArray();
        _startNuisances = ReferenceFit.Nuisances.ToArray();
        _values = axes.Select(a => a.Values()).ToArray();
    }

    /// <summary>Options used.</summary>
    public GridScanOptions Options { get; }

    /// <summary>Grid plan with the options' chunk size for one shard (callers re-plan per shard count).</summary>
    public GridPlan Plan { get; }

    /// <summary>The global best fit (the start of every point and the Δχ² reference).</summary>
    public FitResult ReferenceFit { get; }

    /// <summary>Names of the profiled (minimised) non-scanned θ, in the cost's parameter order.</summary>
    public IReadOnlyList<string> ProfiledParameters => _profiled.Select(i => _cost.ParameterNames[i]).ToArray();

    /// <summary>Computes the points of chunk <paramref name="chunk"/> of <paramref name="plan"/> with one workspace (one thread).</summary>
    public GridChunk ComputeChunk(GridPlan plan, long chunk, CostWorkspace workspace)
    {
        var (first, count) = plan.ChunkRange(chunk);
        var chi2 = new double[count];
        var prof = new double[count][];
        var status = new ConvergenceStatus[count];
        var crit = Options.Toys is null ? null : new double[count];
        var cover = Options.Toys is null ? null : new double[count];
        Span<int> idx = stackalloc int[plan.Axes.Count];
        var theta = new double[_startTheta.Length];
        for (int k = 0; k < count; k++)
        {
            plan.Indices(first + k, idx);
            _startTheta.CopyTo(theta, 0);
            _startNuisances.CopyTo(workspace.Nuisances);
            for (int a = 0; a < _scanned.Length; a++) theta[_scanned[a]] = _values[a][idx[a]];
            (chi2[k], status[k]) = _ctx.Evaluate(workspace, theta);
            prof[k] = _profiled.Select(i => theta[i]).ToArray();
            if (Options.Toys is { } to) (crit![k], cover![k]) = PointToys(to, theta, first + k);
        }
        return new GridChunk(chunk, first, chi2, prof, status, crit, cover);
    }

    double[]? _scales;

    /// <summary>Critical value and Wilks coverage of one grid point from its toys (all minimisations start at the point).</summary>
    (double Critical, double Coverage) PointToys(GridToyOptions to, double[] point, long index)
    {
        int np = point.Length;
        var lo = Options.Fit?.Lower?.ToArray() ?? Enumerable.Repeat(double.NegativeInfinity, np).ToArray();
        var hi = Options.Fit?.Upper?.ToArray() ?? Enumerable.Repeat(double.PositiveInfinity, np).ToArray();
        _scales ??= ReferenceFit.Errors.Select(e => double.IsFinite(e) && e > 0 ? e : 1.0).ToArray();
        var global = _scanned.Concat(_profiled).OrderBy(i => i).ToArray();
        double wilks = ChiSquareThresholds.Threshold(to.Cl, _scanned.Length);
        int seed = Toys.DeriveSeed(to.Seed, (int)(index & 0x7FFFFFFF));
        var t = new double[to.Count];
        for (int i = 0; i < to.Count; i++)
        {
            var cost = to.ToyCost(point, seed, i);
            var ws = cost.CreateWorkspace();
            var th = (double[])point.Clone();
            double atPoint = ThetaMinimizer.Minimize(cost, ws, th, _profiled, lo, hi, _scales, 1e-6, 500, new Counter()).Chi2;
            ws.ResetNuisances();
            var tg = (double[])point.Clone();
            double min = ThetaMinimizer.Minimize(cost, ws, tg, global, lo, hi, _scales, 1e-6, 500, new Counter()).Chi2;
            t[i] = Math.Max(atPoint - Math.Min(min, atPoint), 0.0);
        }
        return (NeymanToys.Quantile(t, to.Cl), t.Count(v => v <= wilks) / (double)t.Length);
    }

    /// <summary>
    /// Computes every chunk of <paramref name="plan"/> owned by <paramref name="shard"/> that <paramref name="skip"/> does not
    /// exclude (already done), in parallel over chunks; <paramref name="onChunk"/> receives each finished chunk (called from
    /// worker threads, possibly concurrently). Stops early, without a partial chunk, when <paramref name="cancel"/> is set.
    /// </summary>
    public void Run(GridPlan plan, Shard shard, Func<long, bool> skip, Action<GridChunk> onChunk, CancellationToken cancel = default)
    {
        var todo = new List<long>();
        for (long c = 0; c < plan.ChunkCount; c++) if (shard.Owns(c) && !skip(c)) todo.Add(c);
        if (todo.Count == 0) return;
        var po = new ParallelOptions { MaxDegreeOfParallelism = Options.Threads ?? Environment.ProcessorCount };
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, todo.Count, 1), po, () => _cost.CreateWorkspace(), (range, state, ws) =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
            {
                if (cancel.IsCancellationRequested) { state.Stop(); break; }
                onChunk(ComputeChunk(plan, todo[i], ws));
            }
            return ws;
        }, _ => { });
    }

    /// <summary>Chunks of <paramref name="plan"/> owned by <paramref name="shard"/>.</summary>
    public static IEnumerable<long> OwnedChunks(GridPlan plan, Shard shard)
    {
        for (long c = 0; c < plan.ChunkCount; c++) if (shard.Owns(c)) yield return c;
    }
}
