using System.Text.Json;
using MathNet.Numerics.Integration;
using NuXe.Analyses.Hsieh2019;
using NuXe.Cli;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Physics.Cevns;
using NuXe.Presets;
using NuXe.Sources;
using NuXe.Sources.Solar;

namespace NuXe.Tests.SolarPresets;

/// <summary>Solar presets (EXPERIMENTS.md §2) and the `spectrum --points` differential output.</summary>
public class SolarPresetTests
{
    static readonly double[] Points = [1, 10, 30, 100, 200];
    /// <summary>B16-GS98 + NuFIT 5.2 MSW, FEA, tree level, sin²θ_W = 0.23865: events/(t·yr·keV) (issue 7 checks).</summary>
    static readonly double[] Expected = [3.3851, 3.2700, 3.0126, 2.0685, 0.7487];

    [Theory]
    [InlineData("xenon10", 0.0867, 2.0, 1.1)]
    [InlineData("xenon100", 0.021, 5.0, 5.3e-3)]
    [InlineData("pandax2", 0.074, 1.2, 2.7e-3)]
    [InlineData("xenon1t", 1.0, 1.4, 2.24e-4)]
    [InlineData("lz-projected", 15.34, 1.5, 4.27e-5)]
    [InlineData("darwin", 14.0, 2.0, 2.0e-5)]
    [InlineData("lz-cr51", 0.82, 2.0, 4.27e-5)]
    public void TableTwoPresets(string name, double tonneYears, double thresholdKeV, double flat)
    {
        var s = ExperimentPresets.Load(name).Spec;
        double ty = s.Target.MassTonnes * s.Target.LiveDays / Constants.DaysPerYear;
        Assert.Equal(1.0, ty / tonneYears, name == "lz-cr51" ? 0.02 : 1e-9); // lz-cr51: 6.10 t cylinder × 50 d = 0.835
        Assert.Equal(thresholdKeV, s.Response.ThresholdKeV);
        Assert.Equal(flat, s.Backgrounds.OfType<FlatSpec>().Single().RatePerKgKeVDay);
        Assert.Contains(s.Backgrounds, b => b is CevnsSpec);
        Assert.Equal(0.5 * Math.Sqrt(9.0), s.Response.Resolution.SigmaKeV(9.0), 1e-12);
        Assert.Equal("hsieh2019", s.Solar!.FluxModel);
        Assert.Null(s.Solar.Pee); // MSW
        Assert.Equal(name != "lz-cr51", s.Solar.IsSignal);
        if (name == "lz-cr51") { Assert.Equal(5.0, s.Source!.ActivityMCi); Assert.Equal(50.0, s.Source.RunDays); }
    }

    [Fact]
    public void SolarXeIsTheIdealReference()
    {
        var s = ExperimentPresets.Load("solar-xe").Spec;
        Assert.Equal(1.0, s.Target.MassTonnes * s.Target.LiveDays / Constants.DaysPerYear, 1e-12);
        Assert.True(s.Response.Resolution.IsIdeal);
        Assert.Equal(0.0, s.Response.ThresholdKeV);
        Assert.Equal(8, s.Solar!.Components.Count);
        Assert.True(s.Solar.IsSignal);
        Assert.Equal("b16-gs98", s.Solar.FluxModel);
    }

    /// <summary>Direct ∫ dE φ_α(E) dσ_α/dT (Gauss–Legendre on the flux grid), per electron per s per keV.</summary>
    static double Direct(FluxComponent c, double t)
    {
        var g = ElectroweakCouplings.StandardModel(c.Stream.Flavour, 0.23865, CouplingScheme.Tree);
        double emin = Kinematics.MinNeutrinoEnergyKeV(t);
        double sum = c.Lines.Sum(l => l.FluxPerCm2PerS * StandardModel.CrossSection(t, l.EnergyKeV, g, c.Stream.Antineutrino));
        if (c.Continuum is { } s)
            for (int i = 1; i < s.EnergyKeV.Length; i++)
            {
                double a = s.EnergyKeV[i - 1], b = s.EnergyKeV[i];
                if (b <= emin) continue;
                double lo = Math.Max(a, emin), fa = s.FluxPerCm2PerSPerKeV[i - 1], fb = s.FluxPerCm2PerSPerKeV[i];
                sum += GaussLegendreRule.Integrate(e => (fa + (fb - fa) * (e - a) / (b - a)) * StandardModel.CrossSection(t, e, g, c.Stream.Antineutrino), lo, b, 16);
            }
        return sum;
    }

