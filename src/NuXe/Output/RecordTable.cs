using System.Reflection;
using System.Text;

namespace NuXe.Output;

/// <summary>Names the CSV column of a record property (with its unit, e.g. "exposure_t_yr").</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CsvColumnAttribute(string name) : Attribute
{
    /// <summary>Column name.</summary>
    public string Name { get; } = name;
}

/// <summary>Marks a record property that is not a CSV column (e.g. a nested spectrum).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CsvIgnoreAttribute : Attribute;

/// <summary>
/// A <see cref="CsvTable"/> from typed rows: one column per public property of the row type in declaration
/// order, named by <see cref="CsvColumnAttribute"/> (on the property or the positional parameter) or else snake_case of
/// the property name; for positional records only the constructor's parameters are columns. Cells keep their types
/// (double, int, long, string, bool; a non-finite double becomes an empty cell), so the header can never drift apart
/// from the values.
/// </summary>
public static class RecordTable
{
    /// <summary>The table of <paramref name="rows"/>.</summary>
    /// <exception cref="ArgumentException">A property has an unsupported type.</exception>
    public static CsvTable From<T>(IEnumerable<T> rows, string numberFormat = "G6")
    {
        var columns = Columns(typeof(T));
        var data = rows.Select(r => (IReadOnlyList<object>)[.. columns.Select(c => Cell(c.Property.GetValue(r), c.Name))]).ToList();
        return new CsvTable([.. columns.Select(c => c.Name)], data, numberFormat);
    }

    /// <summary>Column names of <typeparamref name="T"/>, in order.</summary>
    public static IReadOnlyList<string> ColumnNames<T>() => [.. Columns(typeof(T)).Select(c => c.Name)];

    static List<(string Name, PropertyInfo Property)> Columns(Type type)
    {
        var ctorParams = type.GetConstructors().SelectMany(c => c.GetParameters()).GroupBy(p => p.Name ?? "").ToDictionary(g => g.Key, g => g.First());
        var list = new List<(string, PropertyInfo)>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract") continue;
            // positional records: only the constructor's parameters are columns (computed properties are not)
            if (ctorParams.Count > 0 && !ctorParams.ContainsKey(p.Name)) continue;
            ctorParams.TryGetValue(p.Name, out var param);
            if (p.GetCustomAttribute<CsvIgnoreAttribute>() is not null || param?.GetCustomAttribute<CsvIgnoreAttribute>() is not null) continue;
            var name = p.GetCustomAttribute<CsvColumnAttribute>()?.Name ?? param?.GetCustomAttribute<CsvColumnAttribute>()?.Name ?? SnakeCase(p.Name);
            list.Add((name, p));
        }
        return list;
    }

    static object Cell(object? value, string column) => value switch
    {
        double d when !double.IsFinite(d) => "", // never NaN/Infinity in outputs: an empty cell means "not defined"
        double or int or long or string or bool => value,
        float f => (double)f,
        Enum e => e.ToString(),
        null => throw new ArgumentException($"CSV column '{column}': null value"),
        _ => throw new ArgumentException($"CSV column '{column}': type {value.GetType().Name} is not a cell type"),
    };

    /// <summary>"SignalEvents" → "signal_events"; runs of capitals stay together ("RAvgM" → "r_avg_m").</summary>
    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool prevLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool nextLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (i > 0 && (prevLower || nextLower)) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
