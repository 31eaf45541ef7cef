using MathNet.Numerics;

namespace NuXe.Detector;

/// <summary>
/// The detector response as a sparse matrix R (bins × true-grid nodes), built once:
/// R_in = w_n · ε(T_n) · P(T_rec ∈ bin_i ∩ [threshold, ∞) | T_n), with P from the Gaussian resolution σ(T_n)
/// (an indicator for ideal resolution). The binned expectation of a true spectrum s(T) (events/keV) is
/// N_i = Σ_n R_in s(T_n). Stored row-compressed (CSR) over bins.
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

    /// <summary>Build R for a binning, grid, resolution, efficiency and reconstructed-energy threshold.</summary>
    public static ResponseMatrix Build(Binning binning, TrueGrid grid, Resolution resolution, Efficiency efficiency, double thresholdKeV)
    {
        int nb = binning.Count;
        var rows = new List<(int Node, double Value)>[nb];
        for (int i = 0; i < nb; i++) rows[i] = [];
        var edges = binning.EdgesKeV;
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
                if (i >= 0 && i < nb) rows[i].Add((n, wEff));
                continue;
            }
            double lo = t - TailSigmas * sigma, hi = t + TailSigmas * sigma;
            int first = Array.BinarySearch(edges, lo); first = first >= 0 ? first : Math.Max(~first - 1, 0);
            for (int i = first; i < nb && edges[i] < hi; i++)
            {
                double a = Math.Max(edges[i], thresholdKeV), b = edges[i + 1];
                if (b <= a) continue;
                double p = Phi((b - t) / sigma) - Phi((a - t) / sigma);
                if (p > 1e-300) rows[i].Add((n, wEff * p));
            }
        }
        var rowStart = new int[nb + 1];
        for (int i = 0; i < nb; i++) rowStart[i + 1] = rowStart[i] + rows[i].Count;
        var node = new int[rowStart[nb]]; var value = new double[rowStart[nb]];
        for (int i = 0, k = 0; i < nb; i++) foreach (var (nn, v) in rows[i]) { node[k] = nn; value[k++] = v; }
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
}
