using System.Numerics;
using NuXe.Physics;
using NuXe.Physics.Nsi;

namespace NuXe.Sources.Solar;

/// <summary>
/// Three-flavour MSW with NSI in the Sun, reduced to an effective two-state problem (Gonzalez-Garcia &amp; Maltoni, JHEP 09
/// (2013) 152, §2; Amaral et al. 2023 §4, as in SNuDD): after rotating by θ₂₃ and θ₁₃ (kept at their vacuum values, as the
/// SM code does) the ν₁–ν₂ system has the matter potential V_CC [c²₁₃ − 2ξ ε_D] on the diagonal and 2 V_CC ξ ε_N off it, with
/// ξ = ξ^e + ξ^p + Y_n ξ^n (<see cref="SolarNsiPoint.MatterWeight"/>) and
/// ε_D = c₁₃s₁₃ Re(s₂₃ε_eμ + c₂₃ε_eτ) − (1 + s²₁₃)c₂₃s₂₃ Re ε_μτ − ½c²₁₃(ε_ee − ε_μμ) + ½(s²₂₃ − s²₁₃c²₂₃)(ε_ττ − ε_μμ),
/// ε_N = c₁₃(c₂₃ε_eμ − s₂₃ε_eτ) + s₁₃[s²₂₃ε_μτ − c²₂₃ε*_μτ + c₂₃s₂₃(ε_ττ − ε_μμ)].
/// With a = 2EV_CC/Δm²₂₁: cos 2θ₁₂^m = q/√(|p|² + q²), q = cos 2θ₁₂ − (c²₁₃ − 2ξε_D) a, p = sin 2θ₁₂ e^{iδ} + 2ξ a ε_N.
/// At ε = 0 this is exactly <see cref="SolarMsw.Cos2ThetaMatter"/>. Mixing-matrix convention U = R₂₃ R₁₃ U₁₂(δ) (δ on the
/// 1–2 rotation), the convention in which ε_D, ε_N are defined; |U_αi|² equal the PDG ones.
/// </summary>
public static class SolarNsiMatter
{
    /// <summary>ε_D (real) and ε_N (complex) of an ε matrix (see class remarks).</summary>
    public static (double D, Complex N) EffectiveCouplings(Matrix3 eps, OscillationParameters p)
    {
        double s13 = Math.Sqrt(p.Sin2Theta13), c13 = Math.Sqrt(1 - p.Sin2Theta13), s23 = Math.Sqrt(p.Sin2Theta23), c23 = Math.Sqrt(1 - p.Sin2Theta23);
        Complex emu = eps[0, 1], etau = eps[0, 2], mutau = eps[1, 2];
        double ee = eps[0, 0].Real, mm = eps[1, 1].Real, tt = eps[2, 2].Real;
        double d = c13 * s13 * (s23 * emu + c23 * etau).Real - (1 + s13 * s13) * c23 * s23 * mutau.Real
                   - 0.5 * c13 * c13 * (ee - mm) + 0.5 * (s23 * s23 - s13 * s13 * c23 * c23) * (tt - mm);
        Complex n = c13 * (c23 * emu - s23 * etau) + s13 * (s23 * s23 * mutau - c23 * c23 * Complex.Conjugate(mutau) + c23 * s23 * (tt - mm));
        return (d, n);
    }

    /// <summary>The PMNS matrix in the convention U = R₂₃ R₁₃ U₁₂(δ) (rows e, μ, τ; columns ν₁, ν₂, ν₃).</summary>
    public static Matrix3 Pmns(OscillationParameters p)
    {
        double s12 = Math.Sqrt(p.Sin2Theta12), c12 = Math.Sqrt(1 - p.Sin2Theta12), s13 = Math.Sqrt(p.Sin2Theta13), c13 = Math.Sqrt(1 - p.Sin2Theta13);
        double s23 = Math.Sqrt(p.Sin2Theta23), c23 = Math.Sqrt(1 - p.Sin2Theta23);
        var e = Complex.FromPolarCoordinates(1, p.DeltaCpRad); var ec = Complex.Conjugate(e);
        Span<Complex> u =
        [
            c12 * c13, s12 * c13 * e, s13,
            -ec * s12 * c23 - c12 * s23 * s13, c12 * c23 - s12 * s23 * s13 * e, s23 * c13,
            ec * s12 * s23 - c12 * c23 * s13, -c12 * s23 - s12 * c23 * s13 * e, c23 * c13,
        ];
        return Matrix3.FromRowMajor(u);
    }

