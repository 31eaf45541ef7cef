using NuXe.Physics;
using NuXe.Physics.Models;

namespace NuXe.Tests.Models;

/// <summary>A model instance under test with its SM baseline and typical parameter magnitudes (for random points).</summary>
public sealed record ModelCase(string Name, IInteractionModel Model, CouplingScheme Scheme, double Sin2ThetaW, double[] Scales)
{
    public override string ToString() => Name;
}

public static class ModelCases
{
    public const double Sin2w = Constants.Sin2ThetaWLowEnergy;
    public static readonly FlavourStream[] Streams =
    [
        FlavourStream.NuE, FlavourStream.NuMu, FlavourStream.NuTau,
        new(Flavour.E, true), new(Flavour.Mu, true), new(Flavour.Tau, true),
    ];

    public static readonly double[] Masses = [0.0, 10.0, 1.0e3, 1.0e6];

    /// <summary>Coupling that makes a vector-propagator shift δ·w(T) of order one at T ≈ 10 keV.</summary>
    static double PropagatorScale(double massKeV, double deltaPerP2)
        => Math.Sqrt(4 * Math.Sqrt(2) * Constants.FermiConstantPerKeV2 * (2 * Constants.ElectronMassKeV * 10 + massKeV * massKeV) / Math.Abs(deltaPerP2));

    /// <summary>
    /// Every model of <see cref="ModelCatalog.Names"/> (each coupling scheme, each test mass for the massive ones), created
    /// through the catalogue, so a model added there runs through every property test without further edits. Parameter
    /// scales come from <see cref="ScaleFor"/>, which fails for a parameter name it does not know: a new kind of parameter
    /// must be given a typical magnitude here.
    /// </summary>
    public static IEnumerable<ModelCase> Catalogue()
    {
        foreach (var scheme in new[] { CouplingScheme.Tree, CouplingScheme.Radiative })
            foreach (var name in ModelCatalog.Names)
                foreach (double? mass in ModelCatalog.NeedsMass(name) ? Masses.Select(m => (double?)m) : [null])
                {
                    var m = ModelCatalog.Create(name, new ModelOptions(scheme, Sin2w, null, mass));
                    yield return new($"catalogue:{name}({(mass is { } x ? $"m={x}," : "")}{scheme})", m, scheme, Sin2w,
                        [.. m.ParameterNames.Select(p => ScaleFor(p, mass ?? 0))]);
                }
    }

    /// <summary>Typical magnitude of a parameter for random test points (an order-one effect on dσ/dT somewhere).</summary>
    public static double ScaleFor(string parameter, double massKeV) => parameter switch
    {
        "sin2w" => 0.02,
        "gV" or "gA" => 0.3,
        _ when parameter.StartsWith("eps", StringComparison.Ordinal) => 0.3,
        _ when parameter.StartsWith("dC_", StringComparison.Ordinal) || parameter.StartsWith("dD_", StringComparison.Ordinal) => 0.4,
        "g" or "epsilon" or "sAlpha" => Math.Min(0.5, PropagatorScale(massKeV, 2.0)),
        _ when parameter.StartsWith("g_", StringComparison.Ordinal) => PropagatorScale(massKeV, 2.0),
        "mu" => 1e-10,
        "q" => 2e-12,
        "r2" => 3e-32,
        "anapole" => 5e-31,
        _ => throw new InvalidOperationException($"ModelCases.ScaleFor: no typical magnitude for parameter '{parameter}'; add one so the property tests cover the new model"),
    };

    /// <summary>The hand-picked variants (flavours, electron-only NSI, …) followed by every catalogue model.</summary>
    public static IEnumerable<ModelCase> All() => HandPicked().Concat(Catalogue());

