namespace NuXe.Statistics;

/// <summary>Outcome of an upper-limit search.</summary>
public enum LimitStatus
{
    /// <summary>Δχ² crosses the threshold inside the search range; <see cref="LimitResult.Limit"/> is the crossing.</summary>
    Found,

    /// <summary>Δχ² stays below the threshold up to the upper end of the range; the limit is above it (Limit = NaN).</summary>
    NotReachedInRange,

    /// <summary>The profile could not be evaluated (non-finite χ² at the reference).</summary>
    Failed,
}

/// <summary>Options of <see cref="UpperLimit"/> and <see cref="LimitCurve"/>.</summary>
/// <param name="Cl">Confidence level (default 90 %).</param>
/// <param name="Dof">Degrees of freedom of the threshold (default 1).</param>
/// <param name="LogSpace">Search (grid and root finding) in log of the parameter (couplings); requires lower &gt; 0.</param>
/// <param name="GridPoints">Points of the coarse search grid between lower and upper.</param>
/// <param name="IncludeZero">Also evaluate the parameter at 0 (e.g. the Standard Model) as a candidate minimum.</param>
/// <param name="ProfileOthers">Minimise the other θ at each point (otherwise fixed at the reference values).</param>
/// <param name="Fit">Options of the inner minimisations.</param>
/// <param name="RelativeAccuracy">Relative accuracy of the limit.</param>
public sealed record LimitOptions(double Cl = 0.90, int Dof = 1, bool LogSpace = true, int GridPoints = 41, bool IncludeZero = true,
    bool ProfileOthers = false, FitOptions? Fit = null, double RelativeAccuracy = 1e-8)
{
    /// <summary>Default options.</summary>
    public static LimitOptions Default { get; } = new();
}

/// <summary>Upper limit of one parameter: the smallest value above the minimum where Δχ² reaches the threshold.</summary>
/// <param name="Parameter">Parameter name.</param>
/// <param name="Label">Caller's label (e.g. the mediator mass).</param>
/// <param name="Limit">The limit (NaN unless <see cref="Status"/> is Found).</param>
/// <param name="Cl">Confidence level.</param>
/// <param name="Dof">Degrees of freedom of the threshold.</param>
/// <param name="Threshold">Δχ² threshold.</param>
/// <param name="Chi2Reference">χ²_min used for Δχ².</param>
/// <param name="ReferenceValue">Parameter value at χ²_min.</param>
/// <param name="Status">Outcome.</param>
/// <param name="Convergence">Worst convergence over the evaluations used.</param>
/// <param name="DataSetNames">Data sets in the cost.</param>
public sealed record LimitResult(string Parameter, string Label, double Limit, double Cl, int Dof, double Threshold,
    double Chi2Reference, double ReferenceValue, LimitStatus Status, ConvergenceStatus Convergence, IReadOnlyList<string> DataSetNames);

