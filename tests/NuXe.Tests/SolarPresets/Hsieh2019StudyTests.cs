using NuXe.Analyses.Framework;
using NuXe.Analyses.Hsieh2019;

namespace NuXe.Tests.SolarPresets;

/// <summary>`nuxe reproduce hsieh2019` limits part: the key contract and basic orderings.</summary>
public class Hsieh2019StudyTests
{
    [Fact]
    public void LimitsPartWritesTheContractKeysAndTable()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nuxe-hsieh2019-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = StudyRunner.Run(Hsieh2019Study.Create(), dir, "limits");
            foreach (var p in new[] { "xenon10", "xenon100", "pandax2", "xenon1t", "lz-projected", "lz-projected-0p5", "darwin", "lz-cr51" })
                foreach (var k in new[] { "mu_eff", "q_eff", "r2_eff" })
                {
                    Assert.True(r.Results.TryGetValue($"{p}.{k}", out var v), $"missing {p}.{k}");
                    Assert.True(v > 0 && double.IsFinite(v), $"{p}.{k} = {v}");
                }
            // the χ² method with its exposure is always stronger than the rate-ratio criterion here
            Assert.True(r.Results["lz-projected.mu_eff_chi2"] < r.Results["lz-projected.mu_eff"]);
            // lower background and more exposure: LZ beats XENON1T, which beats XENON10 (μ in μ_B, ~1e-11 scale)
            Assert.True(r.Results["lz-projected.mu_eff"] < r.Results["xenon1t.mu_eff"] && r.Results["xenon1t.mu_eff"] < r.Results["xenon10.mu_eff"]);
            Assert.InRange(r.Results["lz-projected.mu_eff"], 5e-12, 5e-11);
            Assert.InRange(r.Results["lz-projected.q_eff"], 1e-14, 1e-11);
            Assert.InRange(r.Results["lz-projected.r2_eff"], 1e-33, 1e-29);
            Assert.True(File.Exists(Path.Combine(dir, "table2.csv")));
            Assert.Equal(9, File.ReadAllLines(Path.Combine(dir, "table2.csv")).Length); // header + 8 presets
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
