using System.Text.Json;
using NuXe.Analyses.Framework;
using NuXe.Cli;
using NuXe.Output;

namespace NuXe.Tests.Output;

/// <summary>A file system that fails like a full disk once <paramref name="budget"/> bytes are written to files matching <paramref name="match"/>.</summary>
public sealed class FullDiskFileSystem(Func<string, bool> match, long budget = 0) : IOutputFileSystem
{
    long _left = budget;
    public int Failures { get; private set; }

    public Stream Create(string path)
    {
        var inner = PhysicalOutputFileSystem.Instance.Create(path);
        return match(path) ? new Limited(inner, this) : inner;
    }

    public void Move(string from, string to) => PhysicalOutputFileSystem.Instance.Move(from, to);
    public void Flush(Stream stream) => PhysicalOutputFileSystem.Instance.Flush(stream is Limited l ? l.Inner : stream);

    sealed class Limited(Stream inner, FullDiskFileSystem owner) : Stream
    {
        public Stream Inner => inner;
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int ok = (int)Math.Min(buffer.Length, Math.Max(0, owner._left));
            inner.Write(buffer[..ok]);
            owner._left -= ok;
            if (ok < buffer.Length) { owner.Failures++; throw new IOException("No space left on device : '" + ((FileStream)inner).Name + "'", 28); }
        }
        public override void Flush() => inner.Flush();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
        public override bool CanRead => false; public override bool CanSeek => false; public override bool CanWrite => true;
        public override long Length => inner.Length; public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>Issue 13 part 1, 2 and 6: atomic outputs, interrupted runs, full disks, locks and --only merges.</summary>
public sealed class AtomicOutputTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nuxe-atomic-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static Study Dummy(double value, Action<StudyContext>? beta = null) => new("dummy2026", "Dummy", "cite",
    [
        new StudyPart("alpha", "first", ctx =>
        {
            ctx.SetResult("alpha.x", value);
            ctx.SetResult("alpha.y", 2 * value);
            ctx.SaveTable(CsvTable.FromColumns(["T_keV", "v"], [[1.0, 2.0], [value, value]]), "alpha.csv");
            ctx.SaveFigure(PlotterTests.Contours(), "alpha.png");
            ctx.Report.Paragraph($"Alpha says {value}.");
        }),
        new StudyPart("beta", "second", ctx =>
        {
            ctx.SetResult("beta.z", -value);
            ctx.SaveText("beta.txt", $"beta {value}\n");
            ctx.Report.Paragraph($"Beta says {value}.");
            beta?.Invoke(ctx);
        }),
    ]);

    static Dictionary<string, string> Snapshot(string dir) => Directory.EnumerateFiles(dir)
        .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    string Complete()
    {
        var outDir = Path.Combine(_dir, "out");
        StudyRunner.Run(Dummy(1), outDir);
        return outDir;
    }

    void AssertNoLeftovers() => Assert.Empty(Directory.EnumerateFileSystemEntries(_dir, ".*"));

    [Fact]
    public void APartThatDiesMidRunLeavesThePreviousCompleteOutputUntouched()
    {
        var outDir = Complete();
        var before = Snapshot(outDir);
        var dying = Dummy(2, _ => throw new InvalidOperationException("killed"));
        Assert.Throws<InvalidOperationException>(() => StudyRunner.Run(dying, outDir));
        Assert.Equal(before, Snapshot(outDir));
        Assert.Equal(1, ResultsJson.Read(Path.Combine(outDir, "results.json"))["alpha.x"]);
        AssertNoLeftovers();
    }

    /// <summary>Figures are drawn in the background during a study run: one that cannot be drawn still fails the whole run.</summary>
    [Fact]
    public void AFigureThatCannotBeDrawnFailsTheRunAndLeavesThePreviousOutput()
    {
        var outDir = Complete();
        var before = Snapshot(outDir);
        var badFigure = Dummy(2, ctx => ctx.SaveFigure(PlotterTests.Contours() with { WidthPx = 10 }, "tiny.png"));
        var e = Assert.Throws<ArgumentException>(() => StudyRunner.Run(badFigure, outDir));
        Assert.Contains("too small", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(outDir));
        AssertNoLeftovers();
    }

