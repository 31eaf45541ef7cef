using FsCheck.Xunit;
using NuXe.Physics;
using NuXe.Physics.Models;
using static NuXe.Tests.Models.ModelCases;

namespace NuXe.Tests.Models;

/// <summary>
/// Each model's dσ/dT through its kernels equals an independent transcription of the printed formula
/// (PHYSICS.md §4; constants written out from PHYSICS.md §1, not taken from <see cref="Constants"/>).
/// </summary>
public class DirectFormulaTests
{
    const double GF = 1.1663788e-17, Me = 510.99895, Alpha = 1 / 137.035999084, HbarC = 1.973269804e-8;
    static readonly double HbarC2 = HbarC * HbarC;
    static readonly double K = GF * GF * Me / (2 * Math.PI) * HbarC2;
    const double Tol = 1e-10;

    /// <summary>PHYSICS.md §3 with arbitrary (g₁, g₂): (G_F² m_e/2π)[g₁² + g₂²(1 − T/E)² − g₁g₂ m_eT/E²]·(ħc)².</summary>
    static double Weak(double g1, double g2, double t, double e)
        => K * (g1 * g1 + g2 * g2 * (1 - t / e) * (1 - t / e) - g1 * g2 * Me * t / (e * e));

    /// <summary>The same with (g_V, g_A) and antineutrinos as g_A → −g_A.</summary>
    static double WeakVA(double gv, double ga, bool anti, double t, double e)
    {
        if (anti) ga = -ga;
        return Weak(gv + ga, gv - ga, t, e);
    }

    static void Close(double expected, IInteractionModel m, FlavourStream s, double[] th, double t, double e, string what)
    {
        var (got, scale) = CrossSection(m, s, th, t, e);
        Assert.True(Math.Abs(got - expected) <= Tol * Math.Max(scale, Math.Abs(expected)),
            $"{what} {m.Key} {s} T={t} E={e} θ=[{string.Join(",", th)}]: kernels {got}, direct {expected}");
    }

    static double G1(Flavour f, CouplingScheme sc) => ElectroweakCouplings.StandardModel(f, Sin2w, sc).G1;
    static double G2(Flavour f, CouplingScheme sc) => ElectroweakCouplings.StandardModel(f, Sin2w, sc).G2;

    [Property(MaxTest = 200)]
    public void Nsi_LinkXuEq21to25(int seed)
    {
        var r = new Random(seed);
        var sc = r.Next(2) == 0 ? CouplingScheme.Tree : CouplingScheme.Radiative;
        var m = new NsiModel([], sc, Sin2w);
        double[] th = [.. Enumerable.Range(0, 6).Select(_ => 0.5 * (2 * r.NextDouble() - 1))];
        double lee = th[0], ree = th[1], lmu = th[2], rmu = th[3], ltau = th[4], rtau = th[5];
        var (t, e) = RandomKinematics(r);
        // printed form, ν_e stream
        double g1 = G1(Flavour.E, sc), g2 = G2(Flavour.E, sc);
        double gt1 = Math.Pow(g1 + 2 * lee, 2) + Math.Pow(2 * lmu, 2) + Math.Pow(2 * ltau, 2);
        double gt2 = Math.Pow(g2 + 2 * ree, 2) + Math.Pow(2 * rmu, 2) + Math.Pow(2 * rtau, 2);
        double x12 = (g1 + 2 * lee) * (g2 + 2 * ree) + 2 * lmu * 2 * rmu + 2 * ltau * 2 * rtau;
        double y = 1 - t / e;
        Close(K * (gt1 + gt2 * y * y - x12 * Me * t / (e * e)), m, FlavourStream.NuE, th, t, e, "NSI ν_e");
        // documented ν̄_e rule: g̃₁² ↔ g̃₂²
        Close(K * (gt2 + gt1 * y * y - x12 * Me * t / (e * e)), m, new FlavourStream(Flavour.E, true), th, t, e, "NSI ν̄_e");
        // documented ν_μ rule (Hermitian ε, ε_μe = ε_eμ): SM amplitude + incoherent ν_μ → ν_e channel
        double h1 = G1(Flavour.Mu, sc), h2 = G2(Flavour.Mu, sc);
        Close(K * (h1 * h1 + 4 * lmu * lmu + (h2 * h2 + 4 * rmu * rmu) * y * y - (h1 * h2 + 4 * lmu * rmu) * Me * t / (e * e)),
            m, FlavourStream.NuMu, th, t, e, "NSI ν_μ");
        // electron-stream-only variant: ν_τ at SM
        var eonly = new NsiModel([], sc, Sin2w, electronStreamOnly: true);
        Close(Weak(h1, h2, t, e), eonly, FlavourStream.NuTau, th, t, e, "NSI e-only ν_τ");
    }

