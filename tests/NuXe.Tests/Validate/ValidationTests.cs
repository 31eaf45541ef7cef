using NuXe.Analyses;
using NuXe.Analyses.Framework;
using NuXe.Cli;
using NuXe.Output;

namespace NuXe.Tests.Validate;

/// <summary>The published-number reader, the comparison rules and `nuxe validate`.</summary>
public sealed class ValidationTests
{
    static IStudy DummyStudy() => new Study("dummyvalid", "Dummy", "none",
        [new StudyPart("alpha", "a", _ => { }), new StudyPart("beta", "b", _ => { })]);

    const string Header = "key,value,unit,cl,dof,source,note,quantity,part,tolerance,kind";

    static IReadOnlyList<PublishedEntry> Parse(string text, Func<string, bool>? isPart = null) =>
        PublishedData.Parse("dummyvalid", text, "dummy.csv", isPart);

    [Fact]
    public void Parse_ReadsColumnsByName_ResolvesPartFromKey_AndTolerances()
    {
        var rows = Parse(Header + "\n# comment\n\nalpha.x,0.25,,68%,1,\"Table II, row 1\",n,\"x, the best fit\",,5%,table\n" +
                         "b.y,-1.5e-11,muB,,,s,n,,beta,0.2,text\nalpha.z,3,,,,s,n,,,,\n", p => p is "alpha" or "beta");
        Assert.Equal(3, rows.Count);
        Assert.Equal(("alpha.x", 0.25, "alpha", 0.05, "x, the best fit", "Table II, row 1", 4), (rows[0].Key, rows[0].Value, rows[0].Part, rows[0].EffectiveTolerance, rows[0].Quantity, rows[0].Source, rows[0].Line));
        Assert.Equal(("beta", 0.2, -1.5e-11, "b.y"), (rows[1].Part, rows[1].EffectiveTolerance, rows[1].Value, rows[1].Quantity));
        Assert.Null(rows[2].Tolerance);
        Assert.Equal(PublishedData.DefaultTolerance, rows[2].EffectiveTolerance);
    }

