using System.Globalization;
using System.Text;
using System.Text.Json;
using NuXe.Output;
using NuXe.Statistics;

namespace NuXe.Analyses.Common;

/// <summary>What identifies a toy job (shards of one job carry the same values).</summary>
/// <param name="Signature">Hash of everything that determines the numbers.</param>
/// <param name="Command">Command-line arguments defining the job (without --shard/--out/--threads).</param>
/// <param name="Parameter">Parameter of interest.</param>
/// <param name="Values">Grid of the construction.</param>
/// <param name="Toys">Toys per grid value.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Cl">Confidence level.</param>
/// <param name="Shard">This shard.</param>
public sealed record ToyJob(string Signature, IReadOnlyList<string> Command, string Parameter, IReadOnlyList<double> Values, int Toys, int Seed, double Cl, Shard Shard);

/// <summary>
/// On-disk form of (sharded) toy constructions: <c>toys.json</c> (the job), <c>toys_sb.csv</c> (value_index, value, toy, t, q,
/// best_fit of the signal+background toys of this shard), <c>toys_b.csv</c> (toy, value_index, value, q of the background-only
/// toys), and for a complete job <c>intervals.csv</c> (per grid value) and <c>toys_result.json</c>.
/// </summary>
public static class ToyFolder
{
    /// <summary>Job file name.</summary>
    public const string JobFile = "toys.json";

    static string R(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
    static double P(string s) => s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Writes the job and the toys of its shard.</summary>
    public static void Write(string dir, ToyJob job, ToySample sample)
    {
        Directory.CreateDirectory(dir);
        var sb = new StringBuilder("value_index,value,toy,t,q,best_fit\n");
        for (int k = 0; k < sample.Values.Count; k++)
            for (int i = 0; i < sample.Toys; i++)
                if (!double.IsNaN(sample.T[k][i]))
                    sb.Append(k).Append(',').Append(R(sample.Values[k])).Append(',').Append(i).Append(',').Append(R(sample.T[k][i])).Append(',')
                      .Append(R(sample.Q[k][i])).Append(',').Append(R(sample.BestFit[k][i])).Append('\n');
        ScanFolder.WriteAtomic(Path.Combine(dir, "toys_sb.csv"), Encoding.UTF8.GetBytes(sb.ToString()));
        sb.Clear().Append("toy,value_index,value,q\n");
        for (int i = 0; i < sample.Toys; i++)
            for (int k = 0; k < sample.Values.Count; k++)
                if (!double.IsNaN(sample.QBackground[k][i]))
                    sb.Append(i).Append(',').Append(k).Append(',').Append(R(sample.Values[k])).Append(',').Append(R(sample.QBackground[k][i])).Append('\n');
        ScanFolder.WriteAtomic(Path.Combine(dir, "toys_b.csv"), Encoding.UTF8.GetBytes(sb.ToString()));
        ScanFolder.WriteAtomic(Path.Combine(dir, JobFile), Encoding.UTF8.GetBytes(JobJson(job)));
    }

    /// <summary>Whether <paramref name="dir"/> holds a toy job.</summary>
    public static bool IsToyFolder(string dir) => File.Exists(Path.Combine(dir, JobFile));

    /// <summary>Reads and merges the shards of one job (every shard 1…N present), as one process would have produced.</summary>
    public static (ToyJob Job, ToySample Sample) Read(IReadOnlyList<string> dirs)
    {
        var parts = dirs.Select(d => (Dir: d, Job: ReadJob(d))).ToArray();
        var j0 = parts[0].Job;
        foreach (var (d, j) in parts)
            if (j.Signature != j0.Signature || j.Shard.Count != j0.Shard.Count) throw new ArgumentException($"{d} belongs to a different toy job than {parts[0].Dir}");
        var missing = Enumerable.Range(1, j0.Shard.Count).Where(k => parts.All(p => p.Job.Shard.Index != k)).ToArray();
        if (missing.Length > 0) throw new ArgumentException($"toy shard(s) {string.Join(", ", missing.Select(k => $"{k}/{j0.Shard.Count}"))} missing");
        int nk = j0.Values.Count, nt = j0.Toys;
        double[][] New() => Enumerable.Range(0, nk).Select(_ => Enumerable.Repeat(double.NaN, nt).ToArray()).ToArray();
        var t = New(); var q = New(); var qb = New(); var best = New();
        foreach (var (d, _) in parts)
        {
            foreach (var line in File.ReadLines(Path.Combine(d, "toys_sb.csv")).Skip(1))
            {
                var f = line.Split(',');
                int k = int.Parse(f[0], CultureInfo.InvariantCulture), i = int.Parse(f[2], CultureInfo.InvariantCulture);
                t[k][i] = P(f[3]); q[k][i] = P(f[4]); best[k][i] = P(f[5]);
            }
            foreach (var line in File.ReadLines(Path.Combine(d, "toys_b.csv")).Skip(1))
            {
                var f = line.Split(',');
                int i = int.Parse(f[0], CultureInfo.InvariantCulture), k = int.Parse(f[1], CultureInfo.InvariantCulture);
                qb[k][i] = P(f[3]);
            }
        }
        var sample = new ToySample(j0.Values.ToArray(), nt, j0.Seed, t, q, qb, best);
        if (sample.MissingCount > 0) throw new ArgumentException($"{sample.MissingCount} toys missing from the shards (a shard did not finish)");
        return (j0 with { Shard = Shard.Whole }, sample);
    }

    /// <summary>Writes intervals.csv and toys_result.json of a finished construction.</summary>
    public static void WriteResult(string dir, ToyJob job, ToyIntervalResult r)
    {
        Directory.CreateDirectory(dir);
        var sb = new StringBuilder($"{job.Parameter},t_obs,q_obs,t_crit,q_crit,cl_sb,cl_b,cls,wilks_coverage,fraction_t_zero,wilks_upper_coverage\n");
        foreach (var p in r.Points)
            sb.Append(string.Join(",", new[] { p.Value, p.ObservedT, p.ObservedQ, p.CriticalT, p.CriticalQ, p.PSignalBackground, p.PBackground, p.Cls, p.WilksCoverage, p.FractionAtZero, p.WilksUpperCoverage }.Select(R))).Append('\n');
        ScanFolder.WriteAtomic(Path.Combine(dir, "intervals.csv"), Encoding.UTF8.GetBytes(sb.ToString()));
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            void Num(string n, double v) { if (double.IsFinite(v)) w.WriteNumber(n, v); else w.WriteNull(n); }
            w.WriteStartObject();
            w.WriteString("parameter", r.Parameter); w.WriteNumber("cl", r.Cl); w.WriteNumber("toys_per_value", r.Toys); w.WriteNumber("seed", r.Seed);
            w.WriteNumber("grid_values", r.Points.Count);
            Num("wilks_threshold", r.WilksThreshold);
            Num("wilks_upper", r.WilksUpperLimit);
            Num("fc_lower", r.FeldmanCousins.Lower); Num("fc_upper", r.FeldmanCousins.Upper);
            w.WriteBoolean("fc_upper_at_grid_edge", r.FeldmanCousins.UpperAtGridEdge);
            Num("neyman_upper", r.NeymanUpperLimit);
            Num("cls_upper", r.ClsUpperLimit);
            Num("wilks_coverage_at_lower", r.WilksCoverageAtLower);
            Num("chernoff_threshold", NeymanToys.ChernoffQuantile(r.Cl));
            w.WriteStartArray("command"); foreach (var a in job.Command) w.WriteStringValue(a); w.WriteEndArray();
            w.WriteString("tool_version", ManifestJson.ToolVersion());
            w.WriteEndObject();
        }
        ScanFolder.WriteAtomic(Path.Combine(dir, "toys_result.json"), ms.ToArray().Concat("\n"u8.ToArray()).ToArray());
    }

