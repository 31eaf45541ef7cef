using NuXe.Statistics;

namespace NuXe.Tests.Statistics;

public class ScanTests
{
    /// <summary>Independent bisection for f(x) = 0 on [a, b] (f(a), f(b) of opposite sign).</summary>
    static double Bisect(Func<double, double> f, double a, double b)
    {
        double fa = f(a);
        for (int i = 0; i < 200; i++)
        {
            double m = 0.5 * (a + b), fm = f(m);
            if (Math.Sign(fm) == Math.Sign(fa)) { a = m; fa = fm; } else b = m;
        }
        return 0.5 * (a + b);
    }

    static ChiSquareCost OneBin(double s, double b, double n) =>
        new(new BinnedLinearModel([new Template("sig", "signal", [s]), new Template("bkg", "bkg", [b])], TestModels.Linear("x")),
            new BinnedData("count", [n]), CostKind.Poisson);

    [Theory]
    [InlineData(0.6826894921370859, 1.0)]
    [InlineData(0.90, 2.705543454095404)]
    [InlineData(0.95, 3.841458820694124)]
    public void OneBinPoissonIntervalMatchesAnalyticCrossings(double cl, double threshold)
    {
        const double s = 10, b = 5, n = 12;
        var cost = OneBin(s, b, n);
        var r = ProfileScan.Scan1D(cost, "x", ProfileScan.Linear(-0.45, 3.0, 35), [0.5], new ScanOptions(Cls: [cl]));
        // Analytic: μ̂ = n ⇒ x̂ = (n − b)/s; Δχ²(x) = 2[μ − n + n ln(n/μ)], μ = s x + b.
        double xhat = (n - b) / s;
        double D(double x) { double mu = s * x + b; return 2 * (mu - n + n * Math.Log(n / mu)) - threshold; }
        double lo = Bisect(D, -b / s + 1e-12, xhat), hi = Bisect(D, xhat, 10);
        var ci = r.At(cl);
        Assert.Equal(threshold, ci.Threshold, 1e-9);
        Assert.Equal(xhat, r.BestFitValue, 1e-6);
        Assert.Equal(0.0, r.Chi2Min, 1e-9);
        var iv = Assert.Single(ci.Intervals);
        Assert.Equal(lo, iv.Lower, 1e-7);
        Assert.Equal(hi, iv.Upper, 1e-7);
        Assert.Equal(xhat - lo, ci.ErrorMinus, 1e-6);
        Assert.Equal(hi - xhat, ci.ErrorPlus, 1e-6);
        Assert.True(ci.ErrorPlus > ci.ErrorMinus); // Poisson asymmetry
        Assert.True(r.AllConverged);
    }

    [Fact]
    public void IntervalEndNextToForbiddenRegionIsFound()
    {
        // μ = 10 x + 0.2 with n = 1: μ ≤ 0 (χ² = +∞) for x ≤ −0.02, right next to the lower 1σ crossing.
        const double s = 10, b = 0.2, n = 1;
        var cost = OneBin(s, b, n);
        var r = ProfileScan.Scan1D(cost, "x", ProfileScan.Linear(-0.1, 1.0, 12), [0.1]);
        Assert.Contains(r.Chi2, double.IsPositiveInfinity);
        double xhat = (n - b) / s;
        double D(double x) { double mu = s * x + b; return 2 * (mu - n + n * Math.Log(n / mu)) - 1.0; }
        var iv = Assert.Single(r.At(ChiSquareThresholds.OneSigmaCl).Intervals);
        Assert.Equal(Bisect(D, -b / s + 1e-12, xhat), iv.Lower, 1e-7);
        Assert.Equal(Bisect(D, xhat, 10), iv.Upper, 1e-7);
        Assert.False(iv.LowerAtGridEdge);
    }

