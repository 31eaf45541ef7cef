namespace NuXe.Statistics;

/// <summary>Convergence of a profiled point or a fit (iminuit's <c>is_valid</c> / MathNet's <c>ExitCondition</c>).</summary>
public enum ConvergenceStatus
{
    /// <summary>Converged with the primary method (Newton for nuisances, BFGS for θ).</summary>
    Converged = 0,

    /// <summary>Converged after the fallback method (MathNet BFGS-B for nuisances, Nelder–Mead for θ).</summary>
    ConvergedWithFallback = 1,

    /// <summary>Stopped at the iteration limit; the value is the best found but may be inaccurate.</summary>
    MaxIterations = 2,

    /// <summary>Failed (e.g. the prediction is not positive anywhere near the start); the value is not usable.</summary>
    Failed = 3,
}

/// <summary>Options of the nuisance profiler (<see cref="Profiler"/>).</summary>
/// <param name="MaxIterations">Maximum Newton iterations per point.</param>
/// <param name="Tolerance">Convergence when the Newton decrement −gᵀΔ (in χ² units) falls below this.</param>
/// <param name="UseFallback">Run MathNet BFGS-B when Newton fails.</param>
public sealed record ProfilerOptions(int MaxIterations = 50, double Tolerance = 1e-10, bool UseFallback = true)
{
    /// <summary>Default options.</summary>
    public static ProfilerOptions Default { get; } = new();
}

/// <summary>χ² value of one profiled point with its convergence status and Newton iteration count.</summary>
public readonly record struct ProfiledValue(double Chi2, ConvergenceStatus Status, int Iterations);

/// <summary>
/// Per-thread mutable scratch space of a <see cref="Cost"/>: buffers reused across evaluations (no allocations in
/// the hot loop) and the current nuisance values, which warm-start the next profile (e.g. along a scan row).
/// Never share one workspace between threads.
/// </summary>
public abstract class CostWorkspace
{
    readonly double[] _storage;
    readonly int _offset, _count;

    /// <summary>Creates a workspace whose nuisances live in <paramref name="storage"/>[offset … offset+count).</summary>
    protected CostWorkspace(double[] storage, int offset, int count)
    {
        if (offset < 0 || count < 0 || offset + count > storage.Length) throw new ArgumentOutOfRangeException(nameof(offset));
        _storage = storage; _offset = offset; _count = count;
    }

    /// <summary>Current nuisance values (all data sets concatenated, in <see cref="Cost.NuisanceNames"/> order).</summary>
    public Span<double> Nuisances => _storage.AsSpan(_offset, _count);

    /// <summary>Resets the nuisances to their initial values (0).</summary>
    public void ResetNuisances() => Nuisances.Clear();
}

/// <summary>
/// A χ² cost over physics parameters θ with internally profiled nuisances (iminuit's composable costs:
/// <see cref="ChiSquareCost"/> for one data set, <see cref="CostSum"/> for several). Immutable and thread-safe;
/// all mutable state lives in a <see cref="CostWorkspace"/>.
/// </summary>
public abstract class Cost
{
    /// <summary>Physics parameter names θ.</summary>
    public abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Names of the data sets entering the cost.</summary>
    public abstract IReadOnlyList<string> DataSetNames { get; }

    /// <summary>Nuisance names (qualified "dataset/nuisance" in a <see cref="CostSum"/>).</summary>
    public abstract IReadOnlyList<string> NuisanceNames { get; }

    /// <summary>Total number of bins (used for the number of degrees of freedom).</summary>
    public abstract int BinCount { get; }

    /// <summary>Number of nuisances without a pull term (each removes one degree of freedom).</summary>
    public abstract int FreeNuisanceCount { get; }

    /// <summary>Creates a workspace for one thread.</summary>
    public CostWorkspace CreateWorkspace() => CreateWorkspace(new double[NuisanceNames.Count], 0);

    /// <summary>Creates a workspace whose nuisance values live in <paramref name="nuisanceStorage"/> from
    /// <paramref name="offset"/> (used by <see cref="CostSum"/> to concatenate its terms).</summary>
    protected internal abstract CostWorkspace CreateWorkspace(double[] nuisanceStorage, int offset);

    /// <summary>
    /// χ² at fixed θ and fixed nuisances (data terms + pulls). If <paramref name="thetaGradient"/> is not empty it
    /// receives ∂χ²/∂θ; if <paramref name="nuisanceGradient"/> is not empty it receives ∂χ²/∂η.
    /// Returns +∞ where the Poisson prediction is not positive.
    /// </summary>
    public abstract double Evaluate(ReadOnlySpan<double> theta, ReadOnlySpan<double> nuisances, CostWorkspace workspace,
        Span<double> thetaGradient, Span<double> nuisanceGradient);

    /// <summary>
    /// χ² at θ minimised over the nuisances (warm-started from <see cref="CostWorkspace.Nuisances"/>, which hold the
    /// solution afterwards). If <paramref name="thetaGradient"/> is not empty it receives the gradient of the
    /// profiled χ² in θ (the partial gradient at the profiled nuisances, by the envelope theorem).
    /// </summary>
    public abstract ProfiledValue Profile(ReadOnlySpan<double> theta, CostWorkspace workspace, Span<double> thetaGradient);

    /// <summary>Index of a parameter by name (throws if absent).</summary>
    public int IndexOf(string parameter)
    {
        for (int i = 0; i < ParameterNames.Count; i++) if (ParameterNames[i] == parameter) return i;
        throw new ArgumentException($"Unknown parameter '{parameter}'. Known: {string.Join(", ", ParameterNames)}.");
    }
}

/// <summary>Worst-status helper.</summary>
internal static class StatusExtensions
{
    public static ConvergenceStatus Worst(this ConvergenceStatus a, ConvergenceStatus b) => (ConvergenceStatus)Math.Max((int)a, (int)b);
}
