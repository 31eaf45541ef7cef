using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NuXe.Output;

/// <summary>
/// What a run was: enough to reproduce it (<c>manifest.json</c>).
/// </summary>
/// <param name="ToolVersion">NuXe version (assembly informational version, see <see cref="ManifestJson.ToolVersion"/>).</param>
/// <param name="Study">Study name, e.g. "linkxu2019" (empty for ad-hoc commands).</param>
/// <param name="Parts">Parts run, in order.</param>
/// <param name="StartedUtc">Start time (UTC).</param>
/// <param name="CommandLine">The command line as typed.</param>
/// <param name="Seeds">Random seeds by name.</param>
/// <param name="TimingsSeconds">Wall-clock time per part (or phase) in seconds.</param>
/// <param name="Presets">Resolved preset texts (TOML) by name.</param>
/// <param name="PartRuns">When each part whose results are in the folder last ran (UTC); null = the parts of this run at <paramref name="StartedUtc"/>.</param>
public sealed record RunManifest(
    string ToolVersion,
    string Study,
    IReadOnlyList<string> Parts,
    DateTimeOffset StartedUtc,
    string CommandLine,
    IReadOnlyDictionary<string, long> Seeds,
    IReadOnlyDictionary<string, double> TimingsSeconds,
    IReadOnlyDictionary<string, string> Presets,
    IReadOnlyDictionary<string, DateTimeOffset>? PartRuns = null);

/// <summary>Writes <see cref="RunManifest"/> as <c>manifest.json</c> (stable key order, invariant culture).</summary>
public static class ManifestJson
{
    /// <summary>
    /// The informational version of the NuXe library (e.g. "0.1.0+abc123"), or its assembly version when the
    /// attribute is absent.
    /// </summary>
    public static string ToolVersion() => VersionOf(typeof(ManifestJson).Assembly);

    /// <summary>Informational version of <paramref name="assembly"/>, falling back to its version or "unknown".</summary>
    public static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Serialises the manifest (indented, sorted dictionary keys, trailing newline).</summary>
    /// <exception cref="ArgumentException">A timing is negative or not finite.</exception>
    public static string Serialize(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("tool", "nuxe");
            w.WriteString("tool_version", manifest.ToolVersion);
            w.WriteString("study", manifest.Study);
            w.WriteStartArray("parts");
            foreach (var part in manifest.Parts) w.WriteStringValue(part);
            w.WriteEndArray();
            w.WriteString("started_utc", Utc(manifest.StartedUtc));
            w.WriteString("command_line", manifest.CommandLine);
            w.WriteStartObject("seeds");
            foreach (var (name, seed) in manifest.Seeds.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteNumber(name, seed);
            w.WriteEndObject();
            w.WriteStartObject("timings_s");
            foreach (var (name, seconds) in manifest.TimingsSeconds.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (!double.IsFinite(seconds) || seconds < 0)
                    throw new ArgumentException($"timing '{name}' is {seconds} s: must be finite and ≥ 0");
                w.WriteNumber(name, Math.Round(seconds, 6));
            }
            w.WriteEndObject();
            w.WriteStartObject("part_runs");
            var runs = manifest.PartRuns ?? manifest.Parts.Distinct().ToDictionary(p => p, _ => manifest.StartedUtc);
            foreach (var (name, when) in runs.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(name, Utc(when));
            w.WriteEndObject();
            w.WriteStartObject("presets");
            foreach (var (name, text) in manifest.Presets.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(name, text);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes <see cref="Serialize"/> output to <paramref name="path"/> (UTF-8, no BOM).</summary>
    public static void Write(string path, RunManifest manifest) =>
        SafeFile.WriteAllText(path, Serialize(manifest));
}
