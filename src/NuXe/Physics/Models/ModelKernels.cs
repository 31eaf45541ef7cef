using System.Globalization;

namespace NuXe.Physics.Models;

/// <summary>
/// Basis kernels shared by the beyond-SM and electromagnetic models (PHYSICS.md §4). Every kernel is a function of the
/// recoil T only; its <see cref="RecoilKernel.Key"/> identifies the function uniquely (same key ⇒ same function), so
/// binned templates can be cached by key and shared between models. Key scheme:
/// <list type="bullet">
/// <item><c>sm.LL</c>, <c>sm.RR</c>, <c>sm.LR</c>: the SM kernels of <see cref="StandardModel"/>.</item>
/// <item><c>spvat.x2</c>: G_F² m_e/2π · 2(1 − T/E) (Link &amp; Xu eq. 28).</item>
/// <item><c>prop.{LL|RR|LR}.w{1|2}(m=…keV)</c>: SM kernel × w(T)ⁿ with the vector-propagator weight
/// w(T) = 1/[4√2 G_F (2 m_e T + m²)] (Link &amp; Xu eqs. 34–36), shared by the light Z′ and the light V/A mediators.</item>
/// <item><c>em.{LL|RR|LR}.invT{1|2}</c>: SM kernel × (1 keV/T)ⁿ (millicharge shift, ShivaSankar et al. 2022 eq. 3).</item>
/// <item><c>em.mm</c>: magnetic-moment kernel (πα²/m_e²)(1/T − 1/E)(ħc)² (ShivaSankar et al. 2022 eq. 2).</item>
/// <item><c>mediator.{S|P|T}(m=…keV)</c>: incoherent light scalar / pseudoscalar / tensor kernels per g_X⁴
/// (ShivaSankar et al. 2022 eqs. 5–7).</item>
/// </list>
/// Masses are written with the round-trip-unique format <see cref="MassTag"/>, e.g. <c>m=1.000e+03keV</c>.
/// </summary>
public static class ModelKernels
{
    static readonly double Me = Constants.ElectronMassKeV;
    static readonly double K = Constants.WeakPrefactorCm2PerKeV;

    /// <summary>
    /// Mass tag used in kernel and model keys, e.g. <c>m=1.000e+03keV</c>; at least 4 significant digits and as many
    /// more as needed to distinguish distinct doubles (17 significant digits at most), so keys are unique per mass.
    /// </summary>
    public static string MassTag(double massKeV)
    {
        string s = massKeV.ToString("E3", CultureInfo.InvariantCulture);
        for (int digits = 4; digits <= 17; digits++)
        {
            s = massKeV.ToString("E" + (digits - 1), CultureInfo.InvariantCulture);
            if (double.Parse(s, CultureInfo.InvariantCulture) == massKeV) break;
        }
        int e = s.IndexOf('E');
        int exponent = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
        return $"m={s[..e]}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}keV";
    }

    /// <summary>A kernel equal to <paramref name="baseKernel"/> times a T-dependent weight; key = base key + "." + suffix.</summary>
    public static RecoilKernel Weighted(RecoilKernel baseKernel, string keyPrefix, string suffix, Func<double, double> weight)
    {
        var f = baseKernel.Coefficients;
        return new RecoilKernel($"{keyPrefix}.{baseKernel.Key.Split('.')[^1]}.{suffix}", t => weight(t) * f(t));
    }

    /// <summary>
    /// Vector-propagator weight w(T) = 1/[4√2 G_F (2 m_e T + m²)] (dimensionless; T and m in keV) of Link &amp; Xu 2019
    /// eqs. (34)–(36): a light Z′ shifts (g₁, g₂) → (g₁, g₂) + (δ₁, δ₂)·w(T).
    /// </summary>
    public static double PropagatorWeight(double recoilKeV, double massKeV)
        => 1.0 / (4.0 * Math.Sqrt(2.0) * Constants.FermiConstantPerKeV2 * (2.0 * Me * recoilKeV + massKeV * massKeV));

