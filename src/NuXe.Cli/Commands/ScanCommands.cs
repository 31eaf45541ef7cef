using System.CommandLine;
using NuXe.Presets;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NuXe.Analyses.Common;
using NuXe.Output;
using NuXe.Statistics;

namespace NuXe.Cli.Commands;

/// <summary>
/// `nuxe scan` (N-D profiled grids: chunked, resumable, sharded, Slurm array jobs), `nuxe scan status`, `nuxe merge` and
/// `nuxe toys` (Feldman–Cousins, CL_s, toy-calibrated limits, Wilks coverage). docs/scans.md.
/// </summary>
public static class ScanCommands
{
    /// <summary>Options that only say where/how a job runs, not what it computes (dropped from the job's signature and from shard command lines).</summary>
    static readonly HashSet<string> PlacementOptions = ["--shard", "--out", "--threads", "--slurm", "--tasks", "--partition", "--time", "--mem",
        "--cpus-per-task", "--nuxe-command", "--account"];
    static readonly HashSet<string> PlacementFlags = ["--submit", "--json", "--quiet", "--restart"];

    /// <summary>The job-defining arguments of the current command line (placement options removed).</summary>
    internal static string[] JobArgs(IReadOnlyList<string> args)
    {
        var list = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string name = a.Contains('=') && a.StartsWith("--", StringComparison.Ordinal) ? a[..a.IndexOf('=')] : a;
            if (PlacementOptions.Contains(name)) { if (!a.Contains('=')) i++; continue; }
            if (PlacementFlags.Contains(name)) continue;
            list.Add(a);
        }
        return list.ToArray();
    }

    static string Hash(params string[] parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u0001", parts)));
        return Convert.ToHexString(bytes)[..24].ToLowerInvariant();
    }

    static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    static Shard ParseShard(string? s)
    {
        if (s is null) return Shard.Whole;
        try { return Shard.Parse(s); } catch (FormatException e) { throw new NuXeInputException("--shard", s, e.Message); }
    }

    static int? ParseThreads(int? t) => t is null ? null : t is >= 1 and <= 1024 ? t : throw new NuXeInputException("--threads", t.Value.ToString(CultureInfo.InvariantCulture), "must be between 1 and 1024");

    // ------------------------------------------------------------------ scan
    public static Command Scan(CliIO io)
    {
        var c = AnalysisCommands.Common.Create();
        var param = new Option<string[]>("--param") { Description = "Scanned parameter NAME=lo:hi:n[:log] (repeatable; the first varies slowest). Other parameters are profiled.", Required = true };
        var fix = new Option<string[]>("--fix") { Description = "Hold a non-scanned parameter at its true value instead of profiling it (repeatable)." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)." };
        var shard = new Option<string?>("--shard") { Description = "Compute only shard k/N of the grid (chunk i belongs to shard i mod N + 1)." };
        var chunk = new Option<int>("--chunk-points") { Description = "Grid points per chunk/checkpoint (0: automatic).", DefaultValueFactory = _ => 0 };
        var slurm = new Option<string?>("--slurm") { Description = "Write DIR/array.sbatch (one array task per shard) and DIR/merge.sbatch instead of computing." };
        var tasks = new Option<int>("--tasks") { Description = "Slurm: number of array tasks (shards).", DefaultValueFactory = _ => 8 };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition." };
        var time = new Option<string?>("--time") { Description = "Slurm time limit per task (e.g. 01:00:00)." };
        var mem = new Option<string?>("--mem") { Description = "Slurm memory per task (e.g. 2G)." };
        var cpus = new Option<int>("--cpus-per-task") { Description = "Slurm CPUs per task (= threads of each shard).", DefaultValueFactory = _ => 1 };
        var nuxeCmd = new Option<string?>("--nuxe-command") { Description = "How the compute nodes start nuxe (default: the absolute path of this binary, or 'dotnet <abs>/nuxe.dll')." };
        var submit = new Option<bool>("--submit") { Description = "Slurm: submit both scripts with sbatch (merge with --dependency=afterok) and print the job ids." };
        var restart = new Option<bool>("--restart") { Description = "Discard the chunks of an earlier (or different) scan in --out instead of resuming it." };
        var toys = new Option<int>("--toys") { Description = "Toys at every grid point: Feldman–Cousins critical value and Wilks coverage per point in scan_toys.csv (0: none).", DefaultValueFactory = _ => 0 };
        var toyCl = new Option<double>("--toy-cl") { Description = "Confidence level of the per-point critical values.", DefaultValueFactory = _ => 0.90 };
        var seed = new Option<int>("--seed") { Description = "Seed of the toys.", DefaultValueFactory = _ => 20260 };
        var cmd = new Command("scan", "N-D profiled Δχ² grid written in resumable chunks (scan.csv, scan.parquet); sharding and Slurm array jobs.");
        foreach (var s in c.Symbols.Where(s => s != c.Out).Concat([c.Out, param, fix, threads, shard, chunk, restart, toys, toyCl, seed, slurm, tasks, partition, time, mem, cpus, nuxeCmd, submit]))
            AnalysisCommands.Add(cmd, s);
        cmd.Subcommands.Add(Status(io));
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            var axes = (p.GetValue(param) ?? []).Select(t =>
            {
                try { return GridAxis.Parse(t); } catch (FormatException e) { throw new NuXeInputException("--param", t, e.Message); }
            }).ToArray();
            if (axes.Length == 0) throw new NuXeInputException("--param", "(missing)", "give at least one NAME=lo:hi:n[:log]");
            double totalPoints = axes.Aggregate(1.0, (t, a) => t * a.Points);
            if (totalPoints > InputLimits.MaxScanPoints)
                throw new NuXeInputException("--param", string.Join(" ", p.GetValue(param) ?? []), FormattableString.Invariant($"the grid has {totalPoints:G4} points; at most {InputLimits.MaxScanPoints:G} (time and the merged scan.csv grow with the points)"));
            if (p.GetValue(toys) > InputLimits.MaxToys) throw new NuXeInputException("--toys", p.GetValue(toys).ToString(CultureInfo.InvariantCulture), FormattableString.Invariant($"must be 0 (none) or between 10 and {InputLimits.MaxToys}"));
            if (p.GetValue(c.Out) is { } outCheck) AtomicOutputFolder.CheckTarget(outCheck);
            var jobArgs = JobArgs(CliApp.CurrentArgs).Skip(1).ToArray(); // without "scan"
            if (p.GetValue(slurm) is { } slurmDir)
            {
                int n = p.GetValue(tasks);
                if (n < 1) throw new NuXeInputException("--tasks", n.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
                int cpt = p.GetValue(cpus);
                if (cpt < 1) throw new NuXeInputException("--cpus-per-task", cpt.ToString(CultureInfo.InvariantCulture), "must be ≥ 1");
                var sl = new SlurmJob(Path.GetFullPath(slurmDir), n, p.GetValue(partition), p.GetValue(time), p.GetValue(mem), cpt,
                    p.GetValue(nuxeCmd) ?? SlurmJob.DefaultNuxeCommand(), jobArgs);
                sl.Write();
                io.Out.WriteLine($"wrote {Path.Combine(sl.Dir, "array.sbatch")} ({n} array tasks) and {Path.Combine(sl.Dir, "merge.sbatch")}; nuxe = {sl.NuxeCommand}");
                if (p.GetValue(submit))
                {
                    var (array, merge) = sl.Submit();
                    io.Out.WriteLine($"submitted array job {array} and merge job {merge} (afterok:{array}); result in {Path.Combine(sl.Dir, "result")}");
                }
                else io.Out.WriteLine($"submit: sbatch {Path.Combine(sl.Dir, "array.sbatch")}, then sbatch --dependency=afterok:<id> {Path.Combine(sl.Dir, "merge.sbatch")} (or rerun with --submit)");
                return 0;
            }
            var sh = ParseShard(p.GetValue(shard));
            int? th = ParseThreads(p.GetValue(threads));
            int chunkPoints = p.GetValue(chunk);
            if (chunkPoints < 0) throw new NuXeInputException("--chunk-points", chunkPoints.ToString(CultureInfo.InvariantCulture), "must be ≥ 0");
            var spec = c.Spec(p, axes.Select(a => new ScanAxis(a.Parameter, a.Lower, a.Upper, a.Points, a.Log)).ToArray(), [ChiSquareThresholds.OneSigmaCl], axes.Length);
            var session = SessionGroup.Create(spec, spec.Experiments[0]);
            foreach (var f in p.GetValue(fix) ?? [])
                if (!session.Model.ParameterNames.Contains(f)) throw new NuXeInputException("--fix", f, $"not a parameter of model '{spec.Model}'; allowed: {string.Join(", ", session.Model.ParameterNames)}");
            string dir = p.GetValue(c.Out) ?? Path.Combine("nuxe-out", "scan");
            var sw = Stopwatch.StartNew();
            int nToys = p.GetValue(toys);
            if (nToys is < 0 or (> 0 and < 10)) throw new NuXeInputException("--toys", nToys.ToString(CultureInfo.InvariantCulture), "must be 0 (none) or ≥ 10");
            double tcl = p.GetValue(toyCl);
            if (!(tcl > 0 && tcl < 1)) throw new NuXeInputException("--toy-cl", tcl.ToString(CultureInfo.InvariantCulture), "must be between 0 and 1");
            if (nToys > 0 && !session.IsSingle) throw new NuXeInputException("--toys", nToys.ToString(CultureInfo.InvariantCulture), "toys need one experiment, not a combination");
            var model = session.Sessions[0].Linear; var kind = session.Analysis.Statistic; var sigmas = session.Sessions[0].Data.Sigmas;
            var toyOptions = nToys == 0 ? null : new GridToyOptions(nToys, p.GetValue(seed), tcl, (theta, s, i) => new ChiSquareCost(model,
                sigmas is null ? ModelToys.Poisson(model, theta, s, i) : Toys.Gaussian(Asimov.Create(model, theta, "toy", null, sigmas), Toys.DeriveSeed(s, i)), kind));
            var scanner = new GridScanner(session.Cost, axes, session.Truth, new GridScanOptions(p.GetValue(fix), null, chunkPoints, th, toyOptions));
            var plan = GridPlan.Create(axes, chunkPoints, sh.Count);
            var job = new ScanJob(Hash([.. jobArgs, session.ResolvedToml, plan.ChunkPoints.ToString(CultureInfo.InvariantCulture), sh.Count.ToString(CultureInfo.InvariantCulture)]),
                jobArgs, axes, scanner.ProfiledParameters, sh, plan, scanner.ReferenceFit.Chi2Min, scanner.ReferenceFit.ParameterNames, scanner.ReferenceFit.Values,
                toyOptions?.Cl);
            if (p.GetValue(restart)) ScanFolder.Clear(dir);
            var done = ScanFolder.Prepare(dir, job);
            ScanFolder.WriteAtomic(Path.Combine(dir, "preset.resolved.toml"), Encoding.UTF8.GetBytes(session.ResolvedToml));
            long owned = GridScanner.OwnedChunks(plan, sh).LongCount();
            long finished = done.Count;
            bool quiet = p.GetValue(c.Json);
            if (!quiet) io.Err.WriteLine($"scan: {plan.PointCount} points in {plan.ChunkCount} chunks of {plan.ChunkPoints}; shard {sh} owns {owned} chunks, {finished} already done; threads {th ?? Environment.ProcessorCount}");
            using var cts = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                ProgressDisplay.Run(io.Err, sink =>
                {
                    scanner.Run(plan, sh, done.Contains, ch =>
                    {
                        ScanFolder.WriteChunk(dir, job, ch);
                        long f = Interlocked.Increment(ref finished);
                        if (!quiet) sink.Report("scan", f / (double)Math.Max(owned, 1), $"{f}/{owned} chunks");
                    }, cts.Token);
                    return 0;
                });
            }
            finally { Console.CancelKeyPress -= onCancel; }
            if (cts.IsCancellationRequested)
            {
                io.Err.WriteLine($"scan interrupted after {finished}/{owned} chunks; rerun the same command to resume");
                return 130;
            }
            if (sh.Count > 1)
            {
                io.Out.WriteLine($"shard {sh}: {owned} chunks done in {dir} ({sw.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s); join the shards with: nuxe merge <shard folders> --out DIR");
                return 0;
            }
            var summary = ScanFolder.Finalize([dir], dir);
            PrintSummary(io, summary, axes, scanner.ProfiledParameters, sw.Elapsed.TotalSeconds, p.GetValue(c.Json));
            if (toyOptions is not null && !p.GetValue(c.Json))
                io.Out.WriteLine($"  {nToys} toys per point: Feldman–Cousins critical values and Wilks coverage in {Path.Combine(dir, "scan_toys.csv")}");
            return 0;
        }));
        return cmd;
    }

    static void PrintSummary(CliIO io, ScanSummary s, IReadOnlyList<GridAxis> axes, IReadOnlyList<string> profiled, double secs, bool json)
    {
        if (json)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("points", s.Points); w.WriteNumber("chi2_min", s.Chi2Min);
                w.WriteStartObject("best_point"); for (int a = 0; a < axes.Count; a++) w.WriteNumber(axes[a].Parameter, s.BestPoint[a]); w.WriteEndObject();
                w.WriteStartArray("profiled"); foreach (var q in profiled) w.WriteStringValue(q); w.WriteEndArray();
                w.WriteNumber("non_converged", s.NonConverged); w.WriteNumber("non_finite", s.NonFinite);
                w.WriteString("csv", Path.GetFileName(s.CsvPath)); w.WriteString("parquet", Path.GetFileName(s.ParquetPath));
                w.WriteEndObject();
            }
            io.Out.WriteLine(Encoding.UTF8.GetString(ms.ToArray()));
            return;
        }
        io.Out.WriteLine($"scan of {string.Join(" × ", axes.Select(a => $"{a.Parameter}[{a.Points}]"))} = {s.Points} points, profiled: {(profiled.Count == 0 ? "none" : string.Join(", ", profiled))}");
        io.Out.WriteLine($"  χ²_min = {G(s.Chi2Min)} at ({string.Join(", ", s.BestPoint.Select(G))}) ({(s.MinimumOnGrid ? "grid point" : "global fit, off the grid")}); {s.NonConverged} points not converged, {s.NonFinite} non-finite");
        io.Out.WriteLine($"  wrote {s.CsvPath} and {s.ParquetPath} in {secs.ToString("F2", CultureInfo.InvariantCulture)} s");
    }

    // ------------------------------------------------------------------ scan status
    static Command Status(CliIO io)
    {
        var dir = new Argument<string>("dir") { Description = "A --slurm folder (or one scan/shard folder)." };
        var noResubmit = new Option<bool>("--no-resubmit") { Description = "Only report; do not resubmit missing shards." };
        var cmd = new Command("status", "Report shards done/missing of a sharded scan and resubmit the missing ones (Slurm).") { dir, noResubmit };
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            string d = p.GetValue(dir)!;
            if (!File.Exists(Path.Combine(d, SlurmJob.File)))
            {
                var st = ScanFolder.State(d);
                io.Out.WriteLine($"{d}: shard {st.Shard}, {st.ChunksDone}/{st.ChunksOwned} chunks done{(st.ChunksDone == st.ChunksOwned ? " (complete)" : "")}");
                return 0;
            }
            var sl = SlurmJob.Read(d);
            var missing = new List<int>();
            for (int k = 1; k <= sl.Tasks; k++)
            {
                string sd = sl.ShardDir(k);
                if (!File.Exists(Path.Combine(sd, ScanFolder.JobFile))) { io.Out.WriteLine($"  shard {k}/{sl.Tasks}: missing (not started)"); missing.Add(k); continue; }
                var st = ScanFolder.State(sd);
                bool ok = st.ChunksDone == st.ChunksOwned;
                io.Out.WriteLine($"  shard {k}/{sl.Tasks}: {(ok ? "done" : "missing")} ({st.ChunksDone}/{st.ChunksOwned} chunks)");
                if (!ok) missing.Add(k);
            }
            bool merged = File.Exists(Path.Combine(sl.ResultDir, "scan.csv"));
            io.Out.WriteLine($"{d}: {sl.Tasks - missing.Count}/{sl.Tasks} shards done, {missing.Count} missing; merged result: {(merged ? Path.Combine(sl.ResultDir, "scan.csv") : "not yet")}");
            if (missing.Count == 0 || p.GetValue(noResubmit)) return 0;
            var queued = sl.QueuedTasks();
            var resubmit = missing.Where(k => !queued.Contains(k)).ToArray();
            if (resubmit.Length == 0) { io.Out.WriteLine($"  all missing shards are still queued or running ({string.Join(",", queued)})"); return 0; }
            var (array, merge) = sl.Resubmit(resubmit, queued.Count > 0);
            io.Out.WriteLine($"resubmitted shard(s) {string.Join(",", resubmit)} as array job {array}; new merge job {merge}");
            return 0;
        }));
        return cmd;
    }

    // ------------------------------------------------------------------ merge
    public static Command Merge(CliIO io)
    {
        var dirs = new Argument<string[]>("dirs") { Description = "Shard folders of one scan or toy job (all shards 1…N).", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "Output folder of the merged result.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on stdout." };
        var cmd = new Command("merge", "Join the shards of a scan (scan.csv, scan.parquet) or of a toy job into the result one process would give.") { dirs, outDir, json };
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            var ds = p.GetValue(dirs)!;
            string o = p.GetValue(outDir)!;
            foreach (var d in ds) if (!Directory.Exists(d)) throw new NuXeInputException("dirs", d, "folder does not exist");
            var sw = Stopwatch.StartNew();
            if (ToyFolder.IsToyFolder(ds[0]))
            {
                var (job, sample) = ToyFolder.Read(ds);
                var (problem, _) = ToyProblemFromArgs(job.Command);
                var r = NeymanToys.Analyse(problem, sample, job.Cl);
                ToyFolder.Write(o, job, sample);
                ToyFolder.WriteResult(o, job, r);
                PrintToys(io, r, p.GetValue(json));
                return 0;
            }
            var job0 = ScanFolder.ReadJob(ds[0]);
            var summary = ScanFolder.Finalize(ds, o);
            File.Copy(Path.Combine(ds[0], ScanFolder.JobFile), Path.Combine(o, "shard-job.json"), overwrite: true);
            if (File.Exists(Path.Combine(ds[0], "preset.resolved.toml"))) File.Copy(Path.Combine(ds[0], "preset.resolved.toml"), Path.Combine(o, "preset.resolved.toml"), overwrite: true);
            PrintSummary(io, summary, job0.Axes, job0.Profiled, sw.Elapsed.TotalSeconds, p.GetValue(json));
            return 0;
        }));
        return cmd;
    }

    // ------------------------------------------------------------------ toys
    sealed record ToyOptionsSet(AnalysisCommands.Common C, Option<string> Param, Option<string?> Range, Option<int> Points, Option<int> Toys,
        Option<int> Seed, Option<double> Cl, Option<double?> Lower, Option<double?> SearchUpper)
    {
        public static ToyOptionsSet Create() => new(AnalysisCommands.Common.Create(singleExperiment: true),
            new Option<string>("--param") { Description = "Parameter of interest (bounded below, e.g. mu ≥ 0).", Required = true },
            new Option<string?>("--range") { Description = "Grid of the construction LO:HI (LO is the physical bound unless --lower).", Required = true },
            new Option<int>("--points") { Description = "Grid values of the construction.", DefaultValueFactory = _ => 16 },
            new Option<int>("--toys") { Description = "Toys per grid value (and background-only toys).", DefaultValueFactory = _ => 1000 },
            new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 20260 },
            new Option<double>("--cl") { Description = "Confidence level.", DefaultValueFactory = _ => 0.90 },
            new Option<double?>("--lower") { Description = "Physical lower bound of the parameter (default: LO of --range)." },
            new Option<double?>("--search-upper") { Description = "Upper end of the best-fit search (default: 4 × HI)." });

        public IEnumerable<Symbol> Symbols => C.Symbols.Concat([Param, Range, Points, Toys, Seed, Cl, Lower, SearchUpper]);
    }

    /// <summary>Builds the toy problem and grid from parsed options.</summary>
    static (ToyProblem Problem, double[] Values, ToyOptions Options, AnalysisSession Session) BuildToys(ToyOptionsSet o, ParseResult p)
    {
        string param = p.GetValue(o.Param)!;
        string range = p.GetValue(o.Range)!;
        var parts = range.Split(':');
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi) || !(lo < hi) || !double.IsFinite(lo) || !double.IsFinite(hi))
            throw new NuXeInputException("--range", range, "expected LO:HI with finite LO < HI");
        foreach (var x in new[] { lo, hi })
            if (InputLimits.CheckParameter(param, x) is { } allowed) throw new NuXeInputException("--range", range, $"{param} {allowed}");
        int k = p.GetValue(o.Points);
        if (k < 3 || k > 10_000) throw new NuXeInputException("--points", k.ToString(CultureInfo.InvariantCulture), "must be between 3 and 10000");
        int toys = p.GetValue(o.Toys);
        if (toys < 10 || toys > InputLimits.MaxToys) throw new NuXeInputException("--toys", toys.ToString(CultureInfo.InvariantCulture), FormattableString.Invariant($"must be between 10 and {InputLimits.MaxToys}"));
        double cl = p.GetValue(o.Cl);
        if (!(cl > 0.5 && cl < 1)) throw new NuXeInputException("--cl", cl.ToString(CultureInfo.InvariantCulture), "must be between 0.5 and 1");
        double lower = p.GetValue(o.Lower) ?? lo;
        if (lower > lo) throw new NuXeInputException("--lower", lower.ToString(CultureInfo.InvariantCulture), $"must be ≤ LO of --range ({lo})");
        double upper = p.GetValue(o.SearchUpper) ?? lo + 4 * (hi - lo);
        if (!(upper > hi)) throw new NuXeInputException("--search-upper", upper.ToString(CultureInfo.InvariantCulture), $"must exceed HI of --range ({hi})");
        var spec = o.C.Spec(p, [new ScanAxis(param, lo, hi, k)], [cl], 1);
        if (spec.Experiments[0].Contains(SessionGroup.Separator))
            throw new NuXeInputException("experiment", spec.Experiments[0], "toys need one experiment, not a combination");
        var session = AnalysisSession.Create(spec, spec.Experiments[0]);
        var problem = new ToyProblem(session.Linear, session.Analysis.Statistic, session.Data, param, session.Truth, lower, upper);
        return (problem, ProfileScan.Linear(lo, hi, k), new ToyOptions(toys, p.GetValue(o.Seed), cl), session);
    }

    static (ToyProblem, double[]) ToyProblemFromArgs(IReadOnlyList<string> args)
    {
        var o = ToyOptionsSet.Create();
        var cmd = new Command("toys");
        foreach (var s in o.Symbols) AnalysisCommands.Add(cmd, s);
        var root = new RootCommand { cmd };
        var pr = root.Parse(["toys", .. args]);
        if (pr.Errors.Count > 0) throw new ArgumentException("recorded toy command no longer parses: " + pr.Errors[0].Message);
        var (problem, values, _, _) = BuildToys(o, pr);
        return (problem, values);
    }

    public static Command ToysCommand(CliIO io)
    {
        var o = ToyOptionsSet.Create();
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)." };
        var shard = new Option<string?>("--shard") { Description = "Compute only toy shard k/N (toy i belongs to shard i mod N + 1); join with nuxe merge." };
        var cmd = new Command("toys", "Toy Monte Carlo for one bounded parameter: test-statistic distributions, Feldman–Cousins interval, CLs and toy-calibrated upper limits, Wilks coverage.");
        foreach (var s in o.Symbols.Concat([threads, shard])) AnalysisCommands.Add(cmd, s);
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            var (problem, values, options, session) = BuildToys(o, p);
            options = options with { Threads = ParseThreads(p.GetValue(threads)) };
            var sh = ParseShard(p.GetValue(shard));
            var jobArgs = JobArgs(CliApp.CurrentArgs).Skip(1).ToArray();
            var job = new ToyJob(Hash([.. jobArgs, session.Experiment.ResolvedToml]), jobArgs, problem.Parameter, values, options.Toys, options.Seed, options.Cl, sh);
            var sw = Stopwatch.StartNew();
            bool json = p.GetValue(o.C.Json);
            var sample = ProgressDisplay.Run(io.Err, sink => NeymanToys.Generate(problem, values, options, sh, f => { if (!json) sink.Report("toys", f, string.Create(CultureInfo.InvariantCulture, $"{f * 100:F0} %")); }));
            double secs = sw.Elapsed.TotalSeconds;
            string? dir = p.GetValue(o.C.Out);
            if (dir is not null)
            {
                ToyFolder.Write(dir, job, sample);
                ScanFolder.WriteAtomic(Path.Combine(dir, "preset.resolved.toml"), Encoding.UTF8.GetBytes(session.Experiment.ResolvedToml));
            }
            long fits = (long)options.Toys * (values.Length + 1) / sh.Count;
            if (sh.Count > 1)
            {
                io.Out.WriteLine($"toy shard {sh}: {fits} toy fits in {secs.ToString("F2", CultureInfo.InvariantCulture)} s{(dir is null ? " (no --out: nothing kept)" : $" in {dir}; join with nuxe merge")}");
                return 0;
            }
            var r = NeymanToys.Analyse(problem, sample, options.Cl);
            if (dir is not null) ToyFolder.WriteResult(dir, job, r);
            if (!json) io.Err.WriteLine($"toys: {fits} toy fits in {secs.ToString("F2", CultureInfo.InvariantCulture)} s ({(secs / fits * 1e6).ToString("F0", CultureInfo.InvariantCulture)} µs per fit, {options.Threads ?? Environment.ProcessorCount} threads)");
            PrintToys(io, r, json);
            return 0;
        }));
        return cmd;
    }

    static void PrintToys(CliIO io, ToyIntervalResult r, bool json)
    {
        if (json)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
            {
                void Num(string n, double v) { if (double.IsFinite(v)) w.WriteNumber(n, v); else w.WriteNull(n); }
                w.WriteStartObject();
                w.WriteString("parameter", r.Parameter); Num("cl", r.Cl); w.WriteNumber("toys_per_value", r.Toys); w.WriteNumber("seed", r.Seed);
                Num("wilks_threshold", r.WilksThreshold); Num("wilks_upper", r.WilksUpperLimit);
                Num("fc_lower", r.FeldmanCousins.Lower); Num("fc_upper", r.FeldmanCousins.Upper);
                Num("neyman_upper", r.NeymanUpperLimit); Num("cls_upper", r.ClsUpperLimit); Num("wilks_coverage_at_lower", r.WilksCoverageAtLower);
                w.WriteEndObject();
            }
            io.Out.WriteLine(Encoding.UTF8.GetString(ms.ToArray()));
            return;
        }
        string pct = (r.Cl * 100).ToString("G4", CultureInfo.InvariantCulture);
        io.Out.WriteLine($"{r.Parameter}: {r.Points.Count} grid values × {r.Toys} toys (seed {r.Seed}), CL {pct} %");
        io.Out.WriteLine($"{"value",14}{"t_obs",10}{"t_crit",10}{"q_crit",10}{"CLs",10}{"Wilks cov.",12}{"P(t=0)",10}");
        foreach (var q in r.Points)
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{G(q.Value),14}{q.ObservedT,10:F3}{q.CriticalT,10:F3}{q.CriticalQ,10:F3}{q.Cls,10:F4}{q.WilksCoverage,12:F4}{q.FractionAtZero,10:F3}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Wilks (Δχ² = {r.WilksThreshold:F3}) upper limit   {G(r.WilksUpperLimit)}"));
        io.Out.WriteLine($"  Feldman–Cousins interval          [{G(r.FeldmanCousins.Lower)}, {G(r.FeldmanCousins.Upper)}]{(r.FeldmanCousins.UpperAtGridEdge ? " (upper end at the grid edge: widen --range)" : "")}");
        io.Out.WriteLine($"  toy-calibrated one-sided limit    {G(r.NeymanUpperLimit)}");
        io.Out.WriteLine($"  CLs upper limit                   {G(r.ClsUpperLimit)}");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Wilks coverage at the bound       {r.WilksCoverageAtLower:F4} (Chernoff ½χ²₀+½χ²₁: {0.5 + 0.5 * r.Cl:F4})"));
    }

    /// <summary>`profile --toys N`: the toy construction on a coarse grid over the profile range (lower end = physical bound).</summary>
    internal static ToyIntervalResult ProfileToys(AnalysisSession session, string parameter, double lo, double hi, int toys, int points, double cl, int seed)
    {
        var problem = new ToyProblem(session.Linear, session.Analysis.Statistic, session.Data, parameter, session.Truth, lo, lo + 4 * (hi - lo));
        var values = ProfileScan.Linear(lo, hi, points);
        var sample = NeymanToys.Generate(problem, values, new ToyOptions(toys, seed, cl), Shard.Whole);
        return NeymanToys.Analyse(problem, sample, cl);
    }

    internal static void PrintProfileToys(CliIO io, ToyIntervalResult r) => PrintToys(io, r, false);
}

