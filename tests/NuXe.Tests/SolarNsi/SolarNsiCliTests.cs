using System.Text.Json;
using NuXe.Analyses;
using NuXe.Analyses.Nsi2023;
using NuXe.Cli;

namespace NuXe.Tests.SolarNsi;

/// <summary>The command contracts of issue 16 part 5 and the nsi2023 key contract.</summary>
public class SolarNsiCliTests
{
    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void SpectrumAtAModelPointPrintsOneJsonObject()
    {
        var (code, output, err) = Run("spectrum", "lz-2022", "--model", "nsi-solar", "--truth", "eps_ee=0.1", "--truth", "eps_etau=0.05", "--points", "1,10", "--json");
        Assert.True(code == 0, err);
        using var d = JsonDocument.Parse(output);
        var r = d.RootElement;
        Assert.Equal("nsi-solar", r.GetProperty("model").GetString());
        Assert.Equal(0.1, r.GetProperty("parameters").GetProperty("eps_ee").GetDouble());
        Assert.Equal(20, r.GetProperty("signal").GetArrayLength());
        Assert.True(r.GetProperty("signal_total").GetDouble() > r.GetProperty("signal_sm_total").GetDouble());
        Assert.Equal(2, r.GetProperty("differential").GetProperty("signal").GetArrayLength());
        // the binned total matches the SM spectrum of `nuxe spectrum --json` at the SM point
        var (c2, o2, _) = Run("spectrum", "lz-2022", "--model", "sm", "--json");
        Assert.Equal(0, c2);
        using var d2 = JsonDocument.Parse(o2);
        Assert.Equal(r.GetProperty("signal_sm_total").GetDouble(), d2.RootElement.GetProperty("signal_total").GetDouble(), 1e-9);
    }

    [Theory]
    [InlineData("gvga", "gV=0.8")]
    [InlineData("em-mu", "mu=3e-11")]
    public void SpectrumWorksForOtherModels(string model, string truth)
    {
        var (code, output, err) = Run("spectrum", "xenonnt-2022", "--model", model, "--truth", truth, "--json");
        Assert.True(code == 0, err);
        using var d = JsonDocument.Parse(output);
        Assert.NotEqual(d.RootElement.GetProperty("signal_total").GetDouble(), d.RootElement.GetProperty("signal_sm_total").GetDouble());
    }

    [Fact]
    public void OscillationPrintsPeeAndTheDensityMatrix()
    {
        var (code, output, err) = Run("oscillation", "lz-2022", "--source", "b8", "--energies", "1,10", "--model", "nsi-solar", "--truth", "eps_ee=-0.2", "--json");
        Assert.True(code == 0, err);
        using var d = JsonDocument.Parse(output);
        var r = d.RootElement;
        Assert.Equal(2, r.GetProperty("pee").GetArrayLength());
        Assert.Equal(r.GetProperty("pee")[1].GetDouble(), r.GetProperty("rho_re")[1][0][0].GetDouble());
        double tr = Enumerable.Range(0, 3).Sum(a => r.GetProperty("rho_re")[1][a][a].GetDouble());
        Assert.Equal(1.0, tr, 1e-12);
        var (cn, on, en) = Run("oscillation", "lz-2022", "--source", "b8", "--energies", "10", "--night", "--json");
        Assert.True(cn == 0, en);
        var (cd, od, _) = Run("oscillation", "lz-2022", "--source", "b8", "--energies", "10", "--day", "--json");
        using var dn = JsonDocument.Parse(on); using var dd = JsonDocument.Parse(od);
        Assert.True(dn.RootElement.GetProperty("pee")[0].GetDouble() > dd.RootElement.GetProperty("pee")[0].GetDouble());
    }

    [Theory]
    [InlineData("oscillation", "lz-2022", "--source", "b9", "--energies", "1")]
    [InlineData("oscillation", "lz-2022", "--source", "b8", "--energies", "1,-2")]
    [InlineData("oscillation", "lz-2022", "--source", "b8", "--energies", "1", "--day", "--night")]
    [InlineData("oscillation", "coloma2014", "--source", "b8", "--energies", "1", "--night")]
    [InlineData("spectrum", "lz-2022", "--model", "nsi-solar", "--truth", "eps_xx=1")]
    [InlineData("spectrum", "lz-2022", "--model", "nsi-solar", "--truth", "eps_ee=abc")]
    [InlineData("spectrum", "lz-2022", "--set", "solar.earth=\"average\"", "--set", "solar.latitude_deg=91")]
    [InlineData("spectrum", "lz-2022", "--set", "solar.earth=\"sometimes\"")]
    [InlineData("spectrum", "lz-2022", "--set", "solar.exposure_end=\"2020-01-01\"", "--set", "solar.earth=\"night\"")]
    public void BadInputIsOneLineAndExitTwo(params string[] args)
    {
        var (code, output, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void Nsi2023IsRegisteredWithItsParts()
    {
        var s = Studies.Registry().Find("nsi2023");
        Assert.Equal(["limits", "pn"], s.Parts.Select(p => p.Name));
        Assert.Equal(["lz", "xenonnt2022", "pandax4t2024"], Nsi2023Study.DataSetKeys);
        Assert.Equal(["ee", "mumu", "tautau", "emu", "etau", "mutau"], Nsi2023Study.Couplings);
    }

    [Fact]
    public void OneNsi2023IntervalIsFiniteAndContainsTheStandardModel()
    {
        var pandax = Nsi2023Study.Load(null)[2];
        Assert.Equal("pandax4t2024", pandax.Key);
        var r = Nsi2023Study.Interval(pandax, "eps_etau", points: 31);
        Assert.True(r.Lo < 0 && r.Hi > 0, $"[{r.Lo}, {r.Hi}]");
        Assert.InRange(r.Hi - r.Lo, 0.1, 3.0);
    }

    /// <summary>
    /// `profile lz-2022+lz-2024` (issue 16 part 4: the LZ combination in the ad-hoc commands): on Asimov data at the SM point
    /// with the other parameters fixed, the combined Δχ² is the sum of the two experiments' Δχ² point by point.
    /// </summary>
    [Fact]
    public void ProfileOfACombinationSumsTheExperimentsChiSquare()
    {
        double[] Profile(string experiment)
        {
            var (code, output, err) = Run("profile", experiment, "--model", "nsi-solar", "--param", "eps_ee", "--range", "-0.4:0.4", "--points", "9", "--json");
            Assert.True(code == 0, err);
            using var d = JsonDocument.Parse(output);
            Assert.Equal(experiment, d.RootElement.GetProperty("experiment").GetString());
            return [.. d.RootElement.GetProperty("grid").GetProperty("delta_chi2").EnumerateArray().Select(x => x.GetDouble())];
        }
        var a = Profile("lz-2022"); var b = Profile("lz-2024"); var ab = Profile("lz-2022+lz-2024");
        Assert.Equal(9, ab.Length);
        for (int i = 0; i < ab.Length; i++) Assert.Equal(a[i] + b[i], ab[i], 1e-6 * (1 + ab[i]));
        Assert.True(ab[0] > a[0] && ab[0] > b[0]);
    }

    [Theory]
    [InlineData("lz-2022+lz-2022", "experiment = lz-2022+lz-2022: names an experiment twice")]
    [InlineData("lz-2022++lz-2024", "no empty entry")]
    public void ABadCombinationIsOneLineAndExitTwo(string experiment, string message)
    {
        var (code, output, err) = Run("fit", experiment, "--model", "nsi-solar");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }
}
