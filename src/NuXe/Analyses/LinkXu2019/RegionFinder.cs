using NuXe.Statistics;

namespace NuXe.Analyses.LinkXu2019;

/// <summary>
/// One connected part ("island") of a 2-D allowed region: its local minimum and a grid adapted to it whose contour at the
/// requested CL does not touch the grid edge (unless <see cref="TouchesEdge"/>).
/// </summary>
/// <param name="BestX">x at the island's minimum (parameter units).</param>
/// <param name="BestY">y at the island's minimum.</param>
/// <param name="DeltaChi2AtBest">Δχ² of the island's minimum relative to the global minimum (0 for the global one; exact
/// degeneracies give ≈ 0 too).</param>
/// <param name="Grid">The final adapted grid (Δχ² relative to the global minimum of the cost).</param>
/// <param name="Contour">The contour at the CL on <paramref name="Grid"/> with its projected ranges.</param>
/// <param name="Iterations">Grid adaptations used.</param>
/// <param name="TouchesEdge">True if the region still touched the grid edge after the last adaptation.</param>
public sealed record RegionIsland(double BestX, double BestY, double DeltaChi2AtBest, Grid2DResult Grid, Contour Contour, int Iterations, bool TouchesEdge);

/// <summary>
/// A 2-D allowed region {Δχ² ≤ threshold} (STATISTICS.md §4), possibly disjoint (e.g. the (g̃₁, g̃₂) → (−g̃₁, −g̃₂) degeneracy
/// of ν–e scattering), found by <see cref="RegionFinder.Find"/>. Islands are ordered by distance from the reference point
/// (the island around the true point, usually the SM, first).
/// </summary>
/// <param name="XParameter">Parameter along x.</param>
/// <param name="YParameter">Parameter along y.</param>
/// <param name="Cl">Confidence level.</param>
/// <param name="Dof">Degrees of freedom of the threshold.</param>
/// <param name="Threshold">Δχ² threshold (χ² quantile at Cl, Dof).</param>
/// <param name="Chi2Min">Global χ² minimum.</param>
/// <param name="Islands">Connected parts of the region, reference island first.</param>
/// <param name="Coarse">The coarse wide grid used to locate the islands.</param>
public sealed record Region2DResult(string XParameter, string YParameter, double Cl, int Dof, double Threshold, double Chi2Min,
    IReadOnlyList<RegionIsland> Islands, Grid2DResult Coarse)
{
    /// <summary>The island around the reference (true) point.</summary>
    public RegionIsland Primary => Islands[0];

    /// <summary>Projection of the whole region (all islands) on x.</summary>
    public Interval OuterXRange => new(Islands.Min(i => i.Contour.XRange.Lower), Islands.Max(i => i.Contour.XRange.Upper));

    /// <summary>Projection of the whole region (all islands) on y.</summary>
    public Interval OuterYRange => new(Islands.Min(i => i.Contour.YRange.Lower), Islands.Max(i => i.Contour.YRange.Upper));

    /// <summary>Whether any island still touched its grid edge (region possibly truncated).</summary>
    public bool AnyTouchesEdge => Islands.Any(i => i.TouchesEdge);
}

