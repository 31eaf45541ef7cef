namespace NuXe.Statistics;

/// <summary>
/// Sum of costs over several data sets that share physics parameters (by name) while each keeps its own nuisances
/// (iminuit's <c>CostSum</c>). The parameter list is the union of the terms' parameters in order of first appearance.
/// Because the nuisances of different terms are independent, the profile is the sum of the terms' profiles.
/// A nuisance shared between data sets is not supported (declare it in one combined model instead).
/// </summary>
public sealed class CostSum : Cost
{
    readonly Cost[] _terms;
    readonly int[][] _map;          // term t parameter q -> sum parameter index
    readonly int[] _nuisanceOffset;
    readonly string[] _parameterNames, _dataSetNames, _nuisanceNames;

    /// <summary>Combines the given terms (at least one).</summary>
    public CostSum(params IReadOnlyList<Cost> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0) throw new ArgumentException("At least one term is required.", nameof(terms));
        _terms = terms.ToArray();
        var names = new List<string>();
        _map = new int[_terms.Length][];
        _nuisanceOffset = new int[_terms.Length];
        var nuis = new List<string>();
        for (int t = 0; t < _terms.Length; t++)
        {
            var pn = _terms[t].ParameterNames;
            _map[t] = new int[pn.Count];
            for (int q = 0; q < pn.Count; q++)
            {
                int i = names.IndexOf(pn[q]);
                if (i < 0) { i = names.Count; names.Add(pn[q]); }
                _map[t][q] = i;
            }
            _nuisanceOffset[t] = nuis.Count;
            string prefix = string.Join("+", _terms[t].DataSetNames);
            nuis.AddRange(_terms[t].NuisanceNames.Select(n => _terms[t] is CostSum ? n : $"{prefix}/{n}"));
        }
        _parameterNames = names.ToArray();
        _dataSetNames = _terms.SelectMany(t => t.DataSetNames).ToArray();
        if (_dataSetNames.Distinct().Count() != _dataSetNames.Length) throw new ArgumentException("Data set names must be unique within a CostSum.");
        _nuisanceNames = nuis.ToArray();
        BinCount = _terms.Sum(t => t.BinCount);
        FreeNuisanceCount = _terms.Sum(t => t.FreeNuisanceCount);
    }

    /// <summary>The terms.</summary>
    public IReadOnlyList<Cost> Terms => _terms;

    /// <inheritdoc/>
    public override IReadOnlyList<string> ParameterNames => _parameterNames;

    /// <inheritdoc/>
    public override IReadOnlyList<string> DataSetNames => _dataSetNames;

    /// <inheritdoc/>
    public override IReadOnlyList<string> NuisanceNames => _nuisanceNames;

    /// <inheritdoc/>
    public override int BinCount { get; }

    /// <inheritdoc/>
    public override int FreeNuisanceCount { get; }

    /// <inheritdoc/>
    protected internal override CostWorkspace CreateWorkspace(double[] nuisanceStorage, int offset) => new Workspace(this, nuisanceStorage, offset);

    /// <inheritdoc/>
    public override double Evaluate(ReadOnlySpan<double> theta, ReadOnlySpan<double> nuisances, CostWorkspace workspace,
        Span<double> thetaGradient, Span<double> nuisanceGradient)
    {
        var w = Check(theta, workspace);
        if (nuisances.Length != _nuisanceNames.Length) throw new ArgumentException($"Expected {_nuisanceNames.Length} nuisances.");
        thetaGradient.Clear();
        double sum = 0;
        for (int t = 0; t < _terms.Length; t++)
        {
            var th = Map(w, t, theta);
            int np = _terms[t].NuisanceNames.Count;
            var tg = thetaGradient.IsEmpty ? Span<double>.Empty : w.TermGrad[t].AsSpan();
            var ng = nuisanceGradient.IsEmpty ? Span<double>.Empty : nuisanceGradient.Slice(_nuisanceOffset[t], np);
            sum += _terms[t].Evaluate(th, nuisances.Slice(_nuisanceOffset[t], np), w.Terms[t], tg, ng);
            if (!thetaGradient.IsEmpty) for (int q = 0; q < _map[t].Length; q++) thetaGradient[_map[t][q]] += tg[q];
        }
        return sum;
    }

    /// <inheritdoc/>
    public override ProfiledValue Profile(ReadOnlySpan<double> theta, CostWorkspace workspace, Span<double> thetaGradient)
    {
        var w = Check(theta, workspace);
        thetaGradient.Clear();
        double sum = 0;
        var status = ConvergenceStatus.Converged;
        int iterations = 0;
        for (int t = 0; t < _terms.Length; t++)
        {
            var th = Map(w, t, theta);
            var tg = thetaGradient.IsEmpty ? Span<double>.Empty : w.TermGrad[t].AsSpan();
            var r = _terms[t].Profile(th, w.Terms[t], tg);
            sum += r.Chi2;
            status = status.Worst(r.Status);
            iterations += r.Iterations;
            if (!thetaGradient.IsEmpty) for (int q = 0; q < _map[t].Length; q++) thetaGradient[_map[t][q]] += tg[q];
        }
        return new ProfiledValue(sum, status, iterations);
    }

    ReadOnlySpan<double> Map(Workspace w, int t, ReadOnlySpan<double> theta)
    {
        var th = w.TermTheta[t];
        for (int q = 0; q < th.Length; q++) th[q] = theta[_map[t][q]];
        return th;
    }

    Workspace Check(ReadOnlySpan<double> theta, CostWorkspace workspace)
    {
        if (workspace is not Workspace w || !ReferenceEquals(w.Owner, this)) throw new ArgumentException("Workspace was not created by this cost.");
        if (theta.Length != _parameterNames.Length) throw new ArgumentException($"Expected {_parameterNames.Length} parameters.");
        return w;
    }

    sealed class Workspace : CostWorkspace
    {
        public readonly CostSum Owner;
        public readonly CostWorkspace[] Terms;
        public readonly double[][] TermTheta, TermGrad;

        public Workspace(CostSum o, double[] storage, int offset) : base(storage, offset, o._nuisanceNames.Length)
        {
            Owner = o;
            Terms = new CostWorkspace[o._terms.Length];
            TermTheta = new double[o._terms.Length][];
            TermGrad = new double[o._terms.Length][];
            for (int t = 0; t < o._terms.Length; t++)
            {
                Terms[t] = o._terms[t].CreateWorkspace(storage, offset + o._nuisanceOffset[t]);
                TermTheta[t] = new double[o._map[t].Length];
                TermGrad[t] = new double[o._map[t].Length];
            }
        }
    }
}