    static double[] SmSpvat(double gv, double ga) => [0, 0, 0, 0, gv, -ga, ga, -gv, 0, 0]; // CS DS CP DP CV DV CA DA CT DT

    [Property(MaxTest = 200)]
    public void Spvat_LinkXuEq26to33(int seed)
    {
        var r = new Random(seed);
        var sc = r.Next(2) == 0 ? CouplingScheme.Tree : CouplingScheme.Radiative;
        var gsm = ElectroweakCouplings.StandardModel(Flavour.E, Sin2w, sc);
        var m = new SpvatModel(null, sc, Sin2w);
        double[] d = [.. Enumerable.Range(0, 10).Select(_ => 0.6 * (2 * r.NextDouble() - 1))];
        var full = SmSpvat(gsm.GV, gsm.GA).Zip(d, (a, b) => a + b).ToArray();
        double CS = full[0], DS = full[1], CP = full[2], DP = full[3], CV = full[4], DV = full[5], CA = full[6], DA = full[7], CT = full[8], DT = full[9];
        double x1 = 0.25 * Math.Pow(CA - DA + CV - DV, 2) + 0.5 * CP * CT + (CP * CP + CS * CS + DP * DP + DS * DS) / 8
                    - 0.5 * CS * CT + CT * CT + 0.5 * DP * DT - 0.5 * DS * DT + DT * DT;
        double x2 = -(CP * CP + CS * CS + DP * DP + DS * DS) / 8 + CT * CT + DT * DT;
        double x3 = 0.25 * Math.Pow(CA + DA - CV - DV, 2) - 0.5 * CP * CT + (CP * CP + CS * CS + DP * DP + DS * DS) / 8
                    + 0.5 * CT * CS + CT * CT - 0.5 * DP * DT + 0.5 * DS * DT + DT * DT;
        double x4 = -Math.Pow(CV - DA, 2) + Math.Pow(CA - DV, 2) + CS * CS - 4 * CT * CT + DP * DP - 4 * DT * DT;
        var (t, e) = RandomKinematics(r);
        double y = 1 - t / e;
        Close(K * (x1 + 2 * x2 * y + x3 * y * y + x4 * Me * t / (4 * e * e)), m, FlavourStream.NuE, d, t, e, "SPVAT ν_e");
        Close(K * (x3 + 2 * x2 * y + x1 * y * y + x4 * Me * t / (4 * e * e)), m, new FlavourStream(Flavour.E, true), d, t, e, "SPVAT ν̄_e (x₁↔x₃)");
        // single pair: only (δC_a, δD_a) of one structure
        var a = (LorentzStructure)r.Next(5);
        var single = new SpvatModel(a, sc, Sin2w);
        var onlyA = SmSpvat(gsm.GV, gsm.GA);
        onlyA[2 * (int)a] += d[0]; onlyA[2 * (int)a + 1] += d[1];
        var fullModelTheta = new double[10]; fullModelTheta[2 * (int)a] = d[0]; fullModelTheta[2 * (int)a + 1] = d[1];
        Assert.Equal(CrossSection(m, FlavourStream.NuE, fullModelTheta, t, e).Value, CrossSection(single, FlavourStream.NuE, [d[0], d[1]], t, e).Value, 14);
    }

    [Theory]
    [InlineData(CouplingScheme.Tree)]
    [InlineData(CouplingScheme.Radiative)]
    public void Spvat_SmMappingCoefficientByCoefficient(CouplingScheme sc)
    {
        foreach (var f in new[] { Flavour.E, Flavour.Mu, Flavour.Tau })
        {
            var g = ElectroweakCouplings.StandardModel(f, Sin2w, sc);
            var (x1, x2, x3, x4) = SpvatModel.X(SmSpvat(g.GV, g.GA));
            Assert.Equal(g.G1 * g.G1, x1, 14);
            Assert.Equal(0.0, x2);
            Assert.Equal(g.G2 * g.G2, x3, 14);
            Assert.Equal(-4 * g.G1 * g.G2, x4, 14);
            var m = new SpvatModel(LorentzStructure.T, sc, Sin2w, f);
            Assert.Equal([g.GV, -g.GA, g.GA, -g.GV], m.SmCouplings.Skip(4).Take(4));
            foreach (bool anti in new[] { false, true })
            {
                var c = Coefficients(m, new FlavourStream(f, anti), [0, 0]);
                var (ll, rr, lr) = StandardModel.Coefficients(g, anti);
                Assert.Equal(ll, c[0], 14); Assert.Equal(rr, c[1], 14); Assert.Equal(lr, c[2], 14); Assert.Equal(0.0, c[3]);
                for (int i = 0; i < 50; i++)
                {
                    double e = 20 + 40 * i, t = Kinematics.MaxRecoilKeV(e) * (i + 0.5) / 50;
                    double sm = StandardModel.CrossSection(t, e, g, anti);
                    Assert.True(Math.Abs(CrossSection(m, new FlavourStream(f, anti), [0, 0], t, e).Value - sm) <= 1e-12 * sm);
                }
            }
        }
    }

