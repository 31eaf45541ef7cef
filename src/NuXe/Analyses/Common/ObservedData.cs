using NuXe.Data;
using NuXe.Detector;
using NuXe.Statistics;

namespace NuXe.Analyses.Common;

/// <summary>
/// Observed counts files (<c>--data</c>, <c>analysis.data</c>): CSV with a <c>counts</c> column (one row per bin, ≥ 0),
/// optional <c>sigma</c> (&gt; 0, Gaussian errors) and optional bin edges <c>E_lo_keV,E_hi_keV</c> (or
/// <c>T_lo_keV,T_hi_keV</c>) that must be strictly increasing and equal the experiment's binning.
/// </summary>
public static class ObservedData
{
    /// <summary>Reads and validates a counts file against <paramref name="binning"/>; errors are <see cref="NuXeInputException"/> naming <paramref name="field"/>, file, line and column.</summary>
    public static BinnedData Read(string reference, Binning binning, string experiment, string field = "--data", string? name = null)
    {
        try
        {
            var t = DataStore.Read(reference);
            var counts = DataChecks.NonNegative(t, "counts");
            double[]? sigma = t.Columns.Contains("sigma") ? DataChecks.Positive(t, "sigma") : null;
            foreach (var (lo, hi) in new[] { ("E_lo_keV", "E_hi_keV"), ("T_lo_keV", "T_hi_keV") })
            {
                bool hasLo = t.Columns.Contains(lo), hasHi = t.Columns.Contains(hi);
                if (hasLo != hasHi) throw new DataFileException($"data file '{t.Name}' has column '{(hasLo ? lo : hi)}' but not '{(hasLo ? hi : lo)}'");
                if (hasLo) DataChecks.MatchBinning(t, lo, hi, binning.EdgesKeV, $"experiment '{experiment}'");
            }
            if (counts.Length != binning.Count)
                throw new DataFileException($"data file '{t.Name}' has {counts.Length} rows; experiment '{experiment}' has {binning.Count} bins");
            return new BinnedData(name ?? Path.GetFileName(reference), counts, sigma);
        }
        catch (Exception e) when (e is FileNotFoundException or FormatException or KeyNotFoundException)
        {
            throw new NuXeInputException(field, reference, e.Message);
        }
    }
}
