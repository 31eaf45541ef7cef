namespace NuXe.Physics;

/// <summary>ν–e elastic-scattering kinematics on an electron at rest (PHYSICS.md §2).</summary>
public static class Kinematics
{
    /// <summary>
    /// Maximum recoil kinetic energy T_max = 2E²/(2E + m_e) in keV for a neutrino of energy E (keV).
    /// (Link &amp; Xu 2019 eq. 11 prints 2E²/(2E² + m_e): a typo.)
    /// </summary>
    public static double MaxRecoilKeV(double neutrinoEnergyKeV)
        => 2.0 * neutrinoEnergyKeV * neutrinoEnergyKeV / (2.0 * neutrinoEnergyKeV + Constants.ElectronMassKeV);

    /// <summary>
    /// Minimum neutrino energy E_min(T) = [T + √(T² + 2 m_e T)]/2 in keV that can produce a recoil T (keV);
    /// the inverse of <see cref="MaxRecoilKeV"/>.
    /// </summary>
    public static double MinNeutrinoEnergyKeV(double recoilKeV)
        => 0.5 * (recoilKeV + Math.Sqrt(recoilKeV * recoilKeV + 2.0 * Constants.ElectronMassKeV * recoilKeV));
}
