using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NuXe.Analyses;
using NuXe.Analyses.Framework;

namespace NuXe.Bench;

/// <summary>
/// Issue 17: every part of every study, in process (start-up excluded; the response cache and the shipped-data caches
/// are warm after the first invocation, as within one `nuxe reproduce` run). Run with
/// <c>dotnet run -c Release --project bench/NuXe.Bench -- --filter '*StudyPartBench*'</c>; output files go to a temporary folder.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3), MemoryDiagnoser]
public class StudyPartBench
{
    /// <summary>"study:part".</summary>
    [Params("linkxu2019:sin2w", "linkxu2019:gvga", "linkxu2019:nsi", "linkxu2019:spvat", "linkxu2019:zprime",
        "coloma2014:mm", "coloma2014:em", "coloma2014:sterile",
        "hsieh2019:spectra", "hsieh2019:cevns", "hsieh2019:limits",
        "shivasankar2022:presets", "shivasankar2022:spectra", "shivasankar2022:em", "shivasankar2022:mediators")]
    public string Part { get; set; } = "";

    IStudy _study = null!;
    string _part = "", _out = "";

    [GlobalSetup]
    public void Setup()
    {
        var s = Part.Split(':');
        _study = Studies.Registry().Find(s[0]);
        _part = s[1];
        _out = Path.Combine(Path.GetTempPath(), "nuxe-bench-" + Guid.NewGuid().ToString("N"));
    }

    [GlobalCleanup]
    public void Cleanup() { if (Directory.Exists(_out)) Directory.Delete(_out, true); }

    [Benchmark]
    public int RunPart() => StudyRunner.Run(_study, _out, _part).Results.Count;
}
