using FsCheck.Xunit;
using NuXe.Physics;
using NuXe.Physics.Models;
using static NuXe.Tests.Models.ModelCases;

namespace NuXe.Tests.Models;

/// <summary>Properties that every interaction model must satisfy (PHYSICS.md §4 preamble).</summary>
public class ModelPropertyTests
{
    static readonly ModelCase[] Cases = [.. All()];

    [Fact]
    public void CaseListCoversEveryModelClass()
    {
        var types = Cases.Select(c => c.Model.GetType()).Distinct().ToList();
        Assert.Contains(typeof(NsiModel), types);
        Assert.Contains(typeof(SpvatModel), types);
        Assert.Contains(typeof(ZPrimeModel), types);
        Assert.Contains(typeof(LightMediatorModel), types);
        Assert.Contains(typeof(ElectromagneticModel), types);
        Assert.True(Cases.Length > 60);
    }

    [Property(MaxTest = 40)]
    public void SmPointReproducesStandardModel(int seed)
    {
        var r = new Random(seed);
        foreach (var mc in Cases)
            foreach (var s in Streams)
            {
                var (t, e) = RandomKinematics(r);
                double expected = StandardModel.CrossSection(t, e, Sm(mc, s.Flavour), s.Antineutrino);
                var (got, _) = CrossSection(mc.Model, s, [.. mc.Model.SmPoint], t, e);
                Assert.True(Math.Abs(got - expected) <= 1e-12 * Math.Abs(expected),
                    $"{mc} {s} T={t} E={e}: {got} vs SM {expected}");
            }
    }

    [Property(MaxTest = 25)]
    public void AnalyticGradientMatchesCentralDifferences(int seed)
    {
        var r = new Random(seed);
        foreach (var mc in Cases)
            foreach (var s in Streams)
            {
                var m = mc.Model;
                int n = m.ParameterNames.Count, nk = m.Kernels(s).Count;
                var th = RandomTheta(mc, r, minFraction: 0.01);
                var grad = new double[nk * n];
                var c = Coefficients(m, s, th, grad);
                for (int p = 0; p < n; p++)
                {
                    double h = 1e-5 * Math.Max(Math.Abs(th[p]), 1e-2 * mc.Scales[p]);
                    var up = (double[])th.Clone(); up[p] += h;
                    var dn = (double[])th.Clone(); dn[p] -= h;
                    var cu = Coefficients(m, s, up); var cd = Coefficients(m, s, dn);
                    for (int j = 0; j < nk; j++)
                    {
                        double fd = (cu[j] - cd[j]) / (2 * h), a = grad[j * n + p];
                        double tol = 1e-6 * Math.Abs(a) + 1e-13 * (Math.Abs(cu[j]) + Math.Abs(cd[j])) / h + 1e-300;
                        Assert.True(Math.Abs(fd - a) <= tol, $"{mc} {s} ∂c[{j}]/∂{m.ParameterNames[p]}: analytic {a}, FD {fd}");
                    }
                }
            }
    }

    [Property(MaxTest = 25)]
    public void CrossSectionNonNegativeAndZeroAboveTmax(int seed)
    {
        var r = new Random(seed);
        foreach (var mc in Cases)
            foreach (var s in Streams)
            {
                var th = RandomTheta(mc, r);
                var (t, e) = RandomKinematics(r);
                var (v, scale) = CrossSection(mc.Model, s, th, t, e);
                Assert.True(v >= -1e-12 * scale, $"{mc} {s} T={t} E={e} θ=[{string.Join(",", th)}]: dσ/dT = {v}");
                double tAbove = Kinematics.MaxRecoilKeV(e) * (1 + 1e-9) + 1e-6;
                foreach (var k in mc.Model.Kernels(s)) Assert.Equal(0.0, k.CrossSection(tAbove, e));
                Assert.Equal(0.0, CrossSection(mc.Model, s, th, tAbove, e).Value);
            }
    }

    [Fact]
    public void ParameterNamesAndSmPointConsistent()
    {
        foreach (var mc in Cases)
        {
            Assert.Equal(mc.Model.ParameterNames.Count, mc.Model.SmPoint.Count);
            Assert.Equal(mc.Model.ParameterNames.Count, mc.Scales.Length);
            Assert.Equal(mc.Model.ParameterNames.Count, mc.Model.ParameterNames.Distinct().Count());
        }
    }

    [Fact]
    public void ModelKeysIdentifyModels()
    {
        // The catalogue cases repeat some hand-picked ones: equal keys must then mean the same model (same parameters and
        // the same coefficients at a random point, for every stream), and different models must have different keys.
        var r = new Random(7);
        foreach (var group in Cases.GroupBy(c => c.Model.Key))
        {
            var first = group.First();
            var theta = ModelCases.RandomTheta(first, r);
            foreach (var other in group.Skip(1))
            {
                Assert.Equal(first.Model.ParameterNames, other.Model.ParameterNames);
                foreach (var s in ModelCases.Streams)
                    Assert.Equal(ModelCases.Coefficients(first.Model, s, theta), ModelCases.Coefficients(other.Model, s, theta));
            }
        }
        Assert.True(Cases.Select(c => c.Model.Key).Distinct().Count() > 100);
    }

    /// <summary>Same kernel key ⇒ same function (templates are cached by key), across all models and streams.</summary>
    [Property(MaxTest = 10)]
    public void KernelKeysIdentifyFunctions(int seed)
    {
        var r = new Random(seed);
        var t = 0.01 + 600 * r.NextDouble();
        var byKey = new Dictionary<string, KernelCoefficients>();
        foreach (var mc in Cases)
            foreach (var s in Streams)
            {
                var ks = mc.Model.Kernels(s);
                Assert.Equal(ks.Count, ks.Select(k => k.Key).Distinct().Count());
                foreach (var k in ks)
                {
                    var v = k.Coefficients(t);
                    if (byKey.TryGetValue(k.Key, out var prev)) Assert.Equal(prev, v);
                    else byKey[k.Key] = v;
                }
            }
        // distinct masses ⇒ distinct keys, even when close
        Assert.NotEqual(ModelKernels.Scalar(1000.0).Key, ModelKernels.Scalar(1000.0 * (1 + 1e-15)).Key);
        Assert.Equal("mediator.S(m=1.000e+03keV)", ModelKernels.Scalar(1000.0).Key);
        Assert.Equal("prop.LL.w1(m=1.000e+03keV)", ModelKernels.PropagatorShiftKernels(1000.0)[3].Key);
    }
}
