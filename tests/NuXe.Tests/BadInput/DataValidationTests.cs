using NuXe.Data;
using NuXe.Presets;

namespace NuXe.Tests.BadInput;

/// <summary>Issue 13 part 4: strict CSV parsing and value checks name file, line and column; shipped data passes them.</summary>
public sealed class DataValidationTests
{
    [Fact]
    public void EveryShippedDataFilePassesTheStrictParser()
    {
        // numeric tables (published/ and literature/ hold text tables with quoted fields, read by Analyses.Common.Published)
        var files = DataStore.ShippedFiles().Where(f => f.EndsWith(".csv", StringComparison.Ordinal)
            && !f.StartsWith("published/", StringComparison.Ordinal) && !f.StartsWith("literature/", StringComparison.Ordinal)).ToList();
        Assert.True(files.Count >= 20, $"{files.Count} shipped CSV files");
        foreach (var f in files)
        {
            var t = DataStore.ReadShipped(f);
            Assert.True(t.RowCount >= 1, f);
            Assert.All(t.Values, col => Assert.All(col, v => Assert.True(double.IsFinite(v), f)));
        }
    }

    [Fact]
    public void ErrorsNameFileLineAndColumn()
    {
        const string text = "# comment\nT_keV,efficiency\n0,0.1\n\n# gap\n1,1.2\n";
        var t = DataStore.ParseCsv("eff.csv", text);
        Assert.Equal([3, 6], t.Lines!);
        var e = Assert.Throws<DataFileException>(() => DataChecks.Within(t, "efficiency", 0, 1));
        Assert.Equal("data file 'eff.csv' line 6, column 'efficiency': 1.2 must be between 0 and 1", e.Message);
        Assert.Equal("data file 'x.csv' line 3, column 'b': 'NaN' is not a finite number",
            Assert.Throws<DataFileException>(() => DataStore.ParseCsv("x.csv", "a,b\n1,2\n3,NaN\n")).Message);
        Assert.Equal("data file 'x.csv' line 2: 3 values, the header has 2 columns (a, b)",
            Assert.Throws<DataFileException>(() => DataStore.ParseCsv("x.csv", "a,b\n1,2,3\n")).Message);
        Assert.Contains("no data rows", Assert.Throws<DataFileException>(() => DataStore.ParseCsv("x.csv", "a,b\n")).Message);
    }

    [Fact]
    public void BinsMustIncreaseAndMatchTheExperiment()
    {
        var t = DataStore.ParseCsv("d.csv", "E_lo_keV,E_hi_keV,counts\n0,1,3\n1,2,4\n2,3,5\n");
        DataChecks.MatchBinning(t, "E_lo_keV", "E_hi_keV", [0.0, 1.0, 2.0, 3.0], "experiment 'x'");
        Assert.Contains("line 4, column 'E_hi_keV': 3 does not match experiment 'x''s bin edge 3.5",
            Assert.Throws<DataFileException>(() => DataChecks.MatchBinning(t, "E_lo_keV", "E_hi_keV", [0.0, 1.0, 2.0, 3.5], "experiment 'x'")).Message);
        var reversed = DataStore.ParseCsv("r.csv", "E_lo_keV,E_hi_keV,counts\n2,3,1\n1,2,1\n");
        Assert.Contains("line 3, column 'E_lo_keV': 1 must be larger than the previous row's 2",
            Assert.Throws<DataFileException>(() => DataChecks.Bins(reversed, "E_lo_keV", "E_hi_keV")).Message);
    }

    [Theory]
    [InlineData("sin2w", 0.2387, true)]
    [InlineData("sin2w", -5, false)]
    [InlineData("sin2w", 1, false)]
    [InlineData("gV", -0.04, true)]
    [InlineData("gV", 1e308, false)]
    [InlineData("mu", double.NaN, false)]
    public void TruthAndPresetsShareTheParameterRanges(string name, double value, bool allowed)
        => Assert.Equal(allowed, InputLimits.CheckParameter(name, value) is null);

    [Fact]
    public void BoundsKeepTheWorstProductFinite()
    {
        // activity × flux × seconds × deployments × electrons: the largest signal normalisation the bounds allow
        double product = InputLimits.MaxActivityMCi * InputLimits.MaxFluxPerMCiAt1m * InputLimits.MaxDays * 86400
                         * InputLimits.MaxDeployments * InputLimits.MaxElectrons * 1e-44 /* cm² scale of σ */ * 1e4;
        Assert.True(double.IsFinite(product) && product < 1e60, product.ToString());
        Assert.True(InputLimits.MaxEnergyKeV > InputLimits.HepMaxRecoilKeV);
        Assert.InRange(InputLimits.HepMaxRecoilKeV, 18400, 18600);
    }
}