/// <summary>
/// Finds every island of a 2-D confidence region with grids that contain each island entirely (STATISTICS.md §4:
/// "2-D grid of Δχ² and the contour at a CL"): (1) a coarse parallel grid over reference ± half-width locates candidate
/// minima (grid-local minima), (2) each candidate is fitted (<see cref="Fitter.Fit(Cost, IReadOnlyList{double}, FitOptions?)"/>)
/// and kept if its Δχ² is below the threshold, (3) around each kept minimum a grid of <c>points</c>² nodes is adapted:
/// widened where the contour touches an edge, tightened when the region fills less than 40 % of the span (so the contour
/// is resolved), until neither applies.
/// <para>Speed (issue 17): when the cost is a Gaussian <see cref="ChiSquareCost"/> without nuisances (all linkxu2019 BSM
/// regions), every grid point, the coarse search and the candidate fits use its exact quadratic form in the template
/// coefficients (<see cref="GaussianQuadraticChi2"/>, O(basis²) per point instead of O(bins × basis)), and an adapted grid
/// reuses the fit of its island instead of refitting; candidate fits, CLs and grid rows run in parallel. Other costs take
/// the generic path (<see cref="ProfileScan.Scan2D(Cost, string, IReadOnlyList{double}, string, IReadOnlyList{double}, IReadOnlyList{double}, ScanOptions?)"/>).
/// Both paths give the same regions to rounding.</para>
/// </summary>
public static class RegionFinder
{
    /// <summary>Locate and resolve all islands of {Δχ² ≤ threshold(cl, dof)} in (x, y); other parameters fixed at
    /// <paramref name="reference"/>.</summary>
    /// <param name="cost">The cost (χ²) with nuisances profiled internally.</param>
    /// <param name="x">Parameter on x.</param>
    /// <param name="y">Parameter on y.</param>
    /// <param name="reference">All θ at the true point (start values; non-scanned θ fixed there).</param>
    /// <param name="halfWidth">Half-width of the coarse search box around the reference (parameter units, both axes).</param>
    /// <param name="cl">Confidence level.</param>
    /// <param name="dof">Degrees of freedom of the threshold.</param>
    /// <param name="coarsePoints">Coarse grid points per axis.</param>
    /// <param name="points">Adapted grid points per axis.</param>
    /// <param name="maxIterations">Maximum adaptations per island.</param>
    public static Region2DResult Find(Cost cost, string x, string y, IReadOnlyList<double> reference, double halfWidth,
        double cl = 0.90, int dof = 2, int coarsePoints = 161, int points = 101, int maxIterations = 10)
        => FindAll(cost, x, y, reference, halfWidth, [cl], dof, coarsePoints, points, maxIterations)[0];

    /// <summary>
    /// <see cref="Find"/> at several CLs: the coarse grid and the fits of its candidate minima do not depend on the CL, so
    /// they are computed once and shared (each CL's result is identical to a separate <see cref="Find"/> call); only the
    /// island selection and the adapted grids are per CL.
    /// </summary>
    public static IReadOnlyList<Region2DResult> FindAll(Cost cost, string x, string y, IReadOnlyList<double> reference, double halfWidth,
        IReadOnlyList<double> cls, int dof = 2, int coarsePoints = 161, int points = 101, int maxIterations = 10)
    {
        int ix = cost.IndexOf(x), iy = cost.IndexOf(y);
        double x0 = reference[ix], y0 = reference[iy];
        var fixedOthers = cost.ParameterNames.Where((_, k) => k != ix && k != iy).ToArray();
        var fitOptions = new FitOptions(FixedParameters: fixedOthers);
        // Gaussian χ² without nuisances: grids from the quadratic form in the coefficients (exact, O(basis²) per point).
        var fast = GaussianQuadraticChi2.TryCreate(cost, reference);
        var coarseAll = Scan(cost, fast, x, y, ProfileScan.Linear(x0 - halfWidth, x0 + halfWidth, coarsePoints),
            ProfileScan.Linear(y0 - halfWidth, y0 + halfWidth, coarsePoints), reference, fast is null ? null : Fitter.Fit(fast.AsCost(), reference, fitOptions), cls, dof);
        var coarse = coarseAll;
        double step = 2 * halfWidth / (coarsePoints - 1);
        double chi2Min = coarse.Chi2Min;

        // Candidate minima: the reference fit plus the grid-local minima of the coarse grid (lowest first).
        var candidates = new List<(double X, double Y)> { (coarse.BestX, coarse.BestY) };
        var local = new List<(double D, double X, double Y)>();
        int n = coarsePoints;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                double d = coarse.DeltaChi2At(i, j);
                if (!double.IsFinite(d)) continue;
                bool isMin = true;
                for (int dj = -1; dj <= 1 && isMin; dj++)
                    for (int di = -1; di <= 1; di++)
                    {
                        if (di == 0 && dj == 0) continue;
                        int a = i + di, b = j + dj;
                        if (a < 0 || b < 0 || a >= n || b >= n) continue;
                        if (coarse.DeltaChi2At(a, b) < d) { isMin = false; break; }
                    }
                if (isMin) local.Add((d, coarse.X[i], coarse.Y[j]));
            }
        candidates.AddRange(local.OrderBy(l => l.D).Take(8).Select(l => (l.X, l.Y)));

