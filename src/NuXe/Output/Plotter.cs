using SkiaSharp;
using System.Globalization;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace NuXe.Output;

/// <summary>
/// Renders a <see cref="FigureSpec"/> with OxyPlot and its SkiaSharp exporters (PNG, SVG). No dotted minor
/// gridlines (they bloat SVGs); major gridlines are thin and light. Every render first checks that a real font
/// exists (<see cref="PlotFonts.ResolveFamily"/>) and throws <see cref="PlotFontMissingException"/> otherwise.
/// </summary>
public static class Plotter
{
    /// <summary>Default colour cycle (matplotlib "tab10"), used when a series gives no colour.</summary>
    public static readonly IReadOnlyList<string> Palette =
    [
        "#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD",
        "#8C564B", "#E377C2", "#7F7F7F", "#BCBD22", "#17BECF",
    ];

    /// <summary>
    /// Renders <paramref name="figure"/> to <paramref name="path"/>: ".png" or ".svg" (case-insensitive) decides
    /// the format. Creates the parent directory. Returns the full path written.
    /// </summary>
    /// <exception cref="PlotFontMissingException">No font with glyphs is installed.</exception>
    /// <exception cref="ArgumentException">Unknown extension or inconsistent series data.</exception>
    public static string Render(FigureSpec figure, string path)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
            throw new ArgumentException($"plot file must end in .png or .svg, got '{path}'", nameof(path));
        if (figure.WidthPx < 100 || figure.HeightPx < 100)
            throw new ArgumentException($"figure size {figure.WidthPx}×{figure.HeightPx} px is too small (≥ 100×100)");

