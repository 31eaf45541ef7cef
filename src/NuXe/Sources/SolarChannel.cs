using NuXe.Detector;
using NuXe.Physics;

namespace NuXe.Sources;

/// <summary>
/// Solar-neutrino flux components for an experiment's solar channel. TEMPORARY foundation version: pp (allowed β⁺
/// shape without Fermi function) and ⁷Be lines with a constant P_ee; replaced by the full solar module.
/// </summary>
public static class SolarChannel
{
    public static IReadOnlyList<FluxComponent> Components(SolarSpec spec)
    {
        var list = new List<FluxComponent>();
        foreach (var name in spec.Components)
        {
            FluxComponent nue = name switch
            {
                "pp" => new FluxComponent("pp", FlavourStream.NuE, [], PpSpectrum(5.98e10)),
                "be7" => new FluxComponent("be7", FlavourStream.NuE, [new SpectralLine(861.3, 4.93e9 * 0.897), new SpectralLine(384.3, 4.93e9 * 0.103)]),
                _ => throw new ArgumentException($"unknown solar component '{name}' (allowed: pp, be7)"),
            };
            nue = nue.Scaled(spec.Scale);
            list.Add(nue.Scaled(spec.Pee));
            list.Add(new FluxComponent(nue.Name, FlavourStream.NuMu, nue.Lines, nue.Continuum).Scaled(1 - spec.Pee));
        }
        return list;
    }

    static ContinuousSpectrum PpSpectrum(double total)
    {
        const double q = 420.0; double me = Constants.ElectronMassKeV;
        int n = 421; var e = new double[n]; var f = new double[n];
        for (int i = 0; i < n; i++)
        {
            e[i] = q * i / (n - 1);
            double we = q + me - e[i], pe = Math.Sqrt(Math.Max(we * we - me * me, 0));
            f[i] = pe * we * e[i] * e[i];
        }
        double norm = new ContinuousSpectrum(e, f).TotalFluxPerCm2PerS();
        return new ContinuousSpectrum(e, f.Select(v => v * total / norm).ToArray());
    }
}
