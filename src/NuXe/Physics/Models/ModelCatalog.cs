namespace NuXe.Physics.Models;

/// <summary>
/// Options for <see cref="ModelCatalog.Create"/>: the SM baseline (sin²θ_W, coupling scheme; PHYSICS.md §1, §3), a flavour
/// and a mediator mass where the model needs them.
/// </summary>
/// <param name="Scheme">SM coupling scheme of the baseline.</param>
/// <param name="Sin2ThetaW">SM baseline sin²θ_W (default: Link &amp; Xu 2019 low-energy value 0.23865).</param>
/// <param name="Flavour">Flavour carrying the new physics: EM properties and SPVAT default to ν_e when null; light mediators are
/// lepton-universal when null and restricted to this flavour otherwise. Ignored by the other models.</param>
/// <param name="MassKeV">Mediator / Z′ mass in keV; required by <c>zprime-*</c> and <c>mediator-*</c>.</param>
public sealed record ModelOptions(
    CouplingScheme Scheme = CouplingScheme.Tree,
    double Sin2ThetaW = Constants.Sin2ThetaWLowEnergy,
    Flavour? Flavour = null,
    double? MassKeV = null);

/// <summary>
/// Construction of interaction models by name (CLI, configuration files). Names are case-insensitive:
/// <c>sm</c>, <c>gvga</c>, <c>nsi-e</c>, <c>nsi-mu</c>, <c>nsi-tau</c>, <c>nsi-all</c>, <c>spvat-S</c> … <c>spvat-T</c>, <c>spvat-all</c>,
/// <c>zprime-gauge</c>, <c>zprime-kinetic</c>, <c>zprime-mass</c>, <c>mediator-S</c> … <c>mediator-T</c>,
/// <c>em-mu</c>, <c>em-q</c>, <c>em-r2</c>, <c>em-anapole</c>, <c>em-all</c>, <c>nsi-solar</c> (NSI in propagation and detection, <see cref="SolarNsiModel"/>). See the model classes for the physics and sources.
/// </summary>
public static class ModelCatalog
{
    /// <summary>All accepted model names, in a stable order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "sm", "gvga", "nsi-e", "nsi-mu", "nsi-tau", "nsi-all",
        "spvat-S", "spvat-P", "spvat-V", "spvat-A", "spvat-T", "spvat-all",
        "zprime-gauge", "zprime-kinetic", "zprime-mass",
        "mediator-S", "mediator-P", "mediator-V", "mediator-A", "mediator-T",
        "em-mu", "em-q", "em-r2", "em-anapole", "em-all",
        "nsi-solar",
    ];

    /// <summary>Names of the models whose kernels depend on a mass (<see cref="ModelOptions.MassKeV"/> required).</summary>
    public static bool NeedsMass(string name)
        => name.StartsWith("zprime-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("mediator-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates the model <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the allowed names if unknown,
    /// or if a required mass is missing.</summary>
    public static IInteractionModel Create(string name, ModelOptions? options = null)
    {
        var o = options ?? new ModelOptions();
        string n = (name ?? "").Trim().ToLowerInvariant();
        double Mass()
        {
            if (o.MassKeV is not { } m) throw new ArgumentException($"Model '{name}' needs a mediator mass (ModelOptions.MassKeV, keV).", nameof(options));
            return m;
        }
        Flavour fl = o.Flavour ?? Flavour.E;
        return n switch
        {
            "sm" => new WeakMixingAngleModel(o.Scheme, o.Sin2ThetaW),
            "gvga" => new VectorAxialModel(o.Scheme, o.Sin2ThetaW),
            "nsi-e" => new NsiModel(Flavour.E, o.Scheme, o.Sin2ThetaW),
            "nsi-mu" => new NsiModel(Flavour.Mu, o.Scheme, o.Sin2ThetaW),
            "nsi-tau" => new NsiModel(Flavour.Tau, o.Scheme, o.Sin2ThetaW),
            "nsi-all" => new NsiModel([], o.Scheme, o.Sin2ThetaW),
            "nsi-solar" => new SolarNsiModel(o.Scheme, o.Sin2ThetaW),
            "spvat-all" => new SpvatModel(null, o.Scheme, o.Sin2ThetaW, fl),
            "zprime-gauge" => new ZPrimeModel(ZPrimeMechanism.Gauge, Mass(), o.Scheme, o.Sin2ThetaW),
            "zprime-kinetic" => new ZPrimeModel(ZPrimeMechanism.Kinetic, Mass(), o.Scheme, o.Sin2ThetaW),
            "zprime-mass" => new ZPrimeModel(ZPrimeMechanism.Mass, Mass(), o.Scheme, o.Sin2ThetaW),
            "em-mu" => new ElectromagneticModel(fl, EmProperty.MagneticMoment, o.Scheme, o.Sin2ThetaW),
            "em-q" => new ElectromagneticModel(fl, EmProperty.Millicharge, o.Scheme, o.Sin2ThetaW),
            "em-r2" => new ElectromagneticModel(fl, EmProperty.ChargeRadius, o.Scheme, o.Sin2ThetaW),
            "em-anapole" => new ElectromagneticModel(fl, EmProperty.Anapole, o.Scheme, o.Sin2ThetaW),
            "em-all" => new ElectromagneticModel(fl, [EmProperty.MagneticMoment, EmProperty.Millicharge, EmProperty.ChargeRadius, EmProperty.Anapole], o.Scheme, o.Sin2ThetaW),
            _ when n.StartsWith("spvat-") && TryStructure(n[6..], out var s) => new SpvatModel(s, o.Scheme, o.Sin2ThetaW, fl),
            _ when n.StartsWith("mediator-") && TryStructure(n[9..], out var s) => new LightMediatorModel(s, Mass(), o.Scheme, o.Sin2ThetaW, o.Flavour),
            _ => throw new ArgumentException($"Unknown interaction model '{name}'. Allowed: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    static bool TryStructure(string s, out LorentzStructure structure)
    {
        structure = default;
        if (s.Length != 1) return false;
        int i = "spvat".IndexOf(s[0]);
        if (i < 0) return false;
        structure = (LorentzStructure)i;
        return true;
    }
}
