using MathNet.Numerics.RootFinding;

namespace NuXe.Statistics;

/// <summary>A closed interval [Lower, Upper] of a parameter; the flags say when an end is only the scan-grid edge
/// (the true interval extends beyond it).</summary>
public sealed record Interval(double Lower, double Upper, bool LowerAtGridEdge = false, bool UpperAtGridEdge = false)
{
    /// <summary>Whether x lies in the interval.</summary>
    public bool Contains(double x) => x >= Lower && x <= Upper;

    /// <summary>Upper − Lower.</summary>
    public double Width => Upper - Lower;
}

/// <summary>
/// The region {Δχ² ≤ threshold} of one parameter at a confidence level (STATISTICS.md §3–4): possibly disjoint
/// intervals, with asymmetric errors of the interval containing the best fit (NaN if none does).
/// </summary>
/// <param name="Cl">Confidence level.</param>
/// <param name="Dof">Degrees of freedom k used for the threshold.</param>
/// <param name="Threshold">Δχ² threshold (χ² quantile).</param>
/// <param name="Intervals">Disjoint intervals in increasing order.</param>
/// <param name="BestFit">Best-fit value of the parameter.</param>
/// <param name="ErrorMinus">BestFit − lower end of the interval containing BestFit.</param>
/// <param name="ErrorPlus">Upper end − BestFit.</param>
public sealed record ConfidenceInterval(double Cl, int Dof, double Threshold, IReadOnlyList<Interval> Intervals,
    double BestFit, double ErrorMinus, double ErrorPlus);

/// <summary>Options of <see cref="ProfileScan"/>.</summary>
/// <param name="Cls">Confidence levels of the intervals (1-D) or contours (2-D); default 1σ (1-D) or 1σ, 90 %, 95 % (2-D).</param>
/// <param name="Dof">Degrees of freedom for the thresholds; default the number of scanned parameters (1 or 2).</param>
/// <param name="ProfileOthers">Minimise the non-scanned θ at each point (true) or hold them at the reference values (false).</param>
/// <param name="Fit">Options of the reference fit and of the inner minimisations (fixed parameters, bounds, scales).</param>
/// <param name="MaxDegreeOfParallelism">Threads for the 2-D grid (default: all cores).</param>
/// <param name="RootAccuracy">Absolute accuracy of the interval ends, as a fraction of the grid span.</param>
public sealed record ScanOptions(
    IReadOnlyList<double>? Cls = null,
    int? Dof = null,
    bool ProfileOthers = false,
    FitOptions? Fit = null,
    int? MaxDegreeOfParallelism = null,
    double RootAccuracy = 1e-9)
{
    /// <summary>Default options.</summary>
    public static ScanOptions Default { get; } = new();
}

/// <summary>
/// 1-D profile Δχ²(x) = χ²(x) − χ²_min on a grid with its confidence intervals (crossings root-found by Brent on the
/// exact profile, STATISTICS.md §4).
/// </summary>
/// <param name="Parameter">Scanned parameter.</param>
/// <param name="Values">Grid values.</param>
/// <param name="Chi2">Profiled χ² per grid value.</param>
/// <param name="DeltaChi2">χ² − Chi2Min.</param>
/// <param name="PointStatus">Convergence of every grid point.</param>
/// <param name="Chi2Min">Reference minimum (fit with the same freedom, or the grid minimum if lower).</param>
/// <param name="BestFitValue">Location of Chi2Min.</param>
/// <param name="BestFit">The reference fit.</param>
/// <param name="Intervals">Intervals per confidence level.</param>
/// <param name="OthersProfiled">Whether the other θ were minimised (true) or fixed at <paramref name="Reference"/>.</param>
/// <param name="Reference">Values of all θ used for the fixed ones (and as start values).</param>
/// <param name="DataSetNames">Data sets in the cost.</param>
public sealed record Profile1DResult(
    string Parameter, IReadOnlyList<double> Values, IReadOnlyList<double> Chi2, IReadOnlyList<double> DeltaChi2,
    IReadOnlyList<ConvergenceStatus> PointStatus, double Chi2Min, double BestFitValue, FitResult BestFit,
    IReadOnlyList<ConfidenceInterval> Intervals, bool OthersProfiled, IReadOnlyList<double> Reference, IReadOnlyList<string> DataSetNames)
{
    /// <summary>Whether every grid point converged.</summary>
    public bool AllConverged => PointStatus.All(s => s <= ConvergenceStatus.ConvergedWithFallback);

    /// <summary>The intervals at a confidence level (nearest match).</summary>
    public ConfidenceInterval At(double cl) => Intervals.MinBy(i => Math.Abs(i.Cl - cl))!;
}

