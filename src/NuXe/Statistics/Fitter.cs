using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace NuXe.Statistics;

/// <summary>Options of a global fit over θ (nuisances are always profiled).</summary>
/// <param name="FixedParameters">Parameters held at their start values.</param>
/// <param name="Lower">Lower bounds per parameter (null: unbounded); same order as the cost's parameters.</param>
/// <param name="Upper">Upper bounds per parameter (null: unbounded).</param>
/// <param name="Scales">Typical scale (≈ 1σ) per parameter, for conditioning and finite-difference steps; null: estimated from the curvature at the start.</param>
/// <param name="GradientTolerance">BFGS gradient tolerance in χ² per scale unit.</param>
/// <param name="MaxIterations">Maximum BFGS iterations.</param>
public sealed record FitOptions(
    IReadOnlyList<string>? FixedParameters = null,
    IReadOnlyList<double>? Lower = null,
    IReadOnlyList<double>? Upper = null,
    IReadOnlyList<double>? Scales = null,
    double GradientTolerance = 1e-6,
    int MaxIterations = 500)
{
    /// <summary>Default options.</summary>
    public static FitOptions Default { get; } = new();
}

/// <summary>
/// Best fit of θ with profiled nuisances and symmetric (Hessian) errors: cov = 2·H⁻¹ with H the Hessian of the
/// profiled χ² (χ² = −2 ln L, so the Fisher matrix is H/2); errors are 1σ for one parameter (Δχ² = 1, CL 68.27 %,
/// dof 1). ndf = bins − free θ − free (unpulled) nuisances.
/// </summary>
/// <param name="ParameterNames">θ names.</param>
/// <param name="Values">Best-fit θ.</param>
/// <param name="Errors">√diag(cov) (0 for fixed parameters, NaN if the Hessian is not positive definite).</param>
/// <param name="Covariance">Covariance row-major (P×P; fixed rows/columns are 0).</param>
/// <param name="Fixed">Which parameters were held fixed.</param>
/// <param name="Chi2Min">χ² at the best fit.</param>
/// <param name="Ndf">Degrees of freedom of the goodness of fit.</param>
/// <param name="NuisanceNames">Nuisance names.</param>
/// <param name="Nuisances">Profiled nuisance values at the best fit.</param>
/// <param name="Status">Convergence of the θ minimisation (worst with the nuisance profile).</param>
/// <param name="Edm">Estimated distance to the minimum gᵀH⁻¹g/2 (χ² units).</param>
/// <param name="HessianPositiveDefinite">Whether the Hessian was positive definite.</param>
/// <param name="Evaluations">Number of profiled χ² evaluations.</param>
/// <param name="DataSetNames">Data sets in the cost.</param>
/// <param name="Method">Minimiser used.</param>
/// <param name="AtBound">Which parameters ended at a bound (their errors are not meaningful; iminuit's "at limit").</param>
public sealed record FitResult(
    IReadOnlyList<string> ParameterNames, IReadOnlyList<double> Values, IReadOnlyList<double> Errors,
    IReadOnlyList<double> Covariance, IReadOnlyList<bool> Fixed, double Chi2Min, int Ndf,
    IReadOnlyList<string> NuisanceNames, IReadOnlyList<double> Nuisances, ConvergenceStatus Status, double Edm,
    bool HessianPositiveDefinite, int Evaluations, IReadOnlyList<string> DataSetNames, string Method, IReadOnlyList<bool> AtBound)
{
    /// <summary>CL of <see cref="Errors"/> (1σ, 0.6827).</summary>
    public double ErrorCl => ChiSquareThresholds.OneSigmaCl;

    /// <summary>Degrees of freedom of <see cref="Errors"/> (1: each parameter on its own).</summary>
    public int ErrorDof => 1;

    /// <summary>Δχ² threshold of <see cref="Errors"/> (1.0).</summary>
    public double ErrorThreshold => 1.0;

    /// <summary>Converged, small EDM and positive-definite Hessian (iminuit's <c>is_valid</c> and <c>has_accurate_covar</c>).</summary>
    public bool IsValid => Status <= ConvergenceStatus.ConvergedWithFallback && Edm < 1e-3 && HessianPositiveDefinite;

    /// <summary>Covariance element (i, j).</summary>
    public double CovarianceAt(int i, int j) => Covariance[i * ParameterNames.Count + j];

    /// <summary>Best-fit value of a parameter by name.</summary>
    public double Value(string name) => Values[Index(name)];

    /// <summary>Error of a parameter by name.</summary>
    public double Error(string name) => Errors[Index(name)];

    int Index(string name)
    {
        for (int i = 0; i < ParameterNames.Count; i++) if (ParameterNames[i] == name) return i;
        throw new ArgumentException($"Unknown parameter '{name}'.");
    }
}