    [Theory]
    [InlineData("alpha.png")]       // the PNG of the first part
    [InlineData("alpha.csv")]
    [InlineData("results.json")]    // the completion files, written last
    [InlineData("manifest.json")]
    [InlineData("report.md")]
    public void AFullDiskStopsWithOneLineAndTheFolderKeepsItsPreviousContents(string failing)
    {
        var outDir = Complete();
        var before = Snapshot(outDir);
        var fs = new FullDiskFileSystem(p => Path.GetFileName(p).Contains(failing, StringComparison.Ordinal), budget: 10);
        var e = Assert.Throws<OutputIOException>(() => StudyRunner.Run(Dummy(2), outDir, fileSystem: fs));
        Assert.Equal(1, fs.Failures);
        Assert.Contains(Path.Combine(outDir, failing), e.Message);
        Assert.Contains("no space left on device", e.Message);
        Assert.Equal(before, Snapshot(outDir));
        AssertNoLeftovers();
    }

    [Fact]
    public void TheCliReportsAFullDiskAsOneLineWithExitCode2()
    {
        var outDir = Path.Combine(_dir, "spec");
        var (code0, _, err0) = Cli(null, "spectrum", "coloma2014", "--out", outDir);
        Assert.True(code0 == 0, err0);
        var before = Snapshot(outDir);
        foreach (var failing in new[] { "spectrum.png", "summary.json", "spectrum.csv" })
        {
            var fs = new FullDiskFileSystem(p => Path.GetFileName(p).Contains(failing, StringComparison.Ordinal), budget: 10);
            var (code, stdout, err) = Cli(fs, "spectrum", "coloma2014", "--window", "2:140", "--out", outDir);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Equal($"error: cannot write {Path.Combine(outDir, failing)}: no space left on device (disk full); the folder keeps its previous contents", err.TrimEnd());
            Assert.Equal(before, Snapshot(outDir));
        }
        AssertNoLeftovers();
    }

    static (int, string, string) Cli(IOutputFileSystem? fs, params string[] args)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = CliApp.Run(args, o, e, fs);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void AKilledRunLeavesItsStagingAndLockBehindAndTheNextRunCleansUp()
    {
        var outDir = Complete();
        var before = Snapshot(outDir);
        // what `kill -9` during a rerun leaves: a lock of a dead process and a half-written staging folder
        const int deadPid = int.MaxValue - 7;
        File.WriteAllText(Path.Combine(_dir, ".out.nuxe-lock"), $"{deadPid}\n");
        var staging = Directory.CreateDirectory(Path.Combine(_dir, $".out.staging-{deadPid}-deadbeef")).FullName;
        File.WriteAllBytes(Path.Combine(staging, "alpha.png"), new byte[10]);
        File.WriteAllText(Path.Combine(staging, ".results.json.123.tmp"), "{\"alpha.x\": ");
        Assert.Equal(before, Snapshot(outDir)); // the interrupted run did not touch the target

        var run = StudyRunner.Run(Dummy(3), outDir);
        Assert.Equal(3, ResultsJson.Read(Path.Combine(outDir, "results.json"))["alpha.x"]);
        Assert.NotEqual(before["alpha.csv"], Snapshot(outDir)["alpha.csv"]);
        Assert.True(new FileInfo(Path.Combine(outDir, "alpha.png")).Length > 1000);
        AssertNoLeftovers();
        Assert.Equal(outDir, run.OutputDirectory);
    }