        var full = Path.GetFullPath(path);
        var bytes = RenderBytes(figure, extension);
        var directory = Path.GetDirectoryName(full);
        try { if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new OutputIOException(directory!, OutputIOException.Describe(e), e); }
        SafeFile.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>
    /// Renders <paramref name="figure"/> in memory as ".png" or ".svg" bytes. Nothing touches the disk here, so an I/O
    /// failure can never surface inside the native renderer; a renderer failure becomes <see cref="PlotRenderException"/>.
    /// </summary>
    public static byte[] RenderBytes(FigureSpec figure, string extension)
    {
        ArgumentNullException.ThrowIfNull(figure);
        extension = extension.ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
            throw new ArgumentException($"plot format must be .png or .svg, got '{extension}'", nameof(extension));
        if (figure.WidthPx < 100 || figure.HeightPx < 100)
            throw new ArgumentException($"figure size {figure.WidthPx}×{figure.HeightPx} px is too small (≥ 100×100)");
        var model = BuildModel(figure, PlotFonts.ResolveFamily());
        using var stream = new MemoryStream();
        try
        {
            if (extension == ".png") WritePng(model, figure.WidthPx, figure.HeightPx, stream);
            else
                new OxyPlot.SkiaSharp.SvgExporter { Width = figure.WidthPx, Height = figure.HeightPx }.Export(model, stream);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or PlotFontMissingException))
        {
            throw new PlotRenderException($"figure '{figure.Title}' could not be drawn: {e.Message.Split('\n')[0]}", e);
        }
        return stream.ToArray();
    }

    /// <summary>zlib level of the PNG files: with the "Up" row filter, plots (large flat areas, thin lines) encode about 5× faster
    /// than with SkiaSharp's default adaptive filtering at level 6, for files ≈ 25 % larger (measured on a 900×600 figure:
    /// 4 ms / 55 kB against 28 ms / 43 kB).</summary>
    const int PngZlibLevel = 3;

    /// <summary>Draws <paramref name="model"/> on a <paramref name="widthPx"/>×<paramref name="heightPx"/> raster (96 dpi, the
    /// model's background) with OxyPlot's SkiaSharp renderer and writes it as PNG.</summary>
    static void WritePng(PlotModel model, int widthPx, int heightPx, Stream stream)
    {
        using var bitmap = new SKBitmap(widthPx, heightPx);
        using (var canvas = new SKCanvas(bitmap))
        using (var context = new OxyPlot.SkiaSharp.SkiaRenderContext { RenderTarget = OxyPlot.SkiaSharp.RenderTarget.PixelGraphic, SkCanvas = canvas, UseTextShaping = true })
        {
            IPlotModel m = model;
            m.Update(true);
            canvas.Clear(new SKColor(model.Background.R, model.Background.G, model.Background.B, model.Background.A));
            m.Render(context, new OxyRect(0, 0, widthPx, heightPx));
        }
        using var pixels = bitmap.PeekPixels();
        using var png = pixels?.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, PngZlibLevel))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the plot raster as PNG");
        stream.Write(png.AsSpan());
    }

    /// <summary>Builds the OxyPlot model (exposed to tests; callers use <see cref="Render"/>).</summary>
    internal static PlotModel BuildModel(FigureSpec figure, string fontFamily)
    {
        var model = new PlotModel
        {
            Title = string.IsNullOrEmpty(figure.Title) ? null : figure.Title,
            Subtitle = figure.Subtitle,
            DefaultFont = fontFamily,
            DefaultFontSize = 14,
            TitleFontSize = 16,
            TitleFontWeight = FontWeights.Normal,
            SubtitleFontSize = 12,
            Background = OxyColors.White,
            PlotAreaBorderColor = OxyColors.Black,
            PlotAreaBorderThickness = new OxyThickness(1),
        };

        double? yFloor = figure.YAxis.Scale == AxisScale.Log ? LogFloor(figure.YAxis, figure.Series, y: true) : null;
        double? xFloor = figure.XAxis.Scale == AxisScale.Log ? LogFloor(figure.XAxis, figure.Series, y: false) : null;
        model.Axes.Add(MakeAxis(figure.XAxis, AxisPosition.Bottom, xFloor));
        model.Axes.Add(MakeAxis(figure.YAxis, AxisPosition.Left, yFloor));

        var colors = new ColorCycle();
        foreach (var series in figure.Series)
        {
            switch (series)
            {
                case LineSeriesSpec line: AddLine(model, line, colors, yFloor); break;
                case HistogramSpec histogram: AddHistogram(model, histogram, colors, yFloor); break;
                case StackedHistogramSpec stack: AddStack(model, stack, colors, yFloor); break;
                case ErrorPointsSpec points: AddErrorPoints(model, points, colors, yFloor); break;
                case ContourSpec contour: AddContour(model, contour, colors); break;
                case MarkerSpec marker: AddMarker(model, marker, colors); break;
                default: throw new ArgumentException($"unsupported series type {series.GetType().Name}");
            }
        }

        if (figure.Legend != LegendCorner.None)
        {
            model.Legends.Add(new Legend
            {
                LegendPlacement = LegendPlacement.Inside,
                LegendPosition = figure.Legend switch
                {
                    LegendCorner.TopLeft => LegendPosition.TopLeft,
                    LegendCorner.BottomRight => LegendPosition.BottomRight,
                    LegendCorner.BottomLeft => LegendPosition.BottomLeft,
                    _ => LegendPosition.TopRight,
                },
                LegendBackground = OxyColor.FromAColor(220, OxyColors.White),
                LegendBorder = OxyColors.Gray,
                LegendBorderThickness = 0.5,
                LegendFontSize = 13,
            });
        }
        return model;
    }

    private static Axis MakeAxis(AxisSpec spec, AxisPosition position, double? logFloor)
    {
        Axis axis = spec.Scale == AxisScale.Log ? new LogarithmicAxis() : new LinearAxis();
        axis.Position = position;
        axis.Title = spec.Title;
        axis.MajorGridlineStyle = LineStyle.Solid;
        axis.MajorGridlineColor = OxyColor.FromRgb(0xE0, 0xE0, 0xE0);
        axis.MajorGridlineThickness = 0.5;
        axis.MinorGridlineStyle = LineStyle.None;
        axis.TickStyle = TickStyle.Inside;
        axis.AxisTitleDistance = 6;
        if (spec.Minimum is { } min) axis.Minimum = min;
        else if (logFloor is { } floor) axis.Minimum = floor;
        if (spec.Maximum is { } max) axis.Maximum = max;
        if (spec.Scale == AxisScale.Log && spec.Minimum is <= 0)
            throw new ArgumentException($"log axis '{spec.Title}' needs a positive minimum, got {spec.Minimum}");
        if (spec.Minimum is { } a && spec.Maximum is { } b && !(a < b))
            throw new ArgumentException($"axis '{spec.Title}': minimum {a} must be below maximum {b}");
        return axis;
    }

    /// <summary>
    /// Lower limit of a log axis when none is given: half the smallest positive value any series puts on it
    /// (so empty histogram bins and zero floors have somewhere to go).
    /// </summary>
    private static double LogFloor(AxisSpec axis, IReadOnlyList<SeriesSpec> series, bool y)
    {
        if (axis.Minimum is { } given) return given;
        var smallest = double.PositiveInfinity;
        void Take(double v) { if (v > 0 && double.IsFinite(v) && v < smallest) smallest = v; }
        foreach (var s in series)
        {
            switch (s)
            {
                case LineSeriesSpec l: foreach (var v in y ? l.Y : l.X) Take(v); break;
                case HistogramSpec h: foreach (var v in y ? h.Contents : h.Edges) Take(v); break;
                case StackedHistogramSpec st:
                    if (y) foreach (var c in st.Components) foreach (var v in c.Contents) Take(v);
                    else foreach (var v in st.Edges) Take(v);
                    break;
                case ErrorPointsSpec p:
                    for (var i = 0; i < p.X.Count; i++)
                        Take(y ? Math.Min(p.Y[i], p.Y[i] - (i < p.YErrorLow.Count ? p.YErrorLow[i] : 0)) : p.X[i]);
                    break;
                case ContourSpec c: foreach (var line in c.Lines) foreach (var v in y ? line.Y : line.X) Take(v); break;
                case MarkerSpec m: Take(y ? m.Y : m.X); break;
            }
        }
        return double.IsPositiveInfinity(smallest) ? 1e-3 : smallest / 2;
    }

    private static void AddLine(PlotModel model, LineSeriesSpec spec, ColorCycle colors, double? yFloor)
    {
        RequireSameLength(spec.Label, "X", spec.X.Count, "Y", spec.Y.Count);
        var series = NewLine(spec.Label, colors.Next(spec.Color), spec.Dash, spec.Thickness);
        for (var i = 0; i < spec.X.Count; i++)
        {
            var value = spec.Y[i];
            // On a log axis a non-positive value cannot be drawn: break the line there.
            if (yFloor is not null && value <= 0) value = double.NaN;
            series.Points.Add(new DataPoint(spec.X[i], value));
        }
        model.Series.Add(series);
    }

    private static void AddHistogram(PlotModel model, HistogramSpec spec, ColorCycle colors, double? yFloor)
    {
        CheckEdges(spec.Label, spec.Edges, spec.Contents.Count);
        var color = colors.Next(spec.Color);
        var baseline = yFloor ?? 0;
        var upper = Steps(spec.Edges, spec.Contents, baseline);
        if (spec.Filled)
        {
            var area = new AreaSeries
            {
                Title = NullIfEmpty(spec.Label),
                Color = color,
                Fill = OxyColor.FromAColor(110, color),
                StrokeThickness = spec.Thickness,
                LineStyle = ToLineStyle(spec.Dash),
                ConstantY2 = baseline,
            };
            area.Points.Add(new DataPoint(spec.Edges[0], baseline));
            area.Points.AddRange(upper);
            area.Points.Add(new DataPoint(spec.Edges[^1], baseline));
            model.Series.Add(area);
        }
        else
        {
            var line = NewLine(spec.Label, color, spec.Dash, spec.Thickness);
            line.Points.AddRange(upper);
            model.Series.Add(line);
        }
    }

    private static void AddStack(PlotModel model, StackedHistogramSpec spec, ColorCycle colors, double? yFloor)
    {
        if (spec.Components.Count == 0) throw new ArgumentException("stacked histogram has no components");
        var bins = spec.Edges.Count - 1;
        CheckEdges("stack", spec.Edges, bins);
        var baseline = yFloor ?? 0;
        var below = new double[bins];
        foreach (var component in spec.Components)
        {
            CheckEdges(component.Label, spec.Edges, component.Contents.Count);
            var above = new double[bins];
            for (var i = 0; i < bins; i++)
            {
                var c = component.Contents[i];
                if (!(c >= 0)) throw new ArgumentException($"stack component '{component.Label}': bin {i} is {c}, must be ≥ 0");
                above[i] = below[i] + c;
            }
            var color = colors.Next(component.Color);
            if (component.Filled)
            {
                var area = new AreaSeries
                {
                    Title = NullIfEmpty(component.Label),
                    Color = color,
                    Color2 = OxyColors.Transparent,
                    Fill = OxyColor.FromAColor(170, color),
                    StrokeThickness = 1,
                };
                area.Points.AddRange(Steps(spec.Edges, above, baseline));
                area.Points2.AddRange(Steps(spec.Edges, below, baseline));
                model.Series.Add(area);
            }
            else
            {
                var line = NewLine(component.Label, color, LineDash.Solid, 2.5);
                line.Points.AddRange(Steps(spec.Edges, above, baseline));
                model.Series.Add(line);
            }
            below = above;
        }
        if (!string.IsNullOrEmpty(spec.TotalLabel))
        {
            var total = NewLine(spec.TotalLabel, OxyColors.Black, LineDash.Solid, 1.5);
            total.Points.AddRange(Steps(spec.Edges, below, baseline));
            model.Series.Add(total);
        }
    }

    private static void AddErrorPoints(PlotModel model, ErrorPointsSpec spec, ColorCycle colors, double? yFloor)
    {
        var n = spec.X.Count;
        RequireSameLength(spec.Label, "X", n, "Y", spec.Y.Count);
        RequireSameLength(spec.Label, "X", n, "YErrorLow", spec.YErrorLow.Count);
        RequireSameLength(spec.Label, "X", n, "YErrorHigh", spec.YErrorHigh.Count);
        if (spec.XError is not null) RequireSameLength(spec.Label, "X", n, "XError", spec.XError.Count);
        var color = colors.Next(spec.Color);

        // All bars in one line series, segments separated by NaN points (OxyPlot breaks lines there).
        var bars = NewLine(null, color, LineDash.Solid, 1.5);
        var points = NewScatter(spec.Label, ToMarker(spec.Marker), spec.MarkerSize, color, 1.5);
        for (var i = 0; i < n; i++)
        {
            double x = spec.X[i], y = spec.Y[i];
            if (spec.YErrorLow[i] < 0 || spec.YErrorHigh[i] < 0)
                throw new ArgumentException($"series '{spec.Label}': error bars are lengths and must be ≥ 0 (point {i})");
            var low = y - spec.YErrorLow[i];
            if (yFloor is { } floor && low <= 0) low = floor;
            bars.Points.Add(new DataPoint(x, low));
            bars.Points.Add(new DataPoint(x, y + spec.YErrorHigh[i]));
            bars.Points.Add(DataPoint.Undefined);
            if (spec.XError is not null && spec.XError[i] > 0)
            {
                bars.Points.Add(new DataPoint(x - spec.XError[i], y));
                bars.Points.Add(new DataPoint(x + spec.XError[i], y));
                bars.Points.Add(DataPoint.Undefined);
            }
            if (yFloor is null || y > 0) points.Points.Add(new ScatterPoint(x, y));
        }
        model.Series.Add(bars);
        model.Series.Add(points);
    }

    private static void AddContour(PlotModel model, ContourSpec spec, ColorCycle colors)
    {
        var color = colors.Next(spec.Color);
        var first = true;
        foreach (var polyline in spec.Lines)
        {
            RequireSameLength(spec.Label, "X", polyline.X.Count, "Y", polyline.Y.Count);
            if (polyline.X.Count == 0) continue;
            var line = NewLine(first ? spec.Label : null, color, spec.Dash, spec.Thickness);
            for (var i = 0; i < polyline.X.Count; i++) line.Points.Add(new DataPoint(polyline.X[i], polyline.Y[i]));
            model.Series.Add(line);
            first = false;
            if (!string.IsNullOrEmpty(spec.InlineLabel))
            {
                // Label at the rightmost point of the polyline, just outside it.
                var k = 0;
                for (var i = 1; i < polyline.X.Count; i++) if (polyline.X[i] > polyline.X[k]) k = i;
                model.Annotations.Add(new TextAnnotation
                {
                    Text = spec.InlineLabel,
                    TextPosition = new DataPoint(polyline.X[k], polyline.Y[k]),
                    TextColor = color,
                    Stroke = OxyColors.Transparent,
                    Background = OxyColor.FromAColor(200, OxyColors.White),
                    TextHorizontalAlignment = HorizontalAlignment.Left,
                    TextVerticalAlignment = VerticalAlignment.Middle,
                    FontSize = 12,
                    Padding = new OxyThickness(2),
                });
            }
        }
    }

    private static void AddMarker(PlotModel model, MarkerSpec spec, ColorCycle colors)
    {
        var color = colors.Next(spec.Color);
        var series = NewScatter(spec.Label, ToMarker(spec.Shape), spec.Size, color, 2);
        series.Points.Add(new ScatterPoint(spec.X, spec.Y));
        model.Series.Add(series);
    }

    /// <summary>A scatter series of filled markers in one colour.</summary>
    private static ScatterSeries NewScatter(string? label, MarkerType marker, double size, OxyColor color, double strokeThickness) => new()
    {
        Title = NullIfEmpty(label),
        MarkerType = marker,
        MarkerSize = size,
        MarkerFill = color,
        MarkerStroke = color,
        MarkerStrokeThickness = strokeThickness,
    };

    /// <summary>Step outline: (e0, c0), (e1, c0), (e1, c1), …, (eN, cN−1); values ≤ 0 go to the baseline on a log axis.</summary>
    private static List<DataPoint> Steps(IReadOnlyList<double> edges, IReadOnlyList<double> contents, double baseline)
    {
        var points = new List<DataPoint>(2 * contents.Count);
        for (var i = 0; i < contents.Count; i++)
        {
            var c = baseline > 0 && contents[i] < baseline ? baseline : contents[i];
            points.Add(new DataPoint(edges[i], c));
            points.Add(new DataPoint(edges[i + 1], c));
        }
        return points;
    }

    private static void CheckEdges(string? label, IReadOnlyList<double> edges, int bins)
    {
        if (bins < 1 || edges.Count != bins + 1)
            throw new ArgumentException($"histogram '{label}': {edges.Count} edges for {bins} bins (need bins + 1 ≥ 2)");
        for (var i = 1; i < edges.Count; i++)
            if (!(edges[i] > edges[i - 1]))
                throw new ArgumentException($"histogram '{label}': edges must increase strictly (edge {i})");
    }

    private static void RequireSameLength(string? label, string a, int na, string b, int nb)
    {
        if (na != nb) throw new ArgumentException($"series '{label}': {a} has {na} values but {b} has {nb}");
    }

    private static LineSeries NewLine(string? title, OxyColor color, LineDash dash, double thickness) => new()
    {
        Title = NullIfEmpty(title),
        Color = color,
        LineStyle = ToLineStyle(dash),
        StrokeThickness = thickness,
        MarkerType = MarkerType.None,
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static LineStyle ToLineStyle(LineDash dash) => dash switch
    {
        LineDash.Dash => LineStyle.Dash,
        LineDash.Dot => LineStyle.Dot,
        LineDash.DashDot => LineStyle.DashDot,
        _ => LineStyle.Solid,
    };

    private static MarkerType ToMarker(MarkerShape shape) => shape switch
    {
        MarkerShape.Square => MarkerType.Square,
        MarkerShape.Diamond => MarkerType.Diamond,
        MarkerShape.Triangle => MarkerType.Triangle,
        MarkerShape.Cross => MarkerType.Cross,
        MarkerShape.Plus => MarkerType.Plus,
        MarkerShape.Star => MarkerType.Star,
        _ => MarkerType.Circle,
    };

    /// <summary>Hands out palette colours in order to series without an explicit colour.</summary>
    private sealed class ColorCycle
    {
        private int _next;

        public OxyColor Next(string? explicitColor)
        {
            if (explicitColor is null) return OxyColor.Parse(Palette[_next++ % Palette.Count]);
            try { return OxyColor.Parse(explicitColor); }
            catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"bad colour '{explicitColor}': use #RRGGBB or #AARRGGBB"), e);
            }
        }
    }
}

/// <summary>The plotting library failed to draw a figure (a bug or an unusable figure, not a user error).</summary>
public sealed class PlotRenderException(string message, Exception inner) : Exception(message, inner);
