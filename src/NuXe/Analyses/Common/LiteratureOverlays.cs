using NuXe.Analyses.Framework;
using NuXe.Output;

namespace NuXe.Analyses.Common;

/// <summary>
/// Figure overlays from the curated literature tables (data/literature, provenance in its PROVENANCE.md): the bounds and
/// measurements each paper compares against, drawn labelled beside our results. Comparisons only, never inputs.
/// </summary>
public static class LiteratureOverlays
{
    static readonly string[] Colors = ["#555555", "#8c564b", "#9467bd", "#17becf", "#bcbd22", "#e377c2", "#7f7f7f"];

    /// <summary>
    /// Vertical lines at the bound ends (<c>lo</c>, <c>hi</c>) of the rows of <paramref name="file"/> with the given
    /// quantity and flavours, for a Δχ² profile plot whose x axis is value / <paramref name="plotUnit"/> over
    /// [<paramref name="xMin"/>, <paramref name="xMax"/>]; bounds farther than <paramref name="widen"/> half-widths from the
    /// axis centre are left out (the caller widens its axis to the lines returned).
    /// </summary>
    public static IReadOnlyList<SeriesSpec> BoundLines(string file, string quantity, IReadOnlyCollection<string> flavours, double plotUnit,
        double xMin, double xMax, double yMax, double widen = 3)
    {
        double centre = 0.5 * (xMin + xMax), half = widen * 0.5 * (xMax - xMin);
        var series = new List<SeriesSpec>();
        int k = 0;
        foreach (var row in PublishedData.Literature(file).Where(r => r["quantity"] == quantity && flavours.Contains(r["flavour"])))
        {
            var ends = new[] { PublishedData.Number(row, "lo"), PublishedData.Number(row, "hi") }
                .Where(v => v is not null).Select(v => v!.Value / plotUnit).Where(v => Math.Abs(v - centre) <= half).ToList();
            if (ends.Count == 0) continue;
            string color = Colors[k++ % Colors.Length];
            for (int i = 0; i < ends.Count; i++)
                series.Add(new LineSeriesSpec(i == 0 ? $"{row["experiment"]} (literature)" : null, [ends[i], ends[i]], [0, yMax], color, LineDash.Dot, 1.2));
        }
        return series;
    }

    /// <summary>
    /// The rectangle [lo, hi] of <paramref name="xQuantity"/> × [lo, hi] of <paramref name="yQuantity"/> for each experiment
    /// of <paramref name="file"/> that gives both (e.g. Link &amp; Xu Table III "known bounds" in the (ε^L, ε^R) plane).
    /// </summary>
    public static IReadOnlyList<SeriesSpec> BoundBoxes(string file, string xQuantity, string yQuantity)
    {
        var rows = PublishedData.Literature(file);
        var series = new List<SeriesSpec>();
        int k = 0;
        foreach (var x in rows.Where(r => r["quantity"] == xQuantity))
        {
            var y = rows.FirstOrDefault(r => r["quantity"] == yQuantity && r["experiment"] == x["experiment"]);
            if (y is null) continue;
            if (PublishedData.Number(x, "lo") is not { } x0 || PublishedData.Number(x, "hi") is not { } x1
                || PublishedData.Number(y, "lo") is not { } y0 || PublishedData.Number(y, "hi") is not { } y1) continue;
            series.Add(new LineSeriesSpec($"{x["experiment"]} (literature)", [x0, x1, x1, x0, x0], [y0, y0, y1, y1, y0],
                Colors[k++ % Colors.Length], LineDash.Dot, 1.5));
        }
        return series;
    }

    /// <summary>A digitised curve (columns <paramref name="xColumn"/>, <paramref name="yColumn"/>) as a labelled dotted line.</summary>
    public static SeriesSpec Curve(string file, string label, string xColumn, string yColumn, string color)
    {
        var rows = PublishedData.Literature(file);
        return new LineSeriesSpec(label, [.. rows.Select(r => PublishedData.Number(r, xColumn) ?? double.NaN)],
            [.. rows.Select(r => PublishedData.Number(r, yColumn) ?? double.NaN)], color, LineDash.Dot, 1.5);
    }
}