    /// <summary>μ_i = x a_i + y c_i + (1+η) b_i with Gaussian errors and a pulled η: χ² is exactly quadratic.</summary>
    static (ChiSquareCost Cost, double[] Sigma, double[,] Cov, double[] Hat) LinearGaussian()
    {
        int nb = 12;
        var a = TestModels.Shape(nb, u => 3 + 10 * u);
        var c = TestModels.Shape(nb, u => 8 - 5 * u + 4 * u * u);
        var bk = TestModels.Shape(nb, u => 20 + 2 * Math.Sin(5 * u));
        var sig = TestModels.Shape(nb, u => 1.5 + u);
        var rnd = new Random(5);
        var obs = Enumerable.Range(0, nb).Select(i => 1.3 * a[i] + 0.7 * c[i] + bk[i] + sig[i] * (rnd.NextDouble() - 0.5)).ToArray();
        const double sEta = 0.1;
        var model = new BinnedLinearModel([new Template("a", "sa", a), new Template("c", "sc", c), new Template("b", "bkg", bk)],
            TestModels.Linear("x", "y"), [new NormNuisance("nb", ["bkg"], sEta)]);
        var cost = new ChiSquareCost(model, new BinnedData("lin", obs, sig), CostKind.Gaussian);
        // Analytic least squares in (x, y, η): residual r = obs − b − [a c b]·p; pull η/σ.
        var j = new double[nb + 1, 3]; var rhs = new double[nb + 1];
        for (int i = 0; i < nb; i++) { j[i, 0] = a[i] / sig[i]; j[i, 1] = c[i] / sig[i]; j[i, 2] = bk[i] / sig[i]; rhs[i] = (obs[i] - bk[i]) / sig[i]; }
        j[nb, 2] = 1 / sEta; rhs[nb] = 0;
        var J = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(j);
        var F = J.TransposeThisAndMultiply(J);
        var cov = F.Inverse();
        var hat = cov * J.TransposeThisAndMultiply(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(rhs));
        return (cost, sig, cov.ToArray(), hat.ToArray());
    }

    [Fact]
    public void LinearGaussianFitErrorsEqualAnalyticCovariance()
    {
        var (cost, _, cov, hat) = LinearGaussian();
        var fit = Fitter.Fit(cost, [1.0, 1.0]);
        Assert.True(fit.IsValid);
        Assert.Equal(hat[0], fit.Values[0], 1e-7);
        Assert.Equal(hat[1], fit.Values[1], 1e-7);
        Assert.Equal(hat[2], fit.Nuisances[0], 1e-7);
        Assert.Equal(Math.Sqrt(cov[0, 0]), fit.Errors[0], 1e-6 * Math.Sqrt(cov[0, 0]));
        Assert.Equal(Math.Sqrt(cov[1, 1]), fit.Errors[1], 1e-6 * Math.Sqrt(cov[1, 1]));
        Assert.Equal(cov[0, 1], fit.CovarianceAt(0, 1), 1e-6 * Math.Sqrt(cov[0, 0] * cov[1, 1]));
        Assert.Equal(12 - 2, fit.Ndf);
        Assert.Equal(1.0, fit.ErrorThreshold);
    }

    [Fact]
    public void QuadraticProfileIntervalEqualsHessianErrorBothModes()
    {
        var (cost, _, cov, hat) = LinearGaussian();
        // Others profiled: the interval is x̂ ± √(t·C_xx) (marginal covariance).
        var prof = ProfileScan.Scan1D(cost, "x", ProfileScan.Linear(0.5, 2.2, 21), [1.0, 1.0],
            new ScanOptions(Cls: [ChiSquareThresholds.OneSigmaCl, 0.95], ProfileOthers: true));
        foreach (var ci in prof.Intervals)
        {
            double half = Math.Sqrt(ci.Threshold * cov[0, 0]);
            var iv = Assert.Single(ci.Intervals);
            Assert.Equal(hat[0] - half, iv.Lower, 1e-6);
            Assert.Equal(hat[0] + half, iv.Upper, 1e-6);
        }
        Assert.Equal(prof.BestFit.Errors[0], prof.At(ChiSquareThresholds.OneSigmaCl).ErrorPlus, 1e-5);
        // Other θ fixed at its best fit: the conditional error, √(1/(F_xx restricted)) — compare with a fit with y fixed.
        var fixedFit = Fitter.Fit(cost, [1.0, hat[1]], new FitOptions(FixedParameters: ["y"]));
        var cond = ProfileScan.Scan1D(cost, "x", ProfileScan.Linear(0.5, 2.2, 21), [1.0, hat[1]]);
        Assert.False(cond.OthersProfiled);
        var civ = Assert.Single(cond.At(ChiSquareThresholds.OneSigmaCl).Intervals);
        Assert.Equal(fixedFit.Errors[0], 0.5 * civ.Width, 1e-6);
        Assert.True(fixedFit.Errors[0] < prof.BestFit.Errors[0]); // conditioning shrinks the error
    }

