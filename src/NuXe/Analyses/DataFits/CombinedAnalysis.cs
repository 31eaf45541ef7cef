using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Statistics;

namespace NuXe.Analyses.DataFits;

/// <summary>
/// Several observed data sets in one χ² (EXPERIMENTS.md §3, STATISTICS.md §2): one <see cref="ChiSquareCost"/> per data set
/// (its own statistic and nuisances), summed by <see cref="CostSum"/> with the physics parameters shared by name.
/// </summary>
public sealed class CombinedAnalysis
{
    /// <summary>The compiled data sets.</summary>
    public IReadOnlyList<DataSetFit> DataSets { get; }

    /// <summary>Key of the combination, e.g. "combined" or a single data set's key.</summary>
    public string Key { get; }

    public CombinedAnalysis(string key, IReadOnlyList<DataSetFit> dataSets)
    {
        if (dataSets.Count == 0) throw new ArgumentException("at least one data set is needed", nameof(dataSets));
        Key = key; DataSets = dataSets;
    }

    /// <summary>A single data set as a trivial combination (key = its key).</summary>
    public static CombinedAnalysis Single(DataSetFit d) => new(d.Info.Key, [d]);

    /// <summary>The summed cost of a catalog model (each term built with its own data set's SM conventions).</summary>
    public Cost Cost(string model, Flavour? flavour = null, double? massKeV = null, ProfilerOptions? profiler = null)
        => DataSets.Count == 1 ? DataSets[0].Cost(model, flavour, massKeV, profiler)
            : new CostSum(DataSets.Select(d => (Statistics.Cost)d.Cost(model, flavour, massKeV, profiler)).ToArray());

    /// <summary>The summed cost of one model instance per data set (from a factory receiving the data set).</summary>
    public Cost Cost(Func<DataSetFit, IInteractionModel> modelFor)
        => DataSets.Count == 1 ? DataSets[0].Cost(modelFor(DataSets[0])) : new CostSum(DataSets.Select(d => (Statistics.Cost)d.Cost(modelFor(d))).ToArray());
}
