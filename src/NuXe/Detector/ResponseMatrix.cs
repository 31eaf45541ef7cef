using System.Collections.Concurrent;
using MathNet.Numerics;

namespace NuXe.Detector;

/// <summary>
/// The detector response as a sparse matrix R (bins × true-grid nodes), built once:
/// R_in = w_n · ε(T_n) · P(T_rec ∈ bin_i ∩ [threshold, ∞) | T_n), with P from the Gaussian resolution σ(T_n)
/// (an indicator for ideal resolution). The binned expectation of a true spectrum s(T) (events/keV) is
/// N_i = Σ_n R_in s(T_n). Stored row-compressed (CSR) over bins. Immutable: one instance may be shared by any number
/// of experiments and threads (see <see cref="Build"/>, which returns a cached instance for identical inputs).
/// </summary>
public sealed class ResponseMatrix
{
    readonly int[] _rowStart;
    readonly int[] _node;
    readonly double[] _value;

    public Binning Binning { get; }
    public TrueGrid Grid { get; }
    public int NonZeros => _value.Length;

    ResponseMatrix(Binning binning, TrueGrid grid, int[] rowStart, int[] node, double[] value)
    { Binning = binning; Grid = grid; _rowStart = rowStart; _node = node; _value = value; }

    /// <summary>Number of Gaussian σ beyond which the resolution tail is dropped.</summary>
    public const double TailSigmas = 7.0;

    /// <summary>Most matrices kept by the process-wide cache; beyond that the cache starts afresh.</summary>
    public const int CacheCapacity = 32;

    static readonly ConcurrentDictionary<ResponseKey, Lazy<ResponseMatrix>> Cache = new();

    /// <summary>
    /// R for a binning, grid, resolution, efficiency and reconstructed-energy threshold. Identical inputs (same edges,
    /// nodes, weights, resolution, efficiency and threshold, compared by value) share one immutable matrix within the
    /// process, so sessions that differ only in exposure, source activity or physics model do not rebuild it.
    /// </summary>
    public static ResponseMatrix Build(Binning binning, TrueGrid grid, Resolution resolution, Efficiency efficiency, double thresholdKeV)
    {
        var key = new ResponseKey(binning.EdgesKeV, grid.NodesKeV, grid.WeightsKeV, resolution, efficiency, thresholdKeV);
        if (Cache.TryGetValue(key, out var hit)) return hit.Value;
        if (Cache.Count >= CacheCapacity) Cache.Clear();
        var owned = key.Owned();
        return Cache.GetOrAdd(owned, k => new Lazy<ResponseMatrix>(() => BuildUncached(
            new Binning(k.Edges), new TrueGrid(k.Nodes, k.Weights), k.Resolution, k.Efficiency, k.ThresholdKeV))).Value;
    }

    /// <summary>Build R without the cache (benchmarks and tests of the cache itself).</summary>
    public static ResponseMatrix BuildUncached(Binning binning, TrueGrid grid, Resolution resolution, Efficiency efficiency, double thresholdKeV)
    {
        int nb = binning.Count;
        var edges = binning.EdgesKeV;
        // Entries are produced node by node (the band of bins within ±TailSigmas·σ of each node) and then sorted stably by
        // bin, so each row lists its nodes in increasing order.
        var rowOf = new int[Math.Max(16, grid.Count * 8)];
        var nodeOf = new int[rowOf.Length];
        var valueOf = new double[rowOf.Length];
        var rowCount = new int[nb + 1];
        int count = 0;
        void Add(int row, int n, double v)
        {
            if (count == rowOf.Length)
            {
                Array.Resize(ref rowOf, 2 * count); Array.Resize(ref nodeOf, 2 * count); Array.Resize(ref valueOf, 2 * count);
            }
            rowOf[count] = row; nodeOf[count] = n; valueOf[count++] = v; rowCount[row + 1]++;
        }
        for (int n = 0; n < grid.Count; n++)
        {
            double t = grid.NodesKeV[n], wEff = grid.WeightsKeV[n] * efficiency.At(t);
            if (wEff == 0) continue;
            double sigma = resolution.SigmaKeV(t);
            if (sigma <= 0)
            {
                if (t < thresholdKeV) continue;
                int i = Array.BinarySearch(edges, t);
                i = i >= 0 ? i : ~i - 1;
                if (i >= 0 && i < nb) Add(i, n, wEff);
                continue;
            }
            double lo = t - TailSigmas * sigma, hi = t + TailSigmas * sigma;
            int first = Array.BinarySearch(edges, lo); first = first >= 0 ? first : Math.Max(~first - 1, 0);
            // Φ at the upper edge of one bin is Φ at the lower edge of the next: each edge costs one erfc.
            double lastX = double.NaN, lastPhi = 0;
            for (int i = first; i < nb && edges[i] < hi; i++)
            {
                double a = Math.Max(edges[i], thresholdKeV), b = edges[i + 1];
                if (b <= a) continue;
                double phiA = a == lastX ? lastPhi : Phi((a - t) / sigma);
                double phiB = Phi((b - t) / sigma);
                lastX = b; lastPhi = phiB;
                double p = phiB - phiA;
                if (p > 1e-300) Add(i, n, wEff * p);
            }
        }
        for (int i = 0; i < nb; i++) rowCount[i + 1] += rowCount[i];
        var rowStart = (int[])rowCount.Clone();
        var node = new int[count]; var value = new double[count];
        var next = rowCount; // reuse as the running insertion position of each row
        for (int k = 0; k < count; k++)
        {
            int at = next[rowOf[k]]++;
            node[at] = nodeOf[k]; value[at] = valueOf[k];
        }
        return new ResponseMatrix(binning, grid, rowStart, node, value);
    }