    static double W(double t, double mass) => 1 / (4 * Math.Sqrt(2) * GF * (2 * Me * t + mass * mass));

    [Property(MaxTest = 200)]
    public void ZPrime_LinkXuEq34to43(int seed)
    {
        var r = new Random(seed);
        var sc = r.Next(2) == 0 ? CouplingScheme.Tree : CouplingScheme.Radiative;
        double mass = Math.Pow(10, 7 * r.NextDouble()); // 1 keV – 10 GeV
        var (t, e) = RandomKinematics(r);
        double sw2 = Sin2w, cw2 = 1 - sw2, g2 = 4 * Math.PI * Alpha / sw2;
        double typical = Math.Sqrt(4 * Math.Sqrt(2) * GF * (2 * Me * t + mass * mass));
        foreach (var mech in Enum.GetValues<ZPrimeMechanism>())
        {
            var m = new ZPrimeModel(mech, mass, sc, Sin2w);
            double p = mech == ZPrimeMechanism.Gauge ? typical : Math.Min(0.9, typical * 3);
            p *= 2 * r.NextDouble() - 1;
            (double d1, double d2) = mech switch
            {
                ZPrimeMechanism.Gauge => (p * p, p * p),
                ZPrimeMechanism.Kinetic => (g2 * sw2 * p * p / (cw2 * (1 - p * p)), 2 * g2 * sw2 * p * p / (cw2 * (1 - p * p))),
                _ => (g2 * p * p * (2 * sw2 - 1) / cw2, 2 * g2 * p * p * sw2 / cw2),
            };
            foreach (var s in Streams)
            {
                double a1 = G1(s.Flavour, sc) + d1 * W(t, mass), a2 = G2(s.Flavour, sc) + d2 * W(t, mass);
                double gv = (a1 + a2) / 2, ga = (a1 - a2) / 2;
                Close(WeakVA(gv, ga, s.Antineutrino, t, e), m, s, [p], t, e, $"Z′ {mech}");
            }
        }
    }

    [Property(MaxTest = 200)]
    public void LightMediators_ShivaSankarEq4to7(int seed)
    {
        var r = new Random(seed);
        var sc = r.Next(2) == 0 ? CouplingScheme.Tree : CouplingScheme.Radiative;
        double mass = Math.Pow(10, 7 * r.NextDouble() - 1);
        var (t, e) = RandomKinematics(r);
        double D = 2 * Me * t + mass * mass;
        double gx = Math.Sqrt(2 * Math.Sqrt(2) * GF * D) * (2 * r.NextDouble() - 1) * 1.5;
        double gnu = gx * 0.7, ge = gx / 0.7; // any split with g_ν g_e = g_X²
        Flavour? only = r.Next(3) == 0 ? (Flavour)r.Next(3) : null;
        foreach (var x in Enum.GetValues<LorentzStructure>())
        {
            var m = new LightMediatorModel(x, mass, sc, Sin2w, only);
            foreach (var s in Streams)
            {
                bool on = only is null || only == s.Flavour;
                var g = ElectroweakCouplings.StandardModel(s.Flavour, Sin2w, sc);
                double shift = on ? gnu * ge / (2 * Math.Sqrt(2) * GF * D) : 0;
                double gn2ge2 = on ? gnu * gnu * ge * ge : 0;
                double expected = x switch
                {
                    LorentzStructure.V => WeakVA(g.GV + shift, g.GA, s.Antineutrino, t, e),
                    LorentzStructure.A => WeakVA(g.GV, g.GA + shift, s.Antineutrino, t, e),
                    LorentzStructure.S => WeakVA(g.GV, g.GA, s.Antineutrino, t, e) + gn2ge2 * Me * Me * t / (4 * Math.PI * D * D * e * e) * HbarC2,
                    LorentzStructure.P => WeakVA(g.GV, g.GA, s.Antineutrino, t, e) + gn2ge2 * Me * t * t / (8 * Math.PI * D * D * e * e) * HbarC2,
                    _ => WeakVA(g.GV, g.GA, s.Antineutrino, t, e) + Me * gn2ge2 / (Math.PI * D * D)
                         * (1 + 2 * (1 - t / e) + Math.Pow(1 - t / e, 2) - Me * t / (e * e)) * HbarC2,
                };
                Close(expected, m, s, [gx], t, e, $"mediator {x}");
            }
        }
    }

