using NuXe.Data;

namespace NuXe.Physics.Cevns;

/// <summary>A stable xenon isotope: mass number A, neutrons N (Z = 54), natural abundance, nuclear mass (keV).</summary>
/// <param name="A">Mass number.</param>
/// <param name="N">Neutron number.</param>
/// <param name="Abundance">Natural abundance (mole fraction), IUPAC 2013.</param>
/// <param name="NuclearMassKeV">Nuclear mass M = atomic mass (AME2016) × 931494.10242 keV/u − 54 m_e (keV).</param>
public sealed record XenonIsotope(int A, int N, double Abundance, double NuclearMassKeV)
{
    /// <summary>Z = 54.</summary>
    public int Z => Constants.XenonZ;
}

/// <summary>Natural-xenon isotopes (data/cevns/xe_isotopes.csv; IUPAC 2013 abundances, AME2016 masses).</summary>
public static class XenonIsotopes
{
    /// <summary>Atomic mass unit in keV (CODATA 2018).</summary>
    public const double AtomicMassUnitKeV = 931494.10242;

    static readonly Lazy<IReadOnlyList<XenonIsotope>> _natural = new(() =>
    {
        var t = DataStore.ReadShipped("cevns/xe_isotopes.csv");
        var a = t.Column("A"); var n = t.Column("N"); var ab = t.Column("abundance"); var m = t.Column("atomic_mass_u");
        return Enumerable.Range(0, a.Length)
            .Select(i => new XenonIsotope((int)a[i], (int)n[i], ab[i], m[i] * AtomicMassUnitKeV - Constants.XenonZ * Constants.ElectronMassKeV))
            .ToArray();
    });

    /// <summary>The nine stable isotopes of natural xenon (abundances sum to 1).</summary>
    public static IReadOnlyList<XenonIsotope> Natural => _natural.Value;
}

/// <summary>
/// Coherent elastic ν–nucleus scattering (CEvNS) cross sections per nucleus, in cm²/keV of nuclear recoil T (keV_nr),
/// for neutrino energy E (keV). Flavour blind at tree level.
/// <list type="bullet">
/// <item>SM (Freedman 1974; e.g. Hsieh et al. 2019 eq. (8)): dσ/dT = (G_F² M / 4π) Q_W² (1 − T/E − M T / 2E²) F²(q),
/// Q_W = N − (1 − 4 sin²θ_W) Z.</item>
/// <item>Magnetic moment (Hsieh et al. 2019 eq. (9); Vogel &amp; Engel, PRD 39 (1989) 3378):
/// dσ/dT = (πα²/m_e²) (μ_ν/μ_B)² Z² (1/T − 1/E) F²(q) — photon exchange with the Z protons, coherent.</item>
/// <item>Millicharge (Hsieh et al. 2019 eq. (10)): dσ/dT = (2πα² q_ν² Z² / (M T²)) (1 − T/E − M T / 2E²) F²(q),
/// the nuclear analogue of the electron formula 2πα²q²/(m_e T²) (g_V → g_V + Z √2πα q_ν/(G_F M T) with Q² = 2MT), Z²
/// coherent. Only the pure q² term is kept, as in Hsieh et al.; its interference with the weak charge is neglected
/// (documented approximation).</item>
/// </list>
/// Helm form factor with Lewin &amp; Smith parameters (Astropart. Phys. 6 (1996) 87): F(q) = 3 j₁(q r_n)/(q r_n) e^{−q²s²/2},
/// s = 0.9 fm, a = 0.52 fm, c = 1.23 A^{1/3} − 0.60 fm, r_n² = c² + (7/3)π² a² − 5 s², q = √(2 M T).
/// </summary>
public static class CevnsCrossSection
{
    /// <summary>ħc in keV·fm.</summary>
    public const double HbarCKeVFm = 197326.9804;

