using NuXe.Physics;
using NuXe.Statistics;

namespace NuXe.Analyses.Common;

/// <summary>
/// One experiment, or several fitted together, for the ad-hoc commands (`fit`, `profile`, `contour`, `scan`): the
/// experiment argument <c>lz-2022+lz-2024</c> names a combination. The combined χ² is the sum of the experiments' χ²
/// (<see cref="CostSum"/>): the model's parameters are shared, each experiment keeps its own data and nuisances. With
/// one experiment the cost is that session's cost itself, so results are identical to a single
/// <see cref="AnalysisSession"/>.
/// </summary>
public sealed class SessionGroup : IFitTarget
{
    /// <summary>Separates the experiments of a combination in the experiment argument (and their data files in <c>--data</c>).</summary>
    public const char Separator = '+';

    /// <summary>Most experiments in one combination.</summary>
    public const int MaxExperiments = 8;

    SessionGroup(IReadOnlyList<AnalysisSession> sessions)
    {
        Sessions = sessions;
        Cost = sessions.Count == 1 ? sessions[0].Cost : new CostSum(sessions.Select(s => (Cost)s.Cost).ToArray());
    }

    /// <summary>The experiments' sessions, in the order given.</summary>
    public IReadOnlyList<AnalysisSession> Sessions { get; }

    /// <summary>True for a single experiment (toys and other single-data-set features are available).</summary>
    public bool IsSingle => Sessions.Count == 1;

    /// <summary>The analysis (the same for every experiment, apart from its data).</summary>
    public AnalysisSpec Analysis => Sessions[0].Analysis;

    /// <summary>The interaction model (the first experiment's; every experiment uses the same model and parameters).</summary>
    public IInteractionModel Model => Sessions[0].Model;

    /// <summary>The true point of the Asimov data, in model order.</summary>
    public IReadOnlyList<double> Truth => Sessions[0].Truth;

    /// <summary>The χ² minimised: one experiment's, or the sum.</summary>
    public Cost Cost { get; }

    /// <summary>Experiment names joined by <see cref="Separator"/>.</summary>
    public string Name => string.Join(Separator, Sessions.Select(s => s.Experiment.Name));

    /// <summary>Data set names joined by <see cref="Separator"/>.</summary>
    public string DataName => string.Join(Separator, Sessions.Select(s => s.Data.Name));

    /// <summary>Nuisance names of the χ² (prefixed by their data set for a combination).</summary>
    public IReadOnlyList<string> NuisanceNames => Cost.NuisanceNames;

    /// <summary>The resolved preset(s): one TOML document, or each experiment's after a comment line naming it.</summary>
    public string ResolvedToml => IsSingle ? Sessions[0].Experiment.ResolvedToml
        : string.Join("\n", Sessions.Select((s, i) => $"# ===== experiment {i + 1} of {Sessions.Count}: {s.Experiment.Name} =====\n{s.Experiment.ResolvedToml}"));

    /// <summary>
    /// Compiles <paramref name="experiments"/> (one preset name or path, or several joined by <see cref="Separator"/>).
    /// <c>analysis.Data</c> is "asimov" for all, or one data file per experiment joined by <see cref="Separator"/>.
    /// </summary>
    /// <exception cref="NuXeInputException">An empty, repeated or excess experiment name, or a data list that does not match.</exception>
    public static SessionGroup Create(AnalysisSpec analysis, string experiments)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var names = experiments.Split(Separator, StringSplitOptions.TrimEntries);
        if (names.Length == 1) return new SessionGroup([AnalysisSession.Create(analysis, experiments)]);
        if (names.Any(n => n.Length == 0))
            throw new NuXeInputException("experiment", experiments, $"a combination is preset names joined by '{Separator}' with no empty entry, e.g. lz-2022+lz-2024");
        if (names.Length > MaxExperiments)
            throw new NuXeInputException("experiment", experiments, $"at most {MaxExperiments} experiments in one combination");
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Length)
            throw new NuXeInputException("experiment", experiments, "names an experiment twice (its data would count twice)");
        string[] data;
        if (analysis.Data == "asimov") data = [.. names.Select(_ => "asimov")];
        else
        {
            data = analysis.Data.Split(Separator, StringSplitOptions.TrimEntries);
            if (data.Length != names.Length || data.Any(d => d.Length == 0))
                throw new NuXeInputException("--data", analysis.Data, $"for a combination give one data file per experiment joined by '{Separator}' ({names.Length} here), or leave it out for Asimov data");
        }
        return new SessionGroup([.. names.Select((n, i) => AnalysisSession.Create(analysis with { Data = data[i] }, n))]);
    }
}
