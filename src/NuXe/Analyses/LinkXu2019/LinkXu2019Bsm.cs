using NuXe.Analyses.Framework;

namespace NuXe.Analyses.LinkXu2019;

/// <summary>Link &amp; Xu 2019 beyond-SM parts: NSI (Table III, Fig. 4), SPVAT (Fig. 5), light Z′ (Figs. 6–7).</summary>
public static class LinkXu2019Bsm
{
    public static void RunNsi(StudyContext ctx) => ctx.Report.Paragraph("Not implemented yet (issue 5).");
    public static void RunSpvat(StudyContext ctx) => ctx.Report.Paragraph("Not implemented yet (issue 5).");
    public static void RunZPrime(StudyContext ctx) => ctx.Report.Paragraph("Not implemented yet (issue 5).");
}