    static double Phi(double x) => 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2.0));

    /// <summary>N_i = Σ_n R_in s_n for a true spectrum sampled at the grid nodes (events/keV).</summary>
    public double[] Apply(ReadOnlySpan<double> trueSpectrumPerKeV)
    {
        var result = new double[Binning.Count];
        Apply(trueSpectrumPerKeV, result);
        return result;
    }

    /// <summary>N_i = Σ_n R_in s_n into a caller buffer.</summary>
    public void Apply(ReadOnlySpan<double> trueSpectrumPerKeV, Span<double> binned)
    {
        for (int i = 0; i < binned.Length; i++)
        {
            double s = 0;
            for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++) s += _value[k] * trueSpectrumPerKeV[_node[k]];
            binned[i] = s;
        }
    }

    /// <summary>Everything the matrix depends on, compared by value (arrays element by element).</summary>
    sealed class ResponseKey(double[] edges, double[] nodes, double[] weights, Resolution resolution, Efficiency efficiency, double thresholdKeV)
        : IEquatable<ResponseKey>
    {
        public double[] Edges { get; } = edges;
        public double[] Nodes { get; } = nodes;
        public double[] Weights { get; } = weights;
        public Resolution Resolution { get; } = resolution;
        public Efficiency Efficiency { get; } = efficiency;
        public double ThresholdKeV { get; } = thresholdKeV;
        readonly int _hash = HashCode.Combine(Hash(edges), Hash(nodes), Hash(weights), resolution, efficiency.Constant,
            Hash(efficiency.EnergyKeV), Hash(efficiency.Values), thresholdKeV);

        /// <summary>A key holding its own copies of the arrays (callers' arrays may change after the call).</summary>
        public ResponseKey Owned() => new([.. Edges], [.. Nodes], [.. Weights], Resolution,
            Efficiency with { EnergyKeV = Efficiency.EnergyKeV?.ToArray(), Values = Efficiency.Values?.ToArray() }, ThresholdKeV);

        static int Hash(double[]? a)
        {
            if (a is null) return 0;
            var h = new HashCode();
            h.Add(a.Length);
            foreach (var v in a) h.Add(v);
            return h.ToHashCode();
        }

        static bool Same(double[]? a, double[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

        public bool Equals(ResponseKey? o) => o is not null && _hash == o._hash && ThresholdKeV.Equals(o.ThresholdKeV)
            && Resolution == o.Resolution && Efficiency.Constant.Equals(o.Efficiency.Constant)
            && Same(Efficiency.EnergyKeV, o.Efficiency.EnergyKeV) && Same(Efficiency.Values, o.Efficiency.Values)
            && Same(Edges, o.Edges) && Same(Nodes, o.Nodes) && Same(Weights, o.Weights);

        public override bool Equals(object? obj) => Equals(obj as ResponseKey);
        public override int GetHashCode() => _hash;
    }
}