    static string JobJson(ToyJob j)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("kind", "nuxe-toys");
            w.WriteString("tool_version", ManifestJson.ToolVersion());
            w.WriteString("signature", j.Signature);
            w.WriteStartArray("command"); foreach (var a in j.Command) w.WriteStringValue(a); w.WriteEndArray();
            w.WriteString("parameter", j.Parameter);
            w.WriteStartArray("values"); foreach (var v in j.Values) w.WriteStringValue(R(v)); w.WriteEndArray();
            w.WriteNumber("toys", j.Toys); w.WriteNumber("seed", j.Seed); w.WriteNumber("cl", j.Cl);
            w.WriteString("shard", j.Shard.ToString());
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>Reads a toy job file.</summary>
    public static ToyJob ReadJob(string dir)
    {
        string path = Path.Combine(dir, JobFile);
        if (!File.Exists(path)) throw new ArgumentException($"{dir}: no {JobFile} (not a nuxe toys folder)");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var r = doc.RootElement;
            return new ToyJob(r.GetProperty("signature").GetString()!, r.GetProperty("command").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                r.GetProperty("parameter").GetString()!, r.GetProperty("values").EnumerateArray().Select(e => P(e.GetString()!)).ToArray(),
                r.GetProperty("toys").GetInt32(), r.GetProperty("seed").GetInt32(), r.GetProperty("cl").GetDouble(), Shard.Parse(r.GetProperty("shard").GetString()!));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"{path}: malformed ({e.Message.Split('\n')[0]})");
        }
    }
}