    [Fact]
    public void ACommitInterruptedHalfWayIsFinishedByTheNextOpen()
    {
        var outDir = Complete();
        // a commit journal with one file already moved and the completion files still staged
        var staging = Directory.CreateDirectory(Path.Combine(_dir, $".out.staging-{int.MaxValue - 9}-cafe0000")).FullName;
        File.WriteAllText(Path.Combine(staging, "beta.txt"), "new beta\n");
        File.WriteAllText(Path.Combine(staging, "results.json"), ResultsJson.Serialize(new Dictionary<string, double> { ["alpha.x"] = 9 }));
        File.WriteAllText(Path.Combine(staging, ".commit"), "results.json|manifest.json|report.md\nalpha.csv\nbeta.txt\nresults.json\n");
        using (var folder = AtomicOutputFolder.Open(outDir)) { }
        Assert.Equal("new beta\n", File.ReadAllText(Path.Combine(outDir, "beta.txt")));
        Assert.Equal(9, ResultsJson.Read(Path.Combine(outDir, "results.json"))["alpha.x"]);
        Assert.False(File.Exists(Path.Combine(outDir, "manifest.json"))); // the old one no longer describes the folder
        AssertNoLeftovers();
    }

    [Fact]
    public void ASecondRunOnTheSameFolderStopsWithOneClearLine()
    {
        var outDir = Path.Combine(_dir, "busy");
        using (var held = AtomicOutputFolder.Open(outDir))
        {
            var e = Assert.Throws<OutputFolderBusyException>(() => AtomicOutputFolder.Open(outDir));
            Assert.Contains($"in use by process {Environment.ProcessId}", e.Message);
            var (code, _, err) = Cli(null, "spectrum", "coloma2014", "--out", outDir);
            Assert.Equal(2, code);
            Assert.Single(err.TrimEnd().Split('\n'));
            Assert.Contains("is in use by process", err);
        }
        using (AtomicOutputFolder.Open(outDir)) { } // released
        AssertNoLeftovers();
    }

    [Fact]
    public void OnlyMergesItsKeysIntoTheStudysResultsAndTheManifestRecordsWhenEachPartRan()
    {
        var outDir = Complete();
        var first = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json"))).RootElement.GetProperty("part_runs");
        Thread.Sleep(20);
        var run = StudyRunner.Run(Dummy(5), outDir, onlyPart: "beta");
        var results = ResultsJson.Read(Path.Combine(outDir, "results.json"));
        Assert.Equal(new Dictionary<string, double> { ["alpha.x"] = 1, ["alpha.y"] = 2, ["beta.z"] = -5 }, results);
        Assert.Equal(results, run.Results);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json"))).RootElement;
        Assert.Equal(["beta"], manifest.GetProperty("parts").EnumerateArray().Select(p => p.GetString()));
        var runs = manifest.GetProperty("part_runs");
        Assert.Equal(first.GetProperty("alpha").GetString(), runs.GetProperty("alpha").GetString());
        Assert.NotEqual(first.GetProperty("beta").GetString(), runs.GetProperty("beta").GetString());
        Assert.True(manifest.GetProperty("timings_s").TryGetProperty("alpha", out _));
        var report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("Alpha says 1.", report);
        Assert.Contains("Beta says 5.", report);
        Assert.DoesNotContain("Beta says 1.", report);
        Assert.True(report.IndexOf("## alpha", StringComparison.Ordinal) < report.IndexOf("## beta", StringComparison.Ordinal));
        Assert.Equal("beta 5\n", File.ReadAllText(Path.Combine(outDir, "beta.txt")));
        Assert.True(File.Exists(Path.Combine(outDir, "alpha.png")));

        // a full run replaces everything; a stale key of a rerun part disappears
        var shrink = new Study("dummy2026", "Dummy", "cite", [new StudyPart("alpha", "first", c => c.SetResult("alpha.x", 7)), new StudyPart("beta", "second", _ => { })]);
        StudyRunner.Run(shrink, outDir, onlyPart: "alpha");
        Assert.Equal(new Dictionary<string, double> { ["alpha.x"] = 7, ["beta.z"] = -5 }, ResultsJson.Read(Path.Combine(outDir, "results.json")));
        AssertNoLeftovers();
    }

