using NuXe.Analyses.Common;
using NuXe.Statistics;
using NuXe.Tests.Statistics;
using Xunit;

namespace NuXe.Tests.Scans;

/// <summary>N-D chunked scans: agreement with the 1-D engine, independence of threads/shards/resume, shard/merge equivalence, Parquet = CSV.</summary>
public class GridScanTests
{
    static (ChiSquareCost Cost, double[] Truth) Problem()
    {
        var model = TestModels.Spectrum(120);
        double[] truth = [1.0, 0.8];
        var data = Toys.Poisson(TestModels.Asimov(model, truth), 7);
        return (new ChiSquareCost(model, data, CostKind.Poisson), truth);
    }

    static readonly GridAxis[] TwoD = [new("a", 0.7, 1.3, 9), new("b", 0.5, 1.1, 7)];
    static readonly GridAxis[] OneD = [new("a", 0.6, 1.4, 37)];

    static string NewDir() => Directory.CreateTempSubdirectory("nuxe-scan-test").FullName;

    static ScanJob Job(GridScanner s, IReadOnlyList<GridAxis> axes, Shard shard, int chunk = 5)
        => new("test", ["test"], axes, s.ProfiledParameters, shard, GridPlan.Create(axes, chunk, shard.Count), s.ReferenceFit.Chi2Min,
            s.ReferenceFit.ParameterNames, s.ReferenceFit.Values);

    static void RunShard(GridScanner s, ScanJob job, string dir, CancellationToken cancel = default, Action? afterChunk = null)
    {
        var done = ScanFolder.Prepare(dir, job);
        s.Run(job.Plan, job.Shard, done.Contains, ch => { ScanFolder.WriteChunk(dir, job, ch); afterChunk?.Invoke(); }, cancel);
    }

    static (byte[] Csv, byte[] Parquet) Bytes(string dir) => (File.ReadAllBytes(Path.Combine(dir, "scan.csv")), File.ReadAllBytes(Path.Combine(dir, "scan.parquet")));

