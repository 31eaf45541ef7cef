using System.Globalization;
using System.Text;
using System.Text.Json;
using NuXe.Output;
using NuXe.Statistics;
using Parquet;
using Parquet.Schema;

namespace NuXe.Analyses.Common;

/// <summary>What identifies a scan job (every shard and every rerun of the same job carries the same values).</summary>
/// <param name="Signature">Hash of everything that determines the numbers (resolved preset, model, axes, options); shards and reruns must agree.</param>
/// <param name="Command">The command line arguments that define the job (without --shard/--out/--threads).</param>
/// <param name="Axes">Scanned axes in the order given.</param>
/// <param name="Profiled">Profiled (minimised) non-scanned parameters.</param>
/// <param name="Shard">This shard.</param>
/// <param name="Plan">Grid plan (chunk size from the grid size and shard count).</param>
/// <param name="Chi2Reference">χ² of the global best fit.</param>
/// <param name="BestFitNames">Parameter names of the best fit.</param>
/// <param name="BestFitValues">Best-fit values.</param>
/// <param name="ToyCl">CL of the per-point toy critical values (null: no toys).</param>
public sealed record ScanJob(string Signature, IReadOnlyList<string> Command, IReadOnlyList<GridAxis> Axes, IReadOnlyList<string> Profiled,
    Shard Shard, GridPlan Plan, double Chi2Reference, IReadOnlyList<string> BestFitNames, IReadOnlyList<double> BestFitValues, double? ToyCl = null);

/// <summary>Summary of a finished (merged) scan.</summary>
/// <param name="Points">Grid points.</param>
/// <param name="Chi2Min">Δχ² reference: min(global fit, grid minimum).</param>
/// <param name="BestPoint">Scanned values at the grid minimum.</param>
/// <param name="NonConverged">Points whose minimisation did not converge.</param>
/// <param name="NonFinite">Points with a non-finite χ² (written as empty cells).</param>
/// <param name="CsvPath">scan.csv.</param>
/// <param name="ParquetPath">scan.parquet.</param>
/// <param name="MinimumOnGrid">Whether <paramref name="Chi2Min"/> is a grid point (else the global fit, whose scanned values are <paramref name="BestPoint"/>).</param>
public sealed record ScanSummary(long Points, double Chi2Min, IReadOnlyList<double> BestPoint, long NonConverged, long NonFinite, string CsvPath, string ParquetPath, bool MinimumOnGrid);

/// <summary>Progress of one shard folder.</summary>
public sealed record ShardState(string Directory, Shard Shard, long ChunksOwned, long ChunksDone, string Signature);

/// <summary>
/// The on-disk form of (sharded, resumable) scans: <c>scan.json</c> (the job), <c>chunks/chunk-NNNNNN.csv</c> (one file per
/// finished chunk, written atomically: temp file + rename), and after completion/merge <c>scan.csv</c> and <c>scan.parquet</c>
/// (columns: the scanned parameters in the order given, <c>chi2</c>, <c>delta_chi2</c>, the profiled parameters; one row per
/// grid point in grid order, last axis fastest). A rerun skips the chunks present, so an interrupted run resumes and ends
/// with the same bytes; merging shards gives the same bytes as one process.
/// </summary>
public static class ScanFolder
{
    /// <summary>Job file name.</summary>
    public const string JobFile = "scan.json";

    static readonly UTF8Encoding Utf8 = new(false);

