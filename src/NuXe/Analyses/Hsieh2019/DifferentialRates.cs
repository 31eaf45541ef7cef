using NuXe.Detector;
using NuXe.Sources;
using NuXe.Sources.Solar;

namespace NuXe.Analyses.Hsieh2019;

/// <summary>
/// True-energy differential ν–e rates per tonne-year at chosen recoil energies (issue 7 part 8): events/(t·yr·keV), at the
/// preset's SM point, atomic response of the preset, before efficiency, threshold and resolution.
/// </summary>
/// <param name="RecoilKeV">Recoil energies T (keV).</param>
/// <param name="Total">Sum over all neutrino components, events/(t·yr·keV).</param>
/// <param name="Components">Per component name (flavours summed): the eight solar sources pp, pep, be7, b8, hep, n13, o15,
/// f17 (zeros when a source is not in the preset) followed by any other channel (e.g. "cr51").</param>
public sealed record DifferentialRates(double[] RecoilKeV, double[] Total, IReadOnlyList<(string Name, double[] PerTonneYearKeV)> Components)
{
    /// <summary>The solar component names, in the output order.</summary>
    public static readonly IReadOnlyList<string> SolarNames = ["pp", "pep", "be7", "b8", "hep", "n13", "o15", "f17"];

    /// <summary>Σ over components of <see cref="PreparedExperiment.StandardModelDifferential"/> at each T, divided by the exposure (t·yr);
    /// flux moments are built once per component (a full 24-component spectrum at 1000 energies takes a few ms).</summary>
    public static DifferentialRates Compute(PreparedExperiment x, IReadOnlyList<double> recoilKeV)
    {
        double ty = x.Exposure.TonneYears;
        var names = new List<string>(SolarNames);
        foreach (var ch in x.Channels) foreach (var c in ch.Components) if (!names.Contains(c.Name)) names.Add(c.Name);
        var values = names.ToDictionary(n => n, _ => new double[recoilKeV.Count]);
        var total = new double[recoilKeV.Count];
        var model = x.StandardModelBaseline;
        for (int c = 0; c < x.Channels.Count; c++)
            for (int j = 0; j < x.Channels[c].Components.Count; j++)
            {
                // same sum as PreparedExperiment.StandardModelDifferential, with the flux moments built once per component
                var comp = x.Channels[c].Components[j];
                var fm = new FluxMoments(comp);
                double lnE = comp.MeanLogEnergyKeV();
                var kernels = model.Kernels(comp.Stream);
                var coef = new double[kernels.Count];
                model.Coefficients(comp.Stream, [x.Spec.Physics.Sin2ThetaW], coef, []);
                double scale = x.Channels[c].ElectronSeconds / ty;
                var arr = values[comp.Name];
                for (int i = 0; i < recoilKeV.Count; i++)
                {
                    double t = recoilKeV[i];
                    var (m0, m1, m2) = fm.At(t);
                    double s = 0;
                    for (int k = 0; k < kernels.Count; k++) { var kc = kernels[k].Coefficients(t); s += coef[k] * (kc.A0 * m0 + kc.A1 * m1 + kc.A2 * m2); }
                    double v = s * x.Atomic.Factor(t, comp.Stream, lnE) * scale;
                    arr[i] += v; total[i] += v;
                }
            }
        return new DifferentialRates(recoilKeV.ToArray(), total, names.Select(n => (n, values[n])).ToArray());
    }
}
