using System.Text.Json;
using NuXe.Cli;
using NuXe.Presets;

namespace NuXe.Tests.Foundation;

public class PresetAndCliTests
{
    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void ShippedPresetsLoadAndListTheIssueNames()
    {
        var names = ExperimentPresets.ShippedNames();
        foreach (var n in new[] { "linkxu-A", "linkxu-B", "linkxu-C", "coloma2014" }) Assert.Contains(n, names);
        foreach (var n in names) Assert.False(string.IsNullOrWhiteSpace(ExperimentPresets.Load(n).Spec.Description));
    }

    [Fact]
    public void PresetConventions()
    {
        var c = ExperimentPresets.Load("coloma2014").Spec;
        Assert.Equal("stepping", c.Physics.Atomic);
        Assert.Equal(Physics.CouplingScheme.Tree, c.Physics.Couplings);
        Assert.Equal(0.23865, c.Physics.Sin2ThetaW);
        Assert.Equal(2.0, c.Response.ThresholdKeV);
        Assert.Equal(0.20 * Math.Sqrt(9.0), c.Response.Resolution.SigmaKeV(9.0), 12);
        var a = ExperimentPresets.Load("linkxu-A").Spec;
        Assert.Equal("fea", a.Physics.Atomic);
        Assert.Equal(Physics.CouplingScheme.Radiative, a.Physics.Couplings);
        Assert.Equal(559, a.Response.Binning.Count);
        Assert.Equal(1.0, a.Response.Binning.LoKeV);
        Assert.Equal(560.0, a.Response.Binning.HiKeV);
    }

    [Fact]
    public void ResolvedPresetRoundTrips()
    {
        var loaded = ExperimentPresets.Load("linkxu-B", ["source.activity_mci=7.5"]);
        var path = Path.Combine(Path.GetTempPath(), $"nuxe-resolved-{Guid.NewGuid():N}.toml");
        File.WriteAllText(path, loaded.ResolvedToml);
        var again = ExperimentPresets.Load(path);
        Assert.Equal(7.5, again.Spec.Source!.ActivityMCi);
        Assert.Equal(loaded.Spec.Response.Binning.EdgesKeV, again.Spec.Response.Binning.EdgesKeV);
        Assert.Equal(loaded.ResolvedToml.Split('\n').Skip(1), again.ResolvedToml.Split('\n').Skip(1));
        File.Delete(path);
    }

    [Theory]
    [InlineData("source.activity_mci", new[] { "spectrum", "coloma2014", "--set", "source.activity_mci=-5" })]
    [InlineData("unknown key 'source.colour'", new[] { "spectrum", "coloma2014", "--set", "source.colour=3" })]
    [InlineData("response.threshold_kev", new[] { "spectrum", "coloma2014", "--set", "response.threshold_kev=600" })]
    [InlineData("preset = nosuch", new[] { "spectrum", "nosuch" })]
    [InlineData("--window", new[] { "spectrum", "coloma2014", "--window", "140:2" })]
    [InlineData("physics.atomic", new[] { "spectrum", "coloma2014", "--atomic", "quantum" })]
    public void BadInputGivesOneLineAndExitCode2(string mentions, string[] args)
    {
        var (code, stdout, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var lines = err.Trim().Split('\n');
        Assert.Single(lines);
        Assert.Contains(mentions, lines[0]);
        Assert.DoesNotContain(" at ", lines[0]);
    }

    [Fact]
    public void MalformedTomlIsOneClearLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nuxe-bad-{Guid.NewGuid():N}.toml");
        File.WriteAllText(path, "[experiment]\nname = \"x\"\nthis is not toml\n");
        var (code, _, err) = Run("spectrum", path);
        File.Delete(path);
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("malformed TOML", err);
    }

    [Fact]
    public void SpectrumJsonHasTheContractKeys()
    {
        var (code, stdout, err) = Run("spectrum", "coloma2014", "--window", "2:140", "--json");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal("coloma2014", r.GetProperty("experiment").GetString());
        Assert.Equal(2.0, r.GetProperty("window_keV")[0].GetDouble());
        Assert.Equal(1.6317, r.GetProperty("geometry").GetProperty("r_avg_m").GetDouble(), 4);
        Assert.Equal(6.095, r.GetProperty("geometry").GetProperty("fiducial_mass_t").GetDouble(), 3);
        Assert.True(r.GetProperty("geometry").GetProperty("electrons").GetDouble() > 1.5e30);
        Assert.Equal(1.834, r.GetProperty("source").GetProperty("mean_activity_MCi").GetDouble(), 3);
        Assert.Equal(1, r.GetProperty("source").GetProperty("deployments").GetInt32());
        double sig = r.GetProperty("signal").GetProperty("window").GetDouble();
        Assert.InRange(sig, 3500, 3700); // published 3,656
        var comps = r.GetProperty("background").GetProperty("components");
        foreach (var name in new[] { "pp", "be7", "xe136", "kr85", "rn222" })
            Assert.True(comps.GetProperty(name).GetProperty("window").GetDouble() > 0, name);
        double sum = comps.EnumerateObject().Sum(c => c.Value.GetProperty("window").GetDouble());
        Assert.Equal(r.GetProperty("background").GetProperty("window").GetDouble(), sum, 6);
    }

    [Fact]
    public void SpectrumOutWritesFiles()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"nuxe-spec-{Guid.NewGuid():N}");
        var (code, _, err) = Run("spectrum", "linkxu-A", "--out", dir);
        Assert.True(code == 0, err);
        var csv = File.ReadAllLines(Path.Combine(dir, "spectrum.csv"));
        Assert.StartsWith("T_lo_keV,T_hi_keV,signal_events,pp_events,be7_events,xe136_events,kr85_events,rn222_events", csv[0]);
        Assert.Equal(560, csv.Length);
        Assert.True(File.Exists(Path.Combine(dir, "summary.json")));
        Assert.True(File.Exists(Path.Combine(dir, "preset.resolved.toml")));
        Directory.Delete(dir, true);
    }
}
