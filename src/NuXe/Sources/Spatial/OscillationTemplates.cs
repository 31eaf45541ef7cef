using NuXe.Physics;

namespace NuXe.Sources.Spatial;

/// <summary>One neutrino line of the source and its expected ν–e events without oscillation (after the energy cuts).</summary>
/// <param name="EnergyKeV">Neutrino energy (keV).</param>
/// <param name="Events">Expected events for the full exposure with reconstructed recoil energy in the analysis window.</param>
public sealed record SourceLineEvents(double EnergyKeV, double Events);

/// <summary>
/// L-binned templates of a source experiment (Coloma, Huber &amp; Link 2014 §3; STATISTICS.md §5): with the source lines'
/// events N_k (energy-binned machinery, after cuts) and the uniform backgrounds' events B, the expected counts in
/// reconstructed-L bin i are
/// N_i(sin²2θ, Δm²) = S_i − sin²2θ · O_i(Δm²) + B_i, S_i = Σ_k N_k Σ_j R_ij, O_i = Σ_k N_k Σ_j R_ij ⟨sin²(1.267 Δm² L/E_k)⟩_j,
/// B_i = B b_i, linear in sin²2θ at fixed Δm². Immutable and thread-safe.
/// </summary>
public sealed class OscillationTemplates
{
    readonly double[] _s, _b;

    /// <summary>Builds the templates from a smearing, the source lines and the total uniform background (events).</summary>
    public OscillationTemplates(LSmearingMatrix smearing, IReadOnlyList<SourceLineEvents> lines, double backgroundEvents)
    {
        Smearing = smearing ?? throw new ArgumentNullException(nameof(smearing));
        Lines = lines.ToArray();
        BackgroundEvents = backgroundEvents;
        int n = smearing.Reconstructed.Count;
        double total = Lines.Sum(l => l.Events);
        _s = smearing.SignalFractions.Select(f => total * f).ToArray();
        _b = smearing.BackgroundFractions.Select(f => backgroundEvents * f).ToArray();
        if (_s.Length != n) throw new InvalidOperationException("internal: template length");
    }

    /// <summary>The smearing (geometry) used.</summary>
    public LSmearingMatrix Smearing { get; }

    /// <summary>Source lines with their events.</summary>
    public IReadOnlyList<SourceLineEvents> Lines { get; }

    /// <summary>Total uniform background events (all components, after cuts).</summary>
    public double BackgroundEvents { get; }

    /// <summary>Reconstructed L bins.</summary>
    public LBinning Binning => Smearing.Reconstructed;

    /// <summary>Signal without oscillation S_i (events per L bin).</summary>
    public IReadOnlyList<double> NoOscillation => _s;

    /// <summary>Background B_i (events per L bin).</summary>
    public IReadOnlyList<double> Background => _b;

    /// <summary>Disappearance template O_i(Δm²) (events per L bin at sin²2θ = 1; Δm² in eV²).</summary>
    public double[] Oscillation(double dm2EV2)
    {
        var o = new double[_s.Length];
        foreach (var l in Lines) Smearing.AddOscillated(dm2EV2, l.EnergyKeV * 1e-3, l.Events, o);
        return o;
    }

    /// <summary>Expected signal S_i − sin²2θ O_i(Δm²) (events per L bin).</summary>
    public double[] Signal(SterileParameters p)
    {
        var o = Oscillation(p.Dm2EV2);
        for (int i = 0; i < o.Length; i++) o[i] = _s[i] - p.Sin22Theta * o[i];
        return o;
    }

    /// <summary>Expected total (signal + background) per L bin.</summary>
    public double[] Expected(SterileParameters p)
    {
        var s = Signal(p);
        for (int i = 0; i < s.Length; i++) s[i] += _b[i];
        return s;
    }
}
