using NuXe.Sources.Solar;
using NuXe.Sources;

namespace NuXe.Detector;

/// <summary>
/// True-energy differential ν–e rates per tonne-year at chosen recoil energies (issue 7 part 8): events/(t·yr·keV), at the
/// preset's SM point, atomic response of the preset, before efficiency, threshold and resolution.
/// </summary>
/// <param name="RecoilKeV">Recoil energies T (keV).</param>
/// <param name="Total">Sum over all neutrino components, events/(t·yr·keV).</param>
/// <param name="Components">Per component name (flavours summed): the eight solar sources in
/// <see cref="SolarSources.Keys"/> order (zeros when a source is not in the preset) followed by any other channel (e.g. "cr51").</param>
public sealed record DifferentialRates(double[] RecoilKeV, double[] Total, IReadOnlyList<(string Name, double[] PerTonneYearKeV)> Components)
{
    /// <summary>The solar component names, in the output order.</summary>
    public static IReadOnlyList<string> SolarNames => SolarSources.Keys;

    /// <summary>Σ over components of <see cref="PreparedExperiment.StandardModelDifferential(int, int, double)"/> at each T, divided by the exposure (t·yr);
    /// flux moments are built once per component (a full 24-component spectrum at 1000 energies takes a few ms).</summary>
    public static DifferentialRates Compute(PreparedExperiment x, IReadOnlyList<double> recoilKeV)
    {
        double ty = x.Exposure.TonneYears;
        var names = new List<string>(SolarNames);
        foreach (var ch in x.Channels) foreach (var c in ch.Components) if (!names.Contains(c.Name)) names.Add(c.Name);
        var values = names.ToDictionary(n => n, _ => new double[recoilKeV.Count]);
        var total = new double[recoilKeV.Count];
        for (int c = 0; c < x.Channels.Count; c++)
            for (int j = 0; j < x.Channels[c].Components.Count; j++)
            {
                var comp = x.Channels[c].Components[j];
                var fm = new FluxMoments(comp); // built once per component, reused at every energy
                var arr = values[comp.Name];
                for (int i = 0; i < recoilKeV.Count; i++)
                {
                    double v = x.StandardModelDifferential(c, j, fm, recoilKeV[i]) / ty;
                    arr[i] += v; total[i] += v;
                }
            }
        return new DifferentialRates(recoilKeV.ToArray(), total, names.Select(n => (n, values[n])).ToArray());
    }
}
