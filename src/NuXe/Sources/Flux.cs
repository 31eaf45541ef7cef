using NuXe.Physics;

namespace NuXe.Sources;

/// <summary>A monoenergetic neutrino line: energy (keV) and flux (cm⁻² s⁻¹) at the target.</summary>
public sealed record SpectralLine(double EnergyKeV, double FluxPerCm2PerS);

/// <summary>
/// A tabulated continuous spectrum dΦ/dE in cm⁻² s⁻¹ keV⁻¹ on an increasing energy grid (keV); linear between points,
/// zero outside the grid.
/// </summary>
public sealed record ContinuousSpectrum(double[] EnergyKeV, double[] FluxPerCm2PerSPerKeV)
{
    /// <summary>A copy with its own arrays (shared, cached spectra are handed out as copies).</summary>
    public ContinuousSpectrum Copy() => new([.. EnergyKeV], [.. FluxPerCm2PerSPerKeV]);

    /// <summary>∫ dΦ/dE dE over the grid (trapezoid), cm⁻² s⁻¹.</summary>
    public double TotalFluxPerCm2PerS()
    {
        double s = 0;
        for (int i = 1; i < EnergyKeV.Length; i++)
            s += 0.5 * (FluxPerCm2PerSPerKeV[i] + FluxPerCm2PerSPerKeV[i - 1]) * (EnergyKeV[i] - EnergyKeV[i - 1]);
        return s;
    }
}

/// <summary>
/// One flux component reaching the detector for one flavour stream: lines and/or a continuum, already weighted by
/// any flavour-conversion probability (e.g. P_ee for the ν_e part of a solar source). Fluxes are the volume- and
/// time-averaged values at the target, so that events = electrons × live seconds × ∫ flux × σ.
/// </summary>
public sealed record FluxComponent(string Name, FlavourStream Stream, IReadOnlyList<SpectralLine> Lines, ContinuousSpectrum? Continuum = null)
{
    /// <summary>Highest neutrino energy present (keV).</summary>
    public double MaxEnergyKeV => Math.Max(Lines.Count == 0 ? 0 : Lines.Max(l => l.EnergyKeV), Continuum?.EnergyKeV[^1] ?? 0);

    /// <summary>
    /// Flux-weighted mean of ln(E/keV) over the component (lines and continuum, trapezoid on the continuum grid); used by
    /// the photon-exchange atomic responses whose equivalent-photon term grows as ln(E_ν/m_ν) (docs/atomic.md).
    /// </summary>
    public double MeanLogEnergyKeV()
    {
        double w = 0, s = 0;
        foreach (var l in Lines) { w += l.FluxPerCm2PerS; s += l.FluxPerCm2PerS * Math.Log(l.EnergyKeV); }
        if (Continuum is { } c)
            for (int i = 1; i < c.EnergyKeV.Length; i++)
            {
                double e0 = Math.Max(c.EnergyKeV[i - 1], 1e-3), e1 = Math.Max(c.EnergyKeV[i], 1e-3);
                double f0 = c.FluxPerCm2PerSPerKeV[i - 1] * (c.EnergyKeV[i] - c.EnergyKeV[i - 1]) / 2, f1 = c.FluxPerCm2PerSPerKeV[i] * (c.EnergyKeV[i] - c.EnergyKeV[i - 1]) / 2;
                w += f0 + f1; s += f0 * Math.Log(e0) + f1 * Math.Log(e1);
            }
        return w > 0 ? s / w : Math.Log(Math.Max(MaxEnergyKeV, 1e-3));
    }

    /// <summary>Total flux (cm⁻² s⁻¹).</summary>
    public double TotalFluxPerCm2PerS => Lines.Sum(l => l.FluxPerCm2PerS) + (Continuum?.TotalFluxPerCm2PerS() ?? 0);

    /// <summary>This component with every flux multiplied by <paramref name="factor"/>.</summary>
    public FluxComponent Scaled(double factor, string? name = null) => new(
        name ?? Name, Stream,
        Lines.Select(l => l with { FluxPerCm2PerS = l.FluxPerCm2PerS * factor }).ToArray(),
        Continuum is null ? null : Continuum with { FluxPerCm2PerSPerKeV = Continuum.FluxPerCm2PerSPerKeV.Select(v => v * factor).ToArray() });
}
