namespace NuXe.Statistics;

/// <summary>
/// The Gaussian χ² of a <see cref="ChiSquareCost"/> without nuisances, evaluated in O(basis²) per θ instead of O(bins × basis)
/// (STATISTICS.md §5 "a χ² costs O(bins × basis)", here even less): with fixed weights w_i = 1/σ_i² the data term
/// χ²(θ) = Σ_i w_i (n_i − μ_i(θ))² and μ_i(θ) = Σ_j c_j(θ) T_ji + F_i (F: the fixed templates) give, expanded around an
/// origin θ₀ with residual r_i = n_i − μ_i(θ₀) and Δc = c(θ) − c(θ₀),
/// <code>χ²(θ) = Σ_i w_i r_i² − 2 Σ_j Δc_j Σ_i w_i r_i T_ji + Σ_jl Δc_j Δc_l Σ_i w_i T_ji T_li</code>
/// exactly. The expansion around θ₀ (the true point of Asimov data, where r ≈ 0) avoids the cancellation of large terms
/// near the minimum: the result agrees with <see cref="ChiSquareCost.Profile"/> to rounding (≈ 10⁻¹⁶ × Σ w μ² in absolute
/// terms). Used for dense 2-D grids (<c>RegionFinder</c>), where it replaces ≈ 10³ vector operations per point by ≈ 10
/// multiplications. Immutable and thread-safe (if the cost's coefficient function is).
/// </summary>
public sealed class GaussianQuadraticChi2
{
    readonly ICoefficientFunction _coefficients;
    readonly int _k, _np;
    readonly double[] _c0, _gram, _b;
    readonly double _r2;
    readonly ChiSquareCost _source;

    GaussianQuadraticChi2(ChiSquareCost source, ICoefficientFunction coefficients, int np, double[] c0, double[] gram, double[] b, double r2)
    {
        _source = source; _coefficients = coefficients; _k = c0.Length; _np = np; _c0 = c0; _gram = gram; _b = b; _r2 = r2;
    }

    /// <summary>The cost this form was built from.</summary>
    public ChiSquareCost Source => _source;

    /// <summary>Number of driven templates (basis size).</summary>
    public int BasisCount => _k;

    /// <summary>
    /// The quadratic form of <paramref name="cost"/> expanded around <paramref name="origin"/> (all θ), or null when the cost is
    /// not a Gaussian <see cref="ChiSquareCost"/> without nuisances (then use the cost itself).
    /// </summary>
    public static GaussianQuadraticChi2? TryCreate(Cost cost, IReadOnlyList<double> origin)
    {
        if (cost is not ChiSquareCost { Kind: CostKind.Gaussian } c) return null;
        var model = c.Model;
        if (model.NuisanceNames.Count > 0 || model.Coefficients is not { } coef) return null;
        int nb = model.BinCount, k = model.DrivenCount, np = model.ParameterNames.Count;
        if (origin.Count != np) throw new ArgumentException($"Expected {np} origin values.");
        var n = c.Data.Counts;
        var w = new double[nb];
        for (int i = 0; i < nb; i++)
        {
            // the weights of ChiSquareCost (Gaussian): the data set's σ_i if given, else σ_i² = n_i; weight 0 where σ_i² ≤ 0
            double s2 = c.Data.Sigmas is { } sg ? sg[i] * sg[i] : n[i];
            w[i] = s2 > 0 ? 1.0 / s2 : 0.0;
        }
        var c0 = new double[k];
        coef.Evaluate(origin.ToArray(), c0, Span<double>.Empty);
        foreach (var v in c0) if (!double.IsFinite(v)) return null;
        var r = new double[nb];
        for (int i = 0; i < nb; i++) r[i] = n[i];
        for (int j = 0; j < model.Templates.Count; j++)
        {
            var t = model.Templates[j].Counts;
            double cj = j < k ? c0[j] : 1.0;
            for (int i = 0; i < nb; i++) r[i] -= cj * t[i];
        }
        double r2 = 0;
        for (int i = 0; i < nb; i++) r2 += w[i] * r[i] * r[i];
        var b = new double[k];
        var gram = new double[k * k];
        for (int j = 0; j < k; j++)
        {
            var tj = model.Templates[j].Counts;
            double s = 0;
            for (int i = 0; i < nb; i++) s += w[i] * r[i] * tj[i];
            b[j] = s;
            for (int l = 0; l <= j; l++)
            {
                var tl = model.Templates[l].Counts;
                double g = 0;
                for (int i = 0; i < nb; i++) g += w[i] * tj[i] * tl[i];
                gram[j * k + l] = g; gram[l * k + j] = g;
            }
        }
        return new GaussianQuadraticChi2(c, coef, np, c0, gram, b, r2);
    }

