using NuXe.Cli;
using Xunit;

namespace NuXe.Tests.Scans;

/// <summary>`nuxe scan`, `nuxe merge`, `nuxe scan status`, `nuxe toys` end to end (shard/merge equivalence through the CLI).</summary>
public class ScanCliTests
{
    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    static string Tmp() => Directory.CreateTempSubdirectory("nuxe-scan-cli").FullName;

    static readonly string[] ScanArgs = ["scan", "linkxu-A", "--model", "nsi-e", "--param", "epsL_ee=-0.04:0.04:13", "--truth", "epsL_ee=0.005"];

    [Fact]
    public void ShardedScanMergesToTheSingleProcessFiles()
    {
        string one = Tmp();
        var (code, stdout, err) = Run([.. ScanArgs, "--out", one, "--threads", "1"]);
        Assert.True(code == 0, err);
        Assert.Contains("profiled: epsR_ee", stdout);
        var header = File.ReadLines(Path.Combine(one, "scan.csv")).First();
        Assert.Equal("epsL_ee,chi2,delta_chi2,epsR_ee", header);
        var shards = new List<string>();
        for (int k = 1; k <= 3; k++)
        {
            string d = Tmp();
            (code, _, err) = Run([.. ScanArgs, "--out", d, "--shard", $"{k}/3", "--threads", "2"]);
            Assert.True(code == 0, err);
            Assert.False(File.Exists(Path.Combine(d, "scan.csv")));
            shards.Add(d);
        }
        string merged = Tmp();
        (code, _, err) = Run(["merge", .. shards, "--out", merged]);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(one, "scan.csv")), File.ReadAllBytes(Path.Combine(merged, "scan.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(one, "scan.parquet")), File.ReadAllBytes(Path.Combine(merged, "scan.parquet")));
        // rerunning a finished scan recomputes nothing and rewrites the same bytes
        var before = File.ReadAllBytes(Path.Combine(one, "scan.csv"));
        (code, _, err) = Run([.. ScanArgs, "--out", one]);
        Assert.True(code == 0, err);
        Assert.Contains("already done", err);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(one, "scan.csv")));
        // status of a single folder
        (code, stdout, _) = Run(["scan", "status", one]);
        Assert.Equal(0, code);
        Assert.Contains("(complete)", stdout);
        // merging an incomplete set is bad input, one line
        (code, _, err) = Run(["merge", shards[0], "--out", Tmp()]);
        Assert.Equal(2, code);
        Assert.Contains("missing", err);
    }

    [Fact]
    public void SlurmScriptsAndStatus()
    {
        string dir = Tmp();
        var (code, stdout, err) = Run([.. ScanArgs, "--slurm", dir, "--tasks", "4", "--partition", "short", "--time", "00:10:00", "--mem", "1G",
            "--cpus-per-task", "2", "--nuxe-command", "/opt/nuxe/nuxe"]);
        Assert.True(code == 0, err);
        var array = File.ReadAllText(Path.Combine(dir, "array.sbatch"));
        Assert.Contains("#SBATCH --array=1-4", array);
        Assert.Contains("#SBATCH --partition=short", array);
        Assert.Contains("#SBATCH --time=00:10:00", array);
        Assert.Contains("#SBATCH --mem=1G", array);
        Assert.Contains("#SBATCH --cpus-per-task=2", array);
        Assert.Contains("exec /opt/nuxe/nuxe scan linkxu-A --model nsi-e --param epsL_ee=-0.04:0.04:13 --truth epsL_ee=0.005 --shard \"${SLURM_ARRAY_TASK_ID}/4\"", array);
        Assert.DoesNotContain("--slurm", array.Split('\n').Single(l => l.StartsWith("exec ")));
        var merge = File.ReadAllText(Path.Combine(dir, "merge.sbatch"));
        Assert.Contains("afterok", merge);
        Assert.Contains("/opt/nuxe/nuxe merge", merge);
        Assert.Contains("shard-4", merge);
        (code, stdout, _) = Run(["scan", "status", dir, "--no-resubmit"]);
        Assert.Equal(0, code);
        Assert.Contains("0/4 shards done, 4 missing", stdout);
    }

    [Fact]
    public void BadInputIsOneLineAndExitTwo()
    {
        foreach (var args in new[]
        {
            new[] { "scan", "linkxu-A", "--model", "nsi-e", "--param", "epsL_ee=1:0:5" },
            ["scan", "linkxu-A", "--model", "nsi-e", "--param", "nope=0:1:5"],
            ["scan", "linkxu-A", "--model", "nsi-e", "--param", "epsL_ee=0:1:5", "--shard", "4/3"],
            ["scan", "linkxu-A", "--model", "nsi-e", "--param", "epsL_ee=0:1:5", "--fix", "epsL_ee"],
            ["toys", "coloma2014", "--model", "em-mu", "--param", "mu", "--range", "1:0"],
            ["merge", "/nonexistent-dir", "--out", "x"],
        })
        {
            var (code, _, err) = Run(args);
            Assert.True(code == 2, $"{string.Join(' ', args)} → {code}: {err}");
            Assert.Single(err.Trim().Split('\n'));
        }
    }

    [Fact]
    public void ToysCommandShardsAndMerges()
    {
        string[] args = ["toys", "coloma2014", "--model", "em-mu", "--param", "mu", "--range", "0:6e-11", "--points", "5", "--toys", "40", "--statistic", "poisson", "--seed", "7"];
        string one = Tmp();
        var (code, stdout, err) = Run([.. args, "--out", one]);
        Assert.True(code == 0, err);
        Assert.Contains("Feldman–Cousins interval", stdout);
        var shards = new[] { Tmp(), Tmp() };
        for (int k = 1; k <= 2; k++) { (code, _, err) = Run([.. args, "--out", shards[k - 1], "--shard", $"{k}/2"]); Assert.True(code == 0, err); }
        string merged = Tmp();
        (code, _, err) = Run(["merge", .. shards, "--out", merged]);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllText(Path.Combine(one, "intervals.csv")), File.ReadAllText(Path.Combine(merged, "intervals.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(one, "toys_sb.csv")), File.ReadAllText(Path.Combine(merged, "toys_sb.csv")));
    }
}
