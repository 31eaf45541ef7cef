using FsCheck.Xunit;
using NuXe.Physics;
using NuXe.Physics.Models;
using static NuXe.Tests.Models.ModelCases;

namespace NuXe.Tests.Models;

/// <summary>
/// Analytic relations between different models (independent routes to the same cross section): vector NSI is a g_V shift,
/// a Z′ at fixed T is a flavour-diagonal NSI, a light vector mediator is a B−L Z′ with g_Z′² = 2g_X², and so on.
/// </summary>
public class CrossModelConsistencyTests
{
    static void Close(IInteractionModel a, double[] ta, IInteractionModel b, double[] tb, FlavourStream s, double t, double e, string what)
    {
        var (x, sx) = CrossSection(a, s, ta, t, e);
        var (y, sy) = CrossSection(b, s, tb, t, e);
        Assert.True(Math.Abs(x - y) <= 1e-11 * Math.Max(sx, sy), $"{what} {s} T={t} E={e}: {x} vs {y}");
    }

    [Property(MaxTest = 100)]
    public void VectorAndAxialNsiAreCouplingShifts(int seed)
    {
        var r = new Random(seed);
        var sc = r.Next(2) == 0 ? CouplingScheme.Tree : CouplingScheme.Radiative;
        var (t, e) = RandomKinematics(r);
        double eps = 0.4 * (2 * r.NextDouble() - 1);
        var g = ElectroweakCouplings.StandardModel(Flavour.E, Sin2w, sc);
        var nsi = new NsiModel(Flavour.E, sc, Sin2w);
        var gva = new VectorAxialModel(sc, Sin2w);
        foreach (bool anti in new[] { false, true })
        {
            var s = new FlavourStream(Flavour.E, anti);
            // ε^L = ε^R = ε: g₁, g₂ both +2ε ⇒ g_V + 2ε;  ε^L = −ε^R = ε ⇒ g_A + 2ε
            Close(nsi, [eps, eps], gva, [g.GV + 2 * eps, g.GA], s, t, e, "vector NSI");
            Close(nsi, [eps, -eps], gva, [g.GV, g.GA + 2 * eps], s, t, e, "axial NSI");
        }
    }

    [Property(MaxTest = 100)]
    public void ZPrimeAtFixedRecoilIsDiagonalNsi(int seed)
    {
        var r = new Random(seed);
        var sc = r.Next(2) == 0 ? CouplingScheme.Tree : CouplingScheme.Radiative;
        var (t, e) = RandomKinematics(r);
        double mass = Math.Pow(10, 7 * r.NextDouble());
        double w = ModelKernels.PropagatorWeight(t, mass);
        var nsi = new NsiModel(Flavour.E, sc, Sin2w);
        foreach (var mech in Enum.GetValues<ZPrimeMechanism>())
        {
            var z = new ZPrimeModel(mech, mass, sc, Sin2w);
            double p = Math.Min(0.9, Math.Sqrt(1 / w)) * (2 * r.NextDouble() - 1);
            var (d1, d2, _, _) = z.Shifts(p);
            foreach (bool anti in new[] { false, true })
                Close(z, [p], nsi, [d1 * w / 2, d2 * w / 2], new FlavourStream(Flavour.E, anti), t, e, $"Z′ {mech} vs NSI");
        }
        // the heavy limit of w is the contact interaction 1/(4√2 G_F m²)
        Assert.Equal(1 / (4 * Math.Sqrt(2) * Constants.FermiConstantPerKeV2 * 1e12), ModelKernels.PropagatorWeight(1e-9, 1e6), 1e-3 * ModelKernels.PropagatorWeight(1e-9, 1e6));
    }

    [Property(MaxTest = 50)]
    public void LightVectorMediatorIsBMinusLZPrimeWithTwiceTheCouplingSquared(int seed)
    {
        var r = new Random(seed);
        double mass = Math.Pow(10, 7 * r.NextDouble());
        double g = 1e-5 * (2 * r.NextDouble() - 1);
        var v = new LightMediatorModel(LorentzStructure.V, mass, CouplingScheme.Tree);
        var z = new ZPrimeModel(ZPrimeMechanism.Gauge, mass, CouplingScheme.Tree);
        foreach (var s in Streams)
        {
            Assert.Equal(v.Kernels(s).Select(k => k.Key), z.Kernels(s).Select(k => k.Key)); // shared templates
            var cv = Coefficients(v, s, [g]); var cz = Coefficients(z, s, [Math.Sqrt(2) * g]);
            for (int j = 0; j < cv.Length; j++) Assert.Equal(cz[j], cv[j], 1e-14 * Math.Abs(cz[j]) + 1e-300);
        }
    }

    [Property(MaxTest = 100)]
    public void SpvatVectorPairIsAVectorCouplingShift(int seed)
    {
        var r = new Random(seed);
        var sc = r.Next(2) == 0 ? CouplingScheme.Tree : CouplingScheme.Radiative;
        var (t, e) = RandomKinematics(r);
        double d = 0.5 * (2 * r.NextDouble() - 1);
        var g = ElectroweakCouplings.StandardModel(Flavour.E, Sin2w, sc);
        // C_V enters with D_V, C_A, D_A through u = C_A − D_A + C_V − D_V and v = C_A + D_A − C_V − D_V:
        // δC_V = δ ⇒ g₁ → g₁ + δ/2, g₂ → g₂ + δ/2 ⇒ g_V → g_V + δ/2 (x₂ stays 0)
        Close(new SpvatModel(LorentzStructure.V, sc, Sin2w), [d, 0], new VectorAxialModel(sc, Sin2w), [g.GV + d / 2, g.GA], FlavourStream.NuE, t, e, "SPVAT δC_V");
        // δC_A = δ ⇒ g₁ → g₁ + δ/2, g₂ → g₂ − δ/2 ⇒ g_A → g_A + δ/2
        Close(new SpvatModel(LorentzStructure.A, sc, Sin2w), [d, 0], new VectorAxialModel(sc, Sin2w), [g.GV, g.GA + d / 2], FlavourStream.NuE, t, e, "SPVAT δC_A");
    }
}