        // the candidate fits are independent: in parallel, then reduced in candidate order (deterministic)
        // (on the quadratic form when there is one: the same χ², ≈ 100× cheaper per evaluation)
        var fitCost = fast?.AsCost() ?? cost;
        var fits = new FitResult[candidates.Count];
        Parallel.For(0, candidates.Count, c =>
        {
            var start = reference.ToArray();
            start[ix] = candidates[c].X; start[iy] = candidates[c].Y;
            fits[c] = Fitter.Fit(fitCost, start, fitOptions);
        });
        var minima = new List<(double X, double Y, double Chi2, FitResult Fit)>();
        foreach (var fit in fits)
        {
            double fx = fit.Values[ix], fy = fit.Values[iy];
            if (!double.IsFinite(fit.Chi2Min)) continue;
            chi2Min = Math.Min(chi2Min, fit.Chi2Min);
            if (minima.Any(m => Math.Abs(m.X - fx) < 2 * step && Math.Abs(m.Y - fy) < 2 * step)) continue;
            minima.Add((fx, fy, fit.Chi2Min, fit));
        }
        var results = new Region2DResult[cls.Count];
        // the CLs are independent from here on: in parallel
        Parallel.For(0, cls.Count, c =>
        {
            double cl = cls[c];
            double t = ChiSquareThresholds.Threshold(cl, dof);
            var kept = minima.Where(m => m.Chi2 - chi2Min <= t)
                .OrderBy(m => Math.Pow(m.X - x0, 2) + Math.Pow(m.Y - y0, 2)).ToList();

            var islands = new List<RegionIsland>();
            foreach (var m in kept)
            {
                // Skip a minimum already inside an earlier island's region.
                if (islands.Any(isl => isl.Contour.XRange.Contains(m.X) && isl.Contour.YRange.Contains(m.Y) && isl.Grid.DeltaChi2At(
                        Nearest(isl.Grid.X, m.X), Nearest(isl.Grid.Y, m.Y)) <= t)) continue;
                islands.Add(Adapt(cost, fast, x, y, reference, ix, iy, m.X, m.Y, m.Fit, m.Chi2 - chi2Min, step, cl, dof, points, maxIterations, chi2Min));
            }
            results[c] = new Region2DResult(x, y, cl, dof, t, chi2Min, islands, coarseAll with { Contours = [coarseAll.Contours[c]] });
        });
        return results;
    }

    /// <summary>
    /// The grid of <see cref="ProfileScan.Scan2D(Cost, string, IReadOnlyList{double}, string, IReadOnlyList{double}, IReadOnlyList{double}, ScanOptions?)"/>
    /// with the other parameters fixed at <paramref name="start"/>. With <paramref name="fast"/> the points come from the
    /// quadratic form and the reference minimum is <paramref name="bestFit"/> (the fit of the island already done by the
    /// caller, instead of one more fit per grid); otherwise Scan2D itself.
    /// <para>With <paramref name="globalChi2Min"/> below the grid's own minimum (a mirror island), Δχ² and the contours are
    /// taken relative to it at once (the caller would otherwise redo them).</para>
    /// </summary>
    static Grid2DResult Scan(Cost cost, GaussianQuadraticChi2? fast, string x, string y, double[] xs, double[] ys,
        IReadOnlyList<double> start, FitResult? bestFit, IReadOnlyList<double> cls, int dof, double globalChi2Min = double.PositiveInfinity)
    {
        if (fast is null || bestFit is null)
            return ProfileScan.Scan2D(cost, x, xs, y, ys, start, new ScanOptions(cls.ToArray(), dof));
        int ix = cost.IndexOf(x), iy = cost.IndexOf(y);
        int nx = xs.Length, ny = ys.Length;
        var chi2 = new double[nx * ny];
        var status = new ConvergenceStatus[nx * ny];
        // rows in parallel (each point independent: identical for any thread count)
        Parallel.For(0, ny, () => start.ToArray(), (row, _, theta) =>
        {
            theta[iy] = ys[row];
            for (int col = 0; col < nx; col++)
            {
                theta[ix] = xs[col];
                double v = fast.Chi2(theta);
                chi2[row * nx + col] = v;
                status[row * nx + col] = double.IsFinite(v) ? ConvergenceStatus.Converged : ConvergenceStatus.Failed;
            }
            return theta;
        }, _ => { });
        double chi2Min = bestFit.Chi2Min, bx = bestFit.Values[ix], by = bestFit.Values[iy];
        int argmin = 0;
        for (int p = 1; p < chi2.Length; p++) if (chi2[p] < chi2[argmin]) argmin = p;
        if (!(chi2Min <= chi2[argmin])) { chi2Min = chi2[argmin]; bx = xs[argmin % nx]; by = ys[argmin / nx]; }
        if (chi2Min > globalChi2Min) chi2Min = globalChi2Min;
        var delta = new double[chi2.Length];
        for (int p = 0; p < chi2.Length; p++) delta[p] = chi2[p] - chi2Min;
        var contours = cls.Select(cl => ProfileScan.MakeContour(xs, ys, delta, cl, dof)).ToArray();
        return new Grid2DResult(x, y, xs, ys, chi2, delta, status, chi2Min, bx, by, bestFit, contours, false, start.ToArray(), cost.DataSetNames.ToArray());
    }

    static int Nearest(IReadOnlyList<double> g, double v)
    {
        int best = 0;
        for (int i = 1; i < g.Count; i++) if (Math.Abs(g[i] - v) < Math.Abs(g[best] - v)) best = i;
        return best;
    }

    static RegionIsland Adapt(Cost cost, GaussianQuadraticChi2? fast, string x, string y, IReadOnlyList<double> reference, int ix, int iy, double bx, double by,
        FitResult islandFit, double dBest, double step, double cl, int dof, int points, int maxIterations, double chi2Min)
    {
        double xl = bx - 2 * step, xh = bx + 2 * step, yl = by - 2 * step, yh = by + 2 * step;
        var start = reference.ToArray();
        start[ix] = bx; start[iy] = by;
        Grid2DResult grid = null!;
        Contour c = null!;
        bool touches = true;
        int it;
        for (it = 1; it <= maxIterations; it++)
        {
            grid = Scan(cost, fast, x, y, ProfileScan.Linear(xl, xh, points), ProfileScan.Linear(yl, yh, points), start, islandFit, [cl], dof, chi2Min);
            // Δχ² relative to the global minimum (a mirror island's own grid only sees its local minimum).
            if (grid.Chi2Min > chi2Min)
            {
                var delta = grid.Chi2.Select(v => v - chi2Min).ToArray();
                grid = grid with { DeltaChi2 = delta, Chi2Min = chi2Min, Contours = [ProfileScan.MakeContour(grid.X, grid.Y, delta, cl, dof)] };
            }
            c = grid.Contours[0];
            double sx = xh - xl, sy = yh - yl;
            if (double.IsNaN(c.XRange.Lower))
            {
                xl -= sx / 2; xh += sx / 2; yl -= sy / 2; yh += sy / 2;
                continue;
            }
            touches = c.XRange.LowerAtGridEdge || c.XRange.UpperAtGridEdge || c.YRange.LowerAtGridEdge || c.YRange.UpperAtGridEdge;
            if (touches)
            {
                if (c.XRange.LowerAtGridEdge) xl -= sx;
                if (c.XRange.UpperAtGridEdge) xh += sx;
                if (c.YRange.LowerAtGridEdge) yl -= sy;
                if (c.YRange.UpperAtGridEdge) yh += sy;
                continue;
            }
            double rx = c.XRange.Width, ry = c.YRange.Width;
            bool shrink = rx < 0.4 * sx || ry < 0.4 * sy;
            if (!shrink || it == maxIterations) break;
            double mx = Math.Max(0.25 * rx, 3 * sx / (points - 1)), my = Math.Max(0.25 * ry, 3 * sy / (points - 1));
            (xl, xh) = rx < 0.4 * sx ? (c.XRange.Lower - mx, c.XRange.Upper + mx) : (xl, xh);
            (yl, yh) = ry < 0.4 * sy ? (c.YRange.Lower - my, c.YRange.Upper + my) : (yl, yh);
        }
        return new RegionIsland(bx, by, dBest, grid, c, Math.Min(it, maxIterations), touches);
    }
}
