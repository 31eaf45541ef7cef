using System.Collections.ObjectModel;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace NuXe.Analyses.Framework;

/// <summary>
/// One published number of a reproduced paper (a row of <c>data/published/&lt;study&gt;.csv</c>). A published number is a
/// comparison, never an input: nothing in NuXe reads it to compute a result.
/// </summary>
/// <param name="Study">Study name, e.g. "linkxu2019".</param>
/// <param name="Key">The NuXe result key where one exists (e.g. "sin2w.A.err_plus"), else a descriptive key prefixed
/// with the part name; intervals are two rows ".lo"/".hi".</param>
/// <param name="Value">Published value in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit as written in the file (may be empty for dimensionless numbers).</param>
/// <param name="Cl">Confidence level as written ("90%"), may be empty.</param>
/// <param name="Dof">Degrees of freedom as written, may be empty.</param>
/// <param name="Source">Where in the paper (table/figure/equation/page).</param>
/// <param name="Note">Free note.</param>
/// <param name="Quantity">Human description; falls back to <paramref name="Key"/>.</param>
/// <param name="Part">Study part the number belongs to; empty when the file does not say and the key does not tell.</param>
/// <param name="Tolerance">Documented relative tolerance (0.1 = 10 %); null = the default <see cref="PublishedData.DefaultTolerance"/>.</param>
/// <param name="Kind">"table", "text", "figure", "derived" or empty (older files).</param>
/// <param name="Line">Line of the row in its file (1-based, header = 1).</param>
public sealed record PublishedEntry(
    string Study, string Key, double Value, string Unit, string Cl, string Dof, string Source, string Note,
    string Quantity, string Part, double? Tolerance, string Kind, int Line)
{
    /// <summary>The tolerance used for comparisons.</summary>
    public double EffectiveTolerance => Tolerance ?? PublishedData.DefaultTolerance;
}

/// <summary>A curated reason why a published number and ours differ (a row of <c>data/published/explanations.csv</c>).</summary>
/// <param name="Study">Study name.</param>
/// <param name="Key">Published key (as in <c>data/published/&lt;study&gt;.csv</c>).</param>
/// <param name="Reason">One or two sentences: why the numbers differ.</param>
/// <param name="Doc">Where it is documented, e.g. "docs/coloma2014.md#solar-rates".</param>
public sealed record Explanation(string Study, string Key, string Reason, string Doc);

/// <summary>
/// Reader of the shipped published numbers (<c>data/published/&lt;study&gt;.csv</c>) and of the curated explanations
/// (<c>data/published/explanations.csv</c>). Rows are read by column name; a row that cannot be parsed is an error
/// naming the file, the line and the field, never silently dropped.
/// </summary>
public static class PublishedData
{
    /// <summary>Relative tolerance used where a published row gives none (10 %, issue 12's threshold).</summary>
    public const double DefaultTolerance = 0.10;

    /// <summary>Allowed values of the <c>kind</c> column (empty is allowed too).</summary>
    public static readonly IReadOnlyList<string> Kinds = ["table", "text", "figure", "derived"];

    /// <summary>Resource name of the explanations file.</summary>
    public const string ExplanationsFile = "data/published/explanations.csv";

    /// <summary>Resource name of a study's published file.</summary>
    public static string FileFor(string study) => $"data/published/{study}.csv";

    /// <summary>
    /// The published numbers of <paramref name="study"/>, in file order; empty when the study ships no file
    /// (e.g. a test study).
    /// </summary>
    /// <exception cref="FormatException">A row cannot be parsed; the message names file, line and field.</exception>
    public static IReadOnlyList<PublishedEntry> For(string study, Func<string, bool>? isPart = null)
    {
        var text = ReadResource(FileFor(study));
        return text is null ? [] : Parse(study, text, FileFor(study), isPart);
    }

    /// <summary>The curated explanations (empty when the file is absent).</summary>
    /// <exception cref="FormatException">A row cannot be parsed; the message names file and line.</exception>
    public static IReadOnlyList<Explanation> Explanations()
    {
        var text = ReadResource(ExplanationsFile);
        return text is null ? [] : ParseExplanations(text, ExplanationsFile);
    }

    /// <summary>
    /// Rows of a curated literature table (<c>data/literature/&lt;file&gt;</c>, provenance in its PROVENANCE.md) as
    /// column → text maps, for figure overlays. A literature value is a comparison drawn beside ours, never an input.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is not shipped.</exception>
    /// <exception cref="FormatException">A row has the wrong number of fields (message names file and line).</exception>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Literature(string file)
    {
        var name = "data/literature/" + file;
        var text = ReadResource(name) ?? throw new FileNotFoundException($"literature table '{name}' is not shipped");
        var rows = ReadRows(text, name, []);
        var header = ReadHeader(text, name);
        return [.. rows.Select(r => (IReadOnlyDictionary<string, string>)header.ToDictionary(h => h, h => r.Get(h), StringComparer.Ordinal))];
    }

    /// <summary>A literature value parsed as a number; null when the cell is empty.</summary>
    /// <exception cref="FormatException">The cell is not a number.</exception>
    public static double? Number(IReadOnlyDictionary<string, string> row, string column)
    {
        var raw = row.TryGetValue(column, out var v) ? v : "";
        if (raw.Length == 0) return null;
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
            ? x : throw new FormatException($"literature value '{raw}' in column '{column}' is not a number");
    }