    /// <summary>
    /// The nine kernels of a T-dependent shift (g₁, g₂) → (g₁ + δ₁w, g₂ + δ₂w) of the SM couplings, in the order
    /// [LL, RR, LR, LL·w, RR·w, LR·w, LL·w², RR·w², LR·w²] (coefficients from <see cref="ShiftExpansion"/>).
    /// Keys <c>prop.XX.w1(m=…keV)</c>, <c>prop.XX.w2(m=…keV)</c>.
    /// </summary>
    public static IReadOnlyList<RecoilKernel> PropagatorShiftKernels(double massKeV)
    {
        string tag = MassTag(massKeV);
        double m = massKeV;
        Func<double, double> w1 = t => PropagatorWeight(t, m);
        Func<double, double> w2 = t => { double w = PropagatorWeight(t, m); return w * w; };
        var sm = StandardModel.Kernels;
        var list = new List<RecoilKernel>(9);
        list.AddRange(sm);
        foreach (var k in sm) list.Add(Weighted(k, "prop", $"w1({tag})", w1));
        foreach (var k in sm) list.Add(Weighted(k, "prop", $"w2({tag})", w2));
        return list;
    }

    /// <summary>
    /// The nine kernels of a millicharge-type shift (g₁, g₂) → (g₁ + δ/T, g₂ + δ/T), T in keV, in the order
    /// [LL, RR, LR, LL/T, RR/T, LR/T, LL/T², RR/T², LR/T²] (ShivaSankar et al. 2022 eq. 3). Keys <c>em.XX.invT1</c>, <c>em.XX.invT2</c>.
    /// </summary>
    public static readonly IReadOnlyList<RecoilKernel> InverseRecoilShiftKernels = BuildInverseRecoilKernels();

    static List<RecoilKernel> BuildInverseRecoilKernels()
    {
        var sm = StandardModel.Kernels;
        var list = new List<RecoilKernel>(9);
        list.AddRange(sm);
        foreach (var k in sm) list.Add(Weighted(k, "em", "invT1", t => 1.0 / t) with { Channel = AtomicChannel.ChargeInterference });
        foreach (var k in sm) list.Add(Weighted(k, "em", "invT2", t => 1.0 / (t * t)) with { Channel = AtomicChannel.Charge });
        return list;
    }

    /// <summary>
    /// Magnetic-moment kernel per (μ_ν/μ_B)²: dσ/dT = (πα²/m_e²)(1/T − 1/E)·(ħc)² in cm²/keV
    /// (ShivaSankar et al. 2022 eq. 2; Vogel &amp; Engel 1989). Helicity flipping, adds incoherently to the weak rate.
    /// </summary>
    public static readonly RecoilKernel MagneticMoment = new("em.mm", t =>
    {
        double c = Math.PI * Constants.FineStructure * Constants.FineStructure / (Me * Me) * Constants.HbarC2KeV2Cm2;
        return new KernelCoefficients(c / t, -c, 0);
    }) { Channel = AtomicChannel.MagneticMoment };

    /// <summary>
    /// Kernel <c>spvat.x2</c> = G_F² m_e/2π · 2(1 − T/E) in cm²/keV, multiplying x₂ of Link &amp; Xu 2019 eq. (28).
    /// (x₁ uses <see cref="StandardModel.LL"/>, x₃ <see cref="StandardModel.RR"/>, x₄ m_eT/(4E²) = −¼ <see cref="StandardModel.LR"/>.)
    /// </summary>
    public static readonly RecoilKernel SpvatX2 = new("spvat.x2", t => new KernelCoefficients(2 * K, -2 * K * t, 0));

    /// <summary>
    /// Light scalar mediator per g_X⁴ (g_X² = g_νS g_eS): dσ/dT = m_e² T / [4π (2 m_e T + m_S²)² E²]·(ħc)² in cm²/keV
    /// (ShivaSankar et al. 2022 eq. 5). Key <c>mediator.S(m=…keV)</c>.
    /// </summary>
    public static RecoilKernel Scalar(double massKeV)
    {
        double m2 = massKeV * massKeV;
        return new RecoilKernel($"mediator.S({MassTag(massKeV)})", t =>
        {
            double d = 2 * Me * t + m2;
            return new KernelCoefficients(0, 0, Me * Me * t / (4 * Math.PI * d * d) * Constants.HbarC2KeV2Cm2);
        });
    }