/// <summary>A contour of a 2-D Δχ² grid at one confidence level, with the projected 1-D ranges of the region.</summary>
/// <param name="Cl">Confidence level.</param>
/// <param name="Dof">Degrees of freedom of the threshold.</param>
/// <param name="Threshold">Δχ² level.</param>
/// <param name="Lines">Contour polylines (marching squares).</param>
/// <param name="XRange">Min/max of x over the region below the threshold (NaN bounds if empty).</param>
/// <param name="YRange">Min/max of y over the region.</param>
public sealed record Contour(double Cl, int Dof, double Threshold, IReadOnlyList<Polyline> Lines, Interval XRange, Interval YRange);

/// <summary>2-D grid of profiled Δχ² with contours (STATISTICS.md §4). Arrays are row-major: index iy * X.Count + ix.</summary>
/// <param name="XParameter">Parameter along x.</param>
/// <param name="YParameter">Parameter along y.</param>
/// <param name="X">x grid.</param>
/// <param name="Y">y grid.</param>
/// <param name="Chi2">Profiled χ².</param>
/// <param name="DeltaChi2">χ² − Chi2Min.</param>
/// <param name="PointStatus">Convergence of every point.</param>
/// <param name="Chi2Min">Reference minimum (2-parameter fit, or the grid minimum if lower).</param>
/// <param name="BestX">x at the minimum.</param>
/// <param name="BestY">y at the minimum.</param>
/// <param name="BestFit">The reference fit.</param>
/// <param name="Contours">One contour per confidence level.</param>
/// <param name="OthersProfiled">Whether the other θ were minimised.</param>
/// <param name="Reference">Values of all θ used for the fixed ones (and as start values).</param>
/// <param name="DataSetNames">Data sets in the cost.</param>
public sealed record Grid2DResult(
    string XParameter, string YParameter, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    IReadOnlyList<double> Chi2, IReadOnlyList<double> DeltaChi2, IReadOnlyList<ConvergenceStatus> PointStatus,
    double Chi2Min, double BestX, double BestY, FitResult BestFit, IReadOnlyList<Contour> Contours,
    bool OthersProfiled, IReadOnlyList<double> Reference, IReadOnlyList<string> DataSetNames)
{
    /// <summary>Δχ² at grid node (ix, iy).</summary>
    public double DeltaChi2At(int ix, int iy) => DeltaChi2[iy * X.Count + ix];

    /// <summary>Number of points that did not converge.</summary>
    public int NonConvergedCount => PointStatus.Count(s => s > ConvergenceStatus.ConvergedWithFallback);
}

/// <summary>
/// Profile scans: 1-D profiles with intervals and 2-D grids with contours, nuisances profiled at every point
/// (STATISTICS.md §2 "Profiling", §4). Warm starts along the grid; 2-D rows run in parallel (one workspace per thread).
/// </summary>
public static class ProfileScan
{
    /// <summary>n equally spaced values from min to max.</summary>
    public static double[] Linear(double min, double max, int n) =>
        n == 1 ? [min] : Enumerable.Range(0, n).Select(i => min + (max - min) * i / (n - 1)).ToArray();

    /// <summary>n logarithmically spaced values from min to max (both &gt; 0).</summary>
    public static double[] Log(double min, double max, int n) =>
        n == 1 ? [min] : Enumerable.Range(0, n).Select(i => min * Math.Pow(max / min, (double)i / (n - 1))).ToArray();

    /// <summary>One-call path: builds the <see cref="ChiSquareCost"/> of <paramref name="data"/> against <paramref name="model"/> and scans.</summary>
    public static Profile1DResult Scan1D(BinnedLinearModel model, BinnedData data, CostKind kind, string parameter,
        IReadOnlyList<double> grid, IReadOnlyList<double> reference, ScanOptions? options = null) =>
        Scan1D(new ChiSquareCost(model, data, kind), parameter, grid, reference, options);

    /// <summary>One-call path for 2-D grids (see <see cref="Scan2D(Cost, string, IReadOnlyList{double}, string, IReadOnlyList{double}, IReadOnlyList{double}, ScanOptions?)"/>).</summary>
    public static Grid2DResult Scan2D(BinnedLinearModel model, BinnedData data, CostKind kind, string xParameter, IReadOnlyList<double> xGrid,
        string yParameter, IReadOnlyList<double> yGrid, IReadOnlyList<double> reference, ScanOptions? options = null) =>
        Scan2D(new ChiSquareCost(model, data, kind), xParameter, xGrid, yParameter, yGrid, reference, options);

