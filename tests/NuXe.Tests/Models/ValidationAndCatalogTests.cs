using System.Globalization;
using NuXe.Physics;
using NuXe.Physics.Models;
using Xunit.Abstractions;

namespace NuXe.Tests.Models;

/// <summary>Validation against the independent table References/xsec_reference.csv (a missing file fails).</summary>
public class ModelValidationTests(ITestOutputHelper output)
{
    static List<Dictionary<string, double>> ReadReference()
    {
        var path = References.File("xsec_reference.csv");
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        var head = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => head.Zip(l.Split(','), (h, v) => (h, v: double.Parse(v, CultureInfo.InvariantCulture))).ToDictionary(p => p.h, p => p.v))];
    }

    [Fact]
    public void MagneticMomentMatchesReferenceTable()
    {
        var rows = ReadReference();
        var em = new ElectromagneticModel(Flavour.E, EmProperty.MagneticMoment, CouplingScheme.Tree, 0.23865);
        int checkedValues = 0;
        foreach (var row in rows)
        {
            double t = row["T_keV"];
            foreach (var (col, e) in new[] { ("mm_per_muB2_E750", 750.0), ("mm_per_muB2_E430", 430.0) })
            {
                double expected = row[col];
                double kernel = ModelKernels.MagneticMoment.CrossSection(t, e);
                double viaModel = ModelCases.CrossSection(em, FlavourStream.NuE, [1.0], t, e).Value - ModelCases.CrossSection(em, FlavourStream.NuE, [0.0], t, e).Value;
                double scaled = ModelCases.CrossSection(em, FlavourStream.NuE, [3e-11], t, e).Value - ModelCases.CrossSection(em, FlavourStream.NuE, [0.0], t, e).Value;
                if (expected == 0)
                {
                    Assert.True(t > Kinematics.MaxRecoilKeV(e));
                    Assert.Equal(0.0, kernel); Assert.Equal(0.0, viaModel);
                    continue;
                }
                Assert.True(Math.Abs(kernel / expected - 1) < 1e-6, $"{col} T={t}: {kernel} vs {expected}");
                Assert.True(Math.Abs(viaModel / expected - 1) < 1e-6, $"{col} T={t} (model): {viaModel} vs {expected}");
                // μ² scaling (difference of nearly equal numbers: looser)
                Assert.True(Math.Abs(scaled / (9e-22 * expected) - 1) < 1e-3, $"{col} T={t} μ=3e-11: {scaled} vs {9e-22 * expected}");
                checkedValues++;
            }
        }
        Assert.True(checkedValues >= 40, $"only {checkedValues} values checked");
        output.WriteLine($"Checked {checkedValues} magnetic-moment values to 1e-6.");
    }

    /// <summary>Every model at its SM point reproduces the tabulated SM columns (tree and eq. 19 couplings).</summary>
    [Fact]
    public void SmPointMatchesReferenceTable()
    {
        var rows = ReadReference();
        foreach (var (scheme, tag) in new[] { (CouplingScheme.Tree, "tree"), (CouplingScheme.Radiative, "eq19") })
        {
            var o = new ModelOptions(scheme, 0.23865, null, 1000.0);
            foreach (var name in ModelCatalog.Names)
            {
                var m = ModelCatalog.Create(name, o);
                foreach (var row in rows)
                    foreach (var e in new[] { 750.0, 430.0 })
                    {
                        double expected = row[$"sm_{tag}_E{e:0}"];
                        double got = ModelCases.CrossSection(m, FlavourStream.NuE, [.. m.SmPoint], row["T_keV"], e).Value;
                        if (expected == 0) Assert.Equal(0.0, got);
                        else Assert.True(Math.Abs(got / expected - 1) < 1e-6, $"{name} {tag} T={row["T_keV"]} E={e}: {got} vs {expected}");
                    }
            }
        }
    }
}

