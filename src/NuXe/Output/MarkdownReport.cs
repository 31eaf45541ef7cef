using System.Globalization;
using System.Text;

namespace NuXe.Output;

/// <summary>
/// One row of a "published vs ours" table. The relative difference is ours/published − 1.
/// </summary>
/// <param name="Quantity">What is compared, e.g. "sin²θ_W (A)".</param>
/// <param name="Published">Published central value.</param>
/// <param name="Ours">Our value.</param>
/// <param name="Note">Free note (source, reason for a difference).</param>
/// <param name="PublishedText">Display text for the published value (e.g. "0.238 +0.020/−0.017"); null = formatted number.</param>
/// <param name="OursText">Display text for our value; null = formatted number.</param>
public sealed record Comparison(
    string Quantity, double Published, double Ours, string? Note = null,
    string? PublishedText = null, string? OursText = null)
{
    /// <summary>ours/published − 1 (dimensionless); NaN when the published value is 0 or a value is not finite.</summary>
    public double RelativeDifference =>
        Published == 0 || !double.IsFinite(Published) || !double.IsFinite(Ours) ? double.NaN : Ours / Published - 1;
}

/// <summary>
/// Small Markdown builder for <c>report.md</c>: headings, paragraphs, tables, images and
/// "published vs ours" comparison tables. Numbers use invariant culture.
/// </summary>
public sealed class MarkdownReport
{
    private readonly StringBuilder _text = new();

    /// <summary>Header of <see cref="Comparisons"/> tables.</summary>
    public static readonly IReadOnlyList<string> ComparisonColumns =
        ["quantity", "published", "ours", "relative difference (%)", "note"];

    /// <summary>Appends a heading of level 1–6.</summary>
    public MarkdownReport Heading(int level, string text)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 6);
        Block(new string('#', level) + " " + OneLine(text));
        return this;
    }

    /// <summary>Appends a paragraph (text is written as given; Markdown inside is kept).</summary>
    public MarkdownReport Paragraph(string text)
    {
        Block(text.Trim());
        return this;
    }

    /// <summary>Appends a bullet list.</summary>
    public MarkdownReport Bullets(IEnumerable<string> items)
    {
        Block(string.Join("\n", items.Select(i => "- " + OneLine(i))));
        return this;
    }

    /// <summary>Appends an image link; <paramref name="relativePath"/> is relative to the report file.</summary>
    public MarkdownReport Image(string altText, string relativePath)
    {
        Block($"![{OneLine(altText).Replace("]", "\\]", StringComparison.Ordinal)}]({relativePath.Replace(" ", "%20", StringComparison.Ordinal)})");
        return this;
    }

    /// <summary>Appends a table; cells are escaped ('|' and line breaks). Rows must match the header width.</summary>
    public MarkdownReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (header.Count == 0) throw new ArgumentException("table needs at least one column");
        var lines = new List<string>
        {
            "| " + string.Join(" | ", header.Select(Cell)) + " |",
            "|" + string.Join("|", header.Select(_ => "---")) + "|",
        };
        var index = 0;
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
                throw new ArgumentException($"table row {index} has {row.Count} cells, header has {header.Count}");
            lines.Add("| " + string.Join(" | ", row.Select(Cell)) + " |");
            index++;
        }
        Block(string.Join("\n", lines));
        return this;
    }

    /// <summary>
    /// Appends a "published vs ours" table with columns <see cref="ComparisonColumns"/>; numbers use
    /// <paramref name="numberFormat"/>, the relative difference (ours/published − 1) is in percent with sign
    /// and two decimals ("n/a" when undefined).
    /// </summary>
    public MarkdownReport Comparisons(IEnumerable<Comparison> rows, string numberFormat = "G4") =>
        Table(ComparisonColumns, rows.Select(c => (IReadOnlyList<string>)
        [
            c.Quantity,
            c.PublishedText ?? Number(c.Published, numberFormat),
            c.OursText ?? Number(c.Ours, numberFormat),
            Percent(c.RelativeDifference),
            c.Note ?? "",
        ]));

    /// <summary>Appends another report's text (e.g. a part's section).</summary>
    public MarkdownReport Append(MarkdownReport other)
    {
        if (other._text.Length > 0) Block(other.ToString().TrimEnd());
        return this;
    }

    /// <summary>True when nothing was written.</summary>
    public bool IsEmpty => _text.Length == 0;

    /// <summary>The Markdown text, blocks separated by blank lines, ending in one newline.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>Formats a number in invariant culture.</summary>
    public static string Number(double value, string format = "G4") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Formats a fraction as a signed percentage ("+1.23 %", "−0.50 %"); "n/a" for NaN.</summary>
    public static string Percent(double fraction) =>
        double.IsNaN(fraction) ? "n/a" : (100 * fraction).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " %";

    private void Block(string text)
    {
        if (_text.Length > 0) _text.Append('\n');
        _text.Append(text).Append('\n');
    }

    private static string OneLine(string text) => text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Cell(string text) => OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);
}