    /// <summary>Helm form factor F(q) (dimensionless), Lewin &amp; Smith 1996 parameters; q in keV.</summary>
    public static double HelmFormFactor(double momentumTransferKeV, int massNumber)
    {
        double qfm = momentumTransferKeV / HbarCKeVFm;
        const double s = 0.9, a = 0.52;
        double c = 1.23 * Math.Cbrt(massNumber) - 0.60;
        double rn = Math.Sqrt(c * c + 7.0 / 3.0 * Math.PI * Math.PI * a * a - 5 * s * s);
        double x = qfm * rn;
        double j1OverX = x < 1e-3 ? 1.0 / 3.0 - x * x / 30.0 : (Math.Sin(x) / (x * x) - Math.Cos(x) / x) / x;
        return 3 * j1OverX * Math.Exp(-0.5 * qfm * qfm * s * s);
    }

    /// <summary>Maximum nuclear recoil T_max = 2E²/(M + 2E) (keV) for neutrino energy E (keV) and nuclear mass M (keV).</summary>
    public static double MaxRecoilKeV(double neutrinoEnergyKeV, double nuclearMassKeV) => 2 * neutrinoEnergyKeV * neutrinoEnergyKeV / (nuclearMassKeV + 2 * neutrinoEnergyKeV);

    /// <summary>Minimum neutrino energy (keV) for a nuclear recoil T: E_min = (T + √(T² + 2MT))/2.</summary>
    public static double MinNeutrinoEnergyKeV(double recoilKeV, double nuclearMassKeV) => 0.5 * (recoilKeV + Math.Sqrt(recoilKeV * recoilKeV + 2 * nuclearMassKeV * recoilKeV));

    static double F2(double t, XenonIsotope iso) { double f = HelmFormFactor(Math.Sqrt(2 * iso.NuclearMassKeV * t), iso.A); return f * f; }

    static double Kin(double t, double e, double m) => Math.Max(0, 1 - t / e - m * t / (2 * e * e));

    /// <summary>SM weak charge Q_W = N − (1 − 4 sin²θ_W) Z (tree level).</summary>
    public static double WeakCharge(XenonIsotope iso, double sin2ThetaW) => iso.N - (1 - 4 * sin2ThetaW) * iso.Z;

    /// <summary>SM CEvNS dσ/dT (cm²/keV_nr) per nucleus.</summary>
    public static double StandardModel(double recoilKeV, double neutrinoEnergyKeV, XenonIsotope iso, double sin2ThetaW)
    {
        if (recoilKeV <= 0 || recoilKeV > MaxRecoilKeV(neutrinoEnergyKeV, iso.NuclearMassKeV)) return 0;
        double qw = WeakCharge(iso, sin2ThetaW), gf = Constants.FermiConstantPerKeV2, m = iso.NuclearMassKeV;
        return gf * gf * m / (4 * Math.PI) * qw * qw * Kin(recoilKeV, neutrinoEnergyKeV, m) * F2(recoilKeV, iso) * Constants.HbarC2KeV2Cm2;
    }

    /// <summary>Magnetic-moment ν–nucleus dσ/dT (cm²/keV_nr) for μ_ν in units of μ_B (Hsieh et al. eq. 9).</summary>
    public static double MagneticMoment(double recoilKeV, double neutrinoEnergyKeV, XenonIsotope iso, double muBohr)
    {
        if (recoilKeV <= 0 || recoilKeV > MaxRecoilKeV(neutrinoEnergyKeV, iso.NuclearMassKeV)) return 0;
        double a = Constants.FineStructure, me = Constants.ElectronMassKeV;
        return Math.PI * a * a / (me * me) * muBohr * muBohr * iso.Z * iso.Z * (1 / recoilKeV - 1 / neutrinoEnergyKeV) * F2(recoilKeV, iso) * Constants.HbarC2KeV2Cm2;
    }