public class ModelCatalogTests
{
    [Fact]
    public void EveryNameConstructsAModelWithMatchingParameters()
    {
        var o = new ModelOptions(CouplingScheme.Radiative, 0.23857, Flavour.Mu, 250.0);
        var expected = new Dictionary<string, string[]>
        {
            ["sm"] = ["sin2w"], ["gvga"] = ["gV", "gA"],
            ["nsi-e"] = ["epsL_ee", "epsR_ee"], ["nsi-mu"] = ["epsL_emu", "epsR_emu"], ["nsi-tau"] = ["epsL_etau", "epsR_etau"],
            ["nsi-all"] = ["epsL_ee", "epsR_ee", "epsL_emu", "epsR_emu", "epsL_etau", "epsR_etau"],
            ["spvat-S"] = ["dC_S", "dD_S"], ["spvat-P"] = ["dC_P", "dD_P"], ["spvat-V"] = ["dC_V", "dD_V"],
            ["spvat-A"] = ["dC_A", "dD_A"], ["spvat-T"] = ["dC_T", "dD_T"],
            ["spvat-all"] = ["dC_S", "dD_S", "dC_P", "dD_P", "dC_V", "dD_V", "dC_A", "dD_A", "dC_T", "dD_T"],
            ["zprime-gauge"] = ["g"], ["zprime-kinetic"] = ["epsilon"], ["zprime-mass"] = ["sAlpha"],
            ["mediator-S"] = ["g_S"], ["mediator-P"] = ["g_P"], ["mediator-V"] = ["g_V"], ["mediator-A"] = ["g_A"], ["mediator-T"] = ["g_T"],
            ["em-mu"] = ["mu"], ["em-q"] = ["q"], ["em-r2"] = ["r2"], ["em-anapole"] = ["anapole"], ["em-all"] = ["mu", "q", "r2", "anapole"],
            ["nsi-solar"] = ["eps_ee", "eps_mumu", "eps_tautau", "eps_emu", "eps_etau", "eps_mutau", "eps_emu_im", "eps_etau_im", "eps_mutau_im", "eta", "phi"],
        };
        Assert.Equal(expected.Keys.Order(), ModelCatalog.Names.Order());
        foreach (var name in ModelCatalog.Names)
        {
            var m = ModelCatalog.Create(name, o);
            Assert.Equal(expected[name], m.ParameterNames);
            Assert.Equal(m, ModelCatalog.Create(name.ToUpperInvariant(), o), new KeyComparer());
        }
        Assert.Equal(250.0, ((ZPrimeModel)ModelCatalog.Create("zprime-kinetic", o)).MassKeV);
        Assert.Equal(Flavour.Mu, ((LightMediatorModel)ModelCatalog.Create("mediator-T", o)).Flavour);
        Assert.Null(((LightMediatorModel)ModelCatalog.Create("mediator-T", o with { Flavour = null })).Flavour);
        Assert.Equal(Flavour.Mu, ((ElectromagneticModel)ModelCatalog.Create("em-q", o)).Flavour);
        Assert.Equal(Flavour.E, ((ElectromagneticModel)ModelCatalog.Create("em-q", o with { Flavour = null })).Flavour);
        Assert.Contains("m=2.500e+02keV", ModelCatalog.Create("mediator-S", o).Key);
    }

    sealed class KeyComparer : IEqualityComparer<IInteractionModel>
    {
        public bool Equals(IInteractionModel? x, IInteractionModel? y) => x?.Key == y?.Key;
        public int GetHashCode(IInteractionModel obj) => obj.Key.GetHashCode();
    }

    [Fact]
    public void UnknownNameListsAllowedNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => ModelCatalog.Create("nsi-x"));
        foreach (var n in ModelCatalog.Names) Assert.Contains(n, ex.Message);
        Assert.Throws<ArgumentException>(() => ModelCatalog.Create("spvat-Q"));
        Assert.Throws<ArgumentException>(() => ModelCatalog.Create("mediator-"));
    }

    [Fact]
    public void MassRequiredWhereKernelsDependOnIt()
    {
        foreach (var n in new[] { "zprime-gauge", "zprime-kinetic", "zprime-mass", "mediator-S", "mediator-V" })
        {
            Assert.True(ModelCatalog.NeedsMass(n));
            var ex = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(n, new ModelOptions()));
            Assert.Contains("mass", ex.Message);
        }
        Assert.False(ModelCatalog.NeedsMass("nsi-e"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZPrimeModel(ZPrimeMechanism.Gauge, -1, CouplingScheme.Tree));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LightMediatorModel(LorentzStructure.S, double.NaN, CouplingScheme.Tree));
    }

    [Fact]
    public void MassTagsAreExactAndReadable()
    {
        Assert.Equal("m=1.000e+03keV", ModelKernels.MassTag(1000));
        Assert.Equal("m=0.000e+00keV", ModelKernels.MassTag(0));
        Assert.Equal("m=1.000e-03keV", ModelKernels.MassTag(1e-3));
        Assert.Equal("m=1.2345678e+07keV", ModelKernels.MassTag(12345678));
        var masses = Enumerable.Range(0, 41).Select(i => Math.Pow(10, 7.0 * i / 40)).ToArray(); // 1 keV – 10 GeV
        Assert.Equal(41, masses.Select(ModelKernels.MassTag).Distinct().Count());
        foreach (var m in masses)
            Assert.Equal(m, double.Parse(ModelKernels.MassTag(m)[2..^3], CultureInfo.InvariantCulture));
    }
}
