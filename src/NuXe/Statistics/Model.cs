namespace NuXe.Statistics;

/// <summary>
/// Coefficients c_j(θ) of the basis templates that a physics model drives (STATISTICS.md §5: predicted spectra are
/// linear in a few basis spectra whose coefficients depend on the physics parameters θ). Implementations must be
/// pure and thread-safe: the engine calls <see cref="Evaluate"/> concurrently from several threads.
/// </summary>
public interface ICoefficientFunction
{
    /// <summary>Names of the physics parameters θ, in the order of the <c>theta</c> span.</summary>
    IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Number of templates it drives (the first <see cref="Count"/> templates of the model).</summary>
    int Count { get; }

    /// <summary>
    /// Writes c_j(θ) (dimensionless multipliers of the templates) into <paramref name="coefficients"/> and, when
    /// <paramref name="gradient"/> is not empty, ∂c_j/∂θ_p row-major at [j * P + p] (P = number of parameters).
    /// </summary>
    void Evaluate(ReadOnlySpan<double> theta, Span<double> coefficients, Span<double> gradient);
}

/// <summary>
/// An <see cref="ICoefficientFunction"/> from a delegate; convenient for tests and simple models.
/// The delegate has the same contract as <see cref="ICoefficientFunction.Evaluate"/>.
/// </summary>
public sealed class DelegateCoefficientFunction(
    IReadOnlyList<string> parameterNames, int count, DelegateCoefficientFunction.EvaluateDelegate evaluate) : ICoefficientFunction
{
    /// <summary>Signature of the coefficient evaluation (see <see cref="ICoefficientFunction.Evaluate"/>).</summary>
    public delegate void EvaluateDelegate(ReadOnlySpan<double> theta, Span<double> coefficients, Span<double> gradient);

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames { get; } = parameterNames.ToArray();

    /// <inheritdoc/>
    public int Count { get; } = count;

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> theta, Span<double> coefficients, Span<double> gradient) =>
        evaluate(theta, coefficients, gradient);
}

/// <summary>
/// One basis template T_j: expected counts per reconstructed bin (events per bin for the data set's exposure) at unit
/// coefficient. <paramref name="Group"/> names the component (e.g. "signal", "bkg.xe136") that normalisation
/// nuisances act on.
/// </summary>
public sealed record Template(string Name, string Group, IReadOnlyList<double> Counts);

/// <summary>
/// A normalisation nuisance η: every template whose group is in <paramref name="Groups"/> is multiplied by (1 + η)
/// (STATISTICS.md §2; Coloma et al.: signal normalisation free, background normalisation with a 0.5 % pull).
/// <paramref name="Sigma"/> is the Gaussian pull width (fractional; pull term (η/σ)²) or null for a free ("shape
/// only") normalisation. Bounds are on η (default η ≥ −1, i.e. a non-negative component). Initial value 0.
/// </summary>
public sealed record NormNuisance(string Name, IReadOnlyList<string> Groups, double? Sigma,
    double Lower = -1.0, double Upper = double.PositiveInfinity);

/// <summary>
/// A linearised shift nuisance δ (e.g. an energy-scale shift): every template j listed in
/// <paramref name="Derivatives"/> (by template name) becomes T_j + δ · D_j, with D_j = ∂T_j/∂δ supplied by the caller
/// in counts per bin per unit δ. <paramref name="Sigma"/> is the Gaussian pull width in units of δ or null (free).
/// Initial value 0.
/// </summary>
public sealed record ShiftNuisance(string Name, double? Sigma, IReadOnlyDictionary<string, IReadOnlyList<double>> Derivatives,
    double Lower = double.NegativeInfinity, double Upper = double.PositiveInfinity);

