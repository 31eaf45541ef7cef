using SkiaSharp;

namespace NuXe.Output;

/// <summary>
/// Thrown when SkiaSharp finds no font with glyphs: without one, OxyPlot would render every title, label and
/// legend as nothing at all. A plot must fail loudly instead.
/// </summary>
public sealed class PlotFontMissingException : InvalidOperationException
{
    /// <summary>The fixed, actionable message.</summary>
    public const string DefaultMessage =
        "no font found for plot text: install fonts-dejavu-core (apt-get install fonts-dejavu-core)";

    /// <summary>Creates the exception with <see cref="DefaultMessage"/>.</summary>
    public PlotFontMissingException() : base(DefaultMessage) { }
}

/// <summary>Finds the font family used for all plot text.</summary>
public static class PlotFonts
{
    /// <summary>Families tried first, in order (DejaVu Sans is the Debian default of fonts-dejavu-core).</summary>
    public static readonly IReadOnlyList<string> PreferredFamilies =
        ["DejaVu Sans", "Liberation Sans", "Noto Sans", "FreeSans", "Arial", "Helvetica"];

    private static readonly Lazy<string?> Cached = new(() => ResolveWith(
        PreferredFamilies, SKFontManager.Default.FontFamilies, f => SKFontManager.Default.MatchFamily(f)));

    /// <summary>
    /// The family name of a real font (one whose typeface has glyphs for ordinary Latin text and digits).
    /// The lookup runs once per process.
    /// </summary>
    /// <exception cref="PlotFontMissingException">No usable font is installed.</exception>
    public static string ResolveFamily() => Cached.Value ?? throw new PlotFontMissingException();

    /// <summary>True when <see cref="ResolveFamily"/> would succeed.</summary>
    public static bool IsAvailable => Cached.Value is not null;

    /// <summary>
    /// Resolution logic, separated from the global font manager for tests: the preferred families first,
    /// then any installed family; a family counts only if its typeface has glyphs for "Ag0.,".
    /// </summary>
    internal static string? ResolveWith(IEnumerable<string> preferred, IEnumerable<string> installed,
        Func<string, SKTypeface?> match)
    {
        foreach (var family in preferred.Concat(installed))
        {
            using var typeface = match(family);
            if (HasGlyphs(typeface)) return typeface!.FamilyName;
        }
        return null;
    }

    /// <summary>True when the typeface exists and has glyphs for a few ordinary characters.</summary>
    internal static bool HasGlyphs(SKTypeface? typeface) =>
        typeface is not null && typeface.GlyphCount > 0 && typeface.ContainsGlyphs("Ag0.,");
}
