using System.Diagnostics;
using System.Globalization;
using NuXe.Analyses.Common;
using NuXe.Analyses.Spectra;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Presets;
using NuXe.Statistics;

namespace NuXe.Tests.Examples;

/// <summary>
/// The library examples (examples/*.cs, .NET 10 file-based apps referencing src/NuXe with <c>#:project</c>) are built and
/// run with <c>dotnet run</c> exactly as docs/library.md tells users to, and their printed results are checked against
/// independent computations. The examples run one after the other (they build the same referenced project).
/// </summary>
public sealed class ExampleProgramTests
{
    static readonly Lazy<string> Root = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NuXe.sln")) && Directory.Exists(Path.Combine(d.FullName, "examples"))) return d.FullName;
        throw new InvalidOperationException($"repository root (NuXe.sln + examples/) not found above {AppContext.BaseDirectory}");
    });

    static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Run `dotnet run examples/NAME.cs` from the repository root; returns the RESULT key/value lines.</summary>
    static Dictionary<string, double> Run(string name)
    {
        OneAtATime.Wait();
        try
        {
            var psi = new ProcessStartInfo("dotnet", ["run", Path.Combine("examples", name + ".cs")])
            {
                WorkingDirectory = Root.Value,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(TimeSpan.FromMinutes(10))) { p.Kill(true); throw new TimeoutException($"example {name} ran > 10 min"); }
            Assert.True(p.ExitCode == 0, $"example {name} exited with {p.ExitCode}\n{stdout}\n{stderr.Result}");
            var results = new Dictionary<string, double>();
            foreach (var line in stdout.Split('\n'))
            {
                if (!line.StartsWith("RESULT ", StringComparison.Ordinal)) continue;
                var kv = line[7..].Trim().Split('=', 2);
                results[kv[0]] = double.Parse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            Assert.NotEmpty(results);
            return results;
        }
        finally { OneAtATime.Release(); }
    }

    static void Close(double expected, double actual, double rel) =>
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (rel. tolerance {rel})");

    [Fact]
    public void Spectrum_PrintsTheLibrarysSignalCount()
    {
        var r = Run("spectrum");
        var s = SpectrumAnalysis.Compute(ExperimentPresets.Load("linkxu-A").Spec);
        Close(s.Signal.Window, r["signal_window"], 1e-12);
        Assert.InRange(r["signal_window"], 1.0e4, 1.5e4); // Link & Xu config A: ≈ 1.2e4 ν_e–e events over 1–560 keV
    }

    [Fact]
    public void CustomPreset_TypedCopyEqualsTheSameChangesMadeAsOverrides()
    {
        var r = Run("custom-preset");
        string source = File.ReadAllText(Path.Combine(Root.Value, "examples", "custom-preset.cs"));
        int a = source.IndexOf("\"\"\"", StringComparison.Ordinal), b = source.IndexOf("\"\"\"", a + 3, StringComparison.Ordinal);
        string toml = string.Join('\n', source[(a + 3)..b].Split('\n').Select(l => l.Trim()));
        var plain = SpectrumAnalysis.Compute(ExperimentPresets.Parse(toml).Spec);
        var overridden = SpectrumAnalysis.Compute(ExperimentPresets.Parse(toml, "test",
            ["source.deployments=2", "response.threshold_kev=1.0", "response.window_kev=[1.0, 40.0]"]).Spec);
        Close(plain.Signal.Window, r["signal_window"], 1e-12);
        Close(overridden.Signal.Window, r["signal_window_long"], 1e-12);
        // Two deployments almost double the signal; the higher threshold removes a little of it.
        Assert.InRange(r["signal_window_long"] / r["signal_window"], 1.5, 2.0);
    }

    [Fact]
    public void NewModelProfile_IntervalMatchesTheFisherEstimate()
    {
        var r = Run("new-model-profile");
        // Independent estimate: Δχ²(δ) ≈ F δ² with the Poisson Fisher information F = Σ_i (∂μ_i/∂δ)² / μ_i, the prediction
        // μ(δ) = Σ_j c_j(δ) T_j assembled here from the SM-kernel templates (signal channels shifted, solar background at the
        // SM as in ExperimentLikelihood) and differentiated by central differences.
        var spec = ExperimentPresets.Load("linkxu-A").Spec;
        var x = PreparedExperiment.Compile(spec);
        int n = x.Binning.Count;
        double[] Mu(double d)
        {
            var mu = new double[n];
            for (int c = 0; c < x.Channels.Count; c++)
                for (int j = 0; j < x.Channels[c].Components.Count; j++)
                {
                    var st = x.Channels[c].Components[j].Stream;
                    var g = ElectroweakCouplings.StandardModel(st.Flavour, spec.Physics.Sin2ThetaW, spec.Physics.Couplings);
                    double dd = x.Channels[c].IsSignal ? d : 0;
                    double g1 = (st.Antineutrino ? g.G2 : g.G1) + dd, g2 = (st.Antineutrino ? g.G1 : g.G2) + dd;
                    double[] coef = [g1 * g1, g2 * g2, g1 * g2];
                    for (int k = 0; k < 3; k++)
                    {
                        var t = x.Template(c, j, StandardModel.Kernels[k]);
                        for (int i = 0; i < n; i++) mu[i] += coef[k] * t[i];
                    }
                }
            foreach (var (_, bkg) in x.BinnedBackgrounds) for (int i = 0; i < n; i++) mu[i] += bkg[i];
            return mu;
        }
        const double h = 1e-4;
        var m0 = Mu(0); var up = Mu(h); var dn = Mu(-h);
        double fisher = 0;
        for (int i = 0; i < n; i++) if (m0[i] > 0) { double dm = (up[i] - dn[i]) / (2 * h); fisher += dm * dm / m0[i]; }
        double half = Math.Sqrt(ChiSquareThresholds.Threshold(0.90, 1) / fisher);
        Assert.True(r["lower"] < 0 && r["upper"] > 0);
        Close(-half, r["lower"], 0.05);
        Close(half, r["upper"], 0.05);
    }

    [Fact]
    public void Scan_LimitsAreMonotoneAndTheSharedPointAgrees()
    {
        var r = Run("scan");
        // More activity → stronger limit; higher threshold → weaker limit (the μ_ν term grows as 1/T).
        Assert.True(r["activity_1"] > r["activity_5"] && r["activity_5"] > r["activity_20"]);
        Assert.True(r["threshold_1"] < r["threshold_5"] && r["threshold_5"] < r["threshold_20"]);
        // linkxu-A is 5 MCi with a 1 keV threshold: the two scans share that point and must agree exactly.
        Assert.Equal(r["activity_5"], r["threshold_1"]);
        // Background-dominated counting: limit ∝ (exposure)^(-1/4) at most as fast as that, and at least (signal-dominated) ∝ (exposure)^(-1/2).
        double ratio = r["activity_20"] / r["activity_5"];
        Assert.InRange(ratio, Math.Pow(4, -0.5) * 0.98, Math.Pow(4, -0.25) * 1.02);
    }
}