    [Fact]
    public void SignDegeneracyGivesDisjointIntervals()
    {
        // Rate ∝ a²: χ² symmetric in a ⇒ two disjoint 1σ intervals around ±â.
        var model = new BinnedLinearModel([new Template("s", "signal", [50.0, 30.0]), new Template("b", "bkg", [10.0, 10.0])],
            new DelegateCoefficientFunction(["a"], 1, (t, c, g) => { c[0] = t[0] * t[0]; if (!g.IsEmpty) g[0] = 2 * t[0]; }));
        var cost = new ChiSquareCost(model, new BinnedData("d", [60.0, 40.0]), CostKind.Poisson);
        var r = ProfileScan.Scan1D(cost, "a", ProfileScan.Linear(-2, 2, 41), [0.8]);
        var ci = r.At(ChiSquareThresholds.OneSigmaCl);
        Assert.Equal(2, ci.Intervals.Count);
        Assert.Equal(-ci.Intervals[1].Upper, ci.Intervals[0].Lower, 1e-6);
        Assert.Equal(-ci.Intervals[1].Lower, ci.Intervals[0].Upper, 1e-6);
        Assert.Equal(1.0, r.BestFitValue, 1e-5);
    }

    [Fact]
    public void Grid2DContourProjectionsMatchQuadraticEllipse()
    {
        var (cost, _, cov, hat) = LinearGaussian();
        double sx = Math.Sqrt(cov[0, 0]), sy = Math.Sqrt(cov[1, 1]);
        var xg = ProfileScan.Linear(hat[0] - 4 * sx, hat[0] + 4 * sx, 121);
        var yg = ProfileScan.Linear(hat[1] - 4 * sy, hat[1] + 4 * sy, 101);
        var g = ProfileScan.Scan2D(cost, "x", xg, "y", yg, [1.0, 1.0], new ScanOptions(Cls: [0.90], MaxDegreeOfParallelism: 2));
        Assert.Equal(0, g.NonConvergedCount);
        var c = Assert.Single(g.Contours);
        Assert.Equal(4.605170185988091, c.Threshold, 1e-9);
        var line = Assert.Single(c.Lines);
        Assert.True(line.Closed);
        double t = c.Threshold;
        Assert.Equal(hat[0] - Math.Sqrt(t * cov[0, 0]), c.XRange.Lower, 2e-3 * sx);
        Assert.Equal(hat[0] + Math.Sqrt(t * cov[0, 0]), c.XRange.Upper, 2e-3 * sx);
        Assert.Equal(hat[1] - Math.Sqrt(t * cov[1, 1]), c.YRange.Lower, 2e-3 * sy);
        Assert.Equal(hat[1] + Math.Sqrt(t * cov[1, 1]), c.YRange.Upper, 2e-3 * sy);
        // Area of the ellipse {Δχ² ≤ t} = π t √det(C_xy).
        double det = cov[0, 0] * cov[1, 1] - cov[0, 1] * cov[0, 1];
        Assert.Equal(Math.PI * t * Math.Sqrt(det), line.Area, 2e-3 * line.Area);
        Assert.Equal(0.0, g.DeltaChi2.Min(), 1e-12);
    }

