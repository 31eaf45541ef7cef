using System.Globalization;
using System.Text;
using Tomlyn;
using Tomlyn.Model;

namespace NuXe.Presets;

/// <summary>
/// Reads typed, validated values out of a TOML document by dotted path ("source.activity_mci"), records every value it
/// used (defaults included) for the resolved preset, and rejects keys nobody read (unknown keys are an error naming the
/// key and the allowed keys of its table). Overrides ("--set key=value") are applied to the document before reading.
/// </summary>
public sealed class PresetReader
{
    readonly TomlTable _root;
    readonly string _origin;
    readonly HashSet<string> _read = [];
    readonly HashSet<string> _tablesSeen = [];
    readonly List<(string Path, object Value)> _resolved = [];

    /// <summary>TOML options: a key given twice is an error (TOML 1.0 forbids it; the last value must not win silently).</summary>
    static readonly TomlSerializerOptions StrictOptions = new() { DuplicateKeyHandling = TomlDuplicateKeyHandling.Error };

    /// <summary>Parse TOML text; a syntax error becomes a <see cref="NuXeInputException"/> naming the origin.</summary>
    public PresetReader(string tomlText, string origin)
    {
        _origin = origin;
        try
        {
            var syntax = Tomlyn.Parsing.SyntaxParser.Parse(tomlText, origin, true);
            if (syntax.HasErrors)
            {
                var d = syntax.Diagnostics.FirstOrDefault(x => x.Kind == Tomlyn.Syntax.DiagnosticMessageKind.Error) ?? syntax.Diagnostics.First();
                // duplicate keys are errors here too (TOML 1.0 forbids them; the last value must not win silently)
                throw new NuXeInputException($"malformed TOML in {origin} line {d.Span.Start.Line + 1}, column {d.Span.Start.Column + 1}: {d.Message.Split('\n')[0].Replace('\u2424', ' ').Trim()}");
            }
            _root = TomlSerializer.Deserialize<TomlTable>(tomlText, StrictOptions) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            var first = e.Message.Split('\n')[0].Trim();
            throw new NuXeInputException($"malformed TOML in {origin}: {first}");
        }
    }

    /// <summary>Where the document came from (preset name or file path).</summary>
    public string Origin => _origin;

