using System.Text.Json;
using NuXe.Analyses.Framework;
using NuXe.Output;

namespace NuXe.Tests.Output;

public sealed class StudyFrameworkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nuxe-study-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A two-part dummy study: "alpha" writes results, a figure, a table and a section; "beta" a result.</summary>
    private static Study Dummy(List<string>? ran = null) => new("dummy2026", "Dummy study", "A. Author, J. Fake 1, 2 (2026)",
    [
        new StudyPart("alpha", "first table", ctx =>
        {
            ran?.Add("alpha");
            ctx.SetResult("alpha.X.best", 0.25);
            ctx.SetResult("alpha.X.err_plus", 0.01);
            ctx.RecordSeed("alpha.toys", 42);
            ctx.RecordPreset("dummy-A", "[experiment]\nname = \"A\"\n");
            ctx.ReportProgress(0.5, "half way");
            var figure = ctx.SaveFigure(PlotterTests.Contours(), "alpha_contours.png");
            var table = ctx.SaveTable(CsvTable.FromColumns(["T_lo_keV", "events"], [[1.0, 2.0], [10.0, 20.0]]), "alpha.csv");
            ctx.Report.Paragraph("Alpha text.").Image("contours", figure)
                .Comparisons([new Comparison("x", 0.24, 0.25)]).Paragraph($"Table: `{table}`.");
            ctx.Time("inner", () => 1);
        }),
        new StudyPart("beta", "second figure", ctx =>
        {
            ran?.Add("beta");
            ctx.SetResult("beta.value", -3);
            ctx.Report.Paragraph("Beta text.");
        }),
    ]);

    [Fact]
    public void RunsAllPartsInOrderAndWritesTheThreeFiles()
    {
        var ran = new List<string>();
        var progress = new RecordingSink();
        var run = StudyRunner.Run(Dummy(ran), Path.Combine(_dir, "out"), progress: progress, commandLine: "nuxe reproduce dummy2026");

        Assert.Equal(["alpha", "beta"], ran);
        Assert.Equal(["alpha", "beta"], run.Parts);
        Assert.Equal(["alpha_contours.png", "alpha.csv", "results.json", "manifest.json", "report.md"], run.Files);
        Assert.All(run.Files, f => Assert.True(File.Exists(Path.Combine(run.OutputDirectory, f)), f));

        var results = ResultsJson.Read(Path.Combine(run.OutputDirectory, "results.json"));
        Assert.Equal(new Dictionary<string, double> { ["alpha.X.best"] = 0.25, ["alpha.X.err_plus"] = 0.01, ["beta.value"] = -3 }, results);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.OutputDirectory, "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal("dummy2026", root.GetProperty("study").GetString());
        Assert.Equal("nuxe reproduce dummy2026", root.GetProperty("command_line").GetString());
        Assert.Equal(42, root.GetProperty("seeds").GetProperty("alpha.toys").GetInt64());
        Assert.Contains("name = \"A\"", root.GetProperty("presets").GetProperty("dummy-A").GetString());
        var timings = root.GetProperty("timings_s");
        foreach (var key in new[] { "alpha", "alpha.inner", "beta", "total" })
            Assert.True(timings.GetProperty(key).GetDouble() >= 0, key);
        Assert.True(timings.GetProperty("total").GetDouble() >= timings.GetProperty("alpha").GetDouble());

        var report = File.ReadAllText(Path.Combine(run.OutputDirectory, "report.md"));
        int title = report.IndexOf("# Dummy study", StringComparison.Ordinal),
            citation = report.IndexOf("A. Author, J. Fake", StringComparison.Ordinal),
            alpha = report.IndexOf("## alpha: first table", StringComparison.Ordinal),
            alphaText = report.IndexOf("Alpha text.", StringComparison.Ordinal),
            beta = report.IndexOf("## beta: second figure", StringComparison.Ordinal),
            betaText = report.IndexOf("Beta text.", StringComparison.Ordinal);
        Assert.True(title == 0 && citation > title && alpha > citation && alphaText > alpha && beta > alphaText && betaText > beta, report);
        Assert.Contains("![contours](alpha_contours.png)", report);
        Assert.Contains("| x | 0.24 | 0.25 | +4.17 % |  |", report);

        // Progress: start (0) and end (1) of each part, plus the part's own report, attributed to the right part.
        Assert.Equal(
        [
            ("alpha", 0.0), ("alpha", 0.5), ("alpha", 1.0), ("beta", 0.0), ("beta", 1.0),
        ], progress.Reports.Select(r => (r.Part, r.Fraction)));
    }

    [Fact]
    public void OnlyPartRunsThatPartAlone()
    {
        var ran = new List<string>();
        var run = StudyRunner.Run(Dummy(ran), _dir, onlyPart: "BETA");
        Assert.Equal(["beta"], ran);
        Assert.Equal(["beta.value"], run.Results.Keys);
        var report = File.ReadAllText(Path.Combine(_dir, "report.md"));
        Assert.DoesNotContain("## alpha", report);
        Assert.Contains("## beta", report);
    }

    [Fact]
    public void UnknownPartIsAClearErrorNamingTheParts()
    {
        var e = Assert.Throws<UnknownNameException>(() => StudyRunner.Run(Dummy(), _dir, onlyPart: "gamma"));
        Assert.Equal("unknown part 'gamma' in study 'dummy2026'; allowed: alpha, beta", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public void RegistryFindsByNameAndListsAllowedNames()
    {
        var registry = new StudyRegistry().Register(Dummy())
            .Register(new Study("other", "Other", "cite", [new StudyPart("p", "d", _ => { })]));
        Assert.Equal(["dummy2026", "other"], registry.Studies.Select(s => s.Name));
        Assert.Equal("dummy2026", registry.Find("Dummy2026").Name);
        var e = Assert.Throws<UnknownNameException>(() => registry.Find("linkxu2019"));
        Assert.Equal("unknown study 'linkxu2019'; allowed: dummy2026, other", e.Message);
        Assert.Equal(["dummy2026", "other"], e.Allowed);
        Assert.Contains("none are registered", Assert.Throws<UnknownNameException>(() => new StudyRegistry().Find("x")).Message);
    }

    [Fact]
    public void RegistryRejectsBadStudies()
    {
        var part = new StudyPart("p", "d", _ => { });
        Assert.Throws<ArgumentException>(() => new StudyRegistry().Register(Dummy()).Register(Dummy()));
        Assert.Throws<ArgumentException>(() => new StudyRegistry().Register(new Study("Bad Name", "t", "c", [part])));
        Assert.Throws<ArgumentException>(() => new StudyRegistry().Register(new Study("s", "t", "c", [])));
        Assert.Throws<ArgumentException>(() => new StudyRegistry().Register(new Study("s", "t", "c", [part, part])));
    }

    [Fact]
    public void ContextRejectsDuplicateOrNonFiniteResultsAndUnsafeFileNames()
    {
        var twice = new Study("twice", "t", "c",
        [
            new StudyPart("a", "d", ctx => ctx.SetResult("k", 1)),
            new StudyPart("b", "d", ctx => ctx.SetResult("k", 2)),
        ]);
        Assert.Contains("already set by part 'a'", Assert.Throws<ArgumentException>(() => StudyRunner.Run(twice, _dir)).Message);

        var nan = new Study("nan", "t", "c", [new StudyPart("a", "d", ctx => ctx.SetResult("a.err", double.NaN))]);
        Assert.Contains("a.err", Assert.ThrowsAny<ArgumentException>(() => StudyRunner.Run(nan, _dir)).Message);

        foreach (var name in new[] { "../escape.csv", "sub/x.csv", "results.json", "" })
        {
            var bad = new Study("bad", "t", "c", [new StudyPart("a", "d", ctx => ctx.SaveText(name, "x"))]);
            Assert.Throws<ArgumentException>(() => StudyRunner.Run(bad, _dir));
        }
        Assert.False(File.Exists(Path.Combine(_dir, "results.json"))); // failed runs write no runner files
    }

    [Fact]
    public void CancellationStopsBetweenParts()
    {
        using var cts = new CancellationTokenSource();
        var ran = new List<string>();
        var study = new Study("c", "t", "c",
        [
            new StudyPart("a", "d", _ => { ran.Add("a"); cts.Cancel(); }),
            new StudyPart("b", "d", _ => ran.Add("b")),
        ]);
        Assert.Throws<OperationCanceledException>(() => StudyRunner.Run(study, _dir, cancellationToken: cts.Token));
        Assert.Equal(["a"], ran);
    }

    [Fact]
    public void TextProgressIsThrottledToTheInterval()
    {
        var clock = new ManualClock();
        var text = new StringWriter();
        var sink = new TextProgressSink(text, TimeSpan.FromSeconds(1), clock);

        sink.Report("fast", 0, "start");
        clock.Advance(0.3);
        sink.Report("fast", 1, "done"); // finished within the interval: silent
        Assert.Equal("", text.ToString());

        sink.Report("slow", 0, "start");           // t = 0
        clock.Advance(0.5); sink.Report("slow", 0.1, "a"); // 0.5 s: too early
        clock.Advance(0.6); sink.Report("slow", 0.2, "b"); // 1.1 s: printed
        clock.Advance(0.5); sink.Report("slow", 0.3, "c"); // 0.5 s after last: too early
        clock.Advance(0.6); sink.Report("slow", 0.4, "d"); // printed
        clock.Advance(0.1); sink.Report("slow", 1, "done"); // final line of a part that printed
        Assert.Equal(["[slow]  20% b", "[slow]  40% d", "[slow] 100% done"],
            text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed class RecordingSink : IProgressSink
    {
        public List<(string Part, double Fraction, string Message)> Reports { get; } = [];
        public void Report(string part, double fraction, string message) => Reports.Add((part, fraction, message));
    }

    /// <summary>A clock that only moves when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(double seconds) => _ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }
}