/// <summary>
/// Global fit over θ with profiled nuisances: MathNet BFGS (BFGS-B with bounds) on the analytic gradient of the
/// profiled χ² in scaled coordinates, Nelder–Mead as fallback, then Newton polishing and errors from the Hessian
/// (central differences of the analytic gradient): cov = 2·H⁻¹. Never uses Levenberg–Marquardt standard errors.
/// </summary>
public static class Fitter
{
    /// <summary>Fits θ starting from <paramref name="start"/>.</summary>
    public static FitResult Fit(Cost cost, IReadOnlyList<double> start, FitOptions? options = null)
    {
        var ws = cost.CreateWorkspace();
        return Fit(cost, start, ws, options);
    }

    /// <summary>Fits from several starts (for multimodal χ², e.g. sign degeneracies) and keeps the lowest χ².</summary>
    public static FitResult Fit(Cost cost, IEnumerable<IReadOnlyList<double>> starts, FitOptions? options = null)
    {
        FitResult? best = null;
        foreach (var s in starts)
        {
            var r = Fit(cost, s, options);
            if (best is null || r.Chi2Min < best.Chi2Min) best = r;
        }
        return best ?? throw new ArgumentException("At least one start point is required.", nameof(starts));
    }

    /// <summary>Fits with a caller-owned workspace (its nuisances warm-start the profile).</summary>
    public static FitResult Fit(Cost cost, IReadOnlyList<double> start, CostWorkspace workspace, FitOptions? options = null)
    {
        options ??= FitOptions.Default;
        int np = cost.ParameterNames.Count;
        if (start.Count != np) throw new ArgumentException($"Expected {np} start values.");
        var isFixed = new bool[np];
        if (options.FixedParameters is { } fp) foreach (var name in fp) isFixed[cost.IndexOf(name)] = true;
        var free = Enumerable.Range(0, np).Where(i => !isFixed[i]).ToArray();
        var theta = start.ToArray();
        var lo = Bounds(options.Lower, np, double.NegativeInfinity);
        var hi = Bounds(options.Upper, np, double.PositiveInfinity);
        for (int i = 0; i < np; i++) theta[i] = Math.Clamp(theta[i], lo[i], hi[i]);
        var counter = new Counter();
        var scales = options.Scales?.ToArray() ?? ThetaMinimizer.EstimateScales(cost, workspace, theta, free, lo, hi, counter);
        var min = ThetaMinimizer.Minimize(cost, workspace, theta, free, lo, hi, scales, options.GradientTolerance, options.MaxIterations, counter);

        // Newton polish + Hessian.
        var (h, pd) = ThetaMinimizer.Hessian(cost, workspace, theta, free, lo, hi, scales, counter);
        double chi2 = min.Chi2;
        var gFull = new double[np];
        for (int pass = 0; pass < 3 && pd; pass++)
        {
            cost.Profile(theta, workspace, gFull);
            var g = Vector<double>.Build.Dense(free.Length, a => gFull[free[a]]);
            var step = -h.Solve(g);
            var trial = (double[])theta.Clone();
            for (int a = 0; a < free.Length; a++) trial[free[a]] = Math.Clamp(theta[free[a]] + step[a], lo[free[a]], hi[free[a]]);
            var saved = workspace.Nuisances.ToArray();
            var r = cost.Profile(trial, workspace, []); counter.N++;
            if (r.Chi2 < chi2) { chi2 = r.Chi2; theta = trial; (h, pd) = ThetaMinimizer.Hessian(cost, workspace, theta, free, lo, hi, scales, counter); }
            else { saved.CopyTo(workspace.Nuisances); break; }
        }
        var final = cost.Profile(theta, workspace, gFull); counter.N++;
        var gv = Vector<double>.Build.Dense(free.Length, a => gFull[free[a]]);
        var cov = new double[np * np];
        var err = new double[np];
        double edm = double.NaN;
        if (pd)
        {
            var inv = h.Inverse();
            edm = 0.5 * gv.DotProduct(inv * gv);
            for (int a = 0; a < free.Length; a++)
                for (int b = 0; b < free.Length; b++) cov[free[a] * np + free[b]] = 2.0 * inv[a, b];
            foreach (int i in free) err[i] = Math.Sqrt(cov[i * np + i]);
        }
        else foreach (int i in free) err[i] = double.NaN;
        if (free.Length == 0) { pd = true; edm = 0; }
        int ndf = cost.BinCount - free.Length - cost.FreeNuisanceCount;
        return new FitResult(cost.ParameterNames.ToArray(), theta, err, cov, isFixed, final.Chi2, ndf,
            cost.NuisanceNames.ToArray(), workspace.Nuisances.ToArray(), min.Status.Worst(final.Status), edm, pd, counter.N,
            cost.DataSetNames.ToArray(), min.Method,
            Enumerable.Range(0, np).Select(i => !isFixed[i] && (theta[i] <= lo[i] || theta[i] >= hi[i])).ToArray());
    }

