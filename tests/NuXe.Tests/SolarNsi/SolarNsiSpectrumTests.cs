using NuXe.Analyses.Common;
using NuXe.Analyses.Spectra;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Physics.Nsi;
using NuXe.Presets;
using NuXe.Sources;
using NuXe.Sources.Solar;
using Xunit.Abstractions;

namespace NuXe.Tests.SolarNsi;

public class SolarNsiSpectrumTests(ITestOutputHelper output)
{
    static double MaxRel(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y) / Math.Max(Math.Abs(y), 1e-300)).Max();

    [Theory]
    [InlineData("lz-2022", "day", "stepping")]
    [InlineData("lz-2022", "day", "rrpa")]
    [InlineData("lz-2022", "average", "fea")]
    [InlineData("xenonnt-2022", "average", "stepping")]
    [InlineData("pandax4t-2024", "night", "stepping")]
    public void ZeroEpsilonReproducesTheStandardModelSpectrum(string preset, string earth, string atomic)
    {
        var spec = ExperimentPresets.Load(preset, [$"solar.earth=\"{earth}\"", $"physics.atomic=\"{atomic}\""]).Spec;
        var nsi = ModelSpectrum.Compute(spec, "nsi-solar", new Dictionary<string, double>());
        var x = PreparedExperiment.Compile(spec);
        var sm = x.SolarStandardModelBinned();
        output.WriteLine($"{preset} ({earth}): signal {nsi.SignalTotal:G8} vs SM {sm.Sum():G8}, max rel diff {MaxRel(nsi.Signal, sm):E2}");
        Assert.True(MaxRel(nsi.Signal, sm) < 1e-6);
        // and with a direction other than the electron one (ε = 0 is the SM for any η, φ)
        var other = ModelSpectrum.Compute(spec, "nsi-solar", new Dictionary<string, double> { ["eta"] = 0.4, ["phi"] = 0.2 });
        Assert.True(MaxRel(other.Signal, sm) < 1e-6);
    }

    [Fact]
    public void DayNightAverageMovesTheSolarErRateByLittle()
    {
        // pp and 7Be dominate the 0–20 keV ER rate; their Earth regeneration is < 1e-3.
        var day = PreparedExperiment.Compile(ExperimentPresets.Load("lz-2022").Spec).SolarStandardModelBinned().Sum();
        var avg = PreparedExperiment.Compile(ExperimentPresets.Load("lz-2022", ["solar.earth=\"average\""]).Spec).SolarStandardModelBinned().Sum();
        output.WriteLine($"LZ WS2022 solar ER 0-20 keV: day {day:G6}, day/night average {avg:G6} ({(avg / day - 1) * 100:F3} %)");
        Assert.InRange(Math.Abs(avg / day - 1), 1e-7, 2e-3); // pp is ν₁-rich: the Earth lowers its P_ee slightly
    }

    [Fact]
    public void PureElectronNeutrinoStreamEqualsTheDetectionNsiModel()
    {
        // For a pure ν_e flux the nsi-solar detection is NsiModel with εL = εR = ξ^e ε/2 (ε_eα incoherent channels).
        var m = new SolarNsiModel(CouplingScheme.Tree);
        var n = new NsiModel([], CouplingScheme.Tree);
        double xi = Math.Sqrt(5);
        double[] theta = [0.05, 0, 0, 0.02, -0.03, 0, 0, 0, 0, 0, Math.PI / 2];
        double[] eps = [xi * 0.05 / 2, xi * 0.05 / 2, xi * 0.02 / 2, xi * 0.02 / 2, -xi * 0.03 / 2, -xi * 0.03 / 2];
        var a = new double[3]; var b = new double[3];
        m.Coefficients(FlavourStream.NuE, theta, a, []);
        n.Coefficients(FlavourStream.NuE, eps, b, []);
        for (int k = 0; k < 3; k++) Assert.Equal(b[k], a[k], 1e-12);
        // the gradient (finite differences) is consistent with a direct difference
        var g = new double[3 * 11];
        m.Coefficients(FlavourStream.NuE, theta, a, g);
        var t2 = (double[])theta.Clone(); t2[0] += 1e-5;
        var a2 = new double[3]; m.Coefficients(FlavourStream.NuE, t2, a2, []);
        Assert.Equal((a2[0] - a[0]) / 1e-5, g[0], 1e-3);
    }

    [Fact]
    public void DensityMatrixTemplatesAgreeWithABruteForceFlavourSum()
    {
        // Proton direction (φ = 0): NSI acts in propagation only; detection stays SM (flavour-diagonal), so the rate is
        // Σ_α ∫ φ ρ_αα σ_α. Brute force: ρ_αα at every tabulated energy of every source; the templates interpolate Δρ on nodes.
        var spec = ExperimentPresets.Load("xenonnt-2022").Spec;
        var x = PreparedExperiment.Compile(spec);
        var model = new SolarNsiModel(spec.Physics.Couplings, spec.Physics.Sin2ThetaW);
        double[] theta = [1.0, 0, 0, 0.3, 0, 0, 0, 0, 0, 0, 0];
        int ch = x.Channels.ToList().FindIndex(c => c.Name == "solar");
        var dm = SolarNsiTemplates.Build(x, ch, model);
        var c = new double[dm.Count];
        dm.Coefficients(theta, c);
        var pred = new double[x.Binning.Count];
        for (int j = 0; j < dm.Count; j++) for (int i = 0; i < pred.Length; i++) pred[i] += c[j] * dm.Templates[j].Counts[i];

        var prop = new SolarPropagation(SolarModel.B16Gs98, OscillationParameters.NuFit52, SolarExposure.DayOnly);
        var point = model.Point(theta);
        var brute = new double[x.Binning.Count];
        var sm = x.StandardModelBaseline;
        foreach (var s in SolarSources.All)
        {
            Func<double, FlavourProbabilities> prob = e => { var r = prop.DensityMatrix(s, e, point); return new FlavourProbabilities(r[0, 0].Real, r[1, 1].Real, r[2, 2].Real); };
            double total = SolarModel.B16Gs98.Flux(s);
            for (int a = 0; a < 3; a++)
            {
                var stream = SolarFlux.Streams[a];
                FluxComponent comp;
                if (s.IsLine()) comp = new FluxComponent(s.Key(), stream, SolarSpectra.Lines(s).Select(l => new SpectralLine(l.EnergyKeV, total * l.Branching * prob(l.EnergyKeV).Of((Flavour)a))).ToArray());
                else
                {
                    var sh = SolarSpectra.Shape(s);
                    comp = new FluxComponent(s.Key(), stream, [], new ContinuousSpectrum(sh.EnergyKeV, sh.EnergyKeV.Select((e, i) => total * sh.FluxPerCm2PerSPerKeV[i] * prob(e).Of((Flavour)a)).ToArray()));
                }
                var kc = new double[3];
                sm.Coefficients(stream, [spec.Physics.Sin2ThetaW], kc, []);
                var t = x.TemplatesForFlux(comp, StandardModel.Kernels, x.Channels[ch].ElectronSeconds);
                for (int k = 0; k < 3; k++) for (int i = 0; i < brute.Length; i++) brute[i] += kc[k] * t[k][i];
            }
        }
        double smTotal = x.SolarStandardModelBinned().Sum();
        output.WriteLine($"templates {pred.Sum():G8}, brute force {brute.Sum():G8}, SM {smTotal:G8}; max rel diff per bin {MaxRel(pred, brute):E2}");
        Assert.True(Math.Abs(pred.Sum() / smTotal - 1) > 0.01, "the chosen point must change the rate visibly");
        Assert.True(MaxRel(pred, brute) < 2e-3);
    }

    [Fact]
    public void ChargeSpecificInputsRoundTrip()
    {
        // ε^f = c_f E: the point's ξ^f times ε must give back c_e E, (2c_u + c_d) E and (c_u + 2c_d) E.
        var e = SolarNsiPoint.FromParameters([0.2, 0, -0.1, 0.05, 0, 0.03, 0.01, 0, 0, 0, 0]).Epsilon;
        var p = SolarNsiPoint.FromChargeCouplings(e, 0.3, -0.2, 0.5);
        Assert.Equal(0.3 * e[0, 0].Real, p.XiE * p.Epsilon[0, 0].Real, 1e-14);
        Assert.Equal((2 * -0.2 + 0.5) * e[0, 0].Real, p.XiP * p.Epsilon[0, 0].Real, 1e-14);
        Assert.Equal((-0.2 + 2 * 0.5) * e[2, 2].Real, p.XiN * p.Epsilon[2, 2].Real, 1e-14);
        Assert.Equal(-0.2 * e[0, 1].Imaginary, p.XiU * p.Epsilon[0, 1].Imaginary, 1e-14);
        Assert.Equal(0.5 * e[0, 1].Real, p.XiD * p.Epsilon[0, 1].Real, 1e-14);
        // pure electron couplings give the electron direction
        var pe = SolarNsiPoint.FromChargeCouplings(e, 1, 0, 0);
        Assert.Equal(0, pe.EtaRad, 1e-15); Assert.Equal(Math.PI / 2, pe.PhiRad, 1e-15);
    }

    [Fact]
    public void CevnsNsiFactorIsOneAtZeroAndQuadraticInEpsilon()
    {
        var rho = SolarNsiMatter.FlavourDensity(SolarNsiMatter.Pmns(OscillationParameters.NuFit52), 0.3, 0.65, 0.05);
        Assert.Equal(1.0, CevnsNsi.RateFactor(rho, SolarNsiPoint.StandardModel, 54, 77, 0.2387), 1e-14);
        // neutron direction, ε_ee only: A_ee = −Q_W/2 + √5 N ε → factor = ρ_ee (1 − 2√5 N ε/Q_W)² + (1 − ρ_ee)
        double eps = 0.01, qw = 77 - (1 - 4 * 0.2387) * 54;
        var p = SolarNsiPoint.FromParameters([eps, 0, 0, 0, 0, 0, 0, 0, 0, Math.PI / 2, 0]);
        double expected = rho[0, 0].Real * Math.Pow(1 - 2 * Math.Sqrt(5) * 77 * eps / qw, 2) + (1 - rho[0, 0].Real);
        Assert.Equal(expected, CevnsNsi.RateFactor(rho, p, 54, 77, 0.2387), 1e-12);
    }
}

