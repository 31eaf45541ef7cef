using System.Globalization;
using System.Reflection;
using NuXe.Analyses;
using NuXe.Analyses.DataFits;

namespace NuXe.Tests.Published;

/// <summary>
/// The shipped published values (data/published, one CSV per study) and literature overlays (data/literature):
/// schema, parseability, provenance, and cross-checks of the transcription against the papers' own arithmetic.
/// </summary>
public class PublishedDataTests
{
    static readonly string[] Schema = ["key", "value", "unit", "cl", "dof", "source", "note", "quantity", "part", "tolerance", "kind"];
    static readonly string[] Kinds = ["table", "text", "figure", "derived"];
    static readonly string[] StudyNames = ["linkxu2019", "coloma2014", "hsieh2019", "shivasankar2022"];

    /// <summary>Parts announced by issue 12 that the validate work adds (published rows may already point at them).</summary>
    static readonly Dictionary<string, string[]> PlannedParts = new()
    {
        ["linkxu2019"] = ["spectra", "running"],
        ["coloma2014"] = ["spectra"],
    };

    static readonly Assembly Core = typeof(Studies).Assembly;

    static string ReadResource(string name)
    {
        using var s = Core.GetManifestResourceStream(name) ?? throw new FileNotFoundException($"resource {name} is not shipped");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>RFC-4180 CSV rows (quoted fields may contain commas and doubled quotes); '#' lines and blank lines skipped.</summary>
    static List<List<string>> Csv(string text)
    {
        var rows = new List<List<string>>();
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = new List<string>(); var cur = new System.Text.StringBuilder(); bool q = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (q) { if (c == '"') { if (i + 1 < line.Length && line[i + 1] == '"') { cur.Append('"'); i++; } else q = false; } else cur.Append(c); }
                else if (c == '"') q = true;
                else if (c == ',') { f.Add(cur.ToString()); cur.Clear(); }
                else cur.Append(c);
            }
            Assert.False(q, $"unterminated quote in line: {line}");
            f.Add(cur.ToString());
            rows.Add(f);
        }
        return rows;
    }

    static double Num(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    static Dictionary<string, Dictionary<string, string>> Rows(string study)
    {
        var rows = Csv(ReadResource($"data/published/{study}.csv"));
        Assert.Equal(Schema, rows[0]);
        var result = new Dictionary<string, Dictionary<string, string>>();
        foreach (var r in rows.Skip(1))
        {
            Assert.True(r.Count == Schema.Length, $"{study}: {r.Count} fields instead of {Schema.Length} in row starting '{r[0]}'");
            Assert.True(result.TryAdd(r[0], Schema.Zip(r).ToDictionary(p => p.First, p => p.Second)), $"{study}: duplicate key {r[0]}");
        }
        return result;
    }

    /// <summary>Repository root (the folder holding NuXe.sln); the test fails, not skips, if it cannot be found.</summary>
    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NuXe.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return dir!.FullName;
    }

    [Fact]
    public void EveryStudyShipsAPublishedFile_AndNothingElse()
    {
        var shipped = Core.GetManifestResourceNames().Where(n => n.StartsWith("data/published/", StringComparison.Ordinal))
            .Select(n => Path.GetFileNameWithoutExtension(n)).OrderBy(n => n).ToArray();
        Assert.Equal(StudyNames.OrderBy(n => n), shipped);
        Assert.Equal(StudyNames.OrderBy(n => n), Studies.Registry().Studies.Select(s => s.Name).OrderBy(n => n));
    }

    [Theory]
    [InlineData("linkxu2019", 70)]
    [InlineData("coloma2014", 12)]
    [InlineData("hsieh2019", 60)]
    [InlineData("shivasankar2022", 36)]
    public void EveryRow_Parses_WithSourceKindPartAndTolerance(string study, int minRows)
    {
        var rows = Rows(study);
        Assert.True(rows.Count >= minRows, $"{study}: only {rows.Count} rows (expected at least {minRows})");
        var parts = Studies.Registry().Studies.Single(s => s.Name == study).Parts.Select(p => p.Name)
            .Concat(PlannedParts.GetValueOrDefault(study, [])).ToHashSet();
        foreach (var (key, r) in rows)
        {
            Assert.False(string.IsNullOrWhiteSpace(key), $"{study}: empty key");
            Assert.True(double.TryParse(r["value"], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v),
                $"{study} {key}: value '{r["value"]}' is not a finite plain number");
            Assert.False(string.IsNullOrWhiteSpace(r["source"]), $"{study} {key}: empty source");
            Assert.False(string.IsNullOrWhiteSpace(r["quantity"]), $"{study} {key}: empty quantity");
            Assert.Contains(r["kind"], Kinds);
            Assert.True(parts.Contains(r["part"]), $"{study} {key}: part '{r["part"]}' is not a part of {study} ({string.Join(", ", parts)})");
            Assert.True(double.TryParse(r["tolerance"], NumberStyles.Float, CultureInfo.InvariantCulture, out var tol) && tol > 0 && double.IsFinite(tol),
                $"{study} {key}: tolerance '{r["tolerance"]}' must be a positive number");
            Assert.DoesNotContain("UNVERIFIED", string.Join(",", r.Values), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("CANDIDATE ONLY", string.Join(",", r.Values), StringComparison.OrdinalIgnoreCase);
            if (r["dof"].Length > 0) Assert.True(int.TryParse(r["dof"], out var dof) && dof > 0, $"{study} {key}: dof '{r["dof"]}'");
            if (r["kind"] == "figure") Assert.Contains("read-off", r["note"], StringComparison.OrdinalIgnoreCase);
            if (r["kind"] == "derived") Assert.StartsWith("derived", r["source"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("linkxu2019")]
    [InlineData("coloma2014")]
    [InlineData("hsieh2019")]
    [InlineData("shivasankar2022")]
    public void Intervals_AreOrdered(string study)
    {
        var rows = Rows(study);
        int pairs = 0;
        foreach (var key in rows.Keys.Where(k => k.EndsWith(".lo", StringComparison.Ordinal)))
        {
            var hiKey = key[..^3] + ".hi";
            Assert.True(rows.ContainsKey(hiKey), $"{study}: {key} has no {hiKey}");
            Assert.True(Num(rows[key]["value"]) < Num(rows[hiKey]["value"]), $"{study}: {key} ≥ {hiKey}");
            pairs++;
        }
        if (study is "linkxu2019" or "shivasankar2022") Assert.True(pairs >= 12, $"{study}: only {pairs} intervals");
    }

    [Fact]
    public void LinkXuTableII_RelativePrecisionRow_MatchesTheErrorRow()
    {
        // Two independent cells of Table II: err / 0.23865 must reproduce the printed relative precision to its rounding.
        var rows = Rows("linkxu2019");
        foreach (var c in new[] { "A", "B", "C" })
            foreach (var side in new[] { "minus", "plus" })
            {
                double err = Num(rows[$"sin2w.{c}.err_{side}"]["value"]), best = Num(rows[$"sin2w.{c}.best"]["value"]);
                double rel = Num(rows[$"sin2w.{c}.rel_err_{side}"]["value"]);
                Assert.InRange(100 * err / best, rel - 0.051, rel + 0.051);
            }
    }

    [Fact]
    public void LinkXuTableI_MeanActivity_FollowsEquation5()
    {
        // <R> = τ R0 / Δt (1 − e^(−Δt/τ)), τ = 39.96 d (Link & Xu eq. 5); the table prints 3 significant figures.
        var rows = Rows("linkxu2019");
        foreach (var c in new[] { "A", "B", "C" })
        {
            double r0 = Num(rows[$"spectra.{c}.activity_initial"]["value"]), dt = Num(rows[$"spectra.{c}.exposure_time"]["value"]);
            double mean = 39.96 * r0 / dt * (1 - Math.Exp(-dt / 39.96));
            Assert.Equal(Num(rows[$"spectra.{c}.activity_mean"]["value"]), mean, 0.006);
        }
    }

    [Fact]
    public void DerivedRows_AreTheRatiosOfThePapersOwnNumbers()
    {
        var co = Rows("coloma2014");
        Assert.Equal(Num(co["mm.limit.5dep"]["value"]) / Num(co["mm.limit.1dep"]["value"]), Num(co["mm.limit.ratio_5dep_1dep"]["value"]), 12);
        Assert.Equal(2.9e-11 / Num(co["mm.limit.1dep"]["value"]), Num(co["mm.limit.improvement_vs_gemma"]["value"]), 12);
        var hs = Rows("hsieh2019");
        Assert.Equal(1.5e-12 / Num(hs["xenon1t.q_eff"]["value"]), Num(hs["limits.xenon1t.q_eff_improvement"]["value"]), 12);
        Assert.Equal(2.8e-11 / Num(hs["darwin.mu_eff"]["value"]), Num(hs["limits.darwin.mu_eff_improvement"]["value"]), 12);
        // Every derived row sits beside the rounded statement it checks, and vice versa where the paper makes one.
        foreach (var key in hs.Keys.Where(k => hs[k]["kind"] == "derived")) Assert.Contains(key + "_text", hs.Keys);
    }

    [Fact]
    public void ShivaSankarTable_UsesThePosterUnits()
    {
        var ss = Rows("shivasankar2022");
        Assert.Equal(1.4, Num(ss["lz2022.mu.e"]["value"]) * 1e11, 12);        // '≤ 1.4' × 10^-11 μ_B
        Assert.Equal(-0.1, Num(ss["xenonnt2022.q.e.lo"]["value"]) * 1e12, 12); // [−0.1, 0.6] × 10^-12 e
        Assert.Equal(-50.2, Num(ss["xenonnt2022.r2.mu.lo"]["value"]) * 1e32, 12);
        Assert.All(ss.Values.Where(r => r["unit"] == "muB"), r => Assert.InRange(Num(r["value"]), 1e-13, 1e-10));
    }

    // ---------------- literature ----------------

    static IEnumerable<string> LiteratureFiles() => Core.GetManifestResourceNames()
        .Where(n => n.StartsWith("data/literature/", StringComparison.Ordinal)).Select(n => n["data/literature/".Length..]);

    static readonly string[] LiteratureSchema = ["experiment", "quantity", "flavour", "value", "err_minus", "err_plus", "lo", "hi", "unit", "cl", "q_GeV", "source", "quoted_in", "note"];

    [Fact]
    public void EveryLiteratureFile_IsDescribedInProvenance()
    {
        var files = LiteratureFiles().ToList();
        Assert.True(files.Count >= 8, $"only {files.Count} literature files shipped");
        var prov = File.ReadAllText(Path.Combine(RepoRoot(), "data", "literature", "PROVENANCE.md"));
        foreach (var f in files) Assert.True(prov.Contains($"`{f}`", StringComparison.Ordinal), $"data/literature/PROVENANCE.md does not describe `{f}`");
        // and the folder on disk ships exactly what is embedded (no CSV outside the build)
        var onDisk = Directory.GetFiles(Path.Combine(RepoRoot(), "data", "literature"), "*.csv").Select(Path.GetFileName).OrderBy(n => n);
        Assert.Equal(files.OrderBy(n => n), onDisk);
    }

    [Fact]
    public void LiteratureTables_ParseWithSourceAndNumbers()
    {
        int rows = 0;
        foreach (var f in LiteratureFiles())
        {
            var csv = Csv(ReadResource("data/literature/" + f));
            if (csv[0][0].StartsWith("x_", StringComparison.Ordinal))
            {
                // curve: x_<unit>,y_<unit>, positive, x increasing; provenance in the '#' header of the file as well
                Assert.Equal(2, csv[0].Count);
                Assert.StartsWith("y_", csv[0][1], StringComparison.Ordinal);
                Assert.Contains("#", ReadResource("data/literature/" + f)[..1]);
                var x = csv.Skip(1).Select(r => Num(r[0])).ToArray();
                var y = csv.Skip(1).Select(r => Num(r[1])).ToArray();
                Assert.True(x.Length >= 10, $"{f}: only {x.Length} points");
                Assert.All(x.Zip(y), p => Assert.True(p.First > 0 && p.Second > 0 && double.IsFinite(p.First) && double.IsFinite(p.Second), $"{f}: bad point"));
                Assert.True(x.Zip(x.Skip(1)).All(p => p.Second > p.First), $"{f}: x not increasing");
                continue;
            }
            Assert.Equal(LiteratureSchema, csv[0]);
            foreach (var r in csv.Skip(1))
            {
                var d = LiteratureSchema.Zip(r).ToDictionary(p => p.First, p => p.Second);
                Assert.Equal(LiteratureSchema.Length, r.Count);
                Assert.False(string.IsNullOrWhiteSpace(d["source"]), $"{f}: row '{d["experiment"]}' has no source");
                Assert.False(string.IsNullOrWhiteSpace(d["experiment"]), $"{f}: empty experiment");
                foreach (var c in new[] { "value", "err_minus", "err_plus", "lo", "hi", "q_GeV" })
                    if (d[c].Length > 0) Assert.True(double.IsFinite(Num(d[c])), $"{f}: {c} '{d[c]}'");
                Assert.True(d["value"].Length > 0 || d["lo"].Length > 0 || d["hi"].Length > 0, $"{f}: row '{d["experiment"]}' has no number");
                if (d["lo"].Length > 0 && d["hi"].Length > 0) Assert.True(Num(d["lo"]) < Num(d["hi"]), $"{f}: lo ≥ hi for {d["experiment"]}");
                rows++;
            }
        }
        Assert.True(rows >= 40, $"only {rows} literature rows");
    }

    [Fact]
    public void LinkXuKnownBounds_AreTableIII()
    {
        var csv = Csv(ReadResource("data/literature/nsi_known_bounds.csv"));
        var ee = csv.Single(r => r[1] == "epsL_ee");
        Assert.Equal(-0.021, Num(ee[6]));
        Assert.Equal(0.052, Num(ee[7]));
        Assert.Equal(6, csv.Count - 1);
    }

    // ---------------- collaborations' counts moved out of the code ----------------

    [Fact]
    public void QuotedSolarCounts_AreReadFromTheDataFolder()
    {
        Assert.Equal(38.1, DataSets.Lz2022.QuotedSolarEvents);   // LZ WS2022 fit (PROVENANCE of data/experiments/lz-2022)
        Assert.Equal(2.3, DataSets.Lz2022.QuotedSolarError);
        Assert.Equal((1.0, 210.0), DataSets.Xenon1T2020.QuotedWindowKeV);
        Assert.True(double.IsNaN(DataSets.XenonNT2022.QuotedSolarError)); // no uncertainty quoted
        foreach (var folder in new[] { "lz-2022", "lz-2024", "xenon1t-2020", "pandax4t-2024", "xenonnt-2022" })
            Assert.Contains("solar_nu_quoted.csv", File.ReadAllText(Path.Combine(RepoRoot(), "data", "experiments", folder, "PROVENANCE.md")), StringComparison.Ordinal);
    }
}
