using NuXe.Analyses.Framework;

namespace NuXe.Analyses.Coloma2014;

/// <summary>Coloma et al. 2014 sterile-neutrino analysis from the L distribution (EXPERIMENTS.md §1.2 `sterile`).</summary>
public static class Coloma2014Sterile
{
    public static void Run(StudyContext ctx) => ctx.Report.Paragraph("Not implemented yet (issue 6).");
}