    [Property(MaxTest = 200)]
    public void Electromagnetic_ShivaSankarEq2to3(int seed)
    {
        var r = new Random(seed);
        var sc = r.Next(2) == 0 ? CouplingScheme.Tree : CouplingScheme.Radiative;
        var (t, e) = RandomKinematics(r);
        var fl = (Flavour)r.Next(3);
        double mu = 3e-11 * (2 * r.NextDouble() - 1), q = 3e-13 * (2 * r.NextDouble() - 1) * t / 10,
               r2 = 5e-32 * (2 * r.NextDouble() - 1), an = 5e-31 * (2 * r.NextDouble() - 1);
        var all = new ElectromagneticModel(fl, [EmProperty.MagneticMoment, EmProperty.Millicharge, EmProperty.ChargeRadius, EmProperty.Anapole], sc, Sin2w);
        foreach (var s in Streams)
        {
            var g = ElectroweakCouplings.StandardModel(s.Flavour, Sin2w, sc);
            bool on = s.Flavour == fl;
            double dgv = on ? Math.Sqrt(2) * Math.PI * Alpha / GF * ((r2 / 3 - an / 18) / HbarC2 - q / (Me * t)) : 0;
            double mm = on ? Math.PI * Alpha * Alpha / (Me * Me) * (1 / t - 1 / e) * mu * mu * HbarC2 : 0;
            Close(WeakVA(g.GV + dgv, g.GA, s.Antineutrino, t, e) + mm, all, s, [mu, q, r2, an], t, e, "EM all");
            // single-property models
            double Dgv(double rr, double aa, double qq) => on ? Math.Sqrt(2) * Math.PI * Alpha / GF * ((rr / 3 - aa / 18) / HbarC2 - qq / (Me * t)) : 0;
            Close(WeakVA(g.GV, g.GA, s.Antineutrino, t, e) + mm, new ElectromagneticModel(fl, EmProperty.MagneticMoment, sc, Sin2w), s, [mu], t, e, "EM mu");
            Close(WeakVA(g.GV + Dgv(0, 0, q), g.GA, s.Antineutrino, t, e), new ElectromagneticModel(fl, EmProperty.Millicharge, sc, Sin2w), s, [q], t, e, "EM q");
            Close(WeakVA(g.GV + Dgv(r2, 0, 0), g.GA, s.Antineutrino, t, e), new ElectromagneticModel(fl, EmProperty.ChargeRadius, sc, Sin2w), s, [r2], t, e, "EM r2");
            Close(WeakVA(g.GV + Dgv(0, an, 0), g.GA, s.Antineutrino, t, e), new ElectromagneticModel(fl, EmProperty.Anapole, sc, Sin2w), s, [an], t, e, "EM anapole");
        }
    }

    /// <summary>Hand-computed numbers (independent of any formula code).</summary>
    [Fact]
    public void MagneticMomentAndShiftMagnitudes()
    {
        // π α²/m_e² (1/T − 1/E)(ħc)² at T = 0.5, E = 750 keV, μ = 1 μ_B: 4.98601782e-25 cm²/keV (xsec_reference.csv row 1)
        Assert.Equal(4.98601782e-25, ModelKernels.MagneticMoment.CrossSection(0.5, 750), 1e-33);
        // √2πα/G_F = 2.779653e15 keV²; ⟨r²⟩ = 1e-32 cm² → Δg_V = 2.779653e15 × 1e-32 / 3 / 3.893794e-16 = 0.02379559
        var (a0, b) = ElectromagneticModel.VectorShift(1e-32, 0, 0);
        Assert.Equal(0.02379559, a0, 8);
        Assert.Equal(0.0, b);
        // anapole: a = 6⟨r²⟩ ⇒ the same shift as ⟨r²⟩ with opposite sign and a factor 1/36
        Assert.Equal(-a0 / 6, ElectromagneticModel.VectorShift(0, 1e-32, 0).ConstantShift, 12);
        // q = 1e-12: b = −2.779653e15 × 1e-12 / 510.99895 = −5.439645 keV
        Assert.Equal(-5.439645, ElectromagneticModel.VectorShift(0, 0, 1e-12).InverseRecoilShiftKeV, 6);
    }
}
