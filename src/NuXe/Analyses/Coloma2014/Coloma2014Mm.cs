using NuXe.Analyses.Framework;

namespace NuXe.Analyses.Coloma2014;

/// <summary>Coloma et al. 2014 magnetic-moment analysis (EXPERIMENTS.md §1.2 `mm`) and the ν_e millicharge / charge radius.</summary>
public static class Coloma2014Mm
{
    public static void RunMagneticMoment(StudyContext ctx) => ctx.Report.Paragraph("Not implemented yet (issue 5).");
    public static void RunChargeAndRadius(StudyContext ctx) => ctx.Report.Paragraph("Not implemented yet (issue 5).");
}
