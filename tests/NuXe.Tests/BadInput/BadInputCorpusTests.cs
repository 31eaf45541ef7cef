using System.Globalization;
using System.Text.RegularExpressions;
using NuXe.Cli;

namespace NuXe.Tests.BadInput;

/// <summary>
/// The bad-input corpus (issue 13): every case in <c>BadInput/cases.tsv</c> runs the CLI in-process through its entry
/// point and must fail with the expected exit code and exactly one line on stderr that contains the expected fragment,
/// names no .NET type, shows no stack trace and echoes no control characters; stdout stays empty.
/// </summary>
public sealed partial class BadInputCorpusTests
{
    static readonly string Root = Path.Combine(AppContext.BaseDirectory, "BadInput");

    public sealed record Case(string Id, int Exit, string Fragment, string[] Args)
    {
        public override string ToString() => Id;
    }

    public static IReadOnlyList<Case> Cases() => File.ReadAllLines(Path.Combine(Root, "cases.tsv"))
        .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("id\t", StringComparison.Ordinal))
        .Select(l => l.Split('\t'))
        .Select(f => new Case(f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[2], f[3..]))
        .ToList();

    public static TheoryData<string> CaseIds() => [.. Cases().Select(c => c.Id)];

    [GeneratedRegex(@"\\x([0-9A-Fa-f]{2})")]
    private static partial Regex Escape();

    [Fact]
    public void CorpusHasAtLeast150CasesInEveryCategory()
    {
        var cases = Cases();
        Assert.True(cases.Count >= 150, $"{cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct().Count());
        foreach (var prefix in new[] { "toml-", "eff-", "bkg-", "data-", "bound-", "cli-", "truth-", "out-", "parse-", "garbage-" })
            Assert.True(cases.Count(c => c.Id.StartsWith(prefix, StringComparison.Ordinal)) >= 5, prefix);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void FailsWithOneClearLine(string id)
    {
        var c = Cases().Single(x => x.Id == id);
        var tmp = Directory.CreateTempSubdirectory("nuxe-corpus-").FullName;
        try
        {
            var file = Path.Combine(tmp, "afile");
            File.WriteAllText(file, "not a folder\n");
            if (id == "out-busy") File.WriteAllText(Path.Combine(tmp, ".busy.nuxe-lock"), "1\n"); // pid 1 is always alive
            if (id == "out-other-study")
            {
                Directory.CreateDirectory(Path.Combine(tmp, "other"));
                File.WriteAllText(Path.Combine(tmp, "other", "manifest.json"), "{\"study\": \"linkxu2019\"}\n");
            }
            var args = c.Args.Select(a => Escape().Replace(
                a.Replace("{c}", Path.Combine(Root, "corpus")).Replace("{t}", tmp).Replace("{f}", file).Replace("{long}", new string('a', 300)),
                m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString())).ToArray();

            var stdout = new StringWriter(); var stderr = new StringWriter();
            int code = CliApp.Run(args, stdout, stderr);
            var err = stderr.ToString();
            var lines = err.TrimEnd('\n', '\r').Split('\n');
            Assert.True(code == c.Exit, $"exit {code}, expected {c.Exit}; stderr: {err}");
            Assert.Equal("", stdout.ToString());
            Assert.True(lines.Length == 1, $"{lines.Length} lines: {err}");
            var line = lines[0];
            Assert.StartsWith("error: ", line);
            Assert.True(line.Contains(c.Fragment, StringComparison.Ordinal), $"'{c.Fragment}' not in: {line}");
            Assert.DoesNotContain("   at ", line);
            Assert.DoesNotContain("System.", line);
            Assert.DoesNotContain("`1", line);
            Assert.DoesNotContain("Exception", line);
            Assert.DoesNotContain("internal error", line);
            Assert.True(line.All(ch => ch >= ' ' && ch != '\u007f'), "control characters echoed: " + line);
            Assert.True(line.Length <= CliApp.MaxErrorChars + 10, $"{line.Length} characters");
            // nothing was left behind next to an --out target
            Assert.Empty(Directory.EnumerateFileSystemEntries(tmp, ".*.staging-*"));
        }
        finally { Directory.Delete(tmp, recursive: true); }
    }
}
