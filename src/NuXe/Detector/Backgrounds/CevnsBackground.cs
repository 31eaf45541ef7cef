using NuXe.Physics.Cevns;
using NuXe.Sources.Solar;

namespace NuXe.Detector;

/// <summary>
/// Preset block <c>[backgrounds.cevns]</c>: SM CEvNS of solar neutrinos (default ⁸B and hep) on natural xenon, deposited in
/// electron-equivalent energy through the Lindhard quenching (<see cref="LindhardQuenching"/>) and its Jacobian
/// (Hsieh et al. 2019 §II; PHYSICS.md §9). It enters as a background component named "cevns" that goes through the same
/// detector response as the electron recoils (the ER efficiency and resolution are applied to E_ee — an approximation).
/// </summary>
/// <param name="FluxModel">Solar model name ("b16-gs98", "b16-agss09met", "hsieh2019").</param>
/// <param name="Sources">Source keys ("b8", "hep", …).</param>
/// <param name="QuenchingK">Lindhard k (0.166 default; see <see cref="LindhardQuenching"/>).</param>
/// <param name="Sin2ThetaW">sin²θ_W of the weak charge.</param>
/// <param name="Scale">Overall factor.</param>
public sealed record CevnsSpec(string FluxModel, IReadOnlyList<string> Sources, double QuenchingK, double Sin2ThetaW, double Scale) : BackgroundSpec("cevns", Scale)
{
    /// <summary>The tabulated quenched spectrum per tonne-year.</summary>
    public CevnsSpectrum Spectrum() => CevnsSpectrum.Compute(SolarModel.ByName(FluxModel), Sources.Select(SolarSources.Parse),
        CevnsTerm.StandardModel, 0, Sin2ThetaW, new LindhardQuenching(QuenchingK));

    /// <inheritdoc/>
    public override IBackgroundComponent Build(Exposure exposure) => new CevnsBackground(Spectrum(), Scale * exposure.TonneYears);

    sealed class CevnsBackground(CevnsSpectrum spectrum, double tonneYears) : IBackgroundComponent
    {
        public string Name => "cevns";
        public double EventsPerKeV(double recoilKeV) => tonneYears * spectrum.AtKeVee(recoilKeV);
        public double EndpointKeV => spectrum.EndpointKeVee;
        public double TotalEvents => tonneYears * spectrum.PerTonneYearAboveKeVee(0);
        public IReadOnlyList<double> BreakpointsKeV => [spectrum.EndpointKeVee];
    }
}
