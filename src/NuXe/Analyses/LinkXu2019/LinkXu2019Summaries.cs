using System.Text.RegularExpressions;
using NuXe.Analyses.Framework;

namespace NuXe.Analyses.LinkXu2019;

/// <summary>
/// Summary results of the paper's range statements (Sec. IV–V), computed from the part's own results so that the text's
/// numbers ("around 0.1 ~ 0.2", "down to 6 × 10⁻³", "0.5 ~ 2", "down to 10⁻⁷") have an "ours" to be compared with.
/// </summary>
public static partial class LinkXu2019Summaries
{
    [GeneratedRegex(@"^nsi\.[ABC]\.eps[LR]_(emu|etau)\.(lo|hi)$")]
    private static partial Regex NsiOffDiagonal();

    [GeneratedRegex(@"^nsi\.[ABC]\.eps[LR]_ee\.(lo|hi)$")]
    private static partial Regex NsiEe();

    [GeneratedRegex(@"^spvat\.[ABC]\.[SP]\.[CD]\.(lo|hi)$")]
    private static partial Regex SpvatSp();

    [GeneratedRegex(@"^zprime\.[ABC]\.g\.m_1keV$")]
    private static partial Regex ZPrimeLowMass();

    static IReadOnlyList<double> Abs(StudyContext ctx, Regex pattern) =>
        [.. ctx.Results.Where(kv => pattern.IsMatch(kv.Key)).Select(kv => Math.Abs(kv.Value))];

    /// <summary>Runs <see cref="LinkXu2019Bsm.RunNsi"/>, then <c>nsi.emu_etau.range.{lo,hi}</c> (smallest, largest |bound| on ε_eμ, ε_eτ)
    /// and <c>nsi.ee.tightest</c> (smallest |bound| on ε_ee) over A–C.</summary>
    public static void Nsi(StudyContext ctx)
    {
        LinkXu2019Bsm.RunNsi(ctx);
        var off = Abs(ctx, NsiOffDiagonal());
        if (off.Count > 0) { ctx.SetResult("nsi.emu_etau.range.lo", off.Min()); ctx.SetResult("nsi.emu_etau.range.hi", off.Max()); }
        var ee = Abs(ctx, NsiEe());
        if (ee.Count > 0) ctx.SetResult("nsi.ee.tightest", ee.Min());
    }

    /// <summary>Runs <see cref="LinkXu2019Bsm.RunSpvat"/>, then <c>spvat.SP.range.{lo,hi}</c>: smallest and largest |bound| on δC, δD for a = S, P.</summary>
    public static void Spvat(StudyContext ctx)
    {
        LinkXu2019Bsm.RunSpvat(ctx);
        var sp = Abs(ctx, SpvatSp());
        if (sp.Count > 0) { ctx.SetResult("spvat.SP.range.lo", sp.Min()); ctx.SetResult("spvat.SP.range.hi", sp.Max()); }
    }

    /// <summary>Runs <see cref="LinkXu2019Bsm.RunZPrime"/>, then <c>zprime.g.low_mass_floor</c>: the smallest g_Z′ limit at 1 keV over the configurations.</summary>
    public static void ZPrime(StudyContext ctx)
    {
        LinkXu2019Bsm.RunZPrime(ctx);
        var g = Abs(ctx, ZPrimeLowMass());
        if (g.Count > 0) ctx.SetResult("zprime.g.low_mass_floor", g.Min());
    }
}
