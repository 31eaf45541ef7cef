using NuXe.Output;
using OxyPlot.Axes;
using OxyPlot.Series;
using SkiaSharp;

namespace NuXe.Tests.Output;

public sealed class PlotterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nuxe-plot-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir) && Environment.GetEnvironmentVariable("NUXE_KEEP_PLOTS") is null) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A spectrum-like figure: stacked backgrounds + signal on a log y axis, data points, a line.</summary>
    internal static FigureSpec Spectrum(string title = "Recoil spectrum")
    {
        double[] edges = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        double[] bg1 = [50, 40, 30, 25, 20, 18, 15, 12, 10, 8];
        double[] bg2 = [5, 5, 5, 5, 5, 0, 5, 5, 5, 5]; // a zero bin must survive the log axis
        double[] sig = [100, 60, 30, 15, 8, 4, 2, 1, 0.5, 0.2];
        double[] centres = [.. edges.Skip(1).Select(e => e - 0.5)];
        double[] data = [150, 110, 70, 44, 31, 23, 21, 19, 15, 13];
        double[] err = [.. data.Select(Math.Sqrt)];
        return new FigureSpec(title,
            new AxisSpec("T_{e} [keV]"),
            new AxisSpec("events / (t·yr·keV)", AxisScale.Log),
            [
                new StackedHistogramSpec(edges,
                [
                    new StackComponent("^{214}Pb", bg1),
                    new StackComponent("^{85}Kr", bg2),
                    new StackComponent("ν–e signal", sig, Filled: false),
                ], TotalLabel: "total"),
                new ErrorPointsSpec("Asimov data", centres, data, err, err, XError: [.. centres.Select(_ => 0.5)]),
                new LineSeriesSpec("model", centres, [.. data.Select(d => d * 0.9)], Dash: LineDash.Dash),
            ]);
    }

    internal static FigureSpec Contours() => new("(g_{V}, g_{A}) plane",
        new AxisSpec("g_{V}", Minimum: -1, Maximum: 1),
        new AxisSpec("g_{A}", Minimum: -1, Maximum: 1),
        [
            new ContourSpec("1σ", [Circle(0.2, 0.3, 0.1), Circle(-0.2, -0.3, 0.1)], InlineLabel: "68 %"),
            new ContourSpec("90 %", [Circle(0.2, 0.3, 0.2), Circle(-0.2, -0.3, 0.2)], Dash: LineDash.Dash, InlineLabel: "90 %"),
            new MarkerSpec("SM", -0.04, -0.5, Color: "#000000"),
        ], Legend: LegendCorner.BottomRight, Subtitle: "two solutions (sign degeneracy)");

    private static Polyline Circle(double x0, double y0, double r)
    {
        var t = Enumerable.Range(0, 65).Select(i => 2 * Math.PI * i / 64).ToArray();
        return new Polyline([.. t.Select(a => x0 + r * Math.Cos(a))], [.. t.Select(a => y0 + r * Math.Sin(a))]);
    }

    [Fact]
    public void FontCheckFindsARealFontOnThisMachine()
    {
        var family = PlotFonts.ResolveFamily();
        Assert.False(string.IsNullOrWhiteSpace(family));
        Assert.True(PlotFonts.IsAvailable);
        using var typeface = SKFontManager.Default.MatchFamily(family);
        Assert.True(PlotFonts.HasGlyphs(typeface));
    }

    [Fact]
    public void FontResolutionReportsNoneWhenNoFamilyHasGlyphs()
    {
        Assert.Null(PlotFonts.ResolveWith(["DejaVu Sans"], ["Anything"], _ => null));
        Assert.False(PlotFonts.HasGlyphs(null));
        Assert.Contains("apt-get install fonts-dejavu-core", new PlotFontMissingException().Message);
        Assert.StartsWith("no font found for plot text", new PlotFontMissingException().Message);
    }

    [Fact]
    public void FontResolutionPrefersTheFirstUsableFamily()
    {
        // "Missing" yields null (no font), so the next candidate wins.
        var family = PlotFonts.ResolveWith(["Missing", "DejaVu Sans"], [],
            f => f == "Missing" ? null : SKFontManager.Default.MatchFamily(f));
        Assert.Equal("DejaVu Sans", family);
    }

    [Fact]
    public void RendersPngOfTheRequestedSizeWithContent()
    {
        var path = Plotter.Render(Spectrum(), Path.Combine(_dir, "sub", "spectrum.png"));
        Assert.True(File.Exists(path));
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"PNG only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(900, bitmap.Width);
        Assert.Equal(600, bitmap.Height);
    }

    [Fact]
    public void TitleTextActuallyReachesThePixels()
    {
        // Same layout (one title line), different text: a wide title must blacken many more pixels of the top
        // band than a single dot, i.e. glyphs were really drawn (with no font they silently vanish).
        var wide = Plotter.Render(Contours() with { Title = "WWWW MMMM WWWW MMMM", Subtitle = null }, Path.Combine(_dir, "a.png"));
        var dot = Plotter.Render(Contours() with { Title = ".", Subtitle = null }, Path.Combine(_dir, "b.png"));
        int wideDark = DarkPixelsInTopBand(wide), dotDark = DarkPixelsInTopBand(dot);
        Assert.True(wideDark > dotDark + 300, $"title pixels: wide {wideDark}, dot {dotDark}");
    }

    private static int DarkPixelsInTopBand(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        var dark = 0;
        for (var y = 0; y < 30; y++)
            for (var x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y).Red < 128) dark++;
        return dark;
    }

    [Fact]
    public void RendersSvgWithTextAndWithoutMinorGridlines()
    {
        var path = Plotter.Render(Contours(), Path.Combine(_dir, "contours.SVG"));
        var svg = File.ReadAllText(path);
        Assert.Contains("<svg", svg);
        Assert.Contains("plane", svg); // the title is real text in the SVG
        Assert.Contains($"font-family=\"{PlotFonts.ResolveFamily()}\"", svg);
        Assert.True(svg.Length < 1_000_000, $"SVG is {svg.Length} characters");
        var model = Plotter.BuildModel(Contours(), "DejaVu Sans");
        Assert.All(model.Axes, a => Assert.Equal(OxyPlot.LineStyle.None, a.MinorGridlineStyle));
    }

    [Fact]
    public void StackedComponentsSumToTheTotalAndZeroBinsAreClippedToTheLogFloor()
    {
        var figure = Spectrum();
        var model = Plotter.BuildModel(figure, "DejaVu Sans");
        var yAxis = Assert.IsType<LogarithmicAxis>(model.Axes.Single(a => a.Position == AxisPosition.Left));
        // Smallest positive value is the signal's 0.2 in the last bin (error bars go lower? 13 - 3.6 > 0.2).
        Assert.Equal(0.1, yAxis.Minimum, 12);
        var areas = model.Series.OfType<AreaSeries>().ToList();
        Assert.Equal(2, areas.Count); // two filled backgrounds; the signal is an outline
        var total = model.Series.OfType<LineSeries>().Single(s => s.Title == "total");
        // Bin 5 (edges 6..7): 18 + 0 + 4 = 22; each bin contributes two step points.
        Assert.Equal(22, total.Points[10].Y, 12);
        Assert.Equal(22, total.Points[11].Y, 12);
        // The 85Kr band: lower edge = 214Pb top, upper edge = 214Pb + 85Kr.
        Assert.Equal(50, areas[1].Points2[0].Y, 12);
        Assert.Equal(55, areas[1].Points[0].Y, 12);
        // Bottom of the stack sits on the log floor, not on zero.
        Assert.All(areas[0].Points2, p => Assert.Equal(0.1, p.Y, 12));
    }

    [Fact]
    public void LegendEntriesFollowLabels()
    {
        var model = Plotter.BuildModel(Contours(), "DejaVu Sans");
        var titled = model.Series.Where(s => s.Title is not null).Select(s => s.Title).ToList();
        Assert.Equal(["1σ", "90 %", "SM"], titled); // contour label once, not per polyline
        Assert.Equal(4, model.Annotations.Count);   // inline label per polyline
    }

    [Fact]
    public void RejectsInconsistentInput()
    {
        var axis = new AxisSpec("x");
        Assert.Throws<ArgumentException>(() => Plotter.Render(Contours(), Path.Combine(_dir, "x.jpg")));
        Assert.Throws<ArgumentException>(() => Plotter.BuildModel(new FigureSpec("", axis, axis,
            [new HistogramSpec("h", [0, 1, 2], [1, 2, 3])]), "DejaVu Sans"));
        Assert.Throws<ArgumentException>(() => Plotter.BuildModel(new FigureSpec("", axis, axis,
            [new HistogramSpec("h", [0, 2, 1], [1, 2])]), "DejaVu Sans"));
        Assert.Throws<ArgumentException>(() => Plotter.BuildModel(new FigureSpec("", axis, axis,
            [new LineSeriesSpec("l", [0, 1], [1])]), "DejaVu Sans"));
        Assert.Throws<ArgumentException>(() => Plotter.BuildModel(new FigureSpec("", axis, axis,
            [new LineSeriesSpec("l", [0, 1], [1, 2], Color: "blue-ish")]), "DejaVu Sans"));
        Assert.Throws<ArgumentException>(() => Plotter.BuildModel(new FigureSpec("", axis, axis,
            [new StackedHistogramSpec([0, 1], [new StackComponent("neg", [-1])])]), "DejaVu Sans"));
    }
}