/// <summary>A Slurm array job of a sharded scan: DIR/array.sbatch, DIR/merge.sbatch, DIR/slurm.json, DIR/shards/shard-K, DIR/result.</summary>
internal sealed record SlurmJob(string Dir, int Tasks, string? Partition, string? Time, string? Mem, int CpusPerTask, string NuxeCommand, IReadOnlyList<string> ScanArgs,
    string? ArrayJobId = null, string? MergeJobId = null)
{
    public const string File = "slurm.json";

    public string ShardDir(int k) => Path.Combine(Dir, "shards", $"shard-{k}");
    public string ResultDir => Path.Combine(Dir, "result");

    /// <summary>The absolute command that starts this nuxe: the apphost if running as `nuxe`, else `dotnet …/nuxe.dll`.</summary>
    public static string DefaultNuxeCommand()
    {
        string? process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "nuxe") return Quote(Path.GetFullPath(process));
        string dll = Path.Combine(AppContext.BaseDirectory, "nuxe.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet");
        return $"{Quote(dotnet)} {Quote(Path.GetFullPath(dll))}";
    }

    static string Quote(string s) => s.Length > 0 && s.All(ch => char.IsLetterOrDigit(ch) || "/._-+=:,@%".Contains(ch)) ? s : "'" + s.Replace("'", "'\\''") + "'";

    string Header(string name, string output, int cpus)
    {
        var sb = new StringBuilder("#!/bin/bash\n");
        sb.Append($"#SBATCH --job-name={name}\n#SBATCH --output={output}\n#SBATCH --cpus-per-task={cpus}\n#SBATCH --ntasks=1\n");
        if (Partition is not null) sb.Append($"#SBATCH --partition={Partition}\n");
        if (Time is not null) sb.Append($"#SBATCH --time={Time}\n");
        if (Mem is not null) sb.Append($"#SBATCH --mem={Mem}\n");
        return sb.ToString();
    }

    public void Write()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "shards"));
        Directory.CreateDirectory(Path.Combine(Dir, "logs"));
        string args = string.Join(' ', ScanArgs.Select(Quote));
        var array = new StringBuilder(Header("nuxe-scan", Path.Combine(Dir, "logs", "shard-%a.out"), CpusPerTask));
        array.Append($"#SBATCH --array=1-{Tasks}\n");
        array.Append("# Written by `nuxe scan … --slurm`: one array task per shard; rerunning a task resumes its finished chunks.\n");
        array.Append("set -euo pipefail\n");
        array.Append($"exec {NuxeCommand} scan {args} --shard \"${{SLURM_ARRAY_TASK_ID}}/{Tasks}\" --threads \"${{SLURM_CPUS_PER_TASK:-{CpusPerTask}}}\" --out \"{Path.Combine(Dir, "shards")}/shard-${{SLURM_ARRAY_TASK_ID}}\"\n");
        var merge = new StringBuilder(Header("nuxe-merge", Path.Combine(Dir, "logs", "merge.out"), 1));
        merge.Append("# Submit with: sbatch --dependency=afterok:<array job id> merge.sbatch (nuxe scan --submit does this).\n");
        merge.Append("set -euo pipefail\n");
        merge.Append($"exec {NuxeCommand} merge {string.Join(' ', Enumerable.Range(1, Tasks).Select(k => Quote(ShardDir(k))))} --out {Quote(ResultDir)}\n");
        ScanFolder.WriteAtomic(Path.Combine(Dir, "array.sbatch"), Encoding.UTF8.GetBytes(array.ToString()));
        ScanFolder.WriteAtomic(Path.Combine(Dir, "merge.sbatch"), Encoding.UTF8.GetBytes(merge.ToString()));
        Save();
    }

    void Save()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("tasks", Tasks); w.WriteNumber("cpus_per_task", CpusPerTask);
            if (Partition is not null) w.WriteString("partition", Partition);
            if (Time is not null) w.WriteString("time", Time);
            if (Mem is not null) w.WriteString("mem", Mem);
            w.WriteString("nuxe_command", NuxeCommand);
            w.WriteStartArray("scan_args"); foreach (var a in ScanArgs) w.WriteStringValue(a); w.WriteEndArray();
            if (ArrayJobId is not null) w.WriteString("array_job_id", ArrayJobId);
            if (MergeJobId is not null) w.WriteString("merge_job_id", MergeJobId);
            w.WriteEndObject();
        }
        ScanFolder.WriteAtomic(Path.Combine(Dir, File), ms.ToArray());
    }

    public static SlurmJob Read(string dir)
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(dir, File)));
        var r = doc.RootElement;
        string? S(string n) => r.TryGetProperty(n, out var v) ? v.GetString() : null;
        return new SlurmJob(Path.GetFullPath(dir), r.GetProperty("tasks").GetInt32(), S("partition"), S("time"), S("mem"), r.GetProperty("cpus_per_task").GetInt32(),
            r.GetProperty("nuxe_command").GetString()!, r.GetProperty("scan_args").EnumerateArray().Select(e => e.GetString()!).ToArray(), S("array_job_id"), S("merge_job_id"));
    }

    static string Run(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process proc;
        try { proc = Process.Start(psi) ?? throw new InvalidOperationException(); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        { throw new NuXeInputException("--submit", exe, $"cannot run {exe} (is Slurm installed and on PATH?)"); }
        string o = proc.StandardOutput.ReadToEnd(), err = proc.StandardError.ReadToEnd();
        proc.WaitForExit();
        if (proc.ExitCode != 0) throw new NuXeInputException("--submit", $"{exe} {string.Join(' ', args)}", $"failed (exit {proc.ExitCode}): {err.Trim().Split('\n')[0]}");
        return o.Trim();
    }

    static string JobId(string parsable) => parsable.Split(';')[0].Trim();

    public (string Array, string Merge) Submit()
    {
        string a = JobId(Run("sbatch", "--parsable", Path.Combine(Dir, "array.sbatch")));
        string m = JobId(Run("sbatch", "--parsable", $"--dependency=afterok:{a}", Path.Combine(Dir, "merge.sbatch")));
        (this with { ArrayJobId = a, MergeJobId = m }).Save();
        return (a, m);
    }

    /// <summary>Array task ids of this job still pending or running (empty without squeue or job id).</summary>
    public HashSet<int> QueuedTasks()
    {
        var set = new HashSet<int>();
        if (ArrayJobId is null) return set;
        string o;
        try { o = Run("squeue", "-h", "-r", "-j", ArrayJobId, "-o", "%K"); }
        catch (NuXeInputException) { return set; }
        foreach (var line in o.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (int.TryParse(line.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int k)) set.Add(k);
        return set;
    }

    /// <summary>Resubmits the given array tasks and a new merge job (the old merge, whose afterok can no longer be met, is cancelled).</summary>
    public (string Array, string Merge) Resubmit(IReadOnlyList<int> tasks, bool oldStillQueued)
    {
        if (MergeJobId is not null) { try { Run("scancel", MergeJobId); } catch (NuXeInputException) { } }
        string a = JobId(Run("sbatch", "--parsable", $"--array={string.Join(',', tasks)}", Path.Combine(Dir, "array.sbatch")));
        string dep = oldStillQueued && ArrayJobId is not null ? $"afterok:{a},afterany:{ArrayJobId}" : $"afterok:{a}";
        string m = JobId(Run("sbatch", "--parsable", $"--dependency={dep}", Path.Combine(Dir, "merge.sbatch")));
        (this with { ArrayJobId = a, MergeJobId = m }).Save();
        return (a, m);
    }
}
