namespace NuXe.Output;

/// <summary>Axis scale.</summary>
public enum AxisScale
{
    /// <summary>Linear axis.</summary>
    Linear,
    /// <summary>Base-10 logarithmic axis; non-positive data are clipped to the axis minimum.</summary>
    Log,
}

/// <summary>Line dash pattern.</summary>
public enum LineDash
{
    /// <summary>Solid line.</summary>
    Solid,
    /// <summary>Dashed line.</summary>
    Dash,
    /// <summary>Dotted line.</summary>
    Dot,
    /// <summary>Dash-dot line.</summary>
    DashDot,
}

/// <summary>Marker shape for points and single markers.</summary>
public enum MarkerShape
{
    /// <summary>Filled circle.</summary>
    Circle,
    /// <summary>Filled square.</summary>
    Square,
    /// <summary>Filled diamond.</summary>
    Diamond,
    /// <summary>Filled triangle.</summary>
    Triangle,
    /// <summary>Diagonal cross (×).</summary>
    Cross,
    /// <summary>Plus sign (+).</summary>
    Plus,
    /// <summary>Star (* shape), e.g. for the Standard-Model point.</summary>
    Star,
}

/// <summary>Where the legend goes (always inside the plot area), or no legend.</summary>
public enum LegendCorner
{
    /// <summary>Top right corner.</summary>
    TopRight,
    /// <summary>Top left corner.</summary>
    TopLeft,
    /// <summary>Bottom right corner.</summary>
    BottomRight,
    /// <summary>Bottom left corner.</summary>
    BottomLeft,
    /// <summary>No legend.</summary>
    None,
}

/// <summary>
/// One axis. <paramref name="Title"/> carries the unit, e.g. "T_{e} [keV]" or "events / (t·yr·keV)";
/// OxyPlot markup <c>^{…}</c> and <c>_{…}</c> gives super- and subscripts.
/// </summary>
/// <param name="Title">Axis title with unit.</param>
/// <param name="Scale">Linear or logarithmic.</param>
/// <param name="Minimum">Lower limit in data units; null = automatic.</param>
/// <param name="Maximum">Upper limit in data units; null = automatic.</param>
public sealed record AxisSpec(string Title, AxisScale Scale = AxisScale.Linear, double? Minimum = null, double? Maximum = null);

/// <summary>
/// Base of all series. <see cref="Label"/> is the legend entry (null or empty: not in the legend);
/// <see cref="Color"/> is "#RRGGBB" or "#AARRGGBB" (null: next colour of the default palette).
/// </summary>
public abstract record SeriesSpec(string? Label, string? Color);

/// <summary>A polyline through (X[i], Y[i]); NaN values break the line.</summary>
public sealed record LineSeriesSpec(
    string? Label, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    string? Color = null, LineDash Dash = LineDash.Solid, double Thickness = 2) : SeriesSpec(Label, Color);

/// <summary>
/// A step histogram: <see cref="Contents"/>[i] is the height over [<see cref="Edges"/>[i], Edges[i+1]]
/// (so Edges has Contents.Count + 1 increasing entries). <see cref="Filled"/> fills down to zero
/// (or to the log-axis minimum).
/// </summary>
public sealed record HistogramSpec(
    string? Label, IReadOnlyList<double> Edges, IReadOnlyList<double> Contents,
    string? Color = null, bool Filled = false, LineDash Dash = LineDash.Solid, double Thickness = 2)
    : SeriesSpec(Label, Color);

/// <summary>One component of a <see cref="StackedHistogramSpec"/>.</summary>
/// <param name="Label">Legend entry.</param>
/// <param name="Contents">Bin heights, one per bin of the stack's edges; must be non-negative.</param>
/// <param name="Color">"#RRGGBB"; null = palette.</param>
/// <param name="Filled">True (backgrounds): filled band; false (e.g. the signal on top): outline only.</param>
public sealed record StackComponent(string Label, IReadOnlyList<double> Contents, string? Color = null, bool Filled = true);

/// <summary>
/// Stacked step histograms as in a physics spectrum plot: the components are stacked bottom-up in list order
/// (backgrounds first, signal last), each drawn as the band between the cumulative sum below it and the sum
/// including it; with a <c>TotalLabel</c> the total is outlined in black. Works with a log y axis (zero floors clipped to the axis minimum).
/// </summary>
public sealed record StackedHistogramSpec(
    IReadOnlyList<double> Edges, IReadOnlyList<StackComponent> Components, string? TotalLabel = null)
    : SeriesSpec(TotalLabel, "#000000");

/// <summary>
/// Points with (possibly asymmetric) error bars; errors are positive lengths. <see cref="XError"/> draws
/// horizontal half-widths (e.g. half a bin); null = none.
/// </summary>
public sealed record ErrorPointsSpec(
    string? Label, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    IReadOnlyList<double> YErrorLow, IReadOnlyList<double> YErrorHigh,
    IReadOnlyList<double>? XError = null, string? Color = null, MarkerShape Marker = MarkerShape.Circle,
    double MarkerSize = 4) : SeriesSpec(Label, Color);

/// <summary>An open or closed polyline of a contour (closed when the last point equals the first).</summary>
public sealed record Polyline(IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>
/// A 2-D contour at one level, given as polylines (e.g. from marching squares; several for disjoint regions).
/// <c>Label</c> goes to the legend once; <see cref="InlineLabel"/> (e.g. "90 %") is written next to
/// each polyline.
/// </summary>
public sealed record ContourSpec(
    string? Label, IReadOnlyList<Polyline> Lines, string? Color = null, LineDash Dash = LineDash.Solid,
    double Thickness = 2, string? InlineLabel = null) : SeriesSpec(Label, Color);

/// <summary>A single marked point, e.g. the Standard-Model point or a best fit.</summary>
public sealed record MarkerSpec(
    string? Label, double X, double Y, MarkerShape Shape = MarkerShape.Star, string? Color = null, double Size = 8)
    : SeriesSpec(Label, Color);

/// <summary>
/// A complete figure. Render it with <see cref="Plotter.Render"/>; the file extension (.png or .svg)
/// decides the format.
/// </summary>
/// <param name="Title">Figure title (empty for none).</param>
/// <param name="XAxis">Horizontal axis.</param>
/// <param name="YAxis">Vertical axis.</param>
/// <param name="Series">Series, drawn in order (later on top).</param>
/// <param name="Legend">Legend placement.</param>
/// <param name="WidthPx">Width in pixels (SVG: user units).</param>
/// <param name="HeightPx">Height in pixels.</param>
/// <param name="Subtitle">Optional smaller second title line (e.g. a note on the sign degeneracy).</param>
public sealed record FigureSpec(
    string Title, AxisSpec XAxis, AxisSpec YAxis, IReadOnlyList<SeriesSpec> Series,
    LegendCorner Legend = LegendCorner.TopRight, int WidthPx = 900, int HeightPx = 600, string? Subtitle = null);