    [Fact]
    public void SolarXeFreeElectronDifferentialMatchesTwoIndependentRoutes()
    {
        var x = PreparedExperiment.Compile(ExperimentPresets.Load("solar-xe", ["physics.atomic=\"fea\""]).Spec);
        var d = DifferentialRates.Compute(x, Points);
        var comps = SolarFlux.Components(SolarModel.B16Gs98, OscillationParameters.NuFit52);
        for (int i = 0; i < Points.Length; i++)
        {
            Assert.Equal(1.0, d.Total[i] / Expected[i], 2e-4);
            double direct = comps.Sum(c => Direct(c, Points[i])) * XenonTarget.ElectronsPerTonne * Constants.SecondsPerYear;
            Assert.Equal(1.0, d.Total[i] / direct, 1e-4);
            Assert.Equal(d.Total[i], d.Components.Sum(c => c.PerTonneYearKeV[i]), 1e-12);
        }
        Assert.Equal(DifferentialRates.SolarNames, d.Components.Select(c => c.Name).ToArray());
        // pp dominates below 200 keV; hep is negligible
        Assert.True(d.Components.Single(c => c.Name == "pp").PerTonneYearKeV[0] / d.Total[0] > 0.9);
    }

    [Fact]
    public void AtomicModelsOrderAtLowRecoil()
    {
        double At(string atomic, double t)
            => DifferentialRates.Compute(PreparedExperiment.Compile(ExperimentPresets.Load("solar-xe", [$"physics.atomic=\"{atomic}\""]).Spec), [t]).Total[0];
        foreach (var t in new[] { 2.0, 10.0 })
        {
            double fea = At("fea", t), step = At("stepping", t), rrpa = At("rrpa", t);
            Assert.True(step < fea && rrpa < fea, $"T={t}: fea {fea}, stepping {step}, rrpa {rrpa}");
        }
        Assert.Equal(At("fea", 30.0), At("stepping", 30.0) / (52.0 / 54.0), 1e-9); // below the K edge: 52 of 54 electrons
        Assert.Equal(At("fea", 50.0), At("stepping", 50.0), 1e-9);                 // above it: all 54
    }

    [Fact]
    public void SpectrumJsonHasTheDifferentialObject()
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = CliApp.Run(["spectrum", "solar-xe", "--atomic", "fea", "--json", "--points", "1,10,30,100,200"], o, e);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(o.ToString());
        var diff = doc.RootElement.GetProperty("differential");
        Assert.Equal(Points, diff.GetProperty("T_keV").EnumerateArray().Select(v => v.GetDouble()).ToArray());
        var total = diff.GetProperty("total").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int i = 0; i < 5; i++) Assert.Equal(1.0, total[i] / Expected[i], 2e-4);
        foreach (var n in new[] { "pp", "pep", "be7", "b8", "hep", "n13", "o15", "f17" }) Assert.Equal(5, diff.GetProperty(n).GetArrayLength());
        Assert.NotEqual(0, CliApp.Run(["spectrum", "solar-xe", "--json", "--points", "1,x"], new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void CevnsBackgroundOnlyBelowAboutOneAndAHalfKeVee()
    {
        var s = ExperimentPresets.Load("lz-projected").Spec;
        var bkg = s.Backgrounds.OfType<CevnsSpec>().Single().Build(new Exposure(1.0, Constants.DaysPerYear));
        Assert.Equal(0.0, bkg.EventsPerKeV(2.0));
        Assert.True(bkg.EventsPerKeV(0.5) > 0);
        Assert.InRange(bkg.TotalEvents, 700, 1200); // ⁸B + hep per t·yr, all energies
    }
}

/// <summary>DifferentialRates reproduces PreparedExperiment.StandardModelDifferential component by component.</summary>
public class DifferentialRatesConsistencyTests
{
    [Fact]
    public void MatchesStandardModelDifferential()
    {
        var x = PreparedExperiment.Compile(ExperimentPresets.Load("solar-xe", ["physics.atomic=\"rrpa\""]).Spec);
        double[] t = [0.5, 3.0, 20.0, 150.0];
        var d = DifferentialRates.Compute(x, t);
        for (int i = 0; i < t.Length; i++)
        {
            double viaPrepared = 0;
            for (int j = 0; j < x.Channels[0].Components.Count; j++) viaPrepared += x.StandardModelDifferential(0, j, t[i]);
            Assert.Equal(1.0, d.Total[i] * x.Exposure.TonneYears / viaPrepared, 1e-12);
        }
    }
}
