using System.CommandLine;
using System.Globalization;
using NuXe.Analyses;
using NuXe.Analyses.Framework;

namespace NuXe.Cli.Commands;

/// <summary>
/// `nuxe validate [--out DIR] [--from OUTPUT_ROOT] [--study NAME]… [--quick]`: every published number of the papers
/// beside ours; prints the summary and writes validation.md + validation.csv.
/// </summary>
public static class ValidateCommand
{
    public static Command Create(CliIO io)
    {
        var outDir = new Option<string?>("--out")
        { Description = "Output folder for validation.md and validation.csv, and (when running) the studies' folders <out>/<study> (default ./nuxe-out, or the --from folder)." };
        var from = new Option<string?>("--from")
        { Description = "Read an existing output root (one <study>/results.json per study, as `nuxe reproduce --out <root>/<study>` writes) instead of running the studies." };
        var studies = new Option<string[]>("--study")
        { Description = "Validate only this study (repeatable; default: all).", AllowMultipleArgumentsPerToken = true };
        var quick = new Option<bool>("--quick")
        { Description = "Run only the parts that take seconds; published numbers of the other parts are reported as missing." };
        var cmd = new Command("validate", "Compare every published number of the reproduced papers with ours: within / explained / unexplained / missing, per study and overall.")
        { outDir, from, studies, quick };
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            var registry = Studies.Registry();
            var names = p.GetValue(studies) ?? [];
            var selected = new List<IStudy>();
            foreach (var n in names)
            {
                if (!registry.TryFind(n, out var s))
                    throw new NuXeInputException("--study", n, "unknown study; allowed: " + string.Join(", ", registry.Studies.Select(q => q.Name)));
                if (!selected.Contains(s)) selected.Add(s);
            }
            if (selected.Count == 0) selected.AddRange(registry.Studies);
            string? root = p.GetValue(from);
            if (root is not null && p.GetValue(quick))
                throw new NuXeInputException("--quick", "true", "--quick runs studies; it cannot be combined with --from");
            if (root is not null && !Directory.Exists(root))
                throw new NuXeInputException("--from", root, "an existing output root with <study>/results.json");
            string dir = p.GetValue(outDir) ?? root ?? "nuxe-out";

            ValidationReport report = root is not null
                ? Validator.FromOutputRoot(selected, root)
                : Validator.Run(selected, dir, p.GetValue(quick), (study, studyDir, parts) =>
                    ProgressDisplay.Run(io.Err, sink => StudyRunner.Run(Validator.Only(study, parts), studyDir, progress: sink,
                        commandLine: "nuxe " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)))));
            var (csv, md) = Validator.Write(report, dir);

            io.Out.WriteLine($"{"study",-18}{"published",10}{"within",8}{"explained",11}{"unexplained",13}{"missing",9}");
            foreach (var (study, c) in report.PerStudy) Line(study, c);
            Line("all", report.Overall);
            var unexplained = report.Unexplained;
            if (unexplained.Count > 0)
            {
                io.Out.WriteLine($"unexplained ({unexplained.Count}):");
                foreach (var r in unexplained)
                    io.Out.WriteLine($"  {r.Study} {r.Key}: published {G(r.Published)}, ours {G(r.Ours)}, rel. diff. " +
                                     (r.RelativeDifference is { } d ? (100 * d).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %" : "n/a"));
            }
            io.Out.WriteLine($"wrote {md} and {csv}");
            return 0;

            void Line(string name, ValidationCounts c) =>
                io.Out.WriteLine($"{name,-18}{c.Total,10}{c.Within,8}{c.Explained,11}{c.Unexplained,13}{c.Missing,9}");
        }));
        return cmd;
    }

    static string G(double? v) => v is { } x ? x.ToString("G4", CultureInfo.InvariantCulture) : "—";
}
