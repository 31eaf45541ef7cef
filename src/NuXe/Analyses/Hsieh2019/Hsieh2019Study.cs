using NuXe.Analyses.Framework;

namespace NuXe.Analyses.Hsieh2019;

/// <summary>
/// `nuxe reproduce hsieh2019`: H.-C. Hsieh et al., "Discovery potential of multiton xenon detectors in neutrino
/// electromagnetic properties", Phys. Rev. D 100, 073001 (2019), arXiv:1903.06085 (EXPERIMENTS.md §2).
/// </summary>
public static class Hsieh2019Study
{
    public const string Name = "hsieh2019";

    public static IStudy Create() => new Study(Name,
        "Hsieh et al. 2019: solar neutrinos in xenon detectors, neutrino electromagnetic properties",
        "H.-C. Hsieh et al., Phys. Rev. D 100, 073001 (2019), arXiv:1903.06085",
        [
            new StudyPart("limits", "Table II: 90 % CL limits on μ_ν, |q_ν| and ⟨r²⟩ per experiment (issue 7)", ctx => ctx.Report.Paragraph("Not implemented yet (issue 7).")),
        ]);
}