    [Fact]
    public void Grid2DWithProfiledThirdParameterGivesMarginalEllipse()
    {
        // Three linear parameters, Gaussian errors: with z profiled the (x, y) region is the ellipse of the marginal
        // covariance, so its projections are x̂ ± √(t C_xx), ŷ ± √(t C_yy) with C the full 3×3 covariance.
        int nb = 15;
        var a = TestModels.Shape(nb, u => 3 + 10 * u);
        var c = TestModels.Shape(nb, u => 4 + 6 * Math.Sin(3 * u));   // ρ_xy ≈ −0.89 after profiling z
        var d = TestModels.Shape(nb, u => 2 + 6 * Math.Exp(-4 * u));
        var sig = TestModels.Shape(nb, u => 1.0 + u);
        var obs = Enumerable.Range(0, nb).Select(i => 1.1 * a[i] + 0.8 * c[i] + 1.2 * d[i] + 0.3 * sig[i] * Math.Sin(7 * i)).ToArray();
        var model = new BinnedLinearModel([new Template("a", "a", a), new Template("c", "c", c), new Template("d", "d", d)],
            TestModels.Linear("x", "y", "z"));
        var cost = new ChiSquareCost(model, new BinnedData("lin3", obs, sig), CostKind.Gaussian);
        var J = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(nb, 3, (i, k) => (k == 0 ? a[i] : k == 1 ? c[i] : d[i]) / sig[i]);
        var cov = J.TransposeThisAndMultiply(J).Inverse();
        var fit = Fitter.Fit(cost, [1.0, 1.0, 1.0]);
        double sx = Math.Sqrt(cov[0, 0]), sy = Math.Sqrt(cov[1, 1]);
        var xg = ProfileScan.Linear(fit.Values[0] - 3.5 * sx, fit.Values[0] + 3.5 * sx, 61);
        var yg = ProfileScan.Linear(fit.Values[1] - 3.5 * sy, fit.Values[1] + 3.5 * sy, 61);
        var g = ProfileScan.Scan2D(cost, "x", xg, "y", yg, [1.0, 1.0, 1.0], new ScanOptions(Cls: [0.6826894921370859], ProfileOthers: true));
        Assert.True(g.OthersProfiled);
        Assert.Equal(0, g.NonConvergedCount);
        var cont = Assert.Single(g.Contours);
        Assert.Equal(2.2957489288986, cont.Threshold, 1e-9);
        double hx = Math.Sqrt(cont.Threshold * cov[0, 0]), hy = Math.Sqrt(cont.Threshold * cov[1, 1]);
        Assert.Equal(fit.Values[0] - hx, cont.XRange.Lower, 5e-3 * sx);
        Assert.Equal(fit.Values[0] + hx, cont.XRange.Upper, 5e-3 * sx);
        Assert.Equal(fit.Values[1] - hy, cont.YRange.Lower, 5e-3 * sy);
        Assert.Equal(fit.Values[1] + hy, cont.YRange.Upper, 5e-3 * sy);
        Assert.Equal(Math.Sqrt(cov[2, 2]), fit.Errors[2], 1e-6 * Math.Sqrt(cov[2, 2]));
    }

    [Fact]
    public void Grid2DIsDeterministicAcrossThreadCounts()
    {
        var m = TestModels.Spectrum(50);
        var cost = new ChiSquareCost(m, TestModels.Asimov(m, [0.7, 0.4]), CostKind.Poisson);
        var xg = ProfileScan.Linear(0.5, 0.9, 9); var yg = ProfileScan.Linear(0.2, 0.6, 7);
        var a = ProfileScan.Scan2D(cost, "a", xg, "b", yg, [0.7, 0.4], new ScanOptions(MaxDegreeOfParallelism: 1));
        var b = ProfileScan.Scan2D(cost, "a", xg, "b", yg, [0.7, 0.4], new ScanOptions(MaxDegreeOfParallelism: 2));
        Assert.Equal(a.Chi2, b.Chi2);
        Assert.Equal(0, a.NonConvergedCount);
    }
}

public class MarchingSquaresTests
{
    [Fact]
    public void EllipseAreaAndExtent()
    {
        double ax = 2.0, by = 1.0;
        var x = ProfileScan.Linear(-3, 3, 241); var y = ProfileScan.Linear(-2, 2, 161);
        var v = new double[x.Length * y.Length];
        for (int j = 0; j < y.Length; j++)
            for (int i = 0; i < x.Length; i++) v[j * x.Length + i] = Math.Pow(x[i] / ax, 2) + Math.Pow(y[j] / by, 2);
        var lines = MarchingSquares.Trace(x, y, v, 1.0);
        var l = Assert.Single(lines);
        Assert.True(l.Closed);
        Assert.Equal(Math.PI * ax * by, l.Area, 1e-3 * Math.PI * ax * by);
        Assert.Equal(ax, l.Points.Max(p => p.X), 1e-3);
        Assert.Equal(-ax, l.Points.Min(p => p.X), 1e-3);
        Assert.Equal(by, l.Points.Max(p => p.Y), 1e-3);
        // Quadratic interpolation along grid lines is exact for a quadratic field: every vertex lies on the ellipse.
        foreach (var p in l.Points) Assert.Equal(1.0, Math.Pow(p.X / ax, 2) + Math.Pow(p.Y / by, 2), 1e-9);
        // Projected extents refined by the vertex parabola.
        var c = ProfileScan.MakeContour(x, y, v.Select(f => f - 1.0 + ChiSquareThresholds.Threshold(0.9, 2)).ToArray(), 0.9, 2);
        Assert.Equal(-ax, c.XRange.Lower, 1e-6); Assert.Equal(ax, c.XRange.Upper, 1e-6);
        Assert.Equal(-by, c.YRange.Lower, 1e-6); Assert.Equal(by, c.YRange.Upper, 1e-6);
    }

