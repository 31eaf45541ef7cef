namespace NuXe.Physics;

/// <summary>
/// The coefficients of a differential cross section per electron written as a polynomial in 1/E at fixed recoil T:
/// dσ/dT(T, E) = A0(T) + A1(T)/E + A2(T)/E²  for E ≥ E_min(T), and 0 otherwise.
/// Units: A0 in cm²/keV, A1 in cm², A2 in cm²·keV (E in keV).
/// Every ν–e cross section of PHYSICS.md §3–4 (SM, NSI, SPVAT, Z′, light mediators, EM properties) has this form,
/// which is what makes spectra cheap: the flux enters only through the three moments
/// M_k(T) = ∫_{E_min(T)} dE φ(E) E^{-k}, k = 0, 1, 2.
/// </summary>
public readonly record struct KernelCoefficients(double A0, double A1, double A2)
{
    public static readonly KernelCoefficients Zero = new(0, 0, 0);

    public static KernelCoefficients operator *(double s, KernelCoefficients k) => new(s * k.A0, s * k.A1, s * k.A2);
    public static KernelCoefficients operator +(KernelCoefficients a, KernelCoefficients b) => new(a.A0 + b.A0, a.A1 + b.A1, a.A2 + b.A2);

    /// <summary>dσ/dT at neutrino energy E (keV); the caller applies the kinematic limit.</summary>
    public double At(double neutrinoEnergyKeV) => A0 + (A1 + A2 / neutrinoEnergyKeV) / neutrinoEnergyKeV;
}

/// <summary>
/// One basis cross section: a named function T ↦ <see cref="KernelCoefficients"/>. A model's prediction is a linear
/// combination of basis kernels with coefficients that depend on its parameters. Kernels must be pure and their
/// <see cref="Key"/> must identify them uniquely (it is the cache key of the binned templates, so include any mass).
/// </summary>
public sealed record RecoilKernel(string Key, Func<double, KernelCoefficients> Coefficients)
{
    /// <summary>
    /// Which atomic response applies to this kernel (issue 11): the contact weak/NSI/charge-radius kernels (default),
    /// the magnetic-moment kernel, the millicharge–weak interference (1/T) kernels or the pure millicharge (1/T²) kernels.
    /// </summary>
    public AtomicChannel Channel { get; init; } = AtomicChannel.Weak;

    /// <summary>dσ/dT(T, E) in cm²/keV, including the kinematic limit T ≤ T_max(E).</summary>
    public double CrossSection(double recoilKeV, double neutrinoEnergyKeV)
        => recoilKeV > Kinematics.MaxRecoilKeV(neutrinoEnergyKeV) || recoilKeV < 0 ? 0.0 : Coefficients(recoilKeV).At(neutrinoEnergyKeV);
}

/// <summary>
/// Interaction channel of a kernel as seen by the atomic response (issue 11; docs/atomic.md): the exchanged boson fixes
/// how the bound-electron response is weighted in momentum transfer q — contact (∫ q dq), magnetic moment (∫ dq/q),
/// weak–photon interference (1/Q², treated like the magnetic moment) and photon exchange (1/Q⁴, millicharge).
/// </summary>
public enum AtomicChannel
{
    /// <summary>Contact interactions: SM weak, NSI, SPVAT, heavy mediators, charge radius, anapole.</summary>
    Weak = 0,
    /// <summary>Magnetic moment (helicity flip).</summary>
    MagneticMoment = 1,
    /// <summary>Millicharge × weak interference (kernels ∝ 1/T).</summary>
    ChargeInterference = 2,
    /// <summary>Pure millicharge (photon exchange squared, kernels ∝ 1/T²).</summary>
    Charge = 3,
}
