using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NuXe.Output;

/// <summary>
/// <c>results.json</c>: one flat JSON object mapping documented keys (e.g. <c>sin2w.A.best</c>) to numbers.
/// Keys are written sorted (ordinal), numbers in invariant culture with the shortest round-trip form.
/// NaN and ±∞ are not JSON numbers: they are an error that names the key.
/// </summary>
public static partial class ResultsJson
{
    /// <summary>Allowed key shape: dot-separated segments of letters, digits, '_' and '-'.</summary>
    public const string KeyPattern = @"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*$";

    [GeneratedRegex(KeyPattern)]
    private static partial Regex KeyRegex();

    /// <summary>True when <paramref name="key"/> matches <see cref="KeyPattern"/>.</summary>
    public static bool IsValidKey(string key) => key is not null && KeyRegex().IsMatch(key);

    /// <summary>Serialises <paramref name="results"/> (sorted keys, indented, trailing newline).</summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite, or a key is malformed; the message names the key.</exception>
    public static string Serialize(IReadOnlyDictionary<string, double> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in results.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                Validate(key, value);
                writer.WriteNumber(key, value);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes <see cref="Serialize"/> output to <paramref name="path"/> (UTF-8, no BOM).</summary>
    public static void Write(string path, IReadOnlyDictionary<string, double> results) =>
        SafeFile.WriteAllText(path, Serialize(results));

    /// <summary>Reads a results file back (for tests and comparisons).</summary>
    public static IReadOnlyDictionary<string, double> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
            result[property.Name] = property.Value.GetDouble();
        return result;
    }

    /// <summary>Throws unless <paramref name="key"/> is well-formed and <paramref name="value"/> is finite.</summary>
    public static void Validate(string key, double value)
    {
        if (!IsValidKey(key))
            throw new ArgumentException($"results key '{key}' is malformed (allowed: {KeyPattern})", nameof(key));
        if (!double.IsFinite(value))
            throw new NonFiniteValueException($"results key '{key}'", value);
    }
}