    /// <summary>cos 2θ₁₂^m for neutrino energy E (keV), CC potential V (keV), matter weight ξ and effective couplings.</summary>
    public static double Cos2ThetaMatter(double energyKeV, double potentialKeV, double xi, double epsD, Complex epsN, OscillationParameters p)
    {
        double c2 = 1.0 - 2.0 * p.Sin2Theta12, s2 = Math.Sqrt(1.0 - c2 * c2);
        double a = 2.0 * potentialKeV * energyKeV / (p.Dm21SqEv2 * 1e-6);
        double q = c2 - ((1.0 - p.Sin2Theta13) - 2.0 * xi * epsD) * a;
        double pr = s2 * Math.Cos(p.DeltaCpRad) + 2.0 * xi * a * epsN.Real, pi = s2 * Math.Sin(p.DeltaCpRad) + 2.0 * xi * a * epsN.Imaginary;
        return q / Math.Sqrt(pr * pr + pi * pi + q * q);
    }

    /// <summary>Mass-basis occupation at the solar surface (P₁, P₂, P₃) for a production-averaged cos 2θ₁₂^m.</summary>
    public static (double P1, double P2, double P3) MassWeights(double meanCos2ThetaMatter, OscillationParameters p)
    {
        double c13 = 1.0 - p.Sin2Theta13;
        return (c13 * 0.5 * (1 + meanCos2ThetaMatter), c13 * 0.5 * (1 - meanCos2ThetaMatter), p.Sin2Theta13);
    }

    /// <summary>Flavour density matrix of an incoherent mass-eigenstate mixture: ρ = U diag(P) U†.</summary>
    public static Matrix3 FlavourDensity(Matrix3 u, double p1, double p2, double p3)
    {
        Span<Complex> r = stackalloc Complex[9];
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                r[3 * a + b] = p1 * u[a, 0] * Complex.Conjugate(u[b, 0]) + p2 * u[a, 1] * Complex.Conjugate(u[b, 1]) + p3 * u[a, 2] * Complex.Conjugate(u[b, 2]);
        return Matrix3.FromRowMajor(r);
    }

    /// <summary>
    /// n_n/n_e in the Sun at r/R☉ = x from the Bahcall, Serenelli &amp; Basu 2006 (ApJS 165, 400; astro-ph/0511337) fits used by
    /// SNuDD: log₁₀(n_e/N_A) = 2.36 − 4.52x − 0.33 exp(−(x/0.075)^1.1), log₁₀(n_n/N_A) = 1.72 − 4.80x. (The B16 production
    /// tables carry n_e but not the composition.) 0.49 at the centre, 0.19 at x = 0.3.
    /// </summary>
    public static double SolarNeutronsPerElectron(double x)
        => Math.Pow(10.0, (1.72 - 2.36) - (4.80 - 4.52) * x + 0.33 * Math.Exp(-Math.Pow(x / 0.075, 1.1)));

    /// <summary>The BSB06 fit of n_e (cm⁻³) at r/R☉ = x (used outside the B16 production table, for the adiabaticity check).</summary>
    public static double SolarElectronDensityFitPerCm3(double x)
        => Math.Pow(10.0, 2.36 - 4.52 * x - 0.33 * Math.Exp(-Math.Pow(x / 0.075, 1.1))) * Constants.AvogadroPerMol;
}

/// <summary>
/// The production-averaged flavour density matrix ρ_αβ(E) of solar neutrinos at the Earth's surface (day) for each source, with
/// NSI in the Sun (<see cref="SolarNsiMatter"/>): adiabatic evolution from the production point turns the matter eigenstates
/// into mass eigenstates, which decohere over 1 AU, so ρ = U diag(P₁, P₂, P₃) U† with P from the production-weighted mean of
/// cos 2θ₁₂^m (B16 zones and weights of <see cref="ProductionRegion"/>, exactly as <see cref="ProductionAveragedMsw"/>).
/// Immutable and thread-safe.
/// </summary>
public sealed class SolarDensityMatrices
{
    readonly Dictionary<SolarSource, (double[] V, double[] W, double[] Yn)> _zones = new();
    readonly Dictionary<SolarSource, (double[] V, double[] W, double[] Yn)> _quantiles = new();

    /// <summary>Points of the compact production quadrature (<see cref="Quadrature.Quantiles"/>).</summary>
    public const int QuantilePoints = 40;

    public OscillationParameters Parameters { get; }
    /// <summary>The PMNS matrix (convention of <see cref="SolarNsiMatter.Pmns"/>).</summary>
    public Matrix3 Pmns { get; }

