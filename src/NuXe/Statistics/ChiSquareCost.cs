using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace NuXe.Statistics;

/// <summary>
/// χ² of one data set against a <see cref="BinnedLinearModel"/> (STATISTICS.md §2): Poisson (Baker–Cousins) or
/// Gaussian data term plus Gaussian pulls Σ_k (η_k/σ_k)², with analytic gradient and Hessian in the nuisances and
/// analytic gradient in θ (through ∂c_j/∂θ).
/// <para>Speed (STATISTICS.md §5): templates are merged into "classes" that share the same set of normalisation
/// nuisances. Fixed templates are summed per class once at construction; once per θ the class sums
/// A_k = Σ_{j∈k} c_j T_j and B_ks = Σ_{j∈k} c_j D_sj are formed, so each Newton iteration costs
/// O(bins × (classes × (1 + shifts) + nuisances²)) vector operations (System.Numerics.Tensors) and allocates nothing.</para>
/// </summary>
public sealed class ChiSquareCost : Cost
{
    readonly int _nb, _kc, _nTheta, _nNorm, _nShift, _p, _k;
    readonly double[] _n, _w2, _w;
    readonly double _poissonConst;
    readonly int[][] _classNorms;   // norms acting on class k
    readonly int[][] _normClasses;  // classes that norm n acts on
    readonly int[] _drivenClass;
    readonly double[][] _t;         // driven templates
    readonly double[]?[] _d;        // [s * kc + j] driven derivative templates (null: not affected)
    readonly double[] _fixedA, _fixedB;
    readonly double[] _lower, _upper, _invSig2;
    readonly string[] _parameterNames, _dataSetNames, _nuisanceNames;
    readonly object _family;        // shared by the costs of one model built with WithData (their workspaces are interchangeable)

    /// <summary>Builds the cost of <paramref name="data"/> against <paramref name="model"/>.</summary>
    public ChiSquareCost(BinnedLinearModel model, BinnedData data, CostKind kind, ProfilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.BinCount != model.BinCount) throw new ArgumentException($"Data '{data.Name}' has {data.BinCount} bins, model {model.BinCount}.");
        Model = model; Data = data; Kind = kind; Options = options ?? ProfilerOptions.Default;
        _nb = model.BinCount; _kc = model.DrivenCount; _nTheta = model.ParameterNames.Count;
        _nNorm = model.Norms.Count; _nShift = model.Shifts.Count; _p = _nNorm + _nShift;
        (_n, _w, _w2, _poissonConst) = DataTerms(data, kind, _nb);
        _family = new object();