    static double[] Bounds(IReadOnlyList<double>? b, int n, double fill)
    {
        if (b is null) return Enumerable.Repeat(fill, n).ToArray();
        if (b.Count != n) throw new ArgumentException($"Expected {n} bounds.");
        return b.ToArray();
    }
}

internal sealed class Counter { public int N; }

/// <summary>Minimisation of the profiled χ² over a subset of θ (shared by <see cref="Fitter"/> and the scans).</summary>
internal static class ThetaMinimizer
{
    internal readonly record struct Result(double Chi2, ConvergenceStatus Status, string Method);

    /// <summary>≈1σ scale per free parameter from the curvature of the profiled χ² (1 for fixed ones).</summary>
    public static double[] EstimateScales(Cost cost, CostWorkspace ws, double[] theta, int[] free, double[] lo, double[] hi, Counter counter)
    {
        var scales = Enumerable.Repeat(1.0, theta.Length).ToArray();
        var saved = ws.Nuisances.ToArray();
        double c0 = cost.Profile(theta, ws, []).Chi2; counter.N++;
        foreach (int b in free)
        {
            double h = theta[b] != 0 ? 1e-2 * Math.Abs(theta[b]) : 1e-2;
            double sigma = double.NaN;
            for (int attempt = 0; attempt < 40; attempt++)
            {
                double x0 = theta[b];
                double xp = Math.Min(x0 + h, hi[b]), xm = Math.Max(x0 - h, lo[b]);
                theta[b] = xp; double cp = cost.Profile(theta, ws, []).Chi2;
                theta[b] = xm; double cm = cost.Profile(theta, ws, []).Chi2;
                theta[b] = x0; counter.N += 2;
                double dp = cp - c0, dm = cm - c0;
                if (!double.IsFinite(dp) || !double.IsFinite(dm) || Math.Max(dp, dm) > 100) { h *= 0.1; continue; }
                if (Math.Max(Math.Abs(dp), Math.Abs(dm)) < 1e-3) { h *= 10; continue; }
                // second derivative from a (possibly one-sided) three-point stencil
                double hp = xp - x0, hm = x0 - xm;
                double curv = hp > 0 && hm > 0 ? 2 * (dp / hp + dm / hm) / (hp + hm) : double.NaN;
                sigma = curv > 0 ? Math.Sqrt(2.0 / curv) : h;
                break;
            }
            scales[b] = double.IsFinite(sigma) && sigma > 0 ? sigma : (theta[b] != 0 ? Math.Abs(theta[b]) : 1.0);
        }
        saved.CopyTo(ws.Nuisances);
        return scales;
    }

