using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NuXe.Analyses;
using NuXe.Cli;

namespace NuXe.Tests.Golden;

/// <summary>
/// Golden tests of the whole surface: every CLI command (help texts included) and every part of every study runs here,
/// and its key output is compared with an approved snapshot in <c>tests/NuXe.Tests/Golden/approved/</c>. Any change in a
/// number, a key, a file name or a help text shows up as a failing test with a diff; to approve the new output, rerun with
/// <c>NUXE_APPROVE=1 dotnet test --filter FullyQualifiedName~Golden</c> and commit the changed files (review the diff!).
/// Numbers are compared to 6 significant digits (floating-point noise below that is not a change of behaviour); run
/// times are masked.
/// </summary>
public partial class GoldenTests
{
    /// <summary>CLI invocations (name of the snapshot → arguments). Study parts are added by <see cref="StudyParts"/>.</summary>
    static readonly (string Name, string[] Args)[] Commands =
    [
        ("help-root", ["--help"]),
        ("help-presets", ["presets", "--help"]),
        ("help-presets-show", ["presets", "show", "--help"]),
        ("help-spectrum", ["spectrum", "--help"]),
        ("help-fit", ["fit", "--help"]),
        ("help-profile", ["profile", "--help"]),
        ("help-contour", ["contour", "--help"]),
        ("help-reproduce", ["reproduce", "--help"]),
        ("help-scan", ["scan", "--help"]),
        ("help-scan-status", ["scan", "status", "--help"]),
        ("help-merge", ["merge", "--help"]),
        ("help-toys", ["toys", "--help"]),
        ("scan-linkxu-A-nsi-e-json", ["scan", "linkxu-A", "--model", "nsi-e", "--param", "epsL_ee=-0.04:0.04:5", "--truth", "epsL_ee=0.005", "--json", "--restart", "--out", "nuxe-golden-scan"]),
        ("toys-coloma2014-mu-json", ["toys", "coloma2014", "--model", "em-mu", "--param", "mu", "--range", "0:1e-11", "--points", "5", "--toys", "20", "--statistic", "poisson", "--json"]),
        ("error-merge-missing-folder", ["merge", "nuxe-golden-no-such-folder", "--out", "nuxe-golden-merged"]),
        ("reproduce-list", ["reproduce", "--list"]),
        ("presets", ["presets"]),
        ("presets-show-linkxu-A", ["presets", "show", "linkxu-A"]),
        ("spectrum-linkxu-A-json", ["spectrum", "linkxu-A", "--json"]),
        ("spectrum-coloma2014-window", ["spectrum", "coloma2014", "--window", "2:140"]),
        ("spectrum-solar-xe-points", ["spectrum", "solar-xe", "--atomic", "fea", "--points", "1,10,100", "--json"]),
        ("fit-linkxu-A-sm", ["fit", "linkxu-A", "--model", "sm", "--json"]),
        ("fit-lz-2022-em-mu", ["fit", "lz-2022", "--model", "em-mu", "--json"]),
        ("profile-linkxu-C-sin2w", ["profile", "linkxu-C", "--param", "sin2w", "--points", "21", "--json"]),
        ("contour-linkxu-A-gvga", ["contour", "linkxu-A", "--model", "gvga", "--param", "gV", "--param2", "gA", "--points", "15", "--json"]),
        ("error-unknown-preset", ["spectrum", "no-such-preset"]),
        ("error-negative-activity", ["spectrum", "linkxu-A", "--set", "source.activity_mci=-5"]),
    ];

    public static TheoryData<string> CommandNames() => [.. Commands.Select(c => c.Name)];

    /// <summary>Every (study, part) of the registry: a new study or part is picked up without editing this file.</summary>
    public static TheoryData<string, string> StudyParts()
    {
        var d = new TheoryData<string, string>();
        foreach (var s in Studies.Registry().Studies)
            foreach (var p in s.Parts) d.Add(s.Name, p.Name);
        return d;
    }

    [Theory, MemberData(nameof(CommandNames))]
    public void Command(string name)
    {
        var args = Commands.Single(c => c.Name == name).Args;
        var (code, stdout, stderr) = Run(args);
        var text = new StringBuilder()
            .Append("$ nuxe ").AppendLine(string.Join(' ', args))
            .Append("exit ").AppendLine(code.ToString(CultureInfo.InvariantCulture))
            .AppendLine("--- stdout").Append(Normalise(stdout))
            .AppendLine("--- stderr").Append(Normalise(stderr));
        Verify("cli-" + name, text.ToString());
    }