/// <summary>
/// A binned prediction linear in basis templates (STATISTICS.md §2 and §5):
/// μ_i(θ, η) = Σ_j (1 + Σ_{n ∈ norms(j)} η_n) · c_j(θ) · (T_ji + Σ_s δ_s · D_sji),
/// where the first <see cref="ICoefficientFunction.Count"/> templates are driven by <see cref="Coefficients"/> and
/// the rest have coefficient 1. Counts are expected events per bin. Nuisance order: norms, then shifts.
/// </summary>
public sealed class BinnedLinearModel
{
    /// <summary>Builds and validates a model.</summary>
    /// <param name="templates">Basis templates, all with the same number of bins; driven templates first.</param>
    /// <param name="coefficients">Coefficient function for the first templates, or null (all fixed).</param>
    /// <param name="norms">Normalisation nuisances (may be null).</param>
    /// <param name="shifts">Shift nuisances (may be null).</param>
    public BinnedLinearModel(IReadOnlyList<Template> templates, ICoefficientFunction? coefficients,
        IReadOnlyList<NormNuisance>? norms = null, IReadOnlyList<ShiftNuisance>? shifts = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        if (templates.Count == 0) throw new ArgumentException("At least one template is required.", nameof(templates));
        BinCount = templates[0].Counts.Count;
        if (BinCount == 0) throw new ArgumentException("Templates must have at least one bin.", nameof(templates));
        var names = new HashSet<string>();
        foreach (var t in templates)
        {
            if (t.Counts.Count != BinCount) throw new ArgumentException($"Template '{t.Name}' has {t.Counts.Count} bins, expected {BinCount}.");
            if (!names.Add(t.Name)) throw new ArgumentException($"Duplicate template name '{t.Name}'.");
            foreach (var v in t.Counts) if (!double.IsFinite(v)) throw new ArgumentException($"Template '{t.Name}' has a non-finite entry.");
        }
        if (coefficients is not null && coefficients.Count > templates.Count)
            throw new ArgumentException($"Coefficient function drives {coefficients.Count} templates but only {templates.Count} are given.");
        Templates = templates.ToArray();
        Coefficients = coefficients;
        Norms = (norms ?? []).ToArray();
        Shifts = (shifts ?? []).ToArray();
        if (Norms.Count > 62) throw new ArgumentException("At most 62 normalisation nuisances are supported.");
        var groups = Templates.Select(t => t.Group).ToHashSet();
        var nuisanceNames = new HashSet<string>();
        foreach (var n in Norms)
        {
            if (!nuisanceNames.Add(n.Name)) throw new ArgumentException($"Duplicate nuisance name '{n.Name}'.");
            foreach (var g in n.Groups)
                if (!groups.Contains(g)) throw new ArgumentException($"Norm nuisance '{n.Name}' refers to unknown group '{g}'.");
            ValidateNuisance(n.Name, n.Sigma, n.Lower, n.Upper);
        }
        foreach (var s in Shifts)
        {
            if (!nuisanceNames.Add(s.Name)) throw new ArgumentException($"Duplicate nuisance name '{s.Name}'.");
            foreach (var (tname, d) in s.Derivatives)
            {
                if (!names.Contains(tname)) throw new ArgumentException($"Shift nuisance '{s.Name}' refers to unknown template '{tname}'.");
                if (d.Count != BinCount) throw new ArgumentException($"Shift nuisance '{s.Name}' derivative for '{tname}' has {d.Count} bins, expected {BinCount}.");
            }
            ValidateNuisance(s.Name, s.Sigma, s.Lower, s.Upper);
        }
        NuisanceNames = Norms.Select(n => n.Name).Concat(Shifts.Select(s => s.Name)).ToArray();
    }

    static void ValidateNuisance(string name, double? sigma, double lower, double upper)
    {
        if (sigma is { } s && !(s > 0 && double.IsFinite(s))) throw new ArgumentException($"Nuisance '{name}' needs σ > 0 or null.");
        if (!(lower <= 0 && upper >= 0)) throw new ArgumentException($"Nuisance '{name}' bounds [{lower}, {upper}] must contain the initial value 0.");
    }

    /// <summary>Basis templates; the first <see cref="DrivenCount"/> are driven by <see cref="Coefficients"/>.</summary>
    public IReadOnlyList<Template> Templates { get; }

