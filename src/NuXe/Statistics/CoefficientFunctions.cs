namespace NuXe.Statistics;

/// <summary>
/// Concatenation of coefficient functions: the templates of part 0, then part 1, …; the parameter list is the union
/// of the parts' parameters (by name, in order of first appearance). Useful when one physics model drives several
/// template blocks (e.g. one block per source or stream), each described by its own coefficient function.
/// Gradient rows of a part are scattered to the union's parameter columns.
/// </summary>
public sealed class ConcatenatedCoefficientFunction : ICoefficientFunction
{
    readonly ICoefficientFunction[] _parts;
    readonly int[][] _map;
    readonly int _maxP, _maxCount;

    /// <summary>Concatenates <paramref name="parts"/> (at least one).</summary>
    public ConcatenatedCoefficientFunction(params IReadOnlyList<ICoefficientFunction> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("At least one part is required.", nameof(parts));
        _parts = parts.ToArray();
        var names = new List<string>();
        _map = new int[_parts.Length][];
        for (int k = 0; k < _parts.Length; k++)
        {
            var pn = _parts[k].ParameterNames;
            _map[k] = new int[pn.Count];
            for (int q = 0; q < pn.Count; q++)
            {
                int i = names.IndexOf(pn[q]);
                if (i < 0) { i = names.Count; names.Add(pn[q]); }
                _map[k][q] = i;
            }
        }
        ParameterNames = names.ToArray();
        Count = _parts.Sum(p => p.Count);
        _maxP = _parts.Max(p => p.ParameterNames.Count);
        _maxCount = _parts.Max(p => p.Count);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> theta, Span<double> coefficients, Span<double> gradient)
    {
        int p = ParameterNames.Count;
        // Scratch on the stack (heap only for unusually large parts); no shared state, so nesting and threads are safe.
        Span<double> th = _maxP <= 64 ? stackalloc double[_maxP] : new double[_maxP];
        int ng = _maxP * _maxCount;
        Span<double> g = gradient.IsEmpty ? Span<double>.Empty : ng <= 512 ? stackalloc double[ng] : new double[ng];
        if (!gradient.IsEmpty) gradient.Clear();
        int offset = 0;
        for (int k = 0; k < _parts.Length; k++)
        {
            var part = _parts[k];
            int pk = _map[k].Length, ck = part.Count;
            for (int q = 0; q < pk; q++) th[q] = theta[_map[k][q]];
            var gk = gradient.IsEmpty ? Span<double>.Empty : g.Slice(0, pk * ck);
            part.Evaluate(th.Slice(0, pk), coefficients.Slice(offset, ck), gk);
            if (!gradient.IsEmpty)
                for (int j = 0; j < ck; j++)
                    for (int q = 0; q < pk; q++) gradient[(offset + j) * p + _map[k][q]] += gk[j * pk + q];
            offset += ck;
        }
    }
}