    [Fact]
    public void ProfiledOneDimensionalScanAgreesWithProfileScan()
    {
        var (cost, truth) = Problem();
        var s = new GridScanner(cost, OneD, truth, new GridScanOptions(Threads: 2, ChunkPoints: 4));
        Assert.Equal(["b"], s.ProfiledParameters);
        string dir = NewDir();
        RunShard(s, Job(s, OneD, Shard.Whole, 4), dir);
        ScanFolder.Finalize([dir], dir);
        var lines = File.ReadAllLines(Path.Combine(dir, "scan.csv"));
        Assert.Equal("a,chi2,delta_chi2,b", lines[0]);
        Assert.Equal(38, lines.Length);
        var reference = ProfileScan.Scan1D(cost, "a", OneD[0].Values(), truth, new ScanOptions(ProfileOthers: true));
        for (int i = 0; i < 37; i++)
        {
            var f = lines[i + 1].Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(OneD[0].Values()[i], f[0]);
            Assert.Equal(reference.Chi2[i], f[1], 1e-6 * Math.Max(1, reference.Chi2[i]));
            Assert.True(f[2] >= -1e-9, "Δχ² is never negative");
        }
        // the minimum of Δχ² is 0 at the grid point nearest the best fit, or above 0 if the fit is off the grid
        double minDelta = lines.Skip(1).Min(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(minDelta, 0, 0.2);
    }

    [Fact]
    public void ShardsMergeToTheSingleProcessResultByteForByteForAnyThreadCount()
    {
        var (cost, truth) = Problem();
        var single = new GridScanner(cost, TwoD, truth, new GridScanOptions(Threads: 1));
        string one = NewDir();
        RunShard(single, Job(single, TwoD, Shard.Whole), one);
        var s1 = ScanFolder.Finalize([one], one);
        Assert.Equal(63, s1.Points);
        var expected = Bytes(one);

        var multi = new GridScanner(cost, TwoD, truth, new GridScanOptions(Threads: 2));
        var dirs = Enumerable.Range(1, 3).Select(_ => NewDir()).ToArray();
        for (int k = 1; k <= 3; k++) RunShard(multi, Job(multi, TwoD, new Shard(k, 3)), dirs[k - 1]);
        // shards given in any order
        string merged = NewDir();
        ScanFolder.Finalize([dirs[2], dirs[0], dirs[1]], merged);
        var got = Bytes(merged);
        Assert.Equal(expected.Csv, got.Csv);
        Assert.Equal(expected.Parquet, got.Parquet);

        // a missing shard is reported, not silently merged
        var e = Assert.Throws<ArgumentException>(() => ScanFolder.Finalize([dirs[0], dirs[1]], NewDir()));
        Assert.Contains("3/3", e.Message);
    }

    [Fact]
    public void InterruptedRunResumesAndEndsWithIdenticalFiles()
    {
        var (cost, truth) = Problem();
        var s = new GridScanner(cost, TwoD, truth, new GridScanOptions(Threads: 1));
        string full = NewDir();
        RunShard(s, Job(s, TwoD, Shard.Whole), full);
        ScanFolder.Finalize([full], full);

        string dir = NewDir();
        using var cts = new CancellationTokenSource();
        int written = 0;
        RunShard(s, Job(s, TwoD, Shard.Whole), dir, cts.Token, () => { if (++written == 4) cts.Cancel(); });
        var state = ScanFolder.State(dir);
        Assert.Equal(4, state.ChunksDone);
        Assert.True(state.ChunksOwned > 4);
        Assert.Throws<ArgumentException>(() => ScanFolder.Finalize([dir], dir)); // incomplete
        // a chunk cut short (e.g. killed while writing without the atomic rename) is redone
        File.WriteAllText(Path.Combine(dir, "chunks", "chunk-000000.csv"), "point,chi2,status\n0,1,0\n");
        var resumed = new GridScanner(cost, TwoD, truth, new GridScanOptions(Threads: 2));
        RunShard(resumed, Job(resumed, TwoD, Shard.Whole), dir);
        ScanFolder.Finalize([dir], dir);
        Assert.Equal(Bytes(full).Csv, Bytes(dir).Csv);
        Assert.Equal(Bytes(full).Parquet, Bytes(dir).Parquet);

        // reusing a folder for a different job is refused
        var other = Job(s, TwoD, Shard.Whole) with { Signature = "other" };
        Assert.Throws<ArgumentException>(() => ScanFolder.Prepare(dir, other));
    }

    [Fact]
    public void ParquetHoldsTheCsvValuesInGridOrder()
    {
        var (cost, truth) = Problem();
        var s = new GridScanner(cost, TwoD, truth, new GridScanOptions(Threads: 2));
        string dir = NewDir();
        RunShard(s, Job(s, TwoD, Shard.Whole), dir);
        ScanFolder.Finalize([dir], dir);
        var (names, cols) = ScanFolder.ReadParquet(Path.Combine(dir, "scan.parquet"));
        Assert.Equal(["a", "b", "chi2", "delta_chi2"], names);
        var lines = File.ReadAllLines(Path.Combine(dir, "scan.csv")).Skip(1).ToArray();
        Assert.Equal(63, cols[0].Length);
        for (int i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            for (int c = 0; c < 4; c++) Assert.Equal(f[c], cols[c][i]);
        }
        // grid order: first axis slowest, last fastest
        Assert.Equal(0.7, cols[0][0]); Assert.Equal(0.7, cols[0][6]); Assert.Equal(0.775, cols[0][7], 12);
        Assert.Equal(0.5, cols[1][0]); Assert.Equal(0.6, cols[1][1], 12);
        // the 2-D grid agrees with ProfileScan.Scan2D (others fixed: both parameters scanned)
        var g = ProfileScan.Scan2D(cost, "a", TwoD[0].Values(), "b", TwoD[1].Values(), truth);
        for (int ia = 0; ia < 9; ia++)
            for (int ib = 0; ib < 7; ib++)
                Assert.Equal(g.Chi2[ib * 9 + ia], cols[2][ia * 7 + ib], 1e-6 * Math.Max(1, g.Chi2[ib * 9 + ia]));
    }

    [Fact]
    public void ToysAtEveryGridPointGiveCriticalValuesAndCoverageIndependentOfSharding()
    {
        var (cost, truth) = Problem();
        var model = cost.Model;
        var toys = new GridToyOptions(150, 11, 0.90, (theta, seed, i) => new ChiSquareCost(model, ModelToys.Poisson(model, theta, seed, i), CostKind.Poisson));
        GridAxis[] axes = [new("a", 0.9, 1.1, 3)];
        var s = new GridScanner(cost, axes, truth, new GridScanOptions(Threads: 2, Toys: toys));
        string one = NewDir();
        RunShard(s, Job(s, axes, Shard.Whole, 1) with { ToyCl = 0.90 }, one);
        ScanFolder.Finalize([one], one);
        var lines = File.ReadAllLines(Path.Combine(one, "scan_toys.csv"));
        Assert.Equal("a,delta_chi2,t_crit,wilks_coverage,fc_accepted", lines[0]);
        foreach (var l in lines.Skip(1))
        {
            var f = l.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.InRange(f[2], 1.2, 4.5);   // ≈ χ²₁ 90 % quantile 2.71 (one scanned parameter), ±toy noise
            Assert.InRange(f[3], 0.80, 0.98); // Wilks coverage ≈ 0.90
        }
        var shards = Enumerable.Range(1, 2).Select(k => { var d = NewDir(); RunShard(s, Job(s, axes, new Shard(k, 2), 1) with { ToyCl = 0.90 }, d); return d; }).ToArray();
        string merged = NewDir();
        ScanFolder.Finalize(shards, merged);
        Assert.Equal(File.ReadAllBytes(Path.Combine(one, "scan_toys.csv")), File.ReadAllBytes(Path.Combine(merged, "scan_toys.csv")));
    }

    [Theory]
    [InlineData("a=0:1:11", "a", 0.0, 1.0, 11, false)]
    [InlineData("mu=1e-12:1e-9:31:log", "mu", 1e-12, 1e-9, 31, true)]
    public void AxisSyntax(string text, string name, double lo, double hi, int n, bool log)
    {
        var a = GridAxis.Parse(text);
        Assert.Equal(new GridAxis(name, lo, hi, n, log), a);
        Assert.Equal(n, a.Values().Length);
        Assert.Equal(hi, a.Values()[^1], 1e-12 * hi);
    }

    [Theory]
    [InlineData("a=1:0:5")]
    [InlineData("a=0:1")]
    [InlineData("a=0:1:1")]
    [InlineData("a=0:1:5:lin")]
    [InlineData("a=0:1:5:log")]
    [InlineData("=0:1:5")]
    public void BadAxisSyntaxIsRejected(string text) => Assert.Throws<FormatException>(() => GridAxis.Parse(text));

    [Fact]
    public void ShardsPartitionTheChunks()
    {
        var plan = GridPlan.Create([new GridAxis("x", 0, 1, 1000)], 7, 4);
        var owners = Enumerable.Range(0, (int)plan.ChunkCount).Select(c => Enumerable.Range(1, 4).Count(k => new Shard(k, 4).Owns(c))).ToArray();
        Assert.All(owners, o => Assert.Equal(1, o));
        Assert.Equal(new Shard(3, 8), Shard.Parse("3/8"));
        Assert.Throws<FormatException>(() => Shard.Parse("0/8"));
        Assert.Throws<FormatException>(() => Shard.Parse("9/8"));
        Assert.Equal(1000, Enumerable.Range(0, (int)plan.ChunkCount).Sum(c => plan.ChunkRange(c).Count));
    }
}