/// <summary>
/// Upper limits by monotone root finding of Δχ²(g) = threshold above the minimum (STATISTICS.md §4 "Limit curves"):
/// a coarse (log) grid locates the minimum and the first bracketing interval, golden-section refines the minimum,
/// MathNet Brent finds the crossing (in log g when <see cref="LimitOptions.LogSpace"/>).
/// </summary>
public static class UpperLimit
{
    /// <summary>Upper limit on <paramref name="parameter"/> searched in [lower, upper]; other θ from <paramref name="reference"/>.</summary>
    public static LimitResult Find(Cost cost, string parameter, IReadOnlyList<double> reference, double lower, double upper,
        LimitOptions? options = null, string label = "")
    {
        options ??= LimitOptions.Default;
        if (!(upper > lower)) throw new ArgumentException("upper must exceed lower.");
        if (options.LogSpace && !(lower > 0)) throw new ArgumentException("LogSpace requires lower > 0.");
        int ip = cost.IndexOf(parameter);
        double t = ChiSquareThresholds.Threshold(options.Cl, options.Dof);
        var ctx = new ProfileScan.Context(cost, new ScanOptions(ProfileOthers: options.ProfileOthers, Fit: options.Fit), [ip], reference);
        var ws = cost.CreateWorkspace();
        var theta = reference.ToArray();
        var worst = ConvergenceStatus.Converged;
        double Chi2(double g)
        {
            theta[ip] = g;
            var (c, s) = ctx.Evaluate(ws, theta);
            worst = worst.Worst(s);
            return c;
        }
        int n = Math.Max(options.GridPoints, 3);
        var grid = options.LogSpace ? ProfileScan.Log(lower, upper, n) : ProfileScan.Linear(lower, upper, n);
        var chi = grid.Select(Chi2).ToArray();
        double zeroChi2 = options.IncludeZero ? Chi2(0.0) : double.PositiveInfinity;
        int kmin = Array.IndexOf(chi, chi.Min());
        double refChi2 = chi[kmin], refValue = grid[kmin];
        if (kmin > 0 && kmin < n - 1)
        {
            // Golden-section refinement of an interior minimum.
            Func<double, double> toX = options.LogSpace ? Math.Log : v => v;
            Func<double, double> fromX = options.LogSpace ? Math.Exp : v => v;
            var (xm, fm) = GoldenSection.Minimise(x => Chi2(fromX(x)), toX(grid[kmin - 1]), toX(grid[kmin + 1]), 40);
            if (fm < refChi2) { refChi2 = fm; refValue = fromX(xm); }
        }
        if (zeroChi2 < refChi2) { refChi2 = zeroChi2; refValue = 0.0; kmin = -1; }
        if (!double.IsFinite(refChi2))
            return new LimitResult(parameter, label, double.NaN, options.Cl, options.Dof, t, refChi2, refValue, LimitStatus.Failed, worst, cost.DataSetNames.ToArray());
        // First grid point above the (refined) minimum where Δχ² reaches the threshold; every grid point between the
        // minimum and it lies below the threshold, so [max(minimum, previous grid point), that point] brackets the
        // crossing even when the minimum is sharp and away from zero.
        int k = -1;
        for (int i = 0; i < n; i++) if (grid[i] > refValue && chi[i] - refChi2 >= t) { k = i; break; }
        if (k < 0)
            return new LimitResult(parameter, label, double.NaN, options.Cl, options.Dof, t, refChi2, refValue, LimitStatus.NotReachedInRange, worst, cost.DataSetNames.ToArray());
        double lo = k > 0 && grid[k - 1] > refValue ? grid[k - 1] : refValue;
        double limit;
        if (options.LogSpace && lo > 0)
        {
            double F(double lg) => Chi2(Math.Exp(lg)) - refChi2 - t;
            limit = Math.Exp(ProfileScan.RobustRoot(F, Math.Log(lo), Math.Log(grid[k]), options.RelativeAccuracy));
        }
        else
        {
            double F(double g) => Chi2(g) - refChi2 - t;
            limit = ProfileScan.RobustRoot(F, lo, grid[k], options.RelativeAccuracy * Math.Abs(grid[k]));
        }
        var status = double.IsFinite(limit) ? LimitStatus.Found : LimitStatus.Failed;
        return new LimitResult(parameter, label, limit, options.Cl, options.Dof, t, refChi2, refValue, status, worst, cost.DataSetNames.ToArray());
    }
}

/// <summary>One input point of a limit curve: a label, the non-linear parameter (e.g. a mediator mass, in the caller's
/// unit) and a factory building the cost at that mass (e.g. from templates cached per mass).</summary>
public sealed record LimitCurveInput(string Label, double Mass, Func<Cost> CostFactory);

/// <summary>One point of a limit curve.</summary>
public sealed record LimitCurvePoint(string Label, double Mass, LimitResult Result);

/// <summary>A limit curve, e.g. g_Z′(m_Z′) (STATISTICS.md §4): one upper limit per mass, all at the same CL and dof.</summary>
public sealed record LimitCurveResult(string Parameter, double Cl, int Dof, double Threshold, IReadOnlyList<LimitCurvePoint> Points,
    IReadOnlyList<string> DataSetNames)
{
    /// <summary>Whether every point found its limit.</summary>
    public bool AllFound => Points.All(p => p.Result.Status == LimitStatus.Found);
}

/// <summary>Limit versus a non-linear parameter (mass ↦ model) by repeated <see cref="UpperLimit.Find"/>, in parallel over masses.</summary>
public static class LimitCurve
{
    /// <summary>Computes one upper limit per input (results in input order).</summary>
    public static LimitCurveResult Compute(IEnumerable<LimitCurveInput> inputs, string parameter, IReadOnlyList<double> reference,
        double lower, double upper, LimitOptions? options = null, int? maxDegreeOfParallelism = null)
    {
        options ??= LimitOptions.Default;
        var list = inputs.ToArray();
        var points = new LimitCurvePoint[list.Length];
        var names = new string[list.Length][];
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, list.Length, po, i =>
        {
            var cost = list[i].CostFactory();
            names[i] = cost.DataSetNames.ToArray();
            points[i] = new LimitCurvePoint(list[i].Label, list[i].Mass, UpperLimit.Find(cost, parameter, reference, lower, upper, options, list[i].Label));
        });
        return new LimitCurveResult(parameter, options.Cl, options.Dof, ChiSquareThresholds.Threshold(options.Cl, options.Dof), points,
            names.SelectMany(n => n).Distinct().ToArray());
    }
}