    [Fact]
    public void TiltedEllipseProjectionsAndArea()
    {
        // (r − c)ᵀ C⁻¹ (r − c) ≤ t with C = [[1, 0.6], [0.6, 0.5]] (ρ ≈ 0.85), off-centre and off-grid:
        // projections c_x ± √(t C_xx), c_y ± √(t C_yy); area π t √det C.
        double cx = 0.137, cy = -0.071, cxx = 1.0, cxy = 0.6, cyy = 0.5, det = cxx * cyy - cxy * cxy;
        var x = ProfileScan.Linear(-4, 4, 81); var y = ProfileScan.Linear(-3, 3, 61);
        var v = new double[x.Length * y.Length];
        for (int j = 0; j < y.Length; j++)
            for (int i = 0; i < x.Length; i++)
            {
                double dx = x[i] - cx, dy = y[j] - cy;
                v[j * x.Length + i] = (cyy * dx * dx - 2 * cxy * dx * dy + cxx * dy * dy) / det;
            }
        var c = ProfileScan.MakeContour(x, y, v, 0.95, 2);
        double t = c.Threshold;
        var line = Assert.Single(c.Lines);
        Assert.Equal(Math.PI * t * Math.Sqrt(det), line.Area, 5e-3 * line.Area);
        double hx = Math.Sqrt(t * cxx), hy = Math.Sqrt(t * cyy);
        Assert.Equal(cx - hx, c.XRange.Lower, 2e-3 * hx);
        Assert.Equal(cx + hx, c.XRange.Upper, 2e-3 * hx);
        Assert.Equal(cy - hy, c.YRange.Lower, 2e-3 * hy);
        Assert.Equal(cy + hy, c.YRange.Upper, 2e-3 * hy);
    }

    [Fact]
    public void TwoDisjointRegionsAndOpenLinesAtBorder()
    {
        var x = ProfileScan.Linear(-3, 3, 241); var y = ProfileScan.Linear(-1, 1, 81);
        var v = new double[x.Length * y.Length];
        for (int j = 0; j < y.Length; j++)
            for (int i = 0; i < x.Length; i++)
            {
                double d1 = Math.Pow(x[i] - 1.5, 2) + y[j] * y[j], d2 = Math.Pow(x[i] + 1.5, 2) + y[j] * y[j];
                v[j * x.Length + i] = Math.Min(d1, d2);
            }
        var closed = MarchingSquares.Trace(x, y, v, 0.25);
        Assert.Equal(2, closed.Count);
        Assert.All(closed, l => Assert.Equal(Math.PI * 0.25, l.Area, 2e-3));
        // Level 2: the circles (radius √2) cross the y borders ⇒ open polylines.
        var open = MarchingSquares.Trace(x, y, v, 2.0);
        Assert.All(open, l => Assert.False(l.Closed));
        Assert.NotEmpty(open);
    }
}

public class ThresholdTests
{
    [Theory]
    [InlineData(0.6826894921370859, 1, 1.0)]
    [InlineData(0.90, 1, 2.706)]
    [InlineData(0.95, 1, 3.841)]
    [InlineData(0.99, 1, 6.635)]
    [InlineData(0.90, 2, 4.605)]
    [InlineData(0.95, 2, 5.991)]
    [InlineData(0.99, 2, 9.210)]
    [InlineData(0.90, 3, 6.251)]
    [InlineData(0.95, 3, 7.815)]
    public void MatchesTables(double cl, int dof, double expected) =>
        Assert.Equal(expected, ChiSquareThresholds.Threshold(cl, dof), 1e-3);

    [Fact]
    public void SigmaHelpers()
    {
        Assert.Equal(2.2957, ChiSquareThresholds.ThresholdForSigma(1, 2), 1e-3);
        Assert.Equal(0.6827, ChiSquareThresholds.OneSigmaCl, 1e-4);
        Assert.Equal(0.95, ChiSquareThresholds.Cl(ChiSquareThresholds.Threshold(0.95, 4), 4), 1e-10);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChiSquareThresholds.Threshold(1.0, 1));
    }
}