    /// <summary>
    /// Profile Δχ² of <paramref name="parameter"/> on <paramref name="grid"/> (sorted ascending). The other θ are held
    /// at <paramref name="reference"/> or minimised (<see cref="ScanOptions.ProfileOthers"/>). Intervals are found by
    /// Brent root-finding of Δχ²(x) − threshold between bracketing grid points (the best fit is inserted among the
    /// grid points so a narrow minimum is not missed).
    /// </summary>
    public static Profile1DResult Scan1D(Cost cost, string parameter, IReadOnlyList<double> grid, IReadOnlyList<double> reference, ScanOptions? options = null)
    {
        options ??= ScanOptions.Default;
        int ip = cost.IndexOf(parameter);
        int np = cost.ParameterNames.Count;
        if (reference.Count != np) throw new ArgumentException($"Expected {np} reference values.");
        if (grid.Count < 2) throw new ArgumentException("At least two grid points are required.");
        for (int i = 1; i < grid.Count; i++) if (!(grid[i] > grid[i - 1])) throw new ArgumentException("Grid must be strictly increasing.");
        var cls = options.Cls ?? [ChiSquareThresholds.OneSigmaCl];
        int dof = options.Dof ?? 1;
        var ctx = new Context(cost, options, [ip], reference);

        var bestFit = ctx.ReferenceFit();
        var ws = cost.CreateWorkspace();
        var chi2 = new double[grid.Count];
        var status = new ConvergenceStatus[grid.Count];
        var others = new double[grid.Count][];
        var theta = reference.ToArray();
        for (int i = 0; i < grid.Count; i++)
        {
            theta[ip] = grid[i];
            (chi2[i], status[i]) = ctx.Evaluate(ws, theta);
            others[i] = (double[])theta.Clone();
        }
        double chi2Min = bestFit.Chi2Min, best = bestFit.Values[ip];
        int argmin = Array.IndexOf(chi2, chi2.Min());
        if (!(chi2Min <= chi2[argmin])) { chi2Min = chi2[argmin]; best = grid[argmin]; }

        // Samples = grid ∪ {best fit} for the interval logic.
        var xs = grid.ToList(); var ys = chi2.ToList(); var starts = others.ToList();
        if (best > grid[0] && best < grid[^1] && !grid.Contains(best))
        {
            int k = xs.FindIndex(v => v > best);
            xs.Insert(k, best); ys.Insert(k, chi2Min); starts.Insert(k, bestFit.Values.ToArray());
        }
        double span = grid[^1] - grid[0];
        var rootWs = cost.CreateWorkspace();
        double F(double x, double[] start, double level)
        {
            var th = (double[])start.Clone(); th[ip] = x;
            return ctx.Evaluate(rootWs, th).Chi2 - chi2Min - level;
        }
        var intervals = new List<ConfidenceInterval>();
        foreach (double cl in cls)
        {
            double t = ChiSquareThresholds.Threshold(cl, dof);
            var list = new List<Interval>();
            int n = xs.Count;
            int iStart = -1;
            for (int i = 0; i <= n; i++)
            {
                bool inside = i < n && ys[i] - chi2Min <= t;
                if (inside && iStart < 0) iStart = i;
                if (!inside && iStart >= 0)
                {
                    int iEnd = i - 1;
                    double lo = iStart == 0 ? xs[0] : Crossing(xs[iStart - 1], xs[iStart], starts[iStart], t);
                    double hi = iEnd == n - 1 ? xs[n - 1] : Crossing(xs[iEnd], xs[iEnd + 1], starts[iEnd], t);
                    list.Add(new Interval(lo, hi, iStart == 0, iEnd == n - 1));
                    iStart = -1;
                }
            }
            var containing = list.FirstOrDefault(iv => iv.Contains(best));
            intervals.Add(new ConfidenceInterval(cl, dof, t, list, best,
                containing is null ? double.NaN : best - containing.Lower, containing is null ? double.NaN : containing.Upper - best));
        }
        double Crossing(double a, double b, double[] start, double level) =>
            RobustRoot(x => F(x, start, level), a, b, options.RootAccuracy * span);
        return new Profile1DResult(parameter, grid.ToArray(), chi2, chi2.Select(c => c - chi2Min).ToArray(), status, chi2Min, best,
            bestFit, intervals, options.ProfileOthers, reference.ToArray(), cost.DataSetNames.ToArray());
    }

    static double Interpolate(double a, double b, double fa, double fb) =>
        double.IsFinite(fa) && double.IsFinite(fb) && fa != fb ? a + (b - a) * fa / (fa - fb) : 0.5 * (a + b);

