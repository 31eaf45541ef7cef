namespace NuXe.Statistics;

/// <summary>Nuisances profiled at one physics point: χ²(θ) = min_η χ²(θ, η) (STATISTICS.md §2 "Profiling").</summary>
/// <param name="Theta">The physics point.</param>
/// <param name="Chi2">Profiled χ².</param>
/// <param name="NuisanceNames">Nuisance names.</param>
/// <param name="Nuisances">Best nuisance values.</param>
/// <param name="Status">Convergence of the profile.</param>
/// <param name="Iterations">Newton iterations used.</param>
/// <param name="DataSetNames">Data sets in the cost.</param>
public sealed record NuisanceProfile(IReadOnlyList<double> Theta, double Chi2, IReadOnlyList<string> NuisanceNames,
    IReadOnlyList<double> Nuisances, ConvergenceStatus Status, int Iterations, IReadOnlyList<string> DataSetNames);

/// <summary>
/// Profiling of the nuisances at fixed θ: Newton steps on the analytic gradient and Hessian (the small system is
/// solved directly by Cholesky; Gauss–Newton and Levenberg damping when the Hessian is not positive definite),
/// projected onto the bounds with a backtracking (Armijo) line search, MathNet BFGS-B as fallback. The hot path is
/// <see cref="Cost.Profile"/> with a reused <see cref="CostWorkspace"/>; this class is the convenient facade.
/// </summary>
public static class Profiler
{
    /// <summary>Profiles the nuisances of <paramref name="cost"/> at <paramref name="theta"/> (starting from 0).</summary>
    public static NuisanceProfile Profile(Cost cost, IReadOnlyList<double> theta)
    {
        var ws = cost.CreateWorkspace();
        return Profile(cost, theta, ws);
    }

    /// <summary>Profiles with a caller-owned workspace (warm start from its current nuisances).</summary>
    public static NuisanceProfile Profile(Cost cost, IReadOnlyList<double> theta, CostWorkspace workspace)
    {
        var th = theta.ToArray();
        var r = cost.Profile(th, workspace, []);
        return new NuisanceProfile(th, r.Chi2, cost.NuisanceNames, workspace.Nuisances.ToArray(), r.Status, r.Iterations, cost.DataSetNames);
    }
}
