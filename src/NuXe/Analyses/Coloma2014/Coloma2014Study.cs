using NuXe.Analyses.Framework;

namespace NuXe.Analyses.Coloma2014;

/// <summary>
/// `nuxe reproduce coloma2014`: P. Coloma, P. Huber and J. M. Link, "Combining dark matter detectors and electron-capture
/// sources to hunt for new physics in the neutrino sector", JHEP 11 (2014) 042, arXiv:1406.4914 (EXPERIMENTS.md §1.2).
/// </summary>
public static class Coloma2014Study
{
    public const string Name = "coloma2014";

    public static IStudy Create() => new Study(Name,
        "Coloma, Huber & Link 2014: 51Cr source beside a 6 t LXe detector: magnetic moment and sterile neutrinos",
        "P. Coloma, P. Huber and J. M. Link, JHEP 11 (2014) 042, arXiv:1406.4914",
        [
            new StudyPart("spectra", "Fig. 1 left: events per 5 keV with and without a ν magnetic moment, and the background", Coloma2014Spectra.Run, Quick: true),
            new StudyPart("mm", "Event counts; 95 % CL limit on μ_ν for 1 and 5 deployments and versus threshold (Fig. 3)", Coloma2014Mm.RunMagneticMoment, Quick: true),
            new StudyPart("em", "Beyond the paper: 90 % CL intervals on the ν_e millicharge and charge radius", Coloma2014Mm.RunChargeAndRadius, Quick: true),
            new StudyPart("sterile", "Fig. 2: 3+1 sterile-neutrino exclusion from the L distribution (95 % CL, 2 dof), four variants", Coloma2014Sterile.Run, Quick: true),
        ]);
}