    static IEnumerable<ModelCase> HandPicked()
    {
        foreach (var scheme in new[] { CouplingScheme.Tree, CouplingScheme.Radiative })
        {
            yield return new($"sm({scheme})", new WeakMixingAngleModel(scheme, Sin2w), scheme, Sin2w, [0.02]);
            yield return new($"gvga({scheme})", new VectorAxialModel(scheme, Sin2w), scheme, Sin2w, [0.3, 0.3]);
            foreach (var f in new[] { Flavour.E, Flavour.Mu, Flavour.Tau })
                yield return new($"nsi-{f}({scheme})", new NsiModel(f, scheme, Sin2w), scheme, Sin2w, [0.3, 0.3]);
            yield return new($"nsi-all({scheme})", new NsiModel([], scheme, Sin2w), scheme, Sin2w, [.. Enumerable.Repeat(0.3, 6)]);
            yield return new($"nsi-all-eonly({scheme})", new NsiModel([], scheme, Sin2w, electronStreamOnly: true), scheme, Sin2w, [.. Enumerable.Repeat(0.3, 6)]);
            foreach (var s in Enum.GetValues<LorentzStructure>())
                yield return new($"spvat-{s}({scheme})", new SpvatModel(s, scheme, Sin2w), scheme, Sin2w, [0.4, 0.4]);
            yield return new($"spvat-all-mu({scheme})", new SpvatModel(null, scheme, Sin2w, Flavour.Mu), scheme, Sin2w, [.. Enumerable.Repeat(0.4, 10)]);
            yield return new($"spvat-all-e({scheme})", new SpvatModel(null, scheme, Sin2w, Flavour.E), scheme, Sin2w, [.. Enumerable.Repeat(0.4, 10)]);
            foreach (var m in Masses)
            {
                foreach (var mech in Enum.GetValues<ZPrimeMechanism>())
                {
                    var z = new ZPrimeModel(mech, m, scheme, Sin2w);
                    double scale = PropagatorScale(m, z.Shifts(1e-3).D1 / 1e-6);
                    yield return new($"zprime-{mech}(m={m},{scheme})", z, scheme, Sin2w, [Math.Min(scale, 0.5)]);
                }
                foreach (var s in Enum.GetValues<LorentzStructure>())
                {
                    double scale = PropagatorScale(m, 2.0);
                    yield return new($"mediator-{s}(m={m},{scheme})", new LightMediatorModel(s, m, scheme, Sin2w), scheme, Sin2w, [scale]);
                }
            }
            yield return new($"mediator-V-mu(m=100,{scheme})", new LightMediatorModel(LorentzStructure.V, 100, scheme, Sin2w, Flavour.Mu), scheme, Sin2w, [PropagatorScale(100, 2)]);
            yield return new($"mediator-S-e(m=100,{scheme})", new LightMediatorModel(LorentzStructure.S, 100, scheme, Sin2w, Flavour.E), scheme, Sin2w, [PropagatorScale(100, 2)]);
            foreach (var f in new[] { Flavour.E, Flavour.Mu, Flavour.Tau })
            {
                yield return new($"em-mu-{f}({scheme})", new ElectromagneticModel(f, EmProperty.MagneticMoment, scheme, Sin2w), scheme, Sin2w, [1e-10]);
                yield return new($"em-q-{f}({scheme})", new ElectromagneticModel(f, EmProperty.Millicharge, scheme, Sin2w), scheme, Sin2w, [2e-12]);
                yield return new($"em-r2-{f}({scheme})", new ElectromagneticModel(f, EmProperty.ChargeRadius, scheme, Sin2w), scheme, Sin2w, [3e-32]);
                yield return new($"em-anapole-{f}({scheme})", new ElectromagneticModel(f, EmProperty.Anapole, scheme, Sin2w), scheme, Sin2w, [5e-31]);
                yield return new($"em-all-{f}({scheme})",
                    new ElectromagneticModel(f, [EmProperty.Anapole, EmProperty.MagneticMoment, EmProperty.ChargeRadius, EmProperty.Millicharge], scheme, Sin2w),
                    scheme, Sin2w, [1e-10, 2e-12, 3e-32, 5e-31]);
            }
        }
    }

    /// <summary>A random neutrino energy in [5, 3000] keV (log-uniform) and a recoil T in (0, T_max].</summary>
    public static (double T, double E) RandomKinematics(Random r)
    {
        double e = 5.0 * Math.Exp(r.NextDouble() * Math.Log(600.0));
        double t = Kinematics.MaxRecoilKeV(e) * Math.Max(1e-4, r.NextDouble());
        return (t, e);
    }

    /// <summary>Random parameters around the SM point with the case's scales.</summary>
    /// <param name="minFraction">Smallest |θ − θ_SM| as a fraction of the scale (keeps finite-difference steps relative).</param>
    public static double[] RandomTheta(ModelCase mc, Random r, double minFraction = 0.0)
    {
        var th = new double[mc.Model.ParameterNames.Count];
        for (int i = 0; i < th.Length; i++)
        {
            double u = minFraction + (1 - minFraction) * r.NextDouble();
            th[i] = mc.Model.SmPoint[i] + mc.Scales[i] * (r.Next(2) == 0 ? -u : u);
        }
        return th;
    }

    public static double[] Coefficients(IInteractionModel m, FlavourStream s, double[] theta, double[]? grad = null)
    {
        var c = new double[m.Kernels(s).Count];
        m.Coefficients(s, theta, c, grad ?? Span<double>.Empty);
        return c;
    }

    /// <summary>dσ/dT = Σ c_j kernel_j(T, E) in cm²/keV, and Σ |c_j kernel_j| (the scale for rounding tolerances).</summary>
    public static (double Value, double AbsScale) CrossSection(IInteractionModel m, FlavourStream s, double[] theta, double t, double e)
    {
        var k = m.Kernels(s);
        var c = Coefficients(m, s, theta);
        double sum = 0, abs = 0;
        for (int j = 0; j < k.Count; j++)
        {
            var a = k[j].Coefficients(t);
            // expand term by term so the scale sees every cancellation
            double[] parts = [c[j] * a.A0, c[j] * a.A1 / e, c[j] * a.A2 / (e * e)];
            foreach (var p in parts) abs += Math.Abs(p);
            sum += c[j] * k[j].CrossSection(t, e);
        }
        return (sum, abs);
    }

    public static ElectroweakCouplings Sm(ModelCase mc, Flavour f) => ElectroweakCouplings.StandardModel(f, mc.Sin2ThetaW, mc.Scheme);
}
