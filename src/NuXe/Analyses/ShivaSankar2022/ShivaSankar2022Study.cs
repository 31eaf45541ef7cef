using NuXe.Analyses.Framework;

namespace NuXe.Analyses.ShivaSankar2022;

/// <summary>
/// `nuxe reproduce shivasankar2022`: K. A. ShivaSankar et al., "Physics beyond the standard model with XENONnT and LZ
/// data", Phys. Lett. B 839 (2023) 137742, arXiv:2208.06415 (EXPERIMENTS.md §3).
/// </summary>
public static class ShivaSankar2022Study
{
    public const string Name = "shivasankar2022";

    public static IStudy Create() => new Study(Name,
        "ShivaSankar et al. 2022: LZ and XENONnT electron-recoil data, flavoured EM properties and light mediators",
        "K. A. ShivaSankar et al., Phys. Lett. B 839 (2023) 137742, arXiv:2208.06415",
        [
            new StudyPart("em", "Figs. 2–5: flavoured μ_ν, q_ν, ⟨r²⟩, anapole profiles and 90 % CL limits (issue 8)", ctx => ctx.Report.Paragraph("Not implemented yet (issue 8).")),
        ]);
}
