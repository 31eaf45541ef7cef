using FsCheck.Xunit;
using NuXe.Physics;
using NuXe.Physics.Models;
using static NuXe.Tests.Models.ModelCases;

namespace NuXe.Tests.Models;

/// <summary>Symmetries of the models (PHYSICS.md §4): NSI μ ↔ τ, evenness of the quadratic terms, antineutrino = g_A → −g_A.</summary>
public class SymmetryTests
{
    static void Equal(double a, double b, string what) => Assert.True(Math.Abs(a - b) <= 1e-13 * Math.Max(Math.Abs(a), Math.Abs(b)) + 1e-300, $"{what}: {a} vs {b}");

    [Property(MaxTest = 100)]
    public void Nsi_MuTauSymmetry(int seed)
    {
        var r = new Random(seed);
        var sc = r.Next(2) == 0 ? CouplingScheme.Tree : CouplingScheme.Radiative;
        var m = new NsiModel([], sc, Sin2w);
        double[] th = [.. Enumerable.Range(0, 6).Select(_ => 0.5 * (2 * r.NextDouble() - 1))];
        double[] swapped = [th[0], th[1], th[4], th[5], th[2], th[3]];
        var (t, e) = RandomKinematics(r);
        foreach (bool anti in new[] { false, true })
        {
            var nue = new FlavourStream(Flavour.E, anti);
            Equal(CrossSection(m, nue, th, t, e).Value, CrossSection(m, nue, swapped, t, e).Value, "ν_e μ↔τ");
            Equal(CrossSection(m, new FlavourStream(Flavour.Mu, anti), th, t, e).Value,
                  CrossSection(m, new FlavourStream(Flavour.Tau, anti), swapped, t, e).Value, "ν_μ(θ) = ν_τ(θ swapped)");
        }
        // single-flavour models: ε_eμ and ε_eτ act identically on ν_e
        Equal(CrossSection(new NsiModel(Flavour.Mu, sc, Sin2w), FlavourStream.NuE, [th[0], th[1]], t, e).Value,
              CrossSection(new NsiModel(Flavour.Tau, sc, Sin2w), FlavourStream.NuE, [th[0], th[1]], t, e).Value, "nsi-mu = nsi-tau on ν_e");
        // the flavour-changing channels are even in (ε^L_eβ, ε^R_eβ) → −(ε^L_eβ, ε^R_eβ); ε_ee is not
        double[] flipped = [th[0], th[1], -th[2], -th[3], -th[4], -th[5]];
        foreach (var s in Streams) Equal(CrossSection(m, s, th, t, e).Value, CrossSection(m, s, flipped, t, e).Value, $"NSI FC even {s}");
        double[] flipEe = [-th[0], -th[1], th[2], th[3], th[4], th[5]];
        Assert.NotEqual(CrossSection(m, FlavourStream.NuE, th, t, e).Value, CrossSection(m, FlavourStream.NuE, flipEe, t, e).Value);
    }

    /// <summary>Rates even in the coupling: μ_ν (incoherent), S/P/T mediators (∝ g_X⁴), V/A mediators and Z′ (δ ∝ coupling²),
    /// SPVAT S, P, T pairs (no SM component to interfere with).</summary>
    [Property(MaxTest = 100)]
    public void EvenInCoupling(int seed)
    {
        var r = new Random(seed);
        var sc = r.Next(2) == 0 ? CouplingScheme.Tree : CouplingScheme.Radiative;
        var (t, e) = RandomKinematics(r);
        double mass = Math.Pow(10, 6 * r.NextDouble());
        double scale = Math.Sqrt(4 * Math.Sqrt(2) * Constants.FermiConstantPerKeV2 * (2 * Constants.ElectronMassKeV * t + mass * mass));
        var models = new List<(IInteractionModel M, double[] Th, double[] Neg)>
        {
            (new ElectromagneticModel(Flavour.E, EmProperty.MagneticMoment, sc, Sin2w), [1e-10], [-1e-10]),
        };
        foreach (var x in Enum.GetValues<LorentzStructure>())
            models.Add((new LightMediatorModel(x, mass, sc, Sin2w), [0.7 * scale], [-0.7 * scale]));
        foreach (var z in Enum.GetValues<ZPrimeMechanism>())
            models.Add((new ZPrimeModel(z, mass, sc, Sin2w), [0.3 * scale], [-0.3 * scale]));
        foreach (var x in new[] { LorentzStructure.S, LorentzStructure.P, LorentzStructure.T })
        {
            double c = 2 * r.NextDouble() - 1, d = 2 * r.NextDouble() - 1;
            models.Add((new SpvatModel(x, sc, Sin2w), [c, d], [-c, -d]));
            models.Add((new SpvatModel(x, sc, Sin2w), [c, d], [-c, d]));
        }
        foreach (var (m, th, neg) in models)
            foreach (var s in Streams)
            {
                Assert.Equal(Coefficients(m, s, th), Coefficients(m, s, neg));
                if (s.Flavour == Flavour.E) Assert.NotEqual(Coefficients(m, s, th), Coefficients(m, s, [.. m.SmPoint])); // the coupling does something
            }
        // …while the interfering V/A pairs of SPVAT and the millicharge are not even
        var v = new SpvatModel(LorentzStructure.V, sc, Sin2w);
        Assert.NotEqual(CrossSection(v, FlavourStream.NuE, [0.1, 0.05], t, e).Value, CrossSection(v, FlavourStream.NuE, [-0.1, -0.05], t, e).Value);
        var q = new ElectromagneticModel(Flavour.E, EmProperty.Millicharge, sc, Sin2w);
        Assert.NotEqual(CrossSection(q, FlavourStream.NuE, [1e-13], t, e).Value, CrossSection(q, FlavourStream.NuE, [-1e-13], t, e).Value);
    }