    /// <summary>Apply "a.b.c=value" overrides. The value is parsed as TOML (number, boolean, array, quoted string), else taken as a string.</summary>
    public void ApplyOverrides(IEnumerable<string> assignments)
    {
        foreach (var a in assignments)
        {
            int eq = a.IndexOf('=');
            if (eq <= 0) throw new NuXeInputException("--set", a, "expected key=value, e.g. source.activity_mci=10");
            string path = a[..eq].Trim(), text = a[(eq + 1)..].Trim();
            object value = ParseValue(text);
            var parts = path.Split('.');
            var table = _root;
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (!table.TryGetValue(parts[i], out var sub)) { sub = new TomlTable(); table[parts[i]] = sub; }
                table = sub as TomlTable ?? throw new NuXeInputException("--set", a, $"'{string.Join('.', parts[..(i + 1)])}' is a value, not a table");
            }
            table[parts[^1]] = value;
        }
    }

    static object ParseValue(string text)
    {
        try
        {
            var t = TomlSerializer.Deserialize<TomlTable>("v = " + text);
            if (t is not null && t.TryGetValue("v", out var v)) return v;
        }
        catch (TomlException) { }
        return text;
    }

    bool TryGet(string path, out object? value)
    {
        var parts = path.Split('.');
        object? node = _root;
        for (int i = 0; i < parts.Length; i++)
        {
            if (node is not TomlTable t || !t.TryGetValue(parts[i], out node)) { value = null; return false; }
        }
        value = node;
        return true;
    }

    /// <summary>The keys of a table in document order (empty when the table is absent).</summary>
    public IReadOnlyList<string> Keys(string tablePath)
        => TryGet(tablePath, out var t) && t is TomlTable table ? table.Select(kv => kv.Key).ToArray() : [];

    /// <summary>Whether a key or table is present.</summary>
    public bool Has(string path) => TryGet(path, out _);

    /// <summary>Mark a table as known (so its presence is not an unknown-key error even if empty).</summary>
    public void Table(string path) => _tablesSeen.Add(path);

    void Record(string path, object value) { _read.Add(path); _resolved.RemoveAll(r => r.Path == path); _resolved.Add((path, value)); }

    /// <summary>A number; <paramref name="check"/> returns null when valid, else the allowed-values text.</summary>
    public double Double(string path, double? defaultValue, Func<double, string?>? check = null)
    {
        double v;
        if (TryGet(path, out var raw))
        {
            v = raw switch
            {
                long l => l, double d => d, int i => i,
                _ => throw new NuXeInputException(path, Show(raw), "must be a number"),
            };
        }
        else if (defaultValue is { } d) v = d;
        else throw new NuXeInputException(path, "(missing)", "required number");
        if (double.IsNaN(v) || double.IsInfinity(v)) throw new NuXeInputException(path, Show(v), "must be a finite number");
        if (check?.Invoke(v) is { } msg) throw new NuXeInputException(path, Show(v), msg);
        Record(path, v);
        return v;
    }

    /// <summary>An optional number (null when absent).</summary>
    public double? OptionalDouble(string path, Func<double, string?>? check = null)
        => Has(path) ? Double(path, null, check) : null;

    /// <summary>An integer.</summary>
    public int Int(string path, int defaultValue, Func<int, string?>? check = null)
    {
        int v = defaultValue;
        if (TryGet(path, out var raw))
            v = raw switch
            {
                long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
                double d when d == Math.Floor(d) && Math.Abs(d) < int.MaxValue => (int)d,
                _ => throw new NuXeInputException(path, Show(raw), "must be an integer"),
            };
        if (check?.Invoke(v) is { } msg) throw new NuXeInputException(path, Show(v), msg);
        Record(path, (long)v);
        return v;
    }

    /// <summary>A boolean.</summary>
    public bool Bool(string path, bool defaultValue)
    {
        bool v = defaultValue;
        if (TryGet(path, out var raw)) v = raw is bool b ? b : throw new NuXeInputException(path, Show(raw), "must be true or false");
        Record(path, v);
        return v;
    }

    /// <summary>A string from a fixed set of allowed values (or any string when <paramref name="allowed"/> is null).</summary>
    public string String(string path, string? defaultValue, IReadOnlyList<string>? allowed = null)
    {
        string v;
        if (TryGet(path, out var raw)) v = raw as string ?? throw new NuXeInputException(path, Show(raw), allowed is null ? "must be a string" : "must be one of: " + string.Join(", ", allowed));
        else v = defaultValue ?? throw new NuXeInputException(path, "(missing)", allowed is null ? "required string" : "required, one of: " + string.Join(", ", allowed));
        if (allowed is not null && !allowed.Contains(v)) throw new NuXeInputException(path, Show(v), "must be one of: " + string.Join(", ", allowed));
        Record(path, v);
        return v;
    }

    /// <summary>The raw value (number or string), for fields that accept either.</summary>
    public object? Raw(string path) => TryGet(path, out var v) ? v : null;

    /// <summary>Record a raw value as read (for fields read through <see cref="Raw"/>).</summary>
    public void MarkRead(string path, object value) => Record(path, value);

    /// <summary>An array of numbers (of a given length when <paramref name="length"/> &gt; 0).</summary>
    public double[] Doubles(string path, double[]? defaultValue, int length = 0)
    {
        double[] v;
        if (TryGet(path, out var raw))
        {
            if (raw is not TomlArray arr) throw new NuXeInputException(path, Show(raw), "must be an array of numbers");
            v = arr.Select(x => x switch { long l => (double)l, double d => d, _ => double.NaN }).ToArray();
            if (v.Any(double.IsNaN)) throw new NuXeInputException(path, Show(raw), "must be an array of numbers");
        }
        else v = defaultValue ?? throw new NuXeInputException(path, "(missing)", "required array of numbers");
        if (length > 0 && v.Length != length) throw new NuXeInputException(path, Show(v), $"must have {length} numbers");
        Record(path, new TomlArray { });
        _resolved.RemoveAll(r => r.Path == path);
        _resolved.Add((path, v));
        return v;
    }

    /// <summary>An array of strings.</summary>
    public string[] Strings(string path, string[] defaultValue, IReadOnlyList<string>? allowed = null)
    {
        string[] v = defaultValue;
        if (TryGet(path, out var raw))
        {
            if (raw is not TomlArray arr || arr.Any(x => x is not string)) throw new NuXeInputException(path, Show(raw), "must be an array of strings");
            v = arr.Cast<string>().ToArray();
        }
        if (allowed is not null)
            foreach (var s in v) if (!allowed.Contains(s)) throw new NuXeInputException(path, Show(s), "each entry must be one of: " + string.Join(", ", allowed));
        _read.Add(path); _resolved.RemoveAll(r => r.Path == path); _resolved.Add((path, v));
        return v;
    }

    /// <summary>Throw for the first key that no reader asked for, naming the allowed keys of its table.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var path in AllLeafPaths(_root, ""))
        {
            if (_read.Contains(path)) continue;
            int dot = path.LastIndexOf('.');
            string table = dot < 0 ? "" : path[..dot];
            var allowed = _read.Where(p => (p.LastIndexOf('.') < 0 ? "" : p[..p.LastIndexOf('.')]) == table).Select(p => p[(p.LastIndexOf('.') + 1)..]).OrderBy(x => x).ToArray();
            string where = table.Length == 0 ? "at the top level" : $"in [{table}]";
            throw new NuXeInputException($"unknown key '{path}' in {_origin}: allowed keys {where}: " + (allowed.Length == 0 ? "(none: unknown table)" : string.Join(", ", allowed)));
        }
    }

    static IEnumerable<string> AllLeafPaths(TomlTable t, string prefix)
    {
        foreach (var kv in t)
        {
            string p = prefix.Length == 0 ? kv.Key : prefix + "." + kv.Key;
            if (kv.Value is TomlTable sub) { foreach (var q in AllLeafPaths(sub, p)) yield return q; }
            else yield return p;
        }
    }

    /// <summary>The fully resolved document (every value used, defaults included) as TOML text.</summary>
    public string ResolvedToml(string header)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# " + header);
        foreach (var group in _resolved.GroupBy(r => r.Path.LastIndexOf('.') < 0 ? "" : r.Path[..r.Path.LastIndexOf('.')]))
        {
            if (group.Key.Length > 0) sb.AppendLine().AppendLine($"[{group.Key}]");
            foreach (var (path, value) in group) sb.AppendLine($"{path[(path.LastIndexOf('.') + 1)..]} = {Format(value)}");
        }
        return sb.ToString();
    }

    static string Format(object value) => value switch
    {
        string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture) is var t && (t.Contains('.') || t.Contains('E') || t.Contains("Infinity")) ? t.Replace("E", "e") : t + ".0",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double[] a => "[" + string.Join(", ", a.Select(x => Format(x))) + "]",
        string[] a => "[" + string.Join(", ", a.Select(x => Format(x))) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    static string Show(object? v) => v switch
    {
        null => "(missing)",
        string s => s,
        double d => d.ToString("G", CultureInfo.InvariantCulture),
        TomlArray a => "[" + string.Join(", ", a.Select(Show)) + "]",
        double[] a => "[" + string.Join(", ", a.Select(x => Show(x))) + "]",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };
}