    public SolarDensityMatrices(SolarModel model, OscillationParameters parameters)
    {
        Parameters = parameters;
        Pmns = SolarNsiMatter.Pmns(parameters);
        var region = model.Production;
        foreach (var s in SolarSources.All)
        {
            var w = region.Weights(s);
            var keep = Enumerable.Range(0, w.Length).Where(i => w[i] >= 1e-12).ToArray();
            double sum = keep.Sum(i => w[i]);
            _zones[s] = (keep.Select(i => SolarMsw.MatterPotentialKeV(region.ElectronDensityPerCm3(i))).ToArray(),
                         keep.Select(i => w[i] / sum).ToArray(),
                         keep.Select(i => SolarNsiMatter.SolarNeutronsPerElectron(region.RadiusRsun[i])).ToArray());
            // Compact rule: midpoints u_k = (k + ½)/K of the cumulative production distribution, equal weights 1/K;
            // r(u) and log n_e(r) interpolated linearly on the B16 table.
            var r = region.RadiusRsun;
            var cum = new double[w.Length + 1];
            for (int i = 0; i < w.Length; i++) cum[i + 1] = cum[i] + w[i];
            var vq = new double[QuantilePoints]; var yq = new double[QuantilePoints]; var wq = new double[QuantilePoints];
            for (int k = 0; k < QuantilePoints; k++)
            {
                double u = (k + 0.5) / QuantilePoints * cum[^1];
                int i = Array.BinarySearch(cum, u); i = i >= 0 ? i : ~i - 1; i = Math.Clamp(i, 0, w.Length - 1);
                // zone i spans cumulative [cum[i], cum[i+1]]; place the point linearly between neighbouring zone radii
                double t = w[i] > 0 ? (u - cum[i]) / w[i] : 0.5;
                int i0 = Math.Max(0, t < 0.5 ? i - 1 : i), i1 = Math.Min(w.Length - 1, i0 + 1);
                double f = t < 0.5 ? t + 0.5 : t - 0.5;
                if (i0 == i1) f = 0;
                double rr = r[i0] + f * (r[i1] - r[i0]);
                double lne = region.Log10ElectronDensityNaPerCm3[i0] + f * (region.Log10ElectronDensityNaPerCm3[i1] - region.Log10ElectronDensityNaPerCm3[i0]);
                vq[k] = SolarMsw.MatterPotentialKeV(Math.Pow(10.0, lne) * Constants.AvogadroPerMol);
                yq[k] = SolarNsiMatter.SolarNeutronsPerElectron(rr);
                wq[k] = 1.0 / QuantilePoints;
            }
            _quantiles[s] = (vq, wq, yq);
        }
    }

    /// <summary>Which production-region quadrature to use.</summary>
    public enum Quadrature
    {
        /// <summary>All B16 zones with weight ≥ 1e-12 (as <see cref="ProductionAveragedMsw"/>; exact SM reduction).</summary>
        Full,
        /// <summary><see cref="QuantilePoints"/> equal-weight quantile midpoints of the production distribution (fast; used for the NSI correction Δρ).</summary>
        Quantiles,
    }

    /// <summary>Number of production zones kept for a source.</summary>
    public int ZoneCount(SolarSource s) => _zones[s].W.Length;

    /// <summary>Production-weighted mean of cos 2θ₁₂^m at energy E (keV) with NSI.</summary>
    public double MeanCos2ThetaMatter(SolarSource source, double energyKeV, SolarNsiPoint point, Quadrature rule = Quadrature.Full)
    {
        var (epsD, epsN) = SolarNsiMatter.EffectiveCouplings(point.Epsilon, Parameters);
        return MeanCos2ThetaMatter(source, energyKeV, point, epsD, epsN, rule);
    }

    internal double MeanCos2ThetaMatter(SolarSource source, double energyKeV, SolarNsiPoint point, double epsD, Complex epsN, Quadrature rule = Quadrature.Full)
    {
        var (v, w, yn) = rule == Quadrature.Full ? _zones[source] : _quantiles[source];
        var p = Parameters;
        double c2 = 1.0 - 2.0 * p.Sin2Theta12, s2 = Math.Sqrt(1.0 - c2 * c2);
        double k = 2.0 * energyKeV / (p.Dm21SqEv2 * 1e-6), c13 = 1.0 - p.Sin2Theta13;
        double s2c = s2 * Math.Cos(p.DeltaCpRad), s2s = s2 * Math.Sin(p.DeltaCpRad);
        double xe = point.XiE + point.XiP, xn = point.XiN;
        bool sm = epsD == 0 && epsN == Complex.Zero;
        double acc = 0;
        for (int i = 0; i < w.Length; i++)
        {
            double a = k * v[i];
            double q, pp;
            if (sm) { q = c2 - c13 * a; pp = s2 * s2; }
            else
            {
                double xi = xe + yn[i] * xn;
                q = c2 - (c13 - 2.0 * xi * epsD) * a;
                double pr = s2c + 2.0 * xi * a * epsN.Real, pim = s2s + 2.0 * xi * a * epsN.Imaginary;
                pp = pr * pr + pim * pim;
            }
            acc += w[i] * q / Math.Sqrt(pp + q * q);
        }
        return acc;
    }