        // Classes: distinct sets of normalisation nuisances acting on a template.
        var masks = new List<ulong>();
        var classOf = new int[model.Templates.Count];
        for (int j = 0; j < model.Templates.Count; j++)
        {
            ulong m = 0;
            for (int n = 0; n < _nNorm; n++) if (model.Norms[n].Groups.Contains(model.Templates[j].Group)) m |= 1UL << n;
            int k = masks.IndexOf(m);
            if (k < 0) { k = masks.Count; masks.Add(m); }
            classOf[j] = k;
        }
        _k = masks.Count;
        _classNorms = masks.Select(m => Enumerable.Range(0, _nNorm).Where(n => (m & (1UL << n)) != 0).ToArray()).ToArray();
        _normClasses = Enumerable.Range(0, _nNorm).Select(n => Enumerable.Range(0, _k).Where(k => (masks[k] & (1UL << n)) != 0).ToArray()).ToArray();
        _drivenClass = classOf.Take(_kc).ToArray();
        _t = model.Templates.Take(_kc).Select(t => t.Counts.ToArray()).ToArray();
        _d = new double[]?[_nShift * _kc];
        _fixedA = new double[_k * _nb];
        _fixedB = new double[_k * _nShift * _nb];
        for (int j = 0; j < model.Templates.Count; j++)
        {
            var tj = model.Templates[j];
            int k = classOf[j];
            if (j >= _kc) for (int i = 0; i < _nb; i++) _fixedA[k * _nb + i] += tj.Counts[i];
            for (int s = 0; s < _nShift; s++)
            {
                if (!model.Shifts[s].Derivatives.TryGetValue(tj.Name, out var dj)) continue;
                if (j < _kc) _d[s * _kc + j] = dj.ToArray();
                else for (int i = 0; i < _nb; i++) _fixedB[(k * _nShift + s) * _nb + i] += dj[i];
            }
        }
        _lower = new double[_p]; _upper = new double[_p]; _invSig2 = new double[_p];
        for (int n = 0; n < _nNorm; n++)
        {
            var nn = model.Norms[n];
            _lower[n] = nn.Lower; _upper[n] = nn.Upper; _invSig2[n] = nn.Sigma is { } s ? 1.0 / (s * s) : 0.0;
        }
        for (int s = 0; s < _nShift; s++)
        {
            var sn = model.Shifts[s];
            _lower[_nNorm + s] = sn.Lower; _upper[_nNorm + s] = sn.Upper; _invSig2[_nNorm + s] = sn.Sigma is { } sg ? 1.0 / (sg * sg) : 0.0;
        }
        FreeNuisanceCount = _invSig2.Count(v => v == 0);
        _parameterNames = model.ParameterNames.ToArray();
        _dataSetNames = [data.Name];
        _nuisanceNames = model.NuisanceNames.ToArray();
    }

    // A cost of other data on the same model and kind: shares every model-derived array (see WithData).
    ChiSquareCost(ChiSquareCost o, BinnedData data, bool shareCounts)
    {
        if (data.BinCount != o._nb) throw new ArgumentException($"Data '{data.Name}' has {data.BinCount} bins, model {o._nb}.");
        Model = o.Model; Data = data; Kind = o.Kind; Options = o.Options;
        _nb = o._nb; _kc = o._kc; _nTheta = o._nTheta; _nNorm = o._nNorm; _nShift = o._nShift; _p = o._p; _k = o._k;
        (_n, _w, _w2, _poissonConst) = DataTerms(data, o.Kind, _nb, shareCounts);
        _family = o._family;
        _classNorms = o._classNorms; _normClasses = o._normClasses; _drivenClass = o._drivenClass; _t = o._t; _d = o._d;
        _fixedA = o._fixedA; _fixedB = o._fixedB; _lower = o._lower; _upper = o._upper; _invSig2 = o._invSig2;
        FreeNuisanceCount = o.FreeNuisanceCount;
        _parameterNames = o._parameterNames; _nuisanceNames = o._nuisanceNames;
        _dataSetNames = [data.Name];
    }

    /// <summary>
    /// The same cost on other data (same model, kind and options; e.g. a toy data set): shares the precomputed templates and
    /// class sums, so it costs O(bins), and a workspace of any cost of the family (this cost and those made from it by
    /// <see cref="WithData"/>) can be used with the others (its per-θ class sums do not depend on the data).
    /// </summary>
    public ChiSquareCost WithData(BinnedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ChiSquareCost(this, data, false);
    }

    // WithData without the defensive copy of the counts: the caller owns data.Counts (a double[]) and does not change it while
    // this cost is in use (the per-thread toy buffers of NeymanToys).
    internal ChiSquareCost WithSharedCounts(BinnedData data) => new(this, data, data.Counts is double[]);

    // Data-dependent terms: counts, Gaussian weights 1/σ² and 2/σ², the Poisson constant Σ (n ln n − n).
    static (double[] N, double[] W, double[] W2, double PoissonConst) DataTerms(BinnedData data, CostKind kind, int nb, bool shareCounts = false)
    {
        var n = shareCounts ? (double[])data.Counts : data.Counts.ToArray();
        foreach (var v in n)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"Data '{data.Name}' must be finite.");
            if (kind == CostKind.Poisson && v < 0) throw new ArgumentException($"Poisson data '{data.Name}' must be ≥ 0.");
        }
        double[] w = kind == CostKind.Gaussian ? new double[nb] : [], w2 = kind == CostKind.Gaussian ? new double[nb] : [];   // Gaussian only
        double poissonConst = 0;
        if (kind == CostKind.Gaussian)
        {
            if (data.Sigmas is { } sg && sg.Count != nb) throw new ArgumentException("Sigmas must have one entry per bin.");
            for (int i = 0; i < nb; i++)
            {
                double s2 = data.Sigmas is { } sig ? sig[i] * sig[i] : n[i];
                w[i] = s2 > 0 ? 1.0 / s2 : 0.0;
                w2[i] = 2.0 * w[i];
            }
        }
        else
        {
            var table = LogOfSmallIntegers;   // toy counts are integers: the same logarithms without the call
            for (int i = 0; i < nb; i++)
            {
                double v = n[i];
                if (!(v > 0)) continue;
                double ln = v < table.Length && (int)v == v ? table[(int)v] : Math.Log(v);
                poissonConst += v * ln - v;
            }
        }
        return (n, w, w2, poissonConst);
    }

    // ln k for k = 0 … 4095 (entry 0 unused), exactly Math.Log(k)
    static readonly double[] LogOfSmallIntegers = Enumerable.Range(0, 4096).Select(k => k > 0 ? Math.Log(k) : 0.0).ToArray();

    /// <summary>The model.</summary>
    public BinnedLinearModel Model { get; }

    /// <summary>The data set.</summary>
    public BinnedData Data { get; }

    /// <summary>Poisson or Gaussian.</summary>
    public CostKind Kind { get; }

    /// <summary>Profiler options.</summary>
    public ProfilerOptions Options { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> ParameterNames => _parameterNames;

    /// <inheritdoc/>
    public override IReadOnlyList<string> DataSetNames => _dataSetNames;

    /// <inheritdoc/>
    public override IReadOnlyList<string> NuisanceNames => _nuisanceNames;

    /// <inheritdoc/>
    public override int BinCount => _nb;

    /// <inheritdoc/>
    public override int FreeNuisanceCount { get; }

    /// <inheritdoc/>
    protected internal override CostWorkspace CreateWorkspace(double[] nuisanceStorage, int offset) => new Workspace(this, nuisanceStorage, offset);

    /// <inheritdoc/>
    public override double Evaluate(ReadOnlySpan<double> theta, ReadOnlySpan<double> nuisances, CostWorkspace workspace,
        Span<double> thetaGradient, Span<double> nuisanceGradient)
    {
        var w = Check(theta, workspace);
        if (nuisances.Length != _p) throw new ArgumentException($"Expected {_p} nuisances.");
        Prepare(w, theta, !thetaGradient.IsEmpty);
        ComputeMu(w, nuisances);
        double chi2 = Chi2Data(w) + Pulls(nuisances);
        if (thetaGradient.IsEmpty && nuisanceGradient.IsEmpty) return chi2;
        if (!double.IsFinite(chi2))
        {
            thetaGradient.Fill(double.NaN); nuisanceGradient.Fill(double.NaN);
            return chi2;
        }
        ComputeG(w);
        if (!nuisanceGradient.IsEmpty)
        {
            if (nuisanceGradient.Length != _p) throw new ArgumentException($"Expected a nuisance gradient of length {_p}.");
            NuisanceDerivatives(w, nuisances, hessian: false);
            w.Grad.AsSpan().CopyTo(nuisanceGradient);
        }
        if (!thetaGradient.IsEmpty) ThetaGradient(w, nuisances, thetaGradient);
        return chi2;
    }

    /// <inheritdoc/>
    public override ProfiledValue Profile(ReadOnlySpan<double> theta, CostWorkspace workspace, Span<double> thetaGradient)
    {
        var w = Check(theta, workspace);
        Prepare(w, theta, !thetaGradient.IsEmpty);
        var r = RunNewton(w);
        if (!thetaGradient.IsEmpty)
        {
            if (double.IsFinite(r.Chi2)) { ComputeG(w); ThetaGradient(w, w.Nuisances, thetaGradient); }
            else thetaGradient.Fill(double.NaN);
        }
        return r;
    }

    Workspace Check(ReadOnlySpan<double> theta, CostWorkspace workspace)
    {
        if (workspace is not Workspace w || !ReferenceEquals(w.Owner._family, _family)) throw new ArgumentException("Workspace was not created by this cost.");
        if (theta.Length != _nTheta) throw new ArgumentException($"Expected {_nTheta} parameters, got {theta.Length}.");
        return w;
    }

    // ---------- per-θ precomputation ----------
    void Prepare(Workspace w, ReadOnlySpan<double> theta, bool needGrad)
    {
        if (w.ThetaReady && (!needGrad || w.GradReady) && theta.SequenceEqual(w.Theta)) return;
        theta.CopyTo(w.Theta);
        if (_kc > 0) Model.Coefficients!.Evaluate(theta, w.C, needGrad ? w.Dc : Span<double>.Empty);
        _fixedA.AsSpan().CopyTo(w.A);
        _fixedB.AsSpan().CopyTo(w.B);
        for (int j = 0; j < _kc; j++)
        {
            double c = w.C[j];
            if (c == 0) continue;
            int k = _drivenClass[j];
            var a = w.A.AsSpan(k * _nb, _nb);
            TensorPrimitives.MultiplyAdd(_t[j], c, a, a);
            for (int s = 0; s < _nShift; s++)
                if (_d[s * _kc + j] is { } dj)
                {
                    var b = w.B.AsSpan((k * _nShift + s) * _nb, _nb);
                    TensorPrimitives.MultiplyAdd(dj, c, b, b);
                }
        }
        w.ThetaReady = true; w.GradReady = needGrad;
    }

    ReadOnlySpan<double> E(Workspace w, int k) => _nShift > 0 ? w.E.AsSpan(k * _nb, _nb) : w.A.AsSpan(k * _nb, _nb);
    ReadOnlySpan<double> B(Workspace w, int k, int s) => w.B.AsSpan((k * _nShift + s) * _nb, _nb);

    // μ = Σ_k f_k (A_k + Σ_s δ_s B_ks)
    void ComputeMu(Workspace w, ReadOnlySpan<double> eta)
    {
        for (int k = 0; k < _k; k++)
        {
            double f = 1.0;
            foreach (int n in _classNorms[k]) f += eta[n];
            w.F[k] = f;
            if (_nShift > 0)
            {
                var e = w.E.AsSpan(k * _nb, _nb);
                w.A.AsSpan(k * _nb, _nb).CopyTo(e);
                for (int s = 0; s < _nShift; s++)
                {
                    double delta = eta[_nNorm + s];
                    if (delta != 0) TensorPrimitives.MultiplyAdd(B(w, k, s), delta, e, e);
                }
            }
        }
        var mu = w.Mu.AsSpan();
        TensorPrimitives.Multiply(E(w, 0), w.F[0], mu);
        for (int k = 1; k < _k; k++) TensorPrimitives.MultiplyAdd(E(w, k), w.F[k], mu, mu);
    }

    double Pulls(ReadOnlySpan<double> eta)
    {
        double s = 0;
        for (int p = 0; p < _p; p++) s += eta[p] * eta[p] * _invSig2[p];
        return s;
    }

    double Chi2Data(Workspace w)
    {
        ReadOnlySpan<double> mu = w.Mu;
        if (Kind == CostKind.Gaussian)
        {
            var r = w.Tmp.AsSpan();
            TensorPrimitives.Subtract(mu, _n, r);
            TensorPrimitives.Multiply(r, _w, w.LogMu);
            double g = TensorPrimitives.Dot(w.LogMu, r);
            return double.IsNaN(g) ? double.PositiveInfinity : g;
        }
        if (TensorPrimitives.Min(mu) > 0)
        {
            TensorPrimitives.Log(mu, w.LogMu);
            return 2.0 * (TensorPrimitives.Sum(mu) - TensorPrimitives.Dot(_n, w.LogMu) + _poissonConst);
        }
        // Slow path: some μ ≤ 0. Allowed only where n = 0 and μ = 0 exactly.
        double sum = 0;
        for (int i = 0; i < _nb; i++)
        {
            double m = mu[i], n = _n[i];
            if (m > 0) sum += m - n + (n > 0 ? n * Math.Log(n / m) : 0.0);
            else if (m == 0 && n == 0) continue;
            else return double.PositiveInfinity;
        }
        return 2.0 * sum;
    }

    // g1 = ∂χ²/∂μ_i, g2 = ∂²χ²/∂μ_i² (at the current μ).
    void ComputeG(Workspace w)
    {
        ReadOnlySpan<double> mu = w.Mu;
        var g1 = w.G1.AsSpan(); var g2 = w.G2.AsSpan(); var tmp = w.Tmp.AsSpan();
        if (Kind == CostKind.Gaussian)
        {
            TensorPrimitives.Subtract(mu, _n, tmp);
            TensorPrimitives.Multiply(tmp, _w2, g1);
            _w2.AsSpan().CopyTo(g2);
            return;
        }
        if (TensorPrimitives.Min(mu) > 0)
        {
            TensorPrimitives.Divide(_n, mu, tmp);           // r = n/μ
            TensorPrimitives.Multiply(tmp, -2.0, g1);
            TensorPrimitives.Add(g1, 2.0, g1);              // 2(1 − n/μ)
            TensorPrimitives.Divide(tmp, mu, g2);
            TensorPrimitives.Multiply(g2, 2.0, g2);         // 2n/μ²
            return;
        }
        for (int i = 0; i < _nb; i++)
        {
            if (mu[i] > 0) { double r = _n[i] / mu[i]; g1[i] = 2 * (1 - r); g2[i] = 2 * r / mu[i]; }
            else { g1[i] = 2; g2[i] = 0; }
        }
    }

    // Nuisance gradient (and Hessians) at the current μ and g1, g2.
    void NuisanceDerivatives(Workspace w, ReadOnlySpan<double> eta, bool hessian)
    {
        ReadOnlySpan<double> g1 = w.G1;
        for (int n = 0; n < _nNorm; n++)
        {
            var dmu = w.Dmu.AsSpan(n * _nb, _nb);
            var cls = _normClasses[n];
            if (cls.Length == 0) dmu.Clear();
            else
            {
                E(w, cls[0]).CopyTo(dmu);
                for (int q = 1; q < cls.Length; q++) TensorPrimitives.Add(dmu, E(w, cls[q]), dmu);
            }
        }
        for (int s = 0; s < _nShift; s++)
        {
            var dmu = w.Dmu.AsSpan((_nNorm + s) * _nb, _nb);
            TensorPrimitives.Multiply(B(w, 0, s), w.F[0], dmu);
            for (int k = 1; k < _k; k++) TensorPrimitives.MultiplyAdd(B(w, k, s), w.F[k], dmu, dmu);
        }
        for (int p = 0; p < _p; p++)
            w.Grad[p] = TensorPrimitives.Dot(g1, w.Dmu.AsSpan(p * _nb, _nb)) + 2.0 * eta[p] * _invSig2[p];
        if (!hessian) return;
        var tmp = w.Tmp.AsSpan();
        for (int p = 0; p < _p; p++)
        {
            var dp = w.Dmu.AsSpan(p * _nb, _nb);
            TensorPrimitives.Multiply(w.G2, dp, tmp);
            for (int q = p; q < _p; q++)
            {
                double h = TensorPrimitives.Dot(tmp, w.Dmu.AsSpan(q * _nb, _nb));
                if (p == q) h += 2.0 * _invSig2[p];
                w.Hgn[p * _p + q] = w.Hgn[q * _p + p] = h;
            }
        }
        w.Hgn.AsSpan().CopyTo(w.H);
        // Second-derivative term Σ g1 ∂²μ/∂η_n∂δ_s = Σ_{k∋n} g1·B_ks (μ is linear in each nuisance separately).
        for (int n = 0; n < _nNorm; n++)
            for (int s = 0; s < _nShift; s++)
            {
                double h = 0;
                foreach (int k in _normClasses[n]) h += TensorPrimitives.Dot(g1, B(w, k, s));
                int q = _nNorm + s;
                w.H[n * _p + q] += h; w.H[q * _p + n] += h;
            }
    }

    void ThetaGradient(Workspace w, ReadOnlySpan<double> eta, Span<double> grad)
    {
        if (grad.Length != _nTheta) throw new ArgumentException($"Expected a θ gradient of length {_nTheta}.");
        grad.Clear();
        ReadOnlySpan<double> g1 = w.G1;
        for (int j = 0; j < _kc; j++)
        {
            double v = TensorPrimitives.Dot(g1, _t[j]);
            for (int s = 0; s < _nShift; s++)
                if (_d[s * _kc + j] is { } dj && eta[_nNorm + s] != 0) v += eta[_nNorm + s] * TensorPrimitives.Dot(g1, dj);
            v *= w.F[_drivenClass[j]];
            for (int p = 0; p < _nTheta; p++) grad[p] += v * w.Dc[j * _nTheta + p];
        }
    }

    // ---------- Newton profiler ----------
    double Clamp(int p, double v) => double.IsNaN(v) ? 0.0 : Math.Clamp(v, _lower[p], _upper[p]);

    ProfiledValue RunNewton(Workspace w)
    {
        var eta = w.Nuisances;
        for (int p = 0; p < _p; p++) eta[p] = Clamp(p, eta[p]);
        ComputeMu(w, eta);
        double chi2 = Chi2Data(w) + Pulls(eta);
        if (!double.IsFinite(chi2) && _p > 0)
        {
            eta.Clear();
            ComputeMu(w, eta);
            chi2 = Chi2Data(w) + Pulls(eta);
        }
        if (!double.IsFinite(chi2)) return new ProfiledValue(double.PositiveInfinity, ConvergenceStatus.Failed, 0);
        if (_p == 0) return new ProfiledValue(chi2, ConvergenceStatus.Converged, 0);

        var status = ConvergenceStatus.MaxIterations;
        int it;
        int pp = _p;
        var trial = w.Trial.AsSpan();
        var step = w.Step.AsSpan();
        for (it = 0; it < Options.MaxIterations; it++)
        {
            ComputeG(w);
            NuisanceDerivatives(w, eta, hessian: true);
            double maxDiag = 0;
            for (int p = 0; p < pp; p++) maxDiag = Math.Max(maxDiag, w.Hgn[p * pp + p]);
            int nf = 0;
            for (int p = 0; p < pp; p++)
            {
                double g = w.Grad[p], v = eta[p];
                bool atLo = v <= _lower[p] + 1e-12 * (1 + Math.Abs(_lower[p])) && g > 0;
                bool atHi = v >= _upper[p] - 1e-12 * (1 + Math.Abs(_upper[p])) && g < 0;
                bool flat = !(w.Hgn[p * pp + p] > 1e-13 * maxDiag) || maxDiag == 0;
                if (!(atLo || atHi || flat)) w.FreeIdx[nf++] = p;
            }
            if (nf == 0) { status = ConvergenceStatus.Converged; break; }
            if (!SolveFree(w, w.H, nf, 0) && !SolveFree(w, w.Hgn, nf, 0))
            {
                bool ok = false;
                for (double lambda = 1e-10 * Math.Max(maxDiag, 1e-300); lambda < 1e30 && !ok; lambda *= 10) ok = SolveFree(w, w.Hgn, nf, lambda);
                if (!ok) break;
            }
            double dec = 0;
            for (int q = 0; q < nf; q++) dec -= w.Grad[w.FreeIdx[q]] * w.Sol[q];
            step.Clear();
            for (int q = 0; q < nf; q++) step[w.FreeIdx[q]] = w.Sol[q];
            if (dec <= Options.Tolerance + 1e-15 * Math.Abs(chi2))
            {
                // Converged; take the last (tiny) Newton step when it does not raise χ²: quadratic convergence makes
                // the nuisances accurate to ~dec² at the cost of one evaluation.
                for (int p = 0; p < pp; p++) trial[p] = Clamp(p, eta[p] + step[p]);
                ComputeMu(w, trial);
                double c = Chi2Data(w) + Pulls(trial);
                if (c <= chi2) { trial.CopyTo(eta); chi2 = c; }
                else ComputeMu(w, eta);
                status = ConvergenceStatus.Converged;
                break;
            }
            double alpha = 1.0, trialChi2 = double.NaN;
            bool accepted = false;
            for (int ls = 0; ls < 40; ls++)
            {
                double pred = 0;
                for (int p = 0; p < pp; p++)
                {
                    trial[p] = Clamp(p, eta[p] + alpha * step[p]);
                    pred += w.Grad[p] * (trial[p] - eta[p]);
                }
                ComputeMu(w, trial);
                trialChi2 = Chi2Data(w) + Pulls(trial);
                if (double.IsFinite(trialChi2) && trialChi2 <= chi2 + 1e-4 * pred) { accepted = true; break; }
                alpha *= 0.5;
            }
            if (!accepted)
            {
                ComputeMu(w, eta);
                if (dec < 1e-6 * (1 + Math.Abs(chi2))) status = ConvergenceStatus.Converged; // rounding-limited
                break;
            }
            trial.CopyTo(eta);
            chi2 = trialChi2;
        }
        if (status != ConvergenceStatus.Converged && Options.UseFallback)
        {
            (chi2, status) = Fallback(w, chi2);
        }
        return new ProfiledValue(chi2, status, it);
    }

    bool SolveFree(Workspace w, double[] h, int nf, double lambda)
    {
        var l = w.L.AsSpan(0, nf * nf);
        for (int a = 0; a < nf; a++)
        {
            int pa = w.FreeIdx[a];
            for (int b = 0; b < nf; b++) l[a * nf + b] = h[pa * _p + w.FreeIdx[b]];
            l[a * nf + a] += lambda;
            w.Sol[a] = -w.Grad[pa];
        }
        if (!SmallDense.Cholesky(l, nf)) return false;
        SmallDense.CholeskySolve(l, nf, w.Sol.AsSpan(0, nf));
        for (int a = 0; a < nf; a++) if (!double.IsFinite(w.Sol[a])) return false;
        return true;
    }

    // MathNet BFGS-B on the nuisances (allocates; only used when Newton fails).
    (double, ConvergenceStatus) Fallback(Workspace w, double chi2Start)
    {
        var best = w.Nuisances.ToArray();
        double bestChi2 = chi2Start;
        var etaBuf = new double[_p];
        var objective = ObjectiveFunction.Gradient(x =>
        {
            for (int p = 0; p < _p; p++) etaBuf[p] = x[p];
            ComputeMu(w, etaBuf);
            double c = Chi2Data(w) + Pulls(etaBuf);
            var g = Vector<double>.Build.Dense(_p);
            if (double.IsFinite(c))
            {
                ComputeG(w);
                NuisanceDerivatives(w, etaBuf, hessian: false);
                for (int p = 0; p < _p; p++) g[p] = w.Grad[p];
                if (c < bestChi2) { bestChi2 = c; etaBuf.CopyTo(best, 0); }
            }
            else c = 1e300;
            return (c, g);
        });
        var lo = Vector<double>.Build.Dense(_p, p => Math.Max(_lower[p], -1e6));
        var hi = Vector<double>.Build.Dense(_p, p => Math.Min(_upper[p], 1e6));
        var x0 = Vector<double>.Build.Dense(_p, p => Math.Clamp(best[p], lo[p], hi[p]));
        var status = ConvergenceStatus.MaxIterations;
        try
        {
            new BfgsBMinimizer(1e-8, 1e-12, 1e-14, 1000).FindMinimum(objective, lo, hi, x0);
            status = ConvergenceStatus.ConvergedWithFallback;
        }
        catch (Exception ex) when (ex is MaximumIterationsException or OptimizationException or ArgumentException or InvalidOperationException)
        {
            status = ConvergenceStatus.MaxIterations;
        }
        var eta = w.Nuisances;
        best.CopyTo(eta);
        ComputeMu(w, eta);
        double chi2 = Chi2Data(w) + Pulls(eta);
        return (chi2, double.IsFinite(chi2) ? status : ConvergenceStatus.Failed);
    }

    sealed class Workspace : CostWorkspace
    {
        public readonly ChiSquareCost Owner;
        public readonly double[] Theta, C, Dc, A, B, E, F, Mu, LogMu, G1, G2, Tmp, Dmu, Trial, Step, Grad, H, Hgn, L, Sol;
        public readonly int[] FreeIdx;
        public bool ThetaReady, GradReady;

        public Workspace(ChiSquareCost o, double[] storage, int offset) : base(storage, offset, o._p)
        {
            Owner = o;
            int nb = o._nb, p = o._p;
            Theta = new double[o._nTheta]; C = new double[o._kc]; Dc = new double[o._kc * o._nTheta];
            A = new double[o._k * nb]; B = new double[o._k * o._nShift * nb]; E = new double[o._nShift > 0 ? o._k * nb : 0];
            F = new double[o._k]; Mu = new double[nb]; LogMu = new double[nb]; G1 = new double[nb]; G2 = new double[nb]; Tmp = new double[nb];
            Dmu = new double[p * nb]; Trial = new double[p]; Step = new double[p]; Grad = new double[p];
            H = new double[p * p]; Hgn = new double[p * p]; L = new double[p * p]; Sol = new double[p]; FreeIdx = new int[p];
        }
    }
}
