using System.Globalization;
using System.Text.Json;
using NuXe.Output;

namespace NuXe.Tests.Output;

public sealed class WriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nuxe-writer-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ResultsJsonIsFlatSortedAndRoundTrips()
    {
        var results = new Dictionary<string, double>
        {
            ["sin2w.B.best"] = 0.2386,
            ["gvga.A.best_gV"] = -0.04,
            ["sin2w.A.err_plus"] = 0.1 + 0.2, // 0.30000000000000004 must survive exactly
            ["sin2w.A.best"] = 1e-300,
        };
        var json = ResultsJson.Serialize(results);
        using var doc = JsonDocument.Parse(json);
        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["gvga.A.best_gV", "sin2w.A.best", "sin2w.A.err_plus", "sin2w.B.best"], names);
        Assert.All(doc.RootElement.EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
        Assert.Contains("0.30000000000000004", json);

        var path = Path.Combine(_dir, "results.json");
        ResultsJson.Write(path, results);
        var back = ResultsJson.Read(path);
        Assert.Equal(results.Count, back.Count);
        foreach (var (key, value) in results) Assert.Equal(value, back[key]); // bit-exact
    }

    [Fact]
    public void WritersIgnoreTheCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // The build uses invariant globalization, so fake a comma-decimal culture by hand.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture)); // the fake works
            Assert.Contains("1.5", ResultsJson.Serialize(new Dictionary<string, double> { ["a"] = 1.5 }));
            Assert.Equal("x\n1.5\n", CsvTables.ToCsv(CsvTable.FromColumns(["x"], [[1.5]])));
            Assert.Contains("| 1.5 |", new MarkdownReport().Comparisons([new Comparison("q", 1.5, 1.5)]).ToString());
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteResultIsAnErrorNamingTheKey(double value)
    {
        var e = Assert.Throws<NonFiniteValueException>(() =>
            ResultsJson.Serialize(new Dictionary<string, double> { ["ok"] = 1, ["sin2w.C.err_minus"] = value }));
        Assert.Contains("sin2w.C.err_minus", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("has space")]
    [InlineData(".lead")]
    public void MalformedKeysAreRejected(string key)
    {
        Assert.False(ResultsJson.IsValidKey(key));
        Assert.Throws<ArgumentException>(() => ResultsJson.Serialize(new Dictionary<string, double> { [key] = 1 }));
    }

    [Fact]
    public void ManifestHasVersionTimestampSeedsTimingsAndPresets()
    {
        var manifest = new RunManifest(ManifestJson.ToolVersion(), "linkxu2019", ["sin2w", "gvga"],
            new DateTimeOffset(2026, 11, 24, 1, 2, 3, 456, TimeSpan.FromHours(2)), "nuxe reproduce linkxu2019 --out x+y",
            new Dictionary<string, long> { ["toys"] = 12345 },
            new Dictionary<string, double> { ["sin2w"] = 1.25, ["gvga"] = 0.5 },
            new Dictionary<string, string> { ["linkxu-A"] = "[experiment]\nname = \"A\"\n" });
        using var doc = JsonDocument.Parse(ManifestJson.Serialize(manifest));
        var root = doc.RootElement;
        Assert.Equal("0.1.0", root.GetProperty("tool_version").GetString()!.Split('+')[0]); // Directory.Build.props Version
        Assert.Equal("2026-11-23T23:02:03.456Z", root.GetProperty("started_utc").GetString()); // converted to UTC
        Assert.Equal("nuxe reproduce linkxu2019 --out x+y", root.GetProperty("command_line").GetString());
        Assert.Equal(12345, root.GetProperty("seeds").GetProperty("toys").GetInt64());
        Assert.Equal(1.25, root.GetProperty("timings_s").GetProperty("sin2w").GetDouble());
        Assert.Equal(["sin2w", "gvga"], root.GetProperty("parts").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("[experiment]\nname = \"A\"\n", root.GetProperty("presets").GetProperty("linkxu-A").GetString());
        Assert.Throws<ArgumentException>(() => ManifestJson.Serialize(manifest with
        {
            TimingsSeconds = new Dictionary<string, double> { ["bad"] = double.NaN },
        }));
    }

    [Fact]
    public void CsvHasUnitHeaderInvariantNumbersAndQuoting()
    {
        var table = CsvTable.FromColumns(["T_lo_keV", "T_hi_keV", "signal_events"],
            [[1.0, 2.0], [2.0, 3.0], [1234567.0, 0.000123456789]]);
        var text = CsvTables.ToCsv(table);
        Assert.Equal("T_lo_keV,T_hi_keV,signal_events\n1,2,1.23457E+06\n2,3,0.000123457\n", text);

        var mixed = new CsvTable(["quantity", "value", "n", "ok"], [["a, \"b\"", 0.1 + 0.2, 3, true]], "R");
        Assert.Equal("quantity,value,n,ok\n\"a, \"\"b\"\"\",0.30000000000000004,3,true\n", CsvTables.ToCsv(mixed));
    }

    [Fact]
    public void CsvRoundTripsDoublesExactlyWithR()
    {
        var random = new Random(7);
        double[] x = [.. Enumerable.Range(0, 50).Select(_ => Math.Exp(40 * (random.NextDouble() - 0.5)) * (random.Next(2) * 2 - 1))];
        var path = Path.Combine(_dir, "sub", "t.csv");
        CsvTables.Write(path, CsvTable.FromColumns(["x_keV"], [x], "R"));
        var (columns, rows) = CsvTables.ReadNumeric(path);
        Assert.Equal(["x_keV"], columns);
        Assert.Equal(x, rows.Select(r => r[0]));
    }

    [Fact]
    public void CsvRejectsBadTables()
    {
        Assert.Throws<ArgumentException>(() => CsvTables.ToCsv(new CsvTable(["a", "b"], [[1.0]])));
        Assert.Throws<ArgumentException>(() => CsvTables.ToCsv(new CsvTable(["a", "a"], [])));
        Assert.Throws<ArgumentException>(() => CsvTables.ToCsv(new CsvTable(["a"], [[DateTime.MinValue]])));
        Assert.Throws<ArgumentException>(() => CsvTable.FromColumns(["a", "b"], [[1.0], [1.0, 2.0]]));
    }

    [Fact]
    public void ComparisonTableShowsRelativeDifferenceInPercent()
    {
        var report = new MarkdownReport()
            .Heading(2, "Table II")
            .Comparisons(
            [
                new Comparison("sin²θ_W (A)", 0.2386, 0.2410, "Asimov"),
                new Comparison("σ | check", 0.02, 0.019, PublishedText: "+0.020/−0.017"),
                new Comparison("zero", 0, 1),
            ]);
        var lines = report.ToString().Split('\n');
        Assert.Equal("## Table II", lines[0]);
        Assert.Equal("| quantity | published | ours | relative difference (%) | note |", lines[2]);
        Assert.Equal("| sin²θ_W (A) | 0.2386 | 0.241 | +1.01 % | Asimov |", lines[4]); // 0.2410/0.2386 − 1 = 1.0059 %
        Assert.Equal("| σ \\| check | +0.020/−0.017 | 0.019 | -5.00 % |  |", lines[5]);
        Assert.Equal("| zero | 0 | 1 | n/a |  |", lines[6]);
        Assert.Equal(0.241 / 0.2386 - 1, new Comparison("q", 0.2386, 0.241).RelativeDifference, 15);
    }

    [Fact]
    public void MarkdownBlocksAreSeparatedAndTablesChecked()
    {
        var part = new MarkdownReport().Paragraph("text").Image("fig 1", "gvga contours.png");
        var report = new MarkdownReport().Heading(1, "T").Append(part).Bullets(["a", "b"]);
        Assert.Equal("# T\n\ntext\n\n![fig 1](gvga%20contours.png)\n\n- a\n- b\n", report.ToString());
        Assert.Throws<ArgumentException>(() => new MarkdownReport().Table(["a", "b"], [["1"]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarkdownReport().Heading(0, "x"));
    }
}