    static string[] ReadHeader(string text, string fileName)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { AllowComments = true, Comment = '#', IgnoreBlankLines = true, TrimOptions = TrimOptions.Trim };
        using var csv = new CsvReader(new StringReader(text), config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null) throw new FormatException($"{fileName}: no header line");
        return [.. csv.HeaderRecord.Select(h => h.Trim())];
    }

    /// <summary>
    /// Parses the text of a published file. Required columns: key, value; optional: unit, cl, dof, source, note,
    /// quantity, part, tolerance, kind. Lines starting with '#' and blank lines are skipped. <paramref name="isPart"/>
    /// tells whether a key's first segment names a part of the study (used when the part column is empty).
    /// </summary>
    /// <exception cref="FormatException">Missing column, unparsable value/tolerance, unknown kind or duplicate key.</exception>
    public static IReadOnlyList<PublishedEntry> Parse(string study, string text, string fileName, Func<string, bool>? isPart = null)
    {
        var rows = ReadRows(text, fileName, ["key", "value"]);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<PublishedEntry>();
        foreach (var (line, get) in rows)
        {
            string key = get("key");
            if (key.Length == 0) throw Error(fileName, line, "key", key, "a non-empty key");
            if (seen.TryGetValue(key, out var first)) throw Error(fileName, line, "key", key, $"a key not already used (first at line {first})");
            seen[key] = line;
            string raw = get("value");
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw Error(fileName, line, "value", raw, "a finite number in invariant culture (e.g. 0.238, -1.2e-11)");
            double? tolerance = ParseTolerance(get("tolerance"), fileName, line);
            string kind = get("kind");
            if (kind.Length > 0 && !Kinds.Contains(kind)) throw Error(fileName, line, "kind", kind, "one of " + string.Join(", ", Kinds) + " or empty");
            string part = get("part");
            if (part.Length == 0 && isPart is not null)
            {
                var head = key.Split('.')[0];
                if (isPart(head)) part = head;
            }
            string quantity = get("quantity");
            list.Add(new PublishedEntry(study, key, value, get("unit"), get("cl"), get("dof"), get("source"), get("note"),
                quantity.Length > 0 ? quantity : key, part, tolerance, kind, line));
        }
        return new ReadOnlyCollection<PublishedEntry>(list);
    }

    /// <summary>Parses the explanations file: columns study, key, reason, doc (all required, non-empty study/key/reason).</summary>
    public static IReadOnlyList<Explanation> ParseExplanations(string text, string fileName)
    {
        var list = new List<Explanation>();
        var seen = new HashSet<(string, string)>();
        foreach (var (line, get) in ReadRows(text, fileName, ["study", "key", "reason", "doc"]))
        {
            foreach (var field in new[] { "study", "key", "reason" })
                if (get(field).Length == 0) throw Error(fileName, line, field, "", "a non-empty value");
            if (!seen.Add((get("study"), get("key")))) throw Error(fileName, line, "key", get("key"), $"one explanation per (study, key); {get("study")} has two");
            list.Add(new Explanation(get("study"), get("key"), get("reason"), get("doc")));
        }
        return new ReadOnlyCollection<Explanation>(list);
    }

    /// <summary>"10%" → 0.10, "0.1" → 0.1, "" → null.</summary>
    static double? ParseTolerance(string raw, string fileName, int line)
    {
        if (raw.Length == 0) return null;
        bool percent = raw.EndsWith('%');
        var number = percent ? raw[..^1].Trim() : raw;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !double.IsFinite(t) || t < 0)
            throw Error(fileName, line, "tolerance", raw, "a non-negative relative tolerance such as 0.1 or 10%, or empty");
        return percent ? t / 100 : t;
    }

    static FormatException Error(string file, int line, string field, string value, string allowed) =>
        new($"{file}:{line}: {field} '{value}' is not valid; expected {allowed}");

    /// <summary>Reads a CSV text by column name: (line, field getter) per row; '#' comment lines and blank lines skipped.</summary>
    /// <exception cref="FormatException">No header, a required column missing, or a row with the wrong number of fields.</exception>
    public static IReadOnlyList<(int Line, Func<string, string> Get)> ReadTable(string text, string fileName, IReadOnlyList<string> required) =>
        ReadRows(text, fileName, required);

    static List<(int Line, Func<string, string> Get)> ReadRows(string text, string fileName, IReadOnlyList<string> required)
    {
        // CsvHelper with '#' comments and blank lines skipped; the parser's raw row is the 1-based line number
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            AllowComments = true, Comment = '#', IgnoreBlankLines = true, TrimOptions = TrimOptions.Trim,
            BadDataFound = a => throw new FormatException($"{fileName}:{a.Context?.Parser?.RawRow}: malformed CSV field '{a.Field}'"),
        };
        using var csv = new CsvReader(new StringReader(text), config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null) throw new FormatException($"{fileName}: no header line");
        var header = csv.HeaderRecord.Select(h => h.Trim()).ToArray();
        foreach (var r in required)
            if (!header.Contains(r, StringComparer.Ordinal))
                throw new FormatException($"{fileName}:1: column '{r}' is missing; header is '{string.Join(",", header)}'");
        var index = header.Select((h, i) => (h, i)).GroupBy(x => x.h, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var rows = new List<(int, Func<string, string>)>();
        while (csv.Read())
        {
            int line = csv.Parser.RawRow;
            var fields = csv.Parser.Record ?? [];
            if (fields.Length != header.Length)
                throw new FormatException($"{fileName}:{line}: {fields.Length} fields, the header has {header.Length} (quote fields that contain commas)");
            var copy = fields.Select(f => f.Trim()).ToArray();
            rows.Add((line, name => index.TryGetValue(name, out var i) ? copy[i] : ""));
        }
        return rows;
    }

    static string? ReadResource(string name)
    {
        using var stream = typeof(PublishedData).Assembly.GetManifestResourceStream(name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