    /// <summary>Coefficient function of the driven templates (null: no physics parameters).</summary>
    public ICoefficientFunction? Coefficients { get; }

    /// <summary>Normalisation nuisances (nuisance indices 0 … N−1).</summary>
    public IReadOnlyList<NormNuisance> Norms { get; }

    /// <summary>Shift nuisances (nuisance indices N … N+S−1).</summary>
    public IReadOnlyList<ShiftNuisance> Shifts { get; }

    /// <summary>Number of reconstructed bins.</summary>
    public int BinCount { get; }

    /// <summary>Number of templates driven by the coefficient function.</summary>
    public int DrivenCount => Coefficients?.Count ?? 0;

    /// <summary>Physics parameter names θ (empty without a coefficient function).</summary>
    public IReadOnlyList<string> ParameterNames => Coefficients?.ParameterNames ?? [];

    /// <summary>Nuisance names: norms then shifts.</summary>
    public IReadOnlyList<string> NuisanceNames { get; }

    /// <summary>
    /// Writes the prediction μ_i(θ, η) (expected events per bin) into <paramref name="destination"/>.
    /// <paramref name="nuisances"/> may be empty (all nuisances at 0).
    /// </summary>
    public void Predict(ReadOnlySpan<double> theta, ReadOnlySpan<double> nuisances, Span<double> destination)
    {
        if (destination.Length != BinCount) throw new ArgumentException("Destination length must equal the bin count.");
        if (theta.Length != ParameterNames.Count) throw new ArgumentException($"Expected {ParameterNames.Count} parameters.");
        if (!nuisances.IsEmpty && nuisances.Length != NuisanceNames.Count) throw new ArgumentException($"Expected {NuisanceNames.Count} nuisances.");
        var c = new double[DrivenCount];
        Coefficients?.Evaluate(theta, c, []);
        destination.Clear();
        for (int j = 0; j < Templates.Count; j++)
        {
            var t = Templates[j];
            double f = 1.0;
            if (!nuisances.IsEmpty)
                for (int n = 0; n < Norms.Count; n++)
                    if (Norms[n].Groups.Contains(t.Group)) f += nuisances[n];
            double cj = (j < DrivenCount ? c[j] : 1.0) * f;
            for (int i = 0; i < BinCount; i++) destination[i] += cj * t.Counts[i];
            if (nuisances.IsEmpty) continue;
            for (int s = 0; s < Shifts.Count; s++)
                if (Shifts[s].Derivatives.TryGetValue(t.Name, out var d))
                {
                    double a = cj * nuisances[Norms.Count + s];
                    for (int i = 0; i < BinCount; i++) destination[i] += a * d[i];
                }
        }
    }
}

/// <summary>Which test statistic a data set uses (STATISTICS.md §2).</summary>
public enum CostKind
{
    /// <summary>
    /// Poisson likelihood ratio (Baker &amp; Cousins 1984; Coloma et al.; ShivaSankar et al. eq. 9):
    /// χ² = 2 Σ_i [μ_i − n_i + n_i ln(n_i/μ_i)], the log term 0 where n_i = 0. μ_i ≤ 0 where n_i &gt; 0 gives +∞.
    /// </summary>
    Poisson,

    /// <summary>
    /// Gaussian (ShivaSankar et al. eq. 10): χ² = Σ_i ((μ_i − n_i)/σ_i)² with the data set's σ_i if given, else
    /// σ_i² = n_i (Neyman); bins with n_i = 0 and no given σ_i are skipped (weight 0).
    /// </summary>
    Gaussian,
}

/// <summary>
/// One binned data set: observed (or Asimov, or toy) values per bin, in the same units as the templates, and
/// optional per-bin Gaussian errors σ_i (same units) used by <see cref="CostKind.Gaussian"/>.
/// </summary>
public sealed record BinnedData(string Name, IReadOnlyList<double> Counts, IReadOnlyList<double>? Sigmas = null)
{
    /// <summary>Number of bins.</summary>
    public int BinCount => Counts.Count;

    /// <summary>Sum of the counts over all bins.</summary>
    public double Total => Counts.Sum();
}
