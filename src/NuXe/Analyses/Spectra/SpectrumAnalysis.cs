using NuXe.Detector;

namespace NuXe.Analyses.Spectra;

/// <summary>Counts of one spectrum component: over all recoil energies (true, no response) and in the window (reconstructed).</summary>
public sealed record ComponentCounts(string Name, double Total, double Window, double[] Binned);

/// <summary>
/// The expected spectrum of an experiment at its SM point: binned signal and backgrounds on the preset's binning, and
/// counts over all energies and in a reconstructed-energy window. Events are for the full exposure.
/// </summary>
public sealed record SpectrumResult(
    string Experiment,
    Binning Binning,
    (double Lo, double Hi) WindowKeV,
    double RAvgM,
    double FiducialMassTonnes,
    double Electrons,
    double MeanActivityMCi,
    int Deployments,
    ComponentCounts Signal,
    IReadOnlyList<ComponentCounts> Backgrounds)
{
    /// <summary>Total background over all energies.</summary>
    public double BackgroundTotal => Backgrounds.Sum(b => b.Total);

    /// <summary>Total background in the window.</summary>
    public double BackgroundWindow => Backgrounds.Sum(b => b.Window);
}

/// <summary>Computes <see cref="SpectrumResult"/>s.</summary>
public static class SpectrumAnalysis
{
    /// <summary>Compute the SM spectrum of an experiment; the window defaults to the spec's analysis window.</summary>
    public static SpectrumResult Compute(ExperimentSpec spec, (double Lo, double Hi)? window = null)
    {
        var w = window ?? spec.Response.WindowKeV;
        if (!(w.Lo < w.Hi)) throw new NuXeInputException("--window", $"{w.Lo}:{w.Hi}", "needs LO < HI");
        var x = PreparedExperiment.Compile(spec);
        var xw = PreparedExperiment.Compile(spec, new Binning([w.Lo, w.Hi]));
        int nb = x.Binning.Count;

        ComponentCounts Neutrino(string name, Func<NeutrinoChannel, bool> channelFilter, Func<string, bool> componentFilter)
        {
            var binned = new double[nb]; double total = 0, win = 0;
            for (int c = 0; c < x.Channels.Count; c++)
            {
                if (!channelFilter(x.Channels[c])) continue;
                for (int j = 0; j < x.Channels[c].Components.Count; j++)
                {
                    if (!componentFilter(x.Channels[c].Components[j].Name)) continue;
                    var s = x.StandardModelSpectrum(c, j);
                    for (int i = 0; i < nb; i++) binned[i] += s[i];
                    total += x.StandardModelTotal(c, j);
                    win += xw.StandardModelSpectrum(c, j)[0];
                }
            }
            return new ComponentCounts(name, total, win, binned);
        }

        var signal = Neutrino("signal", ch => ch.IsSignal, _ => true);
        var backgrounds = new List<ComponentCounts>();
        foreach (var solarName in x.Channels.Where(ch => !ch.IsSignal).SelectMany(ch => ch.Components.Select(k => k.Name)).Distinct())
            backgrounds.Add(Neutrino(solarName, ch => !ch.IsSignal, n => n == solarName));
        for (int b = 0; b < x.Backgrounds.Count; b++)
            backgrounds.Add(new ComponentCounts(x.Backgrounds[b].Name, x.Backgrounds[b].TotalEvents, xw.BinnedBackgrounds[b].Binned[0], x.BinnedBackgrounds[b].Binned));

        return new SpectrumResult(spec.Name, x.Binning, w, x.RAvgM, spec.Target.MassTonnes, spec.Target.Electrons, x.MeanActivityMCi,
            spec.Source?.Deployments ?? 1, signal, backgrounds);
    }
}
