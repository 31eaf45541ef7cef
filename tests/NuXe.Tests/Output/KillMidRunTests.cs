using System.Diagnostics;
using NuXe.Cli;
using NuXe.Output;

namespace NuXe.Tests.Output;

/// <summary>Issue 13 part 6: a real `nuxe` process killed (SIGKILL) while it writes leaves the previous complete output intact.</summary>
public sealed class KillMidRunTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nuxe-kill-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static Dictionary<string, string> Snapshot(string dir) => Directory.EnumerateFiles(dir)
        .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    static int Run(params string[] args)
    {
        var err = new StringWriter();
        int code = CliApp.Run(args, new StringWriter(), err);
        Assert.True(code == 0, err.ToString());
        return code;
    }

    [Fact]
    public void KillingARerunMidWriteLeavesThePreviousOutputAndTheNextRunMergesAndCleansUp()
    {
        var outDir = Path.Combine(_dir, "hsieh");
        Run("reproduce", "hsieh2019", "--only", "cevns", "--out", outDir);
        var before = Snapshot(outDir);
        Assert.Contains("results.json", before.Keys);

        var nuxe = Path.Combine(AppContext.BaseDirectory, "nuxe.dll");
        Assert.True(File.Exists(nuxe), nuxe);
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { nuxe, "reproduce", "hsieh2019", "--out", outDir }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEndAsync(); p.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        bool writing = false;
        while (!writing && !p.HasExited && watch.Elapsed < TimeSpan.FromSeconds(180))
        {
            writing = Directory.EnumerateDirectories(_dir, $".hsieh.staging-{p.Id}-*").Any(d => Directory.EnumerateFiles(d).Any());
            if (!writing) Thread.Sleep(20);
        }
        Assert.True(writing, p.HasExited ? $"the run ended (exit {p.ExitCode}) before it was killed" : "no staged file within 180 s");
        p.Kill(entireProcessTree: true);
        p.WaitForExit();

        Assert.Equal(before, Snapshot(outDir)); // untouched: same files, same bytes
        Assert.True(File.Exists(Path.Combine(_dir, ".hsieh.nuxe-lock")), "the killed process could not remove its lock");

        // the lock of the dead process is taken over, its staging folder removed, and --only merges into the old results
        Run("reproduce", "hsieh2019", "--only", "spectra", "--out", outDir);
        var results = ResultsJson.Read(Path.Combine(outDir, "results.json"));
        Assert.Contains(results.Keys, k => k.StartsWith("cevns.", StringComparison.Ordinal));
        Assert.Contains(results.Keys, k => k.StartsWith("spectra.", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir, ".*"));
    }
}