    static string R(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically (temp file in the same folder, then rename).</summary>
    public static void WriteAtomic(string path, byte[] bytes)
    {
        string tmp = path + $".tmp{Environment.ProcessId}.{Environment.CurrentManagedThreadId}";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
    }

    static string ChunkPath(string dir, long chunk) => Path.Combine(dir, "chunks", $"chunk-{chunk:D6}.csv");

    /// <summary>
    /// Creates (or reopens) the folder of a shard and returns the chunks already done. A folder holding a different job
    /// (signature, shard or chunking) is bad input (<see cref="ArgumentException"/>).
    /// </summary>
    public static HashSet<long> Prepare(string dir, ScanJob job)
    {
        Directory.CreateDirectory(Path.Combine(dir, "chunks"));
        string jobPath = Path.Combine(dir, JobFile);
        if (File.Exists(jobPath))
        {
            var old = ReadJob(dir);
            if (old.Signature != job.Signature || old.Shard != job.Shard || old.Plan.ChunkPoints != job.Plan.ChunkPoints)
                throw new ArgumentException($"--out {dir} holds a different scan (or shard); use a new folder or delete it");
        }
        else WriteAtomic(jobPath, Utf8.GetBytes(JobJson(job)));
        var done = new HashSet<long>();
        foreach (long c in GridScanner.OwnedChunks(job.Plan, job.Shard))
            if (ChunkComplete(dir, job.Plan, c)) done.Add(c);
        return done;
    }

    /// <summary>Removes the job, chunks and results of a scan folder (other files are left alone).</summary>
    public static void Clear(string dir)
    {
        if (!Directory.Exists(dir)) return;
        if (Directory.Exists(Path.Combine(dir, "chunks"))) Directory.Delete(Path.Combine(dir, "chunks"), true);
        foreach (var f in new[] { JobFile, "scan.csv", "scan.parquet", "scan_toys.csv" })
            if (File.Exists(Path.Combine(dir, f))) File.Delete(Path.Combine(dir, f));
    }

    static bool ChunkComplete(string dir, GridPlan plan, long chunk)
    {
        var path = ChunkPath(dir, chunk);
        if (!File.Exists(path)) return false;
        int lines = File.ReadLines(path).Count();
        return lines == plan.ChunkRange(chunk).Count + 1;
    }

    /// <summary>Writes one finished chunk (thread-safe: one file per chunk).</summary>
    public static void WriteChunk(string dir, ScanJob job, GridChunk chunk)
    {
        var sb = new StringBuilder("point,chi2,status");
        foreach (var p in job.Profiled) sb.Append(',').Append(p);
        if (chunk.CriticalT is not null) sb.Append(",t_crit,wilks_coverage");
        sb.Append('\n');
        for (int k = 0; k < chunk.Chi2.Length; k++)
        {
            sb.Append((chunk.FirstPoint + k).ToString(CultureInfo.InvariantCulture)).Append(',').Append(R(chunk.Chi2[k])).Append(',')
              .Append(((int)chunk.Status[k]).ToString(CultureInfo.InvariantCulture));
            foreach (var v in chunk.Profiled[k]) sb.Append(',').Append(R(v));
            if (chunk.CriticalT is not null) sb.Append(',').Append(R(chunk.CriticalT[k])).Append(',').Append(R(chunk.WilksCoverage![k]));
            sb.Append('\n');
        }
        WriteAtomic(ChunkPath(dir, chunk.Index), Utf8.GetBytes(sb.ToString()));
    }

    /// <summary>State of a shard folder (chunks owned and done).</summary>
    public static ShardState State(string dir)
    {
        var job = ReadJob(dir);
        long owned = 0, done = 0;
        foreach (long c in GridScanner.OwnedChunks(job.Plan, job.Shard)) { owned++; if (ChunkComplete(dir, job.Plan, c)) done++; }
        return new ShardState(dir, job.Shard, owned, done, job.Signature);
    }

    /// <summary>
    /// Joins the chunks of <paramref name="shardDirs"/> (one folder per shard 1…N of one job, or one 1/1 folder) into
    /// <paramref name="outDir"/>/scan.csv and scan.parquet. Throws <see cref="ArgumentException"/> naming what is missing
    /// or inconsistent.
    /// </summary>
    public static ScanSummary Finalize(IReadOnlyList<string> shardDirs, string outDir)
    {
        if (shardDirs.Count == 0) throw new ArgumentException("no shard folders given");
        var jobs = shardDirs.Select(d => (Dir: d, Job: ReadJob(d))).ToArray();
        var j0 = jobs[0].Job;
        foreach (var (d, j) in jobs)
        {
            if (j.Signature != j0.Signature) throw new ArgumentException($"{d} belongs to a different scan than {jobs[0].Dir}");
            if (j.Shard.Count != j0.Shard.Count) throw new ArgumentException($"{d} is shard {j.Shard} but {jobs[0].Dir} is shard {j0.Shard}");
            if (j.Chi2Reference.ToString("R", CultureInfo.InvariantCulture) != j0.Chi2Reference.ToString("R", CultureInfo.InvariantCulture))
                throw new ArgumentException($"{d}: reference χ² differs from {jobs[0].Dir} (not the same job)");
        }
        var missingShards = Enumerable.Range(1, j0.Shard.Count).Where(k => jobs.All(x => x.Job.Shard.Index != k)).ToArray();
        if (missingShards.Length > 0) throw new ArgumentException($"shard(s) {string.Join(", ", missingShards.Select(k => $"{k}/{j0.Shard.Count}"))} missing");
        var plan = j0.Plan;
        long n = plan.PointCount;
        int np = j0.Profiled.Count;
        var chi2 = new double[n];
        var status = new byte[n];
        var prof = new double[np][];
        for (int p = 0; p < np; p++) prof[p] = new double[n];
        var seen = new bool[n];
        bool toys = j0.ToyCl is not null;
        var crit = toys ? new double[n] : null;
        var cover = toys ? new double[n] : null;
        foreach (var (d, j) in jobs)
            foreach (long c in GridScanner.OwnedChunks(plan, j.Shard))
            {
                var path = ChunkPath(d, c);
                if (!ChunkComplete(d, plan, c)) throw new ArgumentException($"{d}: chunk {c} of shard {j.Shard} missing or incomplete (rerun that shard)");
                foreach (var line in File.ReadLines(path).Skip(1))
                {
                    var f = line.Split(',');
                    long i = long.Parse(f[0], CultureInfo.InvariantCulture);
                    chi2[i] = P(f[1]);
                    status[i] = byte.Parse(f[2], CultureInfo.InvariantCulture);
                    for (int p = 0; p < np; p++) prof[p][i] = P(f[3 + p]);
                    if (toys) { crit![i] = P(f[3 + np]); cover![i] = P(f[4 + np]); }
                    seen[i] = true;
                }
            }
        long unseen = seen.LongCount(s => !s);
        if (unseen > 0) throw new ArgumentException($"{unseen} grid points missing");
        double min = j0.Chi2Reference;
        long argmin = -1;
        for (long i = 0; i < n; i++) if (chi2[i] < min) { min = chi2[i]; argmin = i; }
        if (!double.IsFinite(min)) throw new ArgumentException("no finite χ² in the scan");
        var values = j0.Axes.Select(a => a.Values()).ToArray();
        int na = values.Length;
        var axisCols = new double[na][];
        for (int a = 0; a < na; a++) axisCols[a] = new double[n];
        var idx = new int[na];
        for (long i = 0; i < n; i++)
        {
            plan.Indices(i, idx);
            for (int a = 0; a < na; a++) axisCols[a][i] = values[a][idx[a]];
        }
        var delta = new double[n];
        for (long i = 0; i < n; i++) delta[i] = chi2[i] - min;
        Directory.CreateDirectory(outDir);
        var names = j0.Axes.Select(a => a.Parameter).Concat(["chi2", "delta_chi2"]).Concat(j0.Profiled).ToArray();
        var cols = axisCols.Concat([chi2, delta]).Concat(prof).ToArray();
        string csv = Path.Combine(outDir, "scan.csv"), pq = Path.Combine(outDir, "scan.parquet");
        WriteCsv(csv, names, cols);
        WriteParquet(pq, names, cols);
        if (toys)
        {
            var accepted = new double[n];
            for (long i = 0; i < n; i++) accepted[i] = delta[i] <= crit![i] ? 1 : 0;
            WriteCsv(Path.Combine(outDir, "scan_toys.csv"), j0.Axes.Select(a => a.Parameter).Concat(["delta_chi2", "t_crit", "wilks_coverage", "fc_accepted"]).ToArray(),
                axisCols.Concat([delta, crit!, cover!, accepted]).ToArray());
        }
        var best = argmin >= 0 ? axisCols.Select(c => c[argmin]).ToArray()
            : j0.Axes.Select(a => j0.BestFitValues[j0.BestFitNames.ToList().IndexOf(a.Parameter)]).ToArray();
        return new ScanSummary(n, min, best, status.LongCount(s => s > (byte)ConvergenceStatus.ConvergedWithFallback),
            chi2.LongCount(c => !double.IsFinite(c)), csv, pq, argmin >= 0);
    }

    static double P(string s) => s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Writes named double columns as CSV (round-trip "R" format, empty cell for non-finite) atomically.</summary>
    public static void WriteCsv(string path, IReadOnlyList<string> names, IReadOnlyList<double[]> cols)
    {
        string tmp = path + $".tmp{Environment.ProcessId}";
        using (var w = new StreamWriter(tmp, false, Utf8, 1 << 20) { NewLine = "\n" })
        {
            w.Write(string.Join(",", names)); w.Write('\n');
            long n = cols.Count == 0 ? 0 : cols[0].LongLength;
            for (long i = 0; i < n; i++)
            {
                for (int c = 0; c < cols.Count; c++) { if (c > 0) w.Write(','); w.Write(R(cols[c][i])); }
                w.Write('\n');
            }
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Writes named double columns as Parquet (Parquet.Net, optional DOUBLE columns, one row group per 1,048,576 rows;
    /// non-finite values are written as null, never NaN) atomically.</summary>
    public static void WriteParquet(string path, IReadOnlyList<string> names, IReadOnlyList<double[]> cols)
    {
        string tmp = path + $".tmp{Environment.ProcessId}";
        var fields = names.Select(n => new DataField<double?>(n)).ToArray();
        var schema = new ParquetSchema(fields);
        using (var fs = File.Create(tmp))
        {
            Task.Run(async () =>
            {
                await using var writer = await ParquetWriter.CreateAsync(schema, fs);
                long n = cols.Count == 0 ? 0 : cols[0].LongLength;
                const int group = 1 << 20;
                for (long s = 0; s < Math.Max(n, 1); s += group)
                {
                    int len = (int)Math.Min(group, n - s);
                    using var rg = writer.CreateRowGroup();
                    var buf = new double?[len];
                    for (int c = 0; c < cols.Count; c++)
                    {
                        for (int i = 0; i < len; i++) { double v = cols[c][s + i]; buf[i] = double.IsFinite(v) ? v : null; }
                        await rg.WriteAsync(fields[c], new ReadOnlyMemory<double?>(buf));
                    }
                }
            }).GetAwaiter().GetResult();
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Reads named double columns of a Parquet file (all row groups; null as NaN).</summary>
    public static (string[] Names, double[][] Columns) ReadParquet(string path) => Task.Run(async () =>
    {
        using var fs = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(fs);
        var fields = reader.Schema.GetDataFields();
        var cols = fields.Select(_ => new List<double>()).ToArray();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            for (int c = 0; c < fields.Length; c++)
            {
                var buf = new double?[rg.RowCount];
                await rg.ReadAsync<double>(fields[c], buf.AsMemory());
                cols[c].AddRange(buf.Select(v => v ?? double.NaN));
            }
        }
        return (fields.Select(f => f.Name).ToArray(), cols.Select(c => c.ToArray()).ToArray());
    }).GetAwaiter().GetResult();

    static string JobJson(ScanJob j)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("kind", "nuxe-scan");
            w.WriteString("tool_version", ManifestJson.ToolVersion());
            w.WriteString("signature", j.Signature);
            w.WriteStartArray("command"); foreach (var a in j.Command) w.WriteStringValue(a); w.WriteEndArray();
            w.WriteStartArray("axes");
            foreach (var a in j.Axes)
            {
                w.WriteStartObject(); w.WriteString("parameter", a.Parameter); w.WriteNumber("lower", a.Lower); w.WriteNumber("upper", a.Upper);
                w.WriteNumber("points", a.Points); w.WriteBoolean("log", a.Log); w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("profiled"); foreach (var p in j.Profiled) w.WriteStringValue(p); w.WriteEndArray();
            w.WriteString("shard", j.Shard.ToString());
            w.WriteNumber("points", j.Plan.PointCount); w.WriteNumber("chunk_points", j.Plan.ChunkPoints); w.WriteNumber("chunks", j.Plan.ChunkCount);
            w.WriteString("grid_order", "first axis slowest, last axis fastest");
            if (j.ToyCl is { } tcl) w.WriteNumber("toys_cl", tcl);
            w.WriteString("chi2_reference", j.Chi2Reference.ToString("R", CultureInfo.InvariantCulture));
            w.WriteStartObject("best_fit");
            for (int i = 0; i < j.BestFitNames.Count; i++) w.WriteString(j.BestFitNames[i], j.BestFitValues[i].ToString("R", CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>Reads the job of a shard folder (<see cref="ArgumentException"/> if absent or malformed).</summary>
    public static ScanJob ReadJob(string dir)
    {
        string path = Path.Combine(dir, JobFile);
        if (!File.Exists(path)) throw new ArgumentException($"{dir}: no {JobFile} (not a nuxe scan folder)");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var r = doc.RootElement;
            if (r.GetProperty("kind").GetString() != "nuxe-scan") throw new FormatException("kind is not nuxe-scan");
            var axes = r.GetProperty("axes").EnumerateArray().Select(a => new GridAxis(a.GetProperty("parameter").GetString()!,
                a.GetProperty("lower").GetDouble(), a.GetProperty("upper").GetDouble(), a.GetProperty("points").GetInt32(), a.GetProperty("log").GetBoolean())).ToArray();
            var shard = Shard.Parse(r.GetProperty("shard").GetString()!);
            var plan = GridPlan.Create(axes, r.GetProperty("chunk_points").GetInt32(), shard.Count);
            var best = r.GetProperty("best_fit").EnumerateObject().ToArray();
            return new ScanJob(r.GetProperty("signature").GetString()!, r.GetProperty("command").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                axes, r.GetProperty("profiled").EnumerateArray().Select(e => e.GetString()!).ToArray(), shard, plan,
                P(r.GetProperty("chi2_reference").GetString()!), best.Select(b => b.Name).ToArray(), best.Select(b => P(b.Value.GetString()!)).ToArray(),
                r.TryGetProperty("toys_cl", out var tcl) ? tcl.GetDouble() : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"{path}: malformed ({e.Message.Split('\n')[0]})");
        }
    }
}