    /// <summary>For the vector/axial-type models the ν̄ cross section equals the ν one with the (shifted) g_A → −g_A,
    /// checked against <see cref="VectorAxialModel"/> with the T-dependent shift evaluated at the same T.</summary>
    [Property(MaxTest = 100)]
    public void AntineutrinoIsAxialSignFlip(int seed)
    {
        var r = new Random(seed);
        var sc = r.Next(2) == 0 ? CouplingScheme.Tree : CouplingScheme.Radiative;
        var (t, e) = RandomKinematics(r);
        var gva = new VectorAxialModel(sc, Sin2w);
        var g = ElectroweakCouplings.StandardModel(Flavour.E, Sin2w, sc);
        var nuebar = new FlavourStream(Flavour.E, true);
        double mass = Math.Pow(10, 6 * r.NextDouble());
        double w = 1 / (4 * Math.Sqrt(2) * Constants.FermiConstantPerKeV2 * (2 * Constants.ElectronMassKeV * t + mass * mass));
        double p = Math.Sqrt(1 / w) * (2 * r.NextDouble() - 1);

        // VectorAxialModel itself
        Equal(CrossSection(gva, nuebar, [g.GV, g.GA], t, e).Value, CrossSection(gva, FlavourStream.NuE, [g.GV, -g.GA], t, e).Value, "gvga");

        // Z′ gauge: δ₁ = δ₂ = p² shifts g_V by p²w
        var z = new ZPrimeModel(ZPrimeMechanism.Gauge, mass, sc, Sin2w);
        Equal(CrossSection(z, nuebar, [p], t, e).Value, CrossSection(gva, FlavourStream.NuE, [g.GV + p * p * w, -g.GA], t, e).Value, "Z′");
        // mass mixing: δ₁ ≠ δ₂ shifts g_A as well: g_A′ = g_A + (δ₁ − δ₂)w/2
        var zm = new ZPrimeModel(ZPrimeMechanism.Mass, mass, sc, Sin2w);
        var (d1, d2, _, _) = zm.Shifts(p);
        Equal(CrossSection(zm, nuebar, [p], t, e).Value,
              CrossSection(gva, FlavourStream.NuE, [g.GV + (d1 + d2) * w / 2, -(g.GA + (d1 - d2) * w / 2)], t, e).Value, "Z′ mass mixing");
        // light axial mediator: g_A′ = g_A + 2p²w
        var a = new LightMediatorModel(LorentzStructure.A, mass, sc, Sin2w);
        Equal(CrossSection(a, nuebar, [p], t, e).Value, CrossSection(gva, FlavourStream.NuE, [g.GV, -(g.GA + 2 * p * p * w)], t, e).Value, "mediator A");
        // charge radius: constant g_V shift, same sign for ν̄ (documented convention)
        double r2 = 4e-32 * (2 * r.NextDouble() - 1);
        var em = new ElectromagneticModel(Flavour.E, EmProperty.ChargeRadius, sc, Sin2w);
        double dgv = ElectromagneticModel.VectorShift(r2, 0, 0).ConstantShift;
        Equal(CrossSection(em, nuebar, [r2], t, e).Value, CrossSection(gva, FlavourStream.NuE, [g.GV + dgv, -g.GA], t, e).Value, "charge radius");
    }

    /// <summary>The incoherent S, P, T mediator and magnetic-moment rates are the same for ν and ν̄.</summary>
    [Property(MaxTest = 50)]
    public void IncoherentTermsSameForAntineutrinos(int seed)
    {
        var r = new Random(seed);
        var (t, e) = RandomKinematics(r);
        double mass = Math.Pow(10, 6 * r.NextDouble());
        foreach (var m in new IInteractionModel[]
        {
            new LightMediatorModel(LorentzStructure.S, mass, CouplingScheme.Tree), new LightMediatorModel(LorentzStructure.P, mass, CouplingScheme.Tree),
            new LightMediatorModel(LorentzStructure.T, mass, CouplingScheme.Tree), new ElectromagneticModel(Flavour.Mu, EmProperty.MagneticMoment, CouplingScheme.Tree),
        })
        {
            var th = new[] { 1e-3 };
            foreach (var f in new[] { Flavour.E, Flavour.Mu })
            {
                FlavourStream nu = new(f), nubar = new(f, true);
                Assert.Equal(m.Kernels(nu)[^1].Key, m.Kernels(nubar)[^1].Key);
                Assert.Equal(Coefficients(m, nu, th)[^1], Coefficients(m, nubar, th)[^1]);
                double extra = Coefficients(m, nu, th)[^1] * m.Kernels(nu)[^1].CrossSection(t, e);
                if (m is LightMediatorModel || f == Flavour.Mu) Assert.True(extra > 0, $"{m.Key} {f}: incoherent term {extra}");
            }
        }
    }
}