    /// <summary>χ²(θ) (all θ); +∞ where the coefficients are not finite (as <see cref="ChiSquareCost"/>).</summary>
    public double Chi2(ReadOnlySpan<double> theta) => Chi2(theta, Span<double>.Empty);

    /// <summary>χ²(θ) and, when <paramref name="gradient"/> is not empty, ∂χ²/∂θ (through ∂c_j/∂θ).</summary>
    public double Chi2(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        if (theta.Length != _np) throw new ArgumentException($"Expected {_np} parameters, got {theta.Length}.");
        bool grad = !gradient.IsEmpty;
        Span<double> dc = _k <= 64 ? stackalloc double[_k] : new double[_k];
        Span<double> gdc = !grad ? Span<double>.Empty : _k * _np <= 256 ? stackalloc double[_k * _np] : new double[_k * _np];
        _coefficients.Evaluate(theta, dc, gdc);
        for (int j = 0; j < _k; j++) dc[j] -= _c0[j];
        double lin = 0, quad = 0;
        for (int j = 0; j < _k; j++)
        {
            double dj = dc[j];
            lin += dj * _b[j];
            double row = 0;
            for (int l = 0; l < j; l++) row += _gram[j * _k + l] * dc[l];
            quad += dj * (2 * row + _gram[j * _k + j] * dj);
        }
        double chi2 = _r2 - 2 * lin + quad;
        if (!double.IsFinite(chi2))
        {
            if (grad) gradient.Fill(double.NaN);
            return double.PositiveInfinity;
        }
        if (grad)
        {
            // ∂χ²/∂c_j = −2 b_j + 2 Σ_l G_jl Δc_l
            gradient.Clear();
            for (int j = 0; j < _k; j++)
            {
                double s = 0;
                for (int l = 0; l < _k; l++) s += _gram[j * _k + l] * dc[l];
                double dj = 2 * (s - _b[j]);
                for (int p = 0; p < _np; p++) gradient[p] += dj * gdc[j * _np + p];
            }
        }
        // the exact value Σ w (n − μ)² is ≥ 0; rounding may leave −10⁻¹⁵ at the origin
        return Math.Max(chi2, 0.0);
    }

    /// <summary>This form as a <see cref="Cost"/> (no nuisances), for fits, 1-D profiles and root finding on the same χ².</summary>
    public Cost AsCost() => new QuadraticCost(this);

    sealed class QuadraticCost(GaussianQuadraticChi2 form) : Cost
    {
        public override IReadOnlyList<string> ParameterNames => form._source.ParameterNames;
        public override IReadOnlyList<string> DataSetNames => form._source.DataSetNames;
        public override IReadOnlyList<string> NuisanceNames => [];
        public override int BinCount => form._source.BinCount;
        public override int FreeNuisanceCount => 0;

        protected internal override CostWorkspace CreateWorkspace(double[] nuisanceStorage, int offset) => new Workspace(nuisanceStorage, offset);

        public override double Evaluate(ReadOnlySpan<double> theta, ReadOnlySpan<double> nuisances, CostWorkspace workspace,
            Span<double> thetaGradient, Span<double> nuisanceGradient)
        {
            if (nuisances.Length != 0) throw new ArgumentException("Expected 0 nuisances.");
            return form.Chi2(theta, thetaGradient);
        }

        public override ProfiledValue Profile(ReadOnlySpan<double> theta, CostWorkspace workspace, Span<double> thetaGradient)
        {
            double v = form.Chi2(theta, thetaGradient);
            return double.IsFinite(v) ? new ProfiledValue(v, ConvergenceStatus.Converged, 0) : new ProfiledValue(double.PositiveInfinity, ConvergenceStatus.Failed, 0);
        }

        sealed class Workspace(double[] storage, int offset) : CostWorkspace(storage, offset, 0);
    }
}