    [Theory, MemberData(nameof(StudyParts))]
    public void StudyPart(string study, string part)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"nuxe-golden-{Environment.ProcessId}-{study}-{part}");
        try
        {
            string[] args = ["reproduce", study, "--only", part, "--out", dir];
            var (code, stdout, stderr) = Run(args);
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
            var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json"))).RootElement;
            var text = new StringBuilder()
                .Append("$ nuxe reproduce ").Append(study).Append(" --only ").AppendLine(part)
                .AppendLine("--- files")
                .AppendJoin('\n', Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal)).AppendLine()
                .AppendLine("--- results.json");
            foreach (var (key, value) in Flatten(results)) text.Append(key).Append(" = ").AppendLine(value);
            Verify($"study-{study}-{part}", text.ToString());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Every command that <c>nuxe --help</c> lists has a golden case for its help and at least one case that runs it,
    /// so a new command cannot be added without being exercised here.</summary>
    [Fact]
    public void EveryCommandIsExercised()
    {
        var (code, help, _) = Run(["--help"]);
        Assert.Equal(0, code);
        var commands = help[help.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n').Skip(1)
            .Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l.Split(' ')[0]).ToList();
        Assert.True(commands.Count >= 6, help);
        foreach (var c in commands)
        {
            Assert.Contains(Commands, x => x.Args.SequenceEqual([c, "--help"]));
            Assert.Contains(Commands, x => x.Args.Length > 0 && x.Args[0] == c && !x.Args.Contains("--help"));
        }
    }

    static (int Code, string Out, string Err) Run(string[] args)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Every scalar of a JSON document as (dotted path, normalised text), in document order.</summary>
    static IEnumerable<(string Key, string Value)> Flatten(JsonElement e, string prefix = "")
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                    foreach (var x in Flatten(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name)) yield return x;
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in e.EnumerateArray())
                    foreach (var x in Flatten(item, $"{prefix}[{i++}]")) yield return x;
                break;
            case JsonValueKind.Number:
                yield return (prefix, Round(e.GetDouble()));
                break;
            default:
                yield return (prefix, e.ToString());
                break;
        }
    }

    static string Round(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<![\w.])-?\d+\.\d+(?:[eE][+-]?\d+)?(?![\w.])")]
    private static partial Regex Decimal();

    [GeneratedRegex(@"(?m)^(\s*\S+\s+)\d+(?:\.\d+)? s$")]
    private static partial Regex TimingLine();

    /// <summary>Masks run times ("gvga  1.76 s") and rounds decimals with more than 6 significant digits.</summary>
    public static string Normalise(string text)
    {
        text = text.Replace("\r\n", "\n");
        text = TimingLine().Replace(text, m => m.Groups[1].Value + "<time> s");
        return Decimal().Replace(text, m =>
        {
            var s = m.Value;
            int digits = s.TakeWhile(c => c != 'e' && c != 'E').Count(char.IsDigit);
            return digits > 6 && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? Round(v) : s;
        });
    }

    /// <summary>Compares with the approved snapshot; with NUXE_APPROVE=1 writes it instead.</summary>
    static void Verify(string name, string received)
    {
        var approvedDir = Path.Combine(RepositoryRoot(), "tests", "NuXe.Tests", "Golden", "approved");
        var approved = Path.Combine(approvedDir, name + ".txt");
        var receivedPath = Path.Combine(approvedDir, name + ".received.txt");
        if (Environment.GetEnvironmentVariable("NUXE_APPROVE") == "1")
        {
            Directory.CreateDirectory(approvedDir);
            File.WriteAllText(approved, received);
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        string? expected = File.Exists(approved) ? File.ReadAllText(approved) : null;
        if (expected == received) { if (File.Exists(receivedPath)) File.Delete(receivedPath); return; }
        File.WriteAllText(receivedPath, received);
        Assert.Fail(expected is null
            ? $"no approved snapshot {approved}; the output is in {receivedPath}. Review it, then approve with NUXE_APPROVE=1 dotnet test --filter FullyQualifiedName~Golden"
            : $"output differs from the approved snapshot {approved} (received: {receivedPath}); first difference:\n{FirstDifference(expected, received)}\n" +
              "If the change is intended, approve with NUXE_APPROVE=1 dotnet test --filter FullyQualifiedName~Golden and commit the diff.");
    }

    static string FirstDifference(string a, string b)
    {
        var x = a.Split('\n'); var y = b.Split('\n');
        for (int i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            string l = i < x.Length ? x[i] : "<end>", r = i < y.Length ? y[i] : "<end>";
            if (l != r) return $"line {i + 1}:\n- {l}\n+ {r}";
        }
        return "(line endings)";
    }

    /// <summary>The clone's root (the folder holding NuXe.sln), found from the test assembly's folder.</summary>
    static string RepositoryRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "NuXe.sln"))) d = d.Parent;
        return d?.FullName ?? throw new DirectoryNotFoundException("NuXe.sln not found above " + AppContext.BaseDirectory);
    }
}