    /// <summary>
    /// Light pseudoscalar mediator per g_X⁴: dσ/dT = m_e T² / [8π (2 m_e T + m_P²)² E²]·(ħc)² in cm²/keV
    /// (ShivaSankar et al. 2022 eq. 6). Key <c>mediator.P(m=…keV)</c>.
    /// </summary>
    public static RecoilKernel Pseudoscalar(double massKeV)
    {
        double m2 = massKeV * massKeV;
        return new RecoilKernel($"mediator.P({MassTag(massKeV)})", t =>
        {
            double d = 2 * Me * t + m2;
            return new KernelCoefficients(0, 0, Me * t * t / (8 * Math.PI * d * d) * Constants.HbarC2KeV2Cm2);
        });
    }

    /// <summary>
    /// Light tensor mediator per g_X⁴: dσ/dT = m_e / [π (2 m_e T + m_T²)²] [1 + 2(1 − T/E) + (1 − T/E)² − m_e T/E²]·(ħc)²
    /// = f(T)[4 − 4T/E + (T² − m_e T)/E²] in cm²/keV (ShivaSankar et al. 2022 eq. 7). Key <c>mediator.T(m=…keV)</c>.
    /// </summary>
    public static RecoilKernel Tensor(double massKeV)
    {
        double m2 = massKeV * massKeV;
        return new RecoilKernel($"mediator.T({MassTag(massKeV)})", t =>
        {
            double d = 2 * Me * t + m2;
            double f = Me / (Math.PI * d * d) * Constants.HbarC2KeV2Cm2;
            return new KernelCoefficients(4 * f, -4 * f * t, f * (t * t - Me * t));
        });
    }
}

/// <summary>
/// Coefficients of a shifted-coupling cross section on the nine kernels of
/// <see cref="ModelKernels.PropagatorShiftKernels"/> (or <see cref="ModelKernels.InverseRecoilShiftKernels"/>):
/// K[(g₁ + δ₁w)² + (g₂ + δ₂w)²(1 − T/E)² − (g₁ + δ₁w)(g₂ + δ₂w) m_eT/E²] expanded in powers of the weight w(T).
/// </summary>
public static class ShiftExpansion
{
    /// <summary>Number of kernels / coefficients.</summary>
    public const int Count = 9;

    /// <summary>c = [g₁², g₂², g₁g₂, 2g₁δ₁, 2g₂δ₂, g₁δ₂ + g₂δ₁, δ₁², δ₂², δ₁δ₂].</summary>
    public static void Coefficients(double g1, double g2, double d1, double d2, Span<double> c)
    {
        c[0] = g1 * g1; c[1] = g2 * g2; c[2] = g1 * g2;
        c[3] = 2 * g1 * d1; c[4] = 2 * g2 * d2; c[5] = g1 * d2 + g2 * d1;
        c[6] = d1 * d1; c[7] = d2 * d2; c[8] = d1 * d2;
    }

    /// <summary>
    /// Directional derivative of <see cref="Coefficients"/>: dc = J·(dg₁, dg₂, dδ₁, dδ₂), written to
    /// <paramref name="grad"/>[j * stride + column] for j = 0..8.
    /// </summary>
    public static void Derivative(double g1, double g2, double d1, double d2,
        double dg1, double dg2, double dd1, double dd2, Span<double> grad, int stride, int column)
    {
        grad[0 * stride + column] = 2 * g1 * dg1;
        grad[1 * stride + column] = 2 * g2 * dg2;
        grad[2 * stride + column] = g1 * dg2 + g2 * dg1;
        grad[3 * stride + column] = 2 * (dg1 * d1 + g1 * dd1);
        grad[4 * stride + column] = 2 * (dg2 * d2 + g2 * dd2);
        grad[5 * stride + column] = dg1 * d2 + g1 * dd2 + dg2 * d1 + g2 * dd1;
        grad[6 * stride + column] = 2 * d1 * dd1;
        grad[7 * stride + column] = 2 * d2 * dd2;
        grad[8 * stride + column] = dd1 * d2 + d1 * dd2;
    }
}