    [Fact]
    public void OnlyRefusesAnotherStudysFolderAndAnUnreadableResultsFile()
    {
        var outDir = Complete();
        var other = new Study("other2026", "Other", "cite", [new StudyPart("alpha", "x", c => c.SetResult("alpha.q", 1))]);
        Assert.Contains("holds the output of study 'dummy2026'", Assert.Throws<NuXeInputException>(() => StudyRunner.Run(other, outDir, onlyPart: "alpha")).Message);
        File.WriteAllText(Path.Combine(outDir, "results.json"), "{\"alpha.x\": 1,");
        var e = Assert.Throws<NuXeInputException>(() => StudyRunner.Run(Dummy(2), outDir, onlyPart: "beta"));
        Assert.Contains("results.json is unreadable", e.Message);
        AssertNoLeftovers();
    }

    sealed class ReadOnlyFileSystem : IOutputFileSystem
    {
        public Stream Create(string path) => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
        public void Move(string from, string to) => throw new UnauthorizedAccessException("denied");
        public void Flush(Stream stream) { }
    }

    [Fact]
    public void AReadOnlyOutputIsOneLineWithExitCode2()
    {
        var outDir = Path.Combine(_dir, "ro");
        var (code, stdout, err) = Cli(new ReadOnlyFileSystem(), "fit", "coloma2014", "--out", outDir);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"error: cannot write {Path.Combine(outDir, "preset.resolved.toml")}: permission denied (read-only folder or not allowed); the folder keeps its previous contents", err.TrimEnd());
        Assert.False(Directory.Exists(outDir));
        AssertNoLeftovers();
    }

    [Fact]
    public void SafeFileNeverLeavesAHalfWrittenFile()
    {
        var path = Path.Combine(_dir, "results.json");
        SafeFile.WriteAllText(path, "old complete contents\n");
        var fs = new FullDiskFileSystem(_ => true, budget: 5);
        var e = Assert.Throws<OutputIOException>(() => SafeFile.WriteAllText(path, new string('x', 10000), fs));
        Assert.Equal($"cannot write {path}: no space left on device (disk full)", e.Message);
        Assert.Equal("old complete contents\n", File.ReadAllText(path));
        Assert.Single(Directory.EnumerateFiles(_dir));
    }

    [Fact]
    public void NonFiniteValuesCannotReachAnOutputFile()
    {
        Assert.Throws<NonFiniteValueException>(() => ResultsJson.Serialize(new Dictionary<string, double> { ["a.b"] = double.PositiveInfinity }));
        Assert.Throws<NonFiniteValueException>(() => CsvTables.ToCsv(CsvTable.FromColumns(["x"], [[1.0, double.NegativeInfinity]])));
        Assert.Equal("x,y\n1,\n,2\n", CsvTables.ToCsv(new CsvTable(["x", "y"], [[1.0, double.NaN], [null!, 2.0]]))); // empty = does not exist
        var err = new StringWriter();
        var io = new CliIO(new StringWriter(), err);
        Assert.Equal(1, CliApp.Report(io, new NonFiniteValueException("results key 'a.b'")));
        Assert.Contains("results key 'a.b' is NaN", err.ToString());
        Assert.Equal(1, CliApp.Report(io, new PlotRenderException("figure 'x' could not be drawn: boom", new InvalidOperationException())));
        Assert.Equal(2, CliApp.Report(io, new UnauthorizedAccessException("Access to the path '/x' is denied.")));
        Assert.Equal(1, CliApp.Report(io, new InvalidCastException("bug")));
        Assert.All(err.ToString().TrimEnd().Split('\n'), l => Assert.StartsWith("error: ", l));
    }
}
