namespace NuXe.Physics;

/// <summary>
/// Physical constants in one place, with their source. Natural units (ħ = c = 1) inside the code,
/// energies in keV; conversions happen only at the edges (cm², MCi, days, tonnes).
/// Source: PDG 2024 (Review of Particle Physics, Prog. Theor. Exp. Phys. 2024, 083C01) unless stated;
/// see ../shared/spec/PHYSICS.md §1.
/// </summary>
public static class Constants
{
    /// <summary>Fermi constant G_F in keV⁻² (1.1663788e-5 GeV⁻², PDG 2024).</summary>
    public const double FermiConstantPerKeV2 = 1.1663788e-17;

    /// <summary>Electron mass m_e in keV (PDG 2024).</summary>
    public const double ElectronMassKeV = 510.99895;

    /// <summary>Fine-structure constant α (CODATA 2018 / PDG 2024).</summary>
    public const double FineStructure = 1.0 / 137.035999084;

    /// <summary>ħc in keV·cm (197.3269804 MeV·fm).</summary>
    public const double HbarCKeVCm = 1.973269804e-8;

    /// <summary>(ħc)² in keV²·cm²: converts a natural-unit cross section (keV⁻²) to cm².</summary>
    public const double HbarC2KeV2Cm2 = HbarCKeVCm * HbarCKeVCm;

    /// <summary>Avogadro constant in mol⁻¹ (exact, SI 2019).</summary>
    public const double AvogadroPerMol = 6.02214076e23;

    /// <summary>Elementary charge in natural (Heaviside–Lorentz) units: e = √(4πα).</summary>
    public static readonly double ElementaryCharge = Math.Sqrt(4.0 * Math.PI * FineStructure);

    /// <summary>Bohr magneton μ_B = e/(2 m_e) in keV⁻¹.</summary>
    public static readonly double BohrMagnetonPerKeV = ElementaryCharge / (2.0 * ElectronMassKeV);

    /// <summary>Low-energy MS-bar sin²θ_W used by Link &amp; Xu 2019 (RGE-run, Erler &amp; Su 2013).</summary>
    public const double Sin2ThetaWLowEnergy = 0.23865;

    /// <summary>Low-energy sin²θ_W used by ShivaSankar et al. 2022 (0.23857 ± 0.00005, PDG).</summary>
    public const double Sin2ThetaWShivaSankar = 0.23857;

    /// <summary>sin²θ_W at the Z pole, MS-bar (PDG 2024).</summary>
    public const double Sin2ThetaWZPole = 0.23122;

    /// <summary>Xenon atomic number.</summary>
    public const int XenonZ = 54;

    /// <summary>Molar mass of natural xenon in g/mol (IUPAC).</summary>
    public const double XenonMolarMassGPerMol = 131.293;

    /// <summary>Liquid-xenon density in g/cm³ used by the ⁵¹Cr studies (configurable per preset).</summary>
    public const double LiquidXenonDensityGPerCm3 = 2.953;

    /// <summary>1 Ci in Bq (decays per second).</summary>
    public const double CurieBq = 3.7e10;

    /// <summary>Seconds per day.</summary>
    public const double SecondsPerDay = 86400.0;

    /// <summary>Days per (Julian) year.</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>Seconds per (Julian) year.</summary>
    public const double SecondsPerYear = SecondsPerDay * DaysPerYear;

    /// <summary>Prefactor G_F² m_e / (2π) of the SM ν–e cross section, in cm²/keV (PHYSICS.md §3).</summary>
    public static readonly double WeakPrefactorCm2PerKeV =
        FermiConstantPerKeV2 * FermiConstantPerKeV2 * ElectronMassKeV / (2.0 * Math.PI) * HbarC2KeV2Cm2;
}