    /// <summary>Minimises over θ[free] in place (scaled coordinates x = θ/scale); leaves the workspace profiled at the result.</summary>
    public static Result Minimize(Cost cost, CostWorkspace ws, double[] theta, int[] free, double[] lo, double[] hi,
        double[] scales, double gradTol, int maxIter, Counter counter)
    {
        if (free.Length == 0)
        {
            var r0 = cost.Profile(theta, ws, []); counter.N++;
            return new Result(r0.Chi2, r0.Status, "none");
        }
        int nf = free.Length;
        var th = (double[])theta.Clone();
        var g = new double[theta.Length];
        double bestChi2 = double.PositiveInfinity;
        var best = (double[])theta.Clone();
        var bestNuis = ws.Nuisances.ToArray();
        var worstProfile = ConvergenceStatus.Converged;
        (double, Vector<double>) Eval(Vector<double> x)
        {
            for (int a = 0; a < nf; a++) th[free[a]] = Math.Clamp(x[a] * scales[free[a]], lo[free[a]], hi[free[a]]);
            var r = cost.Profile(th, ws, g); counter.N++;
            var grad = Vector<double>.Build.Dense(nf);
            if (!double.IsFinite(r.Chi2)) return (1e300, grad);
            for (int a = 0; a < nf; a++) grad[a] = g[free[a]] * scales[free[a]];
            if (r.Chi2 < bestChi2) { bestChi2 = r.Chi2; th.CopyTo(best, 0); ws.Nuisances.CopyTo(bestNuis); worstProfile = r.Status; }
            return (r.Chi2, grad);
        }
        var x0 = Vector<double>.Build.Dense(nf, a => theta[free[a]] / scales[free[a]]);
        bool bounded = free.Any(i => double.IsFinite(lo[i]) || double.IsFinite(hi[i]));
        var status = ConvergenceStatus.Converged;
        string method = bounded ? "BFGS-B" : "BFGS";
        try
        {
            var obj = ObjectiveFunction.Gradient(Eval);
            if (bounded)
            {
                var l = Vector<double>.Build.Dense(nf, a => double.IsFinite(lo[free[a]]) ? lo[free[a]] / scales[free[a]] : -1e12);
                var u = Vector<double>.Build.Dense(nf, a => double.IsFinite(hi[free[a]]) ? hi[free[a]] / scales[free[a]] : 1e12);
                new BfgsBMinimizer(gradTol, 1e-12, 1e-14, maxIter).FindMinimum(obj, l, u, x0);
            }
            else new BfgsMinimizer(gradTol, 1e-12, 1e-14, maxIter).FindMinimum(obj, x0);
        }
        catch (Exception ex) when (ex is MaximumIterationsException or OptimizationException or ArgumentException or InvalidOperationException)
        {
            // BFGS line searches fail on the rounding floor near the minimum; check the gradient at the best point.
            var bx = Vector<double>.Build.Dense(nf, a => best[free[a]] / scales[free[a]]);
            var (c, gr) = Eval(bx);
            if (!(double.IsFinite(c) && gr.L2Norm() < 1e3 * gradTol))
            {
                method += "+NelderMead";
                try
                {
                    var nm = new NelderMeadSimplex(1e-12, 5000);
                    nm.FindMinimum(ObjectiveFunction.Value(v => Eval(v).Item1), bx, Vector<double>.Build.Dense(nf, 0.5));
                    status = ConvergenceStatus.ConvergedWithFallback;
                }
                catch (Exception ex2) when (ex2 is MaximumIterationsException or OptimizationException or ArgumentException or InvalidOperationException)
                {
                    status = ConvergenceStatus.MaxIterations;
                }
            }
        }
        best.CopyTo(theta, 0);
        bestNuis.CopyTo(ws.Nuisances);
        var fin = cost.Profile(theta, ws, []); counter.N++;
        if (!double.IsFinite(fin.Chi2)) status = ConvergenceStatus.Failed;
        return new Result(fin.Chi2, status.Worst(worstProfile).Worst(fin.Status), method);
    }

    /// <summary>Hessian of the profiled χ² over θ[free] by central differences of the analytic gradient, symmetrised.
    /// Steps are 0.05 × the current error estimate (refined once). Returns (H, positive definite).</summary>
    public static (Matrix<double>, bool) Hessian(Cost cost, CostWorkspace ws, double[] theta, int[] free, double[] lo, double[] hi,
        double[] scales, Counter counter)
    {
        int nf = free.Length;
        var steps = free.Select(i => 0.05 * scales[i]).ToArray();
        Matrix<double> h = Matrix<double>.Build.Dense(nf, nf);
        bool pd = false;
        var saved = ws.Nuisances.ToArray();
        var gp = new double[theta.Length]; var gm = new double[theta.Length];
        for (int pass = 0; pass < 2; pass++)
        {
            for (int b = 0; b < nf; b++)
            {
                int i = free[b];
                double x0 = theta[i];
                double xp = Math.Min(x0 + steps[b], hi[i]), xm = Math.Max(x0 - steps[b], lo[i]);
                if (xp == xm) { xp = x0 + steps[b]; xm = x0 - steps[b]; }
                theta[i] = xp; saved.CopyTo(ws.Nuisances); cost.Profile(theta, ws, gp);
                theta[i] = xm; saved.CopyTo(ws.Nuisances); cost.Profile(theta, ws, gm);
                theta[i] = x0; counter.N += 2;
                for (int a = 0; a < nf; a++) h[a, b] = (gp[free[a]] - gm[free[a]]) / (xp - xm);
            }
            h = 0.5 * (h + h.Transpose());
            pd = nf == 0 || (h.Enumerate().All(double.IsFinite) && IsPositiveDefinite(h));
            if (!pd) break;
            var inv = h.Inverse();
            bool changed = false;
            for (int b = 0; b < nf; b++)
            {
                double sigma = Math.Sqrt(2.0 * inv[b, b]);
                double wanted = 0.05 * sigma;
                if (wanted > 0 && (wanted > 3 * steps[b] || wanted < steps[b] / 3)) { steps[b] = wanted; changed = true; }
            }
            if (!changed) break;
        }
        saved.CopyTo(ws.Nuisances);
        return (h, pd);
    }

    static bool IsPositiveDefinite(Matrix<double> h)
    {
        var a = h.ToRowMajorArray();
        return SmallDense.Cholesky(a, h.RowCount);
    }
}
