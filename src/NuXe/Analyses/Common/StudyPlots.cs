using NuXe.Output;
using NuXe.Statistics;

namespace NuXe.Analyses.Common;

/// <summary>Small helpers that turn statistics results into figures and tables.</summary>
public static class StudyPlots
{
    /// <summary>Palette for configurations A, B, C, …</summary>
    public static readonly IReadOnlyList<string> ConfigColors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    /// <summary>Contour polylines (statistics) as plot polylines.</summary>
    public static IReadOnlyList<Output.Polyline> Lines(Contour c)
        => c.Lines.Select(l => new Output.Polyline(
            l.Points.Select(p => p.X).Concat(l.Closed && l.Points.Count > 0 ? [l.Points[0].X] : []).ToArray(),
            l.Points.Select(p => p.Y).Concat(l.Closed && l.Points.Count > 0 ? [l.Points[0].Y] : []).ToArray())).ToArray();

    /// <summary>Δχ² curve of a 1-D profile.</summary>
    public static LineSeriesSpec ProfileLine(Profile1DResult p, string label, string? color = null, LineDash dash = LineDash.Solid)
        => new(label, p.Values.ToArray(), p.DeltaChi2.ToArray(), color, dash);

    /// <summary>A horizontal line at a Δχ² threshold across [x0, x1].</summary>
    public static LineSeriesSpec Threshold(double level, double x0, double x1, string label)
        => new(label, [x0, x1], [level, level], "#555555", LineDash.Dash, 1);

    /// <summary>Rows (config, cl, dof, threshold, line, x, y) of contour points for a CSV.</summary>
    public static IEnumerable<IReadOnlyList<object>> ContourRows(string config, Contour c)
    {
        int line = 0;
        foreach (var l in c.Lines)
        {
            foreach (var p in l.Points) yield return [config, c.Cl, c.Dof, c.Threshold, line, p.X, p.Y];
            line++;
        }
    }

    /// <summary>"0.6827" → "1σ", "0.9" → "90 %".</summary>
    public static string ClLabel(double cl)
        => Math.Abs(cl - ChiSquareThresholds.OneSigmaCl) < 1e-4 ? "1σ" : $"{cl * 100:0.#} %";
}