    /// <summary>Mass-basis occupations (P₁, P₂, P₃) at the solar surface for a source and energy (keV).</summary>
    public (double P1, double P2, double P3) MassWeights(SolarSource source, double energyKeV, SolarNsiPoint point)
        => SolarNsiMatter.MassWeights(MeanCos2ThetaMatter(source, energyKeV, point), Parameters);

    /// <summary>Day-time flavour density matrix ρ(E) at Earth (Tr ρ = 1).</summary>
    public Matrix3 Day(SolarSource source, double energyKeV, SolarNsiPoint point)
    {
        var (p1, p2, p3) = MassWeights(source, energyKeV, point);
        return SolarNsiMatter.FlavourDensity(Pmns, p1, p2, p3);
    }

    /// <summary>
    /// Adiabaticity of the 1–2 conversion along the solar radius for a ν produced at the centre: the minimum over r/R☉ ∈ [0, 1]
    /// of γ = Δλ / (2|dθ₁₂^m/dr|) (Δλ the splitting of the two matter eigenvalues, both in cm⁻¹; phase χ of a complex ε_N
    /// neglected), on the BSB06 n_e fit. The adiabatic treatment holds for γ ≫ 1 (P_LZ ≈ exp(−πγ/2)). Returns (γ_min, r at γ_min).
    /// </summary>
    public (double Gamma, double RadiusRsun) MinimumAdiabaticity(double energyKeV, SolarNsiPoint point)
    {
        var p = Parameters;
        var (epsD, epsN) = SolarNsiMatter.EffectiveCouplings(point.Epsilon, p);
        const double rsunCm = 6.957e10;
        double Theta(double x, out double split)
        {
            double v = SolarMsw.MatterPotentialKeV(SolarNsiMatter.SolarElectronDensityFitPerCm3(x));
            double xi = point.MatterWeight(SolarNsiMatter.SolarNeutronsPerElectron(x));
            double c2 = 1.0 - 2.0 * p.Sin2Theta12, s2 = Math.Sqrt(1.0 - c2 * c2);
            double a = 2.0 * v * energyKeV / (p.Dm21SqEv2 * 1e-6);
            double q = c2 - ((1.0 - p.Sin2Theta13) - 2.0 * xi * epsD) * a;
            double pr = s2 * Math.Cos(p.DeltaCpRad) + 2.0 * xi * a * epsN.Real, pim = s2 * Math.Sin(p.DeltaCpRad) + 2.0 * xi * a * epsN.Imaginary;
            double mod = Math.Sqrt(pr * pr + pim * pim);
            split = p.Dm21SqEv2 * 1e-6 / (2.0 * energyKeV) * Math.Sqrt(mod * mod + q * q) / Constants.HbarCKeVCm;
            return 0.5 * Math.Atan2(mod, q);
        }
        double best = double.PositiveInfinity, at = 0;
        const int n = 400; const double h = 1e-4;
        for (int i = 0; i <= n; i++)
        {
            double x = Math.Clamp(i / (double)n, h, 1 - h);
            double th = Theta(x, out double split);
            double dth = (Theta(x + h, out _) - Theta(x - h, out _)) / (2 * h * rsunCm);
            double g = Math.Abs(dth) > 0 ? split / (2 * Math.Abs(dth)) : double.PositiveInfinity;
            if (g < best) { best = g; at = x; }
            _ = th;
        }
        return (best, at);
    }
}

/// <summary>
/// Solar-neutrino flavour state at the detector: Sun (<see cref="SolarDensityMatrices"/>) then Earth (<see cref="EarthDayNight"/>)
/// for an exposure. ρ_αβ(E) of a source, production-averaged, day/night-averaged as the exposure says. Immutable, thread-safe.
/// </summary>
public sealed class SolarPropagation
{
    public SolarDensityMatrices Sun { get; }
    public EarthDayNight Earth { get; }

    public SolarPropagation(SolarModel model, OscillationParameters parameters, SolarExposure exposure, EarthModel? earth = null)
    {
        Sun = new SolarDensityMatrices(model, parameters);
        Earth = new EarthDayNight(earth ?? EarthModel.Prem, exposure, parameters);
    }

    /// <summary>ρ(E) at the detector for a source, energy (keV) and NSI point (Tr ρ = 1, Hermitian).</summary>
    public Matrix3 DensityMatrix(SolarSource source, double energyKeV, SolarNsiPoint point)
    {
        var (p1, p2, p3) = Sun.MassWeights(source, energyKeV, point);
        return Earth.IsDayOnly ? SolarNsiMatter.FlavourDensity(Sun.Pmns, p1, p2, p3) : Earth.DensityMatrix(energyKeV, point, p1, p2, p3);
    }
}