    /// <summary>Millicharge ν–nucleus dσ/dT (cm²/keV_nr) for q_ν in units of e (Hsieh et al. eq. 10, pure q² term).</summary>
    public static double Millicharge(double recoilKeV, double neutrinoEnergyKeV, XenonIsotope iso, double chargeE)
    {
        if (recoilKeV <= 0 || recoilKeV > MaxRecoilKeV(neutrinoEnergyKeV, iso.NuclearMassKeV)) return 0;
        double a = Constants.FineStructure, m = iso.NuclearMassKeV;
        return 2 * Math.PI * a * a * chargeE * chargeE * iso.Z * iso.Z / (m * recoilKeV * recoilKeV) * Kin(recoilKeV, neutrinoEnergyKeV, m) * F2(recoilKeV, iso) * Constants.HbarC2KeV2Cm2;
    }
}

/// <summary>
/// Lindhard quenching of xenon nuclear recoils (Lindhard et al., Mat. Fys. Medd. Dan. Vid. Selsk. 33 (1963) 10):
/// L(E_nr) = k g(ε)/(1 + k g(ε)), ε = 11.5 E_nr[keV] Z^{−7/3}, g = 3ε^0.15 + 0.7ε^0.6 + ε, E_ee = L·E_nr.
/// k = 0.133 Z^{2/3} A^{−1/2} = 0.1659 for Xe (Z = 54, A = 131.3): the two numbers quoted in the literature, "0.133" and
/// "0.166", are the same Lindhard k (0.133 is the prefactor). Default <see cref="DefaultK"/> = 0.166.
/// </summary>
public sealed record LindhardQuenching(double K)
{
    /// <summary>Lindhard k for xenon, 0.133 Z^{2/3}/√A rounded: 0.166.</summary>
    public const double DefaultK = 0.166;

    /// <summary>The default xenon quenching (k = 0.166).</summary>
    public static readonly LindhardQuenching Xenon = new(DefaultK);

    /// <summary>Quenching factor L (dimensionless) at nuclear recoil E_nr (keV_nr).</summary>
    public double Factor(double nuclearRecoilKeV)
    {
        if (nuclearRecoilKeV <= 0) return 0;
        double eps = 11.5 * nuclearRecoilKeV * Math.Pow(Constants.XenonZ, -7.0 / 3.0);
        double g = 3 * Math.Pow(eps, 0.15) + 0.7 * Math.Pow(eps, 0.6) + eps;
        return K * g / (1 + K * g);
    }

    /// <summary>Electron-equivalent energy E_ee = L(E_nr)·E_nr (keV_ee).</summary>
    public double ElectronEquivalentKeV(double nuclearRecoilKeV) => Factor(nuclearRecoilKeV) * nuclearRecoilKeV;

    /// <summary>Jacobian dE_ee/dE_nr (dimensionless), by a central difference.</summary>
    public double Jacobian(double nuclearRecoilKeV)
    {
        double h = 1e-4 * nuclearRecoilKeV;
        return (ElectronEquivalentKeV(nuclearRecoilKeV + h) - ElectronEquivalentKeV(nuclearRecoilKeV - h)) / (2 * h);
    }
}

/// <summary>Which ν–nucleus cross section to fold: SM weak, or the EM terms (parameter μ_ν in μ_B or q_ν in e).</summary>
public enum CevnsTerm
{
    /// <summary>SM weak (coherent Q_W = N − (1 − 4 sin²θ_W) Z).</summary>
    StandardModel,
    /// <summary>Magnetic moment, Hsieh et al. eq. (9).</summary>
    MagneticMoment,
    /// <summary>Pure millicharge (x² part of eq. 10).</summary>
    Millicharge,
    /// <summary>
    /// Millicharge–weak interference, the x term of Hsieh et al. eq. (10) as printed: (M G_F²/4π)(1 − MT/2E²)·2(2A sin²θ_W)x F²,
    /// x = 2√2παZδ_Q/(G_F M T). The printed weak charge 2A sin²θ_W is that of an isoscalar (N = Z) nucleus, as the paper
    /// assumes ("xenon which is an isoscalar nucleus"); for real Xe (N − (1 − 4s²)Z ≈ 74.6 vs 2A s² ≈ 62.6) it differs by 19 %
    /// (docs/hsieh2019.md). Odd in δ_Q; the magnitude is returned (what Fig. 3 shows).
    /// </summary>
    MillichargeInterference,
}
