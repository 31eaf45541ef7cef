using System.CommandLine;
using System.Globalization;
using NuXe.Analyses;
using NuXe.Analyses.Framework;

namespace NuXe.Cli.Commands;

/// <summary>`nuxe reproduce STUDY [--out DIR] [--only PART]` and `nuxe reproduce --list`.</summary>
public static class ReproduceCommand
{
    public static Command Create(CliIO io)
    {
        var study = new Argument<string?>("study") { Description = "Study to reproduce (see --list).", Arity = ArgumentArity.ZeroOrOne };
        var outDir = new Option<string?>("--out") { Description = "Output folder (default ./nuxe-out/<study>)." };
        var only = new Option<string?>("--only") { Description = "Run one part of the study (e.g. sin2w)." };
        var list = new Option<bool>("--list") { Description = "List the studies and their parts." };
        var toys = new Option<int?>("--toys") { Description = "Toys per grid value of the toy-based limits (Feldman–Cousins, CLs; coloma2014 mm, shivasankar2022 em); default: a small number that keeps the run short." };
        var cmd = new Command("reproduce", "Reproduce a published study: every table and figure equivalent, report.md, results.json, manifest.json.")
        { study, outDir, only, list, toys };
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            var registry = Studies.Registry();
            if (p.GetValue(list))
            {
                foreach (var s in registry.Studies)
                {
                    io.Out.WriteLine($"{s.Name}  {s.Title}");
                    foreach (var q in s.Parts) io.Out.WriteLine($"  {q.Name,-12}{q.Description}");
                }
                return 0;
            }
            string name = p.GetValue(study) ?? throw new NuXeInputException("study", "(missing)", "give a study name: " + string.Join(", ", registry.Studies.Select(s => s.Name)) + " (or --list)");
            if (!registry.TryFind(name, out var found))
                throw new NuXeInputException("study", name, "unknown study; allowed: " + string.Join(", ", registry.Studies.Select(s => s.Name)));
            string dir = p.GetValue(outDir) ?? Path.Combine("nuxe-out", found.Name);
            string? part = p.GetValue(only);
            if (part is not null && !found.Parts.Any(q => string.Equals(q.Name, part, StringComparison.OrdinalIgnoreCase)))
                throw new NuXeInputException("--only", part, $"unknown part of {found.Name}; allowed: " + string.Join(", ", found.Parts.Select(q => q.Name)));
            int? nToys = p.GetValue(toys);
            if (nToys is < 10) throw new NuXeInputException("--toys", nToys.Value.ToString(CultureInfo.InvariantCulture), "must be ≥ 10");
            var result = ProgressDisplay.Run(io.Err, sink => StudyRunner.Run(found, dir, part, sink, commandLine: "nuxe " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), toys: nToys));
            io.Out.WriteLine($"{found.Name}: {found.Title}");
            foreach (var q in found.Parts.Select(q => q.Name).Append("total"))
                if (result.TimingsSeconds.TryGetValue(q, out var secs)) io.Out.WriteLine($"  {q,-16}{secs.ToString("F2", CultureInfo.InvariantCulture)} s");
            io.Out.WriteLine($"  {result.Results.Count} results in {Path.Combine(dir, StudyRunner.ResultsFile)}; report {Path.Combine(dir, StudyRunner.ReportFile)}");
            int shown = 0;
            foreach (var (k, v) in result.Results)
            {
                if (shown++ >= 24) { io.Out.WriteLine($"  … ({result.Results.Count - 24} more)"); break; }
                io.Out.WriteLine($"  {k,-54}{v.ToString("G6", CultureInfo.InvariantCulture)}");
            }
            return 0;
        }));
        return cmd;
    }
}