    [Theory]
    [InlineData("a.b,abc,,,,,,,,,", "dummy.csv:2: value 'abc'")]
    [InlineData("a.b,1,,,,,,,,x%,", "dummy.csv:2: tolerance 'x%'")]
    [InlineData("a.b,1,,,,,,,,,guess", "dummy.csv:2: kind 'guess'")]
    [InlineData("a.b,1,,,,,,,,,\na.b,2,,,,,,,,,", "dummy.csv:3: key 'a.b'")]
    [InlineData("a.b,1,,,,,", "dummy.csv:2: 7 fields")]
    [InlineData(",1,,,,,,,,,", "dummy.csv:2: key ''")]
    [InlineData("a.b,NaN,,,,,,,,,", "dummy.csv:2: value 'NaN'")]
    public void Parse_RejectsBadRows_NamingFileLineAndField(string body, string expected)
    {
        var e = Assert.Throws<FormatException>(() => Parse(Header + "\n" + body + "\n"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RequiresKeyAndValueColumns()
    {
        var e = Assert.Throws<FormatException>(() => Parse("key,number\na,1\n"));
        Assert.Contains("column 'value' is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedPublishedFiles_ParseAndEveryRowBelongsToAPartOfItsStudy()
    {
        foreach (var study in Studies.Registry().Studies)
        {
            var rows = Validation.PublishedFor(study);
            // nsi2023: the cited paper's intervals could not be read offline (data/published/PROVENANCE.md); the file is
            // a header only until they are entered. Every other study must ship its published numbers.
            if (study.Name != "nsi2023") Assert.NotEmpty(rows);
            var parts = study.Parts.Select(p => p.Name).ToHashSet();
            Assert.All(rows, r => Assert.True(parts.Contains(r.Part), $"{study.Name} {r.Key} (line {r.Line}): part '{r.Part}' is not a part of the study"));
            Assert.All(rows, r => Assert.False(r.Note.Contains("UNVERIFIED", StringComparison.Ordinal), $"{study.Name} {r.Key}: UNVERIFIED row"));
        }
    }

    [Fact]
    public void Explanations_ParseAndReferToPublishedRows()
    {
        var registry = Studies.Registry();
        var published = registry.Studies.SelectMany(Validation.PublishedFor).Select(p => (p.Study, p.Key)).ToHashSet();
        var explanations = PublishedData.Explanations();
        Assert.NotEmpty(explanations);
        Assert.All(explanations, e => Assert.True(published.Contains((e.Study, e.Key)), $"explanation for {e.Study} {e.Key}: no such published row"));
        Assert.All(explanations, e => Assert.StartsWith("docs/", e.Doc, StringComparison.Ordinal));
    }

    /// <summary>Every explanation cites a doc file that exists and, when it names a section (#anchor), a heading of that file.</summary>
    [Fact]
    public void Explanations_CiteExistingDocSections()
    {
        var failures = new List<string>();
        foreach (var e in PublishedData.Explanations())
        {
            var parts = e.Doc.Split('#', 2);
            var file = Path.Combine(RepoRoot(), parts[0]);
            if (!File.Exists(file)) { failures.Add($"{e.Study} {e.Key}: {parts[0]} does not exist"); continue; }
            if (parts.Length < 2) continue;
            var anchors = File.ReadLines(file).Where(l => l.StartsWith('#')).Select(l => Slug(l.TrimStart('#').Trim())).ToHashSet(StringComparer.Ordinal);
            if (!anchors.Contains(parts[1])) failures.Add($"{e.Study} {e.Key}: no heading with anchor #{parts[1]} in {parts[0]}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    /// <summary>GitHub's heading anchor (github-slugger): lower case, everything but letters, numbers, marks, '-', '_' and spaces
    /// removed, spaces → '-'.</summary>
    static string Slug(string heading) =>
        new string([.. heading.ToLowerInvariant().Where(c => char.IsLetter(c) || char.IsNumber(c) || c is '-' or '_' or ' '
            || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            .Select(c => c == ' ' ? '-' : c)]);

    [Fact]
    public void Slug_FollowsGitHubAnchors()
    {
        Assert.Equal("asymmetric-errors-of-table-ii", Slug("Asymmetric errors of Table II"));
        Assert.Equal("why-the-remaining-differences-30---31-", Slug("Why the remaining differences (−30 % … +31 %)"));
        Assert.Equal("sterile-neutrinos-fig-2", Slug("Sterile neutrinos (Fig. 2)"));
    }

    [Fact]
    public void Compare_AssignsWithinExplainedUnexplainedMissing()
    {
        var rows = Parse(Header + "\nalpha.a,1.0,,,,,,,,10%,\nalpha.b,1.0,,,,,,,,10%,\nalpha.c,1.0,,,,,,,,10%,\nalpha.d,1.0,,,,,,,,,\nalpha.z,0,,,,,,,,0.01,\nalpha.w,-2,,,,,,,,0.1,\n",
            p => p == "alpha");
        var results = new Dictionary<string, double> { ["alpha.a"] = 1.1, ["alpha.b"] = 1.2, ["alpha.c"] = 0.85, ["alpha.z"] = 0.005, ["alpha.w"] = -2.3 };
        var why = new[] { new Explanation("dummyvalid", "alpha.b", "because", "docs/x.md"), new Explanation("other", "alpha.c", "not this study", "docs/y.md") };
        var c = Validation.Compare(rows, results, why);
        Assert.Equal([ValidationStatus.Within, ValidationStatus.Explained, ValidationStatus.Unexplained, ValidationStatus.Missing, ValidationStatus.Within, ValidationStatus.Unexplained],
            c.Select(r => r.Status));
        Assert.Equal(0.1, c[0].RelativeDifference!.Value, 12);
        Assert.Equal(-0.15, c[2].RelativeDifference!.Value, 12);
        Assert.Equal(-0.15, c[5].RelativeDifference!.Value, 12); // relative to |published|: more negative is −
        Assert.Null(c[3].RelativeDifference);
        Assert.Null(c[4].RelativeDifference);
        Assert.Equal("because", c[1].Explanation!.Reason);
        Assert.Equal(new ValidationCounts(2, 1, 2, 1), ValidationCounts.Of(c));
    }

    [Fact]
    public void ValidationCsv_HasTheContractColumns()
    {
        var rows = Validation.Compare(Parse(Header + "\nalpha.a,2,,,,,,,,,\nalpha.m,3,,,,,,,,,\n", p => p == "alpha"),
            new Dictionary<string, double> { ["alpha.a"] = 2.125 }, []);
        var csv = CsvTables.ToCsv(Validation.ToValidationCsv(rows));
        Assert.Equal("study,part,quantity,published,ours,rel_diff,tolerance,status\n" +
                     "dummyvalid,alpha,alpha.a,2,2.125,0.0625,0.1,within\n" +
                     "dummyvalid,alpha,alpha.m,3,,,0.1,missing\n", csv);
    }

    /// <summary>
    /// The test tier of `nuxe validate`: runs the quick parts of every study and compares each published number's status
    /// and our value with the approved docs/validation.csv. A number that leaves its documented tolerance changes its
    /// status and fails here; so does a changed number (regenerate docs/validation.{md,csv}, see docs/validation.md).
    /// </summary>
    [Fact]
    public void QuickParts_MatchTheApprovedValidation_AndDocsAreUpToDate()
    {
        var registry = Studies.Registry();
        var dir = Directory.CreateTempSubdirectory("nuxe-validate-").FullName;
        try
        {
            var report = Validator.Run(registry.Studies, dir, quickOnly: true);
            var docs = Path.Combine(RepoRoot(), "docs");
            var approvedOurs = Validator.ReadOurs(Path.Combine(docs, "validation.csv"));
            var approved = Validator.FromResults(registry.Studies, approvedOurs);

            // docs/validation.md is rendered from docs/validation.csv with the current published data and explanations
            Assert.Equal(approved.ToMarkdown(), File.ReadAllText(Path.Combine(docs, "validation.md")).ReplaceLineEndings("\n"));
            Assert.Equal(approved.Rows.Select(r => (r.Study, r.Key)), report.Rows.Select(r => (r.Study, r.Key)));

            var quick = registry.Studies.SelectMany(s => s.Parts.Where(p => p.Quick).Select(p => (s.Name, p.Name))).ToHashSet();
            var failures = new List<string>();
            foreach (var (now, then) in report.Rows.Zip(approved.Rows))
            {
                if (!quick.Contains((now.Study, now.Part))) continue;
                bool same = now.Status == then.Status && (now.Ours, then.Ours) switch
                {
                    (null, null) => true,
                    ({ } a, { } b) => Math.Abs(a - b) <= 1e-6 * Math.Max(Math.Abs(a), Math.Abs(b)) + 1e-300,
                    _ => false,
                };
                if (!same) failures.Add($"{now.Study} {now.Key}: now {now.StatusText} ours={now.Ours}, approved {then.StatusText} ours={then.Ours}");
            }
            Assert.True(failures.Count == 0, "validation differs from docs/validation.csv (regenerate it if intended):\n" + string.Join("\n", failures));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Cli_ValidateFromAnOutputRoot_WritesBothFiles_AndRejectsBadInput()
    {
        var root = Directory.CreateTempSubdirectory("nuxe-validate-cli-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "coloma2014"));
            File.WriteAllText(Path.Combine(root, "coloma2014", "results.json"), "{\"events.signal.total\": 12600, \"mm.limit.1dep\": 1e-11}");
            var o = new StringWriter();
            var e = new StringWriter();
            Assert.Equal(0, CliApp.Run(["validate", "--from", root, "--study", "coloma2014"], o, e));
            var csv = File.ReadAllLines(Path.Combine(root, "validation.csv"));
            Assert.Equal("study,part,quantity,published,ours,rel_diff,tolerance,status", csv[0]);
            Assert.Contains(csv, l => l.StartsWith("coloma2014,mm,events.signal.total,12518,12600,", StringComparison.Ordinal) && l.EndsWith(",within", StringComparison.Ordinal));
            Assert.Contains(csv, l => l.StartsWith("coloma2014,mm,mm.limit.1dep,", StringComparison.Ordinal) && l.EndsWith(",unexplained", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(root, "validation.md")));
            Assert.Contains("coloma2014", o.ToString(), StringComparison.Ordinal);

            var err = new StringWriter();
            Assert.Equal(2, CliApp.Run(["validate", "--from", root, "--study", "nosuch"], new StringWriter(), err));
            Assert.StartsWith("error: --study = nosuch", err.ToString(), StringComparison.Ordinal);
            err = new StringWriter();
            Assert.Equal(2, CliApp.Run(["validate", "--from", Path.Combine(root, "absent")], new StringWriter(), err));
            Assert.Contains("--from", err.ToString(), StringComparison.Ordinal);
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void Runner_WritesComparisonAndPublishedJson_KeepingPublishedOutOfResults()
    {
        var dir = Directory.CreateTempSubdirectory("nuxe-validate-run-").FullName;
        try
        {
            var study = LinkXu2019Only("sin2w");
            var run = StudyRunner.Run(study, dir);
            Assert.Contains(Validation.ComparisonFile, run.Files);
            Assert.Contains(Validation.PublishedFile, run.Files);
            var published = ResultsJson.Read(Path.Combine(dir, Validation.PublishedFile));
            Assert.Equal(0.0055, published["sin2w.A.err_plus"]);
            Assert.All(run.Comparison, r => Assert.Equal("sin2w", r.Part));
            // results.json: computed values only (same keys may exist, but the values are ours)
            Assert.NotEqual(published["sin2w.A.err_plus"], run.Results["sin2w.A.err_plus"]);
            var header = File.ReadLines(Path.Combine(dir, Validation.ComparisonFile)).First();
            Assert.Equal(string.Join(",", Validation.ComparisonColumns), header);
            Assert.Contains("### Published versus ours", File.ReadAllText(Path.Combine(dir, StudyRunner.ReportFile)), StringComparison.Ordinal);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    static IStudy LinkXu2019Only(string part)
    {
        var s = Studies.Registry().Find("linkxu2019");
        return Validator.Only(s, [StudyRegistry.FindPart(s, part)]);
    }

    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NuXe.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (NuXe.sln) not found above " + AppContext.BaseDirectory);
    }
}