    /// <summary>Root of f on [a, b] (f(a), f(b) of opposite sign, +∞ allowed for "outside"): bisection until both ends
    /// are finite, then MathNet Brent; linear interpolation if Brent fails.</summary>
    internal static double RobustRoot(Func<double, double> f, double a, double b, double accuracy)
    {
        double fa = f(a), fb = f(b);
        for (int i = 0; i < 200 && (!double.IsFinite(fa) || !double.IsFinite(fb)) && Math.Abs(b - a) > accuracy; i++)
        {
            double m = 0.5 * (a + b), fm = f(m);
            bool mOutside = !(fm <= 0);
            bool aOutside = !(fa <= 0);
            if (mOutside == aOutside) { a = m; fa = fm; } else { b = m; fb = fm; }
        }
        if (!double.IsFinite(fa) || !double.IsFinite(fb)) return 0.5 * (a + b);
        return Brent.TryFindRoot(f, a, b, accuracy, 200, out double root) ? root : Interpolate(a, b, fa, fb);
    }

    /// <summary>
    /// Profiled Δχ² on the grid <paramref name="xGrid"/> × <paramref name="yGrid"/> (rows of constant y run in parallel
    /// with Parallel.For, each warm-started along x from the best-fit nuisances), with marching-squares contours and
    /// their projected ranges at each confidence level (default dof 2).
    /// </summary>
    public static Grid2DResult Scan2D(Cost cost, string xParameter, IReadOnlyList<double> xGrid, string yParameter,
        IReadOnlyList<double> yGrid, IReadOnlyList<double> reference, ScanOptions? options = null)
    {
        options ??= ScanOptions.Default;
        int ix = cost.IndexOf(xParameter), iy = cost.IndexOf(yParameter);
        if (ix == iy) throw new ArgumentException("x and y must be different parameters.");
        int np = cost.ParameterNames.Count;
        if (reference.Count != np) throw new ArgumentException($"Expected {np} reference values.");
        var cls = options.Cls ?? [ChiSquareThresholds.OneSigmaCl, 0.90, 0.95];
        int dof = options.Dof ?? 2;
        var ctx = new Context(cost, options, [ix, iy], reference);
        var bestFit = ctx.ReferenceFit();
        int nx = xGrid.Count, ny = yGrid.Count;
        var chi2 = new double[nx * ny];
        var status = new ConvergenceStatus[nx * ny];
        var startNuisances = bestFit.Nuisances.ToArray();
        var startTheta = bestFit.Values.ToArray();
        var po = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, ny, po, () => cost.CreateWorkspace(), (row, _, ws) =>
        {
            startNuisances.CopyTo(ws.Nuisances);
            var theta = (double[])startTheta.Clone();
            for (int c = 0; c < np; c++) if (!ctx.IsFree(c)) theta[c] = reference[c];
            theta[iy] = yGrid[row];
            for (int col = 0; col < nx; col++)
            {
                theta[ix] = xGrid[col];
                (chi2[row * nx + col], status[row * nx + col]) = ctx.Evaluate(ws, theta);
            }
            return ws;
        }, _ => { });
        double chi2Min = bestFit.Chi2Min, bx = bestFit.Values[ix], by = bestFit.Values[iy];
        int argmin = Array.IndexOf(chi2, chi2.Min());
        if (!(chi2Min <= chi2[argmin])) { chi2Min = chi2[argmin]; bx = xGrid[argmin % nx]; by = yGrid[argmin / nx]; }
        var delta = chi2.Select(c => c - chi2Min).ToArray();
        var contours = cls.Select(cl => MakeContour(xGrid, yGrid, delta, cl, dof)).ToArray();
        return new Grid2DResult(xParameter, yParameter, xGrid.ToArray(), yGrid.ToArray(), chi2, delta, status, chi2Min, bx, by,
            bestFit, contours, options.ProfileOthers, reference.ToArray(), cost.DataSetNames.ToArray());
    }

    /// <summary>Contour of a Δχ² grid at a CL with its projected ranges: min/max over the grid nodes below the threshold
    /// and the contour, whose extremes are refined by a parabola through the extreme vertex and its neighbours.</summary>
    public static Contour MakeContour(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> deltaChi2, double cl, int dof)
    {
        double t = ChiSquareThresholds.Threshold(cl, dof);
        var lines = MarchingSquares.Trace(x, y, deltaChi2, t);
        int nx = x.Count, ny = y.Count;
        double x0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y0 = double.PositiveInfinity, y1 = double.NegativeInfinity;
        bool xl = false, xh = false, yl = false, yh = false;
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                if (!(deltaChi2[j * nx + i] <= t)) continue;
                x0 = Math.Min(x0, x[i]); x1 = Math.Max(x1, x[i]); y0 = Math.Min(y0, y[j]); y1 = Math.Max(y1, y[j]);
                xl |= i == 0; xh |= i == nx - 1; yl |= j == 0; yh |= j == ny - 1;
            }
        if (lines.Count > 0)
        {
            double dx = Enumerable.Range(1, nx - 1).Max(i => x[i] - x[i - 1]), dy = Enumerable.Range(1, ny - 1).Max(j => y[j] - y[j - 1]);
            x0 = Math.Min(x0, MarchingSquares.RefinedExtreme(lines, true, false, dx));
            x1 = Math.Max(x1, MarchingSquares.RefinedExtreme(lines, true, true, dx));
            y0 = Math.Min(y0, MarchingSquares.RefinedExtreme(lines, false, false, dy));
            y1 = Math.Max(y1, MarchingSquares.RefinedExtreme(lines, false, true, dy));
        }
        var xr = double.IsFinite(x0) ? new Interval(x0, x1, xl, xh) : new Interval(double.NaN, double.NaN);
        var yr = double.IsFinite(y0) ? new Interval(y0, y1, yl, yh) : new Interval(double.NaN, double.NaN);
        return new Contour(cl, dof, t, lines, xr, yr);
    }

    /// <summary>Shared evaluation logic: profiled χ² at θ with the scanned parameters fixed and the others fixed or minimised.</summary>
    internal sealed class Context
    {
        readonly Cost _cost;
        readonly ScanOptions _o;
        readonly bool[] _fixed;     // fixed in the reference fit (user-fixed, or "others" when not profiled)
        readonly int[] _innerFree;  // minimised at each point
        readonly double[] _lo, _hi;
        readonly IReadOnlyList<double> _reference;
        double[] _scales;

        public Context(Cost cost, ScanOptions o, int[] scanned, IReadOnlyList<double> reference)
        {
            _cost = cost; _o = o; _reference = reference;
            int np = cost.ParameterNames.Count;
            var userFixed = new bool[np];
            if (o.Fit?.FixedParameters is { } fp) foreach (var n in fp) userFixed[cost.IndexOf(n)] = true;
            _fixed = new bool[np];
            for (int i = 0; i < np; i++) _fixed[i] = userFixed[i] || (!o.ProfileOthers && !scanned.Contains(i));
            foreach (int s in scanned) _fixed[s] = false;
            _innerFree = Enumerable.Range(0, np).Where(i => !_fixed[i] && !scanned.Contains(i)).ToArray();
            _lo = o.Fit?.Lower?.ToArray() ?? Enumerable.Repeat(double.NegativeInfinity, np).ToArray();
            _hi = o.Fit?.Upper?.ToArray() ?? Enumerable.Repeat(double.PositiveInfinity, np).ToArray();
            _scales = o.Fit?.Scales?.ToArray() ?? Enumerable.Repeat(1.0, np).ToArray();
        }

        public bool IsFree(int i) => !_fixed[i];

        public FitResult ReferenceFit()
        {
            var fixedNames = Enumerable.Range(0, _fixed.Length).Where(i => _fixed[i]).Select(i => _cost.ParameterNames[i]).ToArray();
            var fo = (_o.Fit ?? FitOptions.Default) with { FixedParameters = fixedNames };
            var fit = Fitter.Fit(_cost, _reference, fo);
            if (_o.Fit?.Scales is null)
                for (int i = 0; i < _scales.Length; i++)
                    _scales[i] = double.IsFinite(fit.Errors[i]) && fit.Errors[i] > 0 ? fit.Errors[i] : 1.0;
            return fit;
        }

        /// <summary>Profiled χ² at theta (scanned entries set by the caller); minimised others are updated in place (warm start).</summary>
        public (double Chi2, ConvergenceStatus Status) Evaluate(CostWorkspace ws, double[] theta)
        {
            if (_innerFree.Length == 0)
            {
                var r = _cost.Profile(theta, ws, []);
                return (r.Chi2, r.Status);
            }
            var m = ThetaMinimizer.Minimize(_cost, ws, theta, _innerFree, _lo, _hi, _scales,
                (_o.Fit ?? FitOptions.Default).GradientTolerance, (_o.Fit ?? FitOptions.Default).MaxIterations, new Counter());
            return (m.Chi2, m.Status);
        }
    }
}
