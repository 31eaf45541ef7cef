using System.Collections.Concurrent;
using NuXe.Physics;
using NuXe.Sources;

namespace NuXe.Detector;

/// <summary>
/// A neutrino channel of an experiment: flux components (per flavour stream) on a number of target electrons for a
/// live time. Signal channels vary with the physics model; background channels (e.g. solar ν beside a ⁵¹Cr source)
/// are evaluated at the SM point of the preset.
/// </summary>
public sealed record NeutrinoChannel(string Name, bool IsSignal, IReadOnlyList<FluxComponent> Components, double Electrons, double LiveSeconds)
{
    /// <summary>Electrons × live seconds: converts a rate per electron (s⁻¹ keV⁻¹) into events per keV.</summary>
    public double ElectronSeconds => Electrons * LiveSeconds;
}

/// <summary>
/// An experiment compiled once for evaluation many times (ARCHITECTURE.md, "compile once, evaluate many times"):
/// a true-energy quadrature grid, the sparse response matrix to reconstructed bins, the flux moments of every
/// neutrino component at every node, the atomic factors, and the binned background spectra. Any model's binned
/// ν–e prediction is then Σ_j c_j(θ) · T_j with kernel templates T_j computed on demand and cached by kernel key.
/// </summary>
public sealed class PreparedExperiment
{
    readonly ConcurrentDictionary<(int Channel, int Component, string Kernel), double[]> _templateCache = new();
    readonly ConcurrentDictionary<string, double[][]> _kernelNodeCache = new();
    readonly double[][][][] _moments;     // [channel][component][k][node]
    readonly double[][][][] _atomic;      // [channel][component][atomic channel][node]
    readonly IAtomicResponse[] _responses; // by AtomicChannel
    readonly Lazy<TotalsGrid> _totals;

    public ExperimentSpec Spec { get; }
    public Binning Binning => Response.Binning;
    public TrueGrid Grid => Response.Grid;
    public ResponseMatrix Response { get; }
    public IAtomicResponse Atomic { get; }

    /// <summary>The atomic response of a kernel channel (issue 11: weak, magnetic moment, millicharge interference, millicharge).</summary>
    public IAtomicResponse AtomicFor(AtomicChannel channel) => _responses[(int)channel];
    public IReadOnlyList<NeutrinoChannel> Channels { get; }
    public IReadOnlyList<IBackgroundComponent> Backgrounds { get; }
    public Exposure Exposure { get; }

    /// <summary>Volume-averaged source distance r_avg (m), or NaN without a radioactive source.</summary>
    public double RAvgM { get; }

    /// <summary>Time-averaged source activity ⟨R⟩ (MCi), or NaN.</summary>
    public double MeanActivityMCi { get; }

    /// <summary>Binned background spectra (events per bin), by component name, in declaration order.</summary>
    public IReadOnlyList<(string Name, double[] Binned)> BinnedBackgrounds { get; }

    /// <summary>Bins of detector-level backgrounds clamped to 0 when the SM solar prediction was subtracted (diagnostic;
    /// see <see cref="TabulatedBackgroundSpec"/>).</summary>
    public int ClampedBackgroundBins { get; }

    /// <summary>The SM model used for background channels and for the default signal prediction.</summary>
    public WeakMixingAngleModel StandardModelBaseline { get; }

    PreparedExperiment(ExperimentSpec spec, Binning binning)
    {
        Spec = spec;
        _responses = Enum.GetValues<AtomicChannel>().Select(ch => AtomicModels.Create(spec.Physics, ch)).ToArray();
        Atomic = _responses[(int)AtomicChannel.Weak];
        StandardModelBaseline = new WeakMixingAngleModel(spec.Physics.Couplings, spec.Physics.Sin2ThetaW);
        Exposure = new Exposure(spec.Target.MassTonnes, spec.Target.LiveDays);

        var channels = new List<NeutrinoChannel>();
        RAvgM = double.NaN; MeanActivityMCi = double.NaN;
        if (spec.Source is { } src)
        {
            var run = new SourceRun(SourceIsotope.Find(src.Isotope, src.Lines), src.ActivityMCi, src.RunDays, src.Deployments);
            var cyl = spec.Target.Cylinder ?? throw new ArgumentException("a radioactive source needs a cylindrical detector geometry");
            RAvgM = SourceGeometry.RAvgM(cyl, src.Position, src.GeometryAverage);
            MeanActivityMCi = run.MeanActivityMCi;
            channels.Add(new NeutrinoChannel(src.Isotope, true, [run.Flux(RAvgM, src.FluxPerMCiAt1mPerM2PerS)], spec.Target.Electrons, run.LiveSeconds));
        }
        if (spec.Solar is { } sol)
            channels.Add(new NeutrinoChannel("solar", sol.IsSignal, SolarChannel.SharedComponents(sol, spec.Physics), spec.Target.Electrons, spec.Target.LiveDays * Constants.SecondsPerDay));
        Channels = channels;
        Backgrounds = spec.Backgrounds.Select(b => b.Build(Exposure)).ToArray();

        var fluxMoments = channels.Select(c => c.Components.Select(f => new FluxMoments(f)).ToArray()).ToArray();
        var res = spec.Response;
        double thr = res.ThresholdKeV;
        double binLo = Math.Max(binning.LoKeV, thr), binHi = binning.HiKeV;
        double maxEndpoint = Math.Max(
            fluxMoments.SelectMany(f => f).Select(f => f.MaxRecoilKeV).DefaultIfEmpty(0).Max(),
            Backgrounds.Select(b => b.EndpointKeV).DefaultIfEmpty(0).Max());
        var atomicBreaks = _responses.SelectMany(r => r.BreakpointsKeV).Distinct().ToArray();
        double lowest = Math.Max(1e-3, atomicBreaks.Length > 0 ? atomicBreaks.Min() : 1e-3);
        double sigLo = res.Resolution.SigmaKeV(binLo), sigHi = res.Resolution.SigmaKeV(1.5 * binHi);
        double lo = Math.Max(lowest, binLo - ResponseMatrix.TailSigmas * sigLo);
        double hi = Math.Min(maxEndpoint, binHi + ResponseMatrix.TailSigmas * sigHi);
        if (!(hi > lo)) hi = lo + 1e-3; // no events can reach the bins; keep a valid (empty) grid

        var breaks = Breakpoints(fluxMoments, res, binning).Concat(atomicBreaks).Concat(Backgrounds.SelectMany(b => b.BreakpointsKeV)).ToArray();
        var grid = TrueGrid.Build(lo, hi, breaks, maxPanelKeV: 1.0, sigmaKeV: res.Resolution.IsIdeal ? null : res.Resolution.SigmaKeV);
        Response = ResponseMatrix.Build(binning, grid, res.Resolution, res.Efficiency, thr);

        (_moments, _atomic) = NodeTables(channels, fluxMoments, grid);
        var detectorLevel = Backgrounds.OfType<IDetectorLevelBackground>().ToDictionary(b => (object)b, b => b.Binned(binning, SolarStandardModelBinned));
        BinnedBackgrounds = Backgrounds.Select(b => (b.Name, detectorLevel.TryGetValue(b, out var d) ? d.Events : Response.Apply(Sample(grid, b.EventsPerKeV)))).ToArray();
        ClampedBackgroundBins = detectorLevel.Values.Sum(d => d.ClampedBins);
        _totals = new Lazy<TotalsGrid>(() => TotalsGrid.Create(this, fluxMoments, breaks, lowest, maxEndpoint));
    }

    /// <summary>SM prediction (events per bin, detector level) of all components of the solar channel(s); zeros without one.</summary>
    public double[] SolarStandardModelBinned()
    {
        var v = new double[Binning.Count];
        for (int c = 0; c < Channels.Count; c++)
        {
            if (Channels[c].Name != "solar") continue;
            for (int j = 0; j < Channels[c].Components.Count; j++)
            {
                var s = StandardModelSpectrum(c, j);
                for (int i = 0; i < v.Length; i++) v[i] += s[i];
            }
        }
        return v;
    }

    /// <summary>Compile a spec on its own binning.</summary>
    public static PreparedExperiment Compile(ExperimentSpec spec) => new(spec, spec.Response.Binning);

    /// <summary>Compile a spec on another binning (e.g. a single window bin), same response otherwise.</summary>
    public static PreparedExperiment Compile(ExperimentSpec spec, Binning binning) => new(spec, binning);

    static IEnumerable<double> Breakpoints(FluxMoments[][] fm, ResponseSpec res, Binning binning)
    {
        foreach (var f in fm.SelectMany(x => x)) foreach (var b in f.BreakpointsKeV()) yield return b;
        foreach (var b in res.Efficiency.BreakpointsKeV) yield return b;
        if (res.Resolution.IsIdeal) foreach (var e in binning.EdgesKeV) yield return e;
        yield return res.ThresholdKeV;
    }

    static double[] Sample(TrueGrid grid, Func<double, double> f)
    {
        var v = new double[grid.Count];
        for (int n = 0; n < v.Length; n++) v[n] = f(grid.NodesKeV[n]);
        return v;
    }

    (double[][][][], double[][][][]) NodeTables(IReadOnlyList<NeutrinoChannel> channels, FluxMoments[][] fm, TrueGrid grid)
    {
        var mom = new double[channels.Count][][][];
        var atomic = new double[channels.Count][][][];
        for (int c = 0; c < channels.Count; c++)
        {
            mom[c] = new double[fm[c].Length][][];
            atomic[c] = new double[fm[c].Length][][];
            for (int j = 0; j < fm[c].Length; j++)
            {
                var m = new double[3][]; for (int k = 0; k < 3; k++) m[k] = new double[grid.Count];
                var comp = channels[c].Components[j];
                var stream = comp.Stream;
                double lnE = comp.MeanLogEnergyKeV();
                for (int n = 0; n < grid.Count; n++)
                {
                    var (m0, m1, m2) = fm[c][j].At(grid.NodesKeV[n]);
                    m[0][n] = m0; m[1][n] = m1; m[2][n] = m2;
                }
                var a = new double[_responses.Length][];
                for (int r = 0; r < _responses.Length; r++)
                {
                    // channels sharing one response instance share the node array
                    int same = Array.IndexOf(_responses, _responses[r]);
                    if (same < r) { a[r] = a[same]; continue; }
                    a[r] = new double[grid.Count];
                    for (int n = 0; n < grid.Count; n++) a[r][n] = _responses[r].Factor(grid.NodesKeV[n], stream, lnE);
                }
                mom[c][j] = m; atomic[c][j] = a;
            }
        }
        return (mom, atomic);
    }

    double[][] KernelAtNodes(RecoilKernel kernel, TrueGrid grid, ConcurrentDictionary<string, double[][]> cache)
        => cache.GetOrAdd(kernel.Key, _ =>
        {
            var a = new double[3][]; for (int k = 0; k < 3; k++) a[k] = new double[grid.Count];
            for (int n = 0; n < grid.Count; n++) { var kc = kernel.Coefficients(grid.NodesKeV[n]); a[0][n] = kc.A0; a[1][n] = kc.A1; a[2][n] = kc.A2; }
            return a;
        });

    /// <summary>
    /// True spectrum (events per keV at each grid node) of one neutrino component for one kernel with unit coefficient:
    /// s_n = (electrons × live s) · A(T_n) · Σ_k a_k(T_n) M_k(T_n).
    /// </summary>
    static double[] KernelSpectrum(double[][] kernelAtNodes, double[][] moments, double[] atomic, double scale)
    {
        int n = atomic.Length;
        var s = new double[n];
        var a0 = kernelAtNodes[0]; var a1 = kernelAtNodes[1]; var a2 = kernelAtNodes[2];
        var m0 = moments[0]; var m1 = moments[1]; var m2 = moments[2];
        for (int i = 0; i < n; i++) s[i] = scale * atomic[i] * (a0[i] * m0[i] + a1[i] * m1[i] + a2[i] * m2[i]);
        return s;
    }

    /// <summary>Binned template (events per bin) of one component of a channel for one kernel with unit coefficient. Cached.</summary>
    public double[] Template(int channel, int component, RecoilKernel kernel)
        => _templateCache.GetOrAdd((channel, component, kernel.Key), _ =>
            Response.Apply(KernelSpectrum(KernelAtNodes(kernel, Grid, _kernelNodeCache), _moments[channel][component], _atomic[channel][component][(int)kernel.Channel], Channels[channel].ElectronSeconds)));

    /// <summary>
    /// Binned templates (events per bin, one per kernel, unit coefficients) of an arbitrary flux component on this experiment's
    /// grid, response and atomic model (the same electron-channel path as <see cref="Template"/>), for a number of
    /// electron-seconds. Not cached. Used for density-matrix predictions whose flux pieces are not channel components.
    /// The atomic factor is that of each kernel's atomic channel for the component's stream, or, with <paramref name="atomicStreams"/>,
    /// the geometric mean of the factors of those streams (a flavour off-diagonal density-matrix term).
    /// </summary>
    public double[][] TemplatesForFlux(FluxComponent component, IReadOnlyList<RecoilKernel> kernels, double electronSeconds, IReadOnlyList<FlavourStream>? atomicStreams = null)
    {
        var fm = new FluxMoments(component);
        var m = new double[3][]; for (int k = 0; k < 3; k++) m[k] = new double[Grid.Count];
        for (int n = 0; n < Grid.Count; n++)
        {
            var (m0, m1, m2) = fm.At(Grid.NodesKeV[n]);
            m[0][n] = m0; m[1][n] = m1; m[2][n] = m2;
        }
        double lnE = component.MeanLogEnergyKeV();
        var streams = atomicStreams ?? [component.Stream];
        var byChannel = new Dictionary<AtomicChannel, double[]>();
        double[] AtomicNodes(AtomicChannel ch)
        {
            if (byChannel.TryGetValue(ch, out var a)) return a;
            var r = AtomicFor(ch);
            a = new double[Grid.Count];
            for (int n = 0; n < Grid.Count; n++)
            {
                double prod = 1;
                foreach (var st in streams) prod *= r.Factor(Grid.NodesKeV[n], st, lnE);
                a[n] = streams.Count == 1 ? prod : Math.Pow(prod, 1.0 / streams.Count);
            }
            return byChannel[ch] = a;
        }
        return kernels.Select(k => Response.Apply(KernelSpectrum(KernelAtNodes(k, Grid, _kernelNodeCache), m, AtomicNodes(k.Channel), electronSeconds))).ToArray();
    }

    /// <summary>
    /// Binned ν–e prediction of one component (events per bin) for a model at parameters θ.
    /// </summary>
    public double[] ComponentSpectrum(int channel, int component, IInteractionModel model, ReadOnlySpan<double> theta)
    {
        var stream = Channels[channel].Components[component].Stream;
        var kernels = model.Kernels(stream);
        Span<double> c = stackalloc double[kernels.Count];
        model.Coefficients(stream, theta, c, []);
        var result = new double[Binning.Count];
        for (int j = 0; j < kernels.Count; j++)
        {
            if (c[j] == 0) continue;
            var t = Template(channel, component, kernels[j]);
            for (int i = 0; i < result.Length; i++) result[i] += c[j] * t[i];
        }
        return result;
    }

    /// <summary>Binned SM prediction of one component at the preset's SM point.</summary>
    public double[] StandardModelSpectrum(int channel, int component)
        => ComponentSpectrum(channel, component, StandardModelBaseline, [Spec.Physics.Sin2ThetaW]);

    /// <summary>Total events of one component over all recoil energies (no efficiency, threshold or resolution), SM point.</summary>
    public double StandardModelTotal(int channel, int component) => _totals.Value.NeutrinoTotal(channel, component);

    /// <summary>
    /// The true-energy differential rate dN/dT (events/keV, full exposure, atomic factor included, before efficiency and
    /// resolution) of one component at the SM point, at arbitrary recoil energies.
    /// </summary>
    public double StandardModelDifferential(int channel, int component, double recoilKeV)
        => StandardModelDifferential(channel, component, new FluxMoments(Channels[channel].Components[component]), recoilKeV);

    /// <summary>As <see cref="StandardModelDifferential(int, int, double)"/>, with the component's flux moments built by the
    /// caller (reuse them across energies: building them is the expensive part).</summary>
    public double StandardModelDifferential(int channel, int component, FluxMoments moments, double recoilKeV)
    {
        var comp = Channels[channel].Components[component];
        var (m0, m1, m2) = moments.At(recoilKeV);
        var kernels = StandardModelBaseline.Kernels(comp.Stream);
        Span<double> c = stackalloc double[kernels.Count];
        StandardModelBaseline.Coefficients(comp.Stream, [Spec.Physics.Sin2ThetaW], c, []);
        double s = 0;
        for (int j = 0; j < kernels.Count; j++) { var k = kernels[j].Coefficients(recoilKeV); s += c[j] * (k.A0 * m0 + k.A1 * m1 + k.A2 * m2); }
        return s * Atomic.Factor(recoilKeV, comp.Stream, comp.MeanLogEnergyKeV()) * Channels[channel].ElectronSeconds;
    }

    /// <summary>Totals over all recoil energies on a dedicated grid without response.</summary>
    sealed class TotalsGrid
    {
        readonly PreparedExperiment _x; readonly TrueGrid _g; readonly double[][][][] _m; readonly double[][][][] _a;
        readonly ConcurrentDictionary<string, double[][]> _kc = new();
        TotalsGrid(PreparedExperiment x, TrueGrid g, double[][][][] m, double[][][][] a) { _x = x; _g = g; _m = m; _a = a; }

        public static TotalsGrid Create(PreparedExperiment x, FluxMoments[][] fm, double[] breaks, double lo, double hi)
        {
            var g = TrueGrid.Build(lo, Math.Max(hi, lo + 1e-3), breaks.Where(b => b < hi), maxPanelKeV: 2.0, order: 6);
            var (m, a) = x.NodeTables(x.Channels, fm, g);
            return new TotalsGrid(x, g, m, a);
        }

        public double NeutrinoTotal(int channel, int component)
        {
            var stream = _x.Channels[channel].Components[component].Stream;
            var model = _x.StandardModelBaseline;
            var kernels = model.Kernels(stream);
            Span<double> c = stackalloc double[kernels.Count];
            model.Coefficients(stream, [_x.Spec.Physics.Sin2ThetaW], c, []);
            double total = 0;
            for (int j = 0; j < kernels.Count; j++)
            {
                var s = KernelSpectrum(_x.KernelAtNodes(kernels[j], _g, _kc), _m[channel][component], _a[channel][component][(int)kernels[j].Channel], _x.Channels[channel].ElectronSeconds);
                for (int n = 0; n < s.Length; n++) total += c[j] * _g.WeightsKeV[n] * s[n];
            }
            return total;
        }
    }
}

/// <summary>Atomic models by name.</summary>
public static class AtomicModels
{
    /// <summary>Allowed names of <c>physics.atomic</c> (the default of every channel).</summary>
    public static readonly IReadOnlyList<string> Names = ["fea", "stepping", "rrpa", "abinitio"];

    /// <summary>Allowed names per channel key: weak, magnetic moment, millicharge.</summary>
    public static readonly IReadOnlyList<string> WeakNames = ["fea", "stepping", "rrpa", "abinitio"];
    /// <summary>Allowed names of <c>physics.atomic_mm</c>.</summary>
    public static readonly IReadOnlyList<string> MagneticNames = ["fea", "stepping", "abinitio"];
    /// <summary>Allowed names of <c>physics.atomic_charge</c>.</summary>
    public static readonly IReadOnlyList<string> ChargeNames = ["fea", "stepping", "abinitio", "epa"];

    /// <summary>"fea" (free electrons), "stepping" (PHYSICS.md §6), "rrpa" (DMCalc RRPA tables, <see cref="Atomic.RrpaResponse"/>),
    /// "abinitio" (K(E,q) of Caddell, Flambaum &amp; Roberts, weak channel). Weak-channel response by name.</summary>
    public static IAtomicResponse Create(string name) => Create(new PhysicsSettings(0.23, CouplingScheme.Tree, name), AtomicChannel.Weak);

    /// <summary>
    /// The response of one kernel channel for the settings (docs/atomic.md). "rrpa" is a weak-interaction table: on the
    /// electromagnetic channels an inherited <c>physics.atomic = "rrpa"</c> continues as "stepping" (documented), an
    /// explicit per-channel "rrpa" is an error. "epa" is defined for the millicharge only (the 1/T interference kernels
    /// use the ab initio interference factor under "epa").
    /// </summary>
    public static IAtomicResponse Create(PhysicsSettings physics, AtomicChannel channel)
    {
        string name = physics.AtomicFor(channel);
        bool inherited = channel switch
        {
            AtomicChannel.Weak => physics.AtomicWeak is null,
            AtomicChannel.MagneticMoment => physics.AtomicMagnetic is null,
            _ => physics.AtomicCharge is null,
        };
        string key = channel switch { AtomicChannel.Weak => "physics.atomic_weak", AtomicChannel.MagneticMoment => "physics.atomic_mm", _ => "physics.atomic_charge" };
        var allowed = channel switch { AtomicChannel.Weak => WeakNames, AtomicChannel.MagneticMoment => MagneticNames, _ => ChargeNames };
        if (name == "rrpa" && channel != AtomicChannel.Weak)
        {
            if (inherited) name = "stepping";
            else throw new ArgumentException($"{key} = \"rrpa\" is not allowed: the RRPA tables are for the weak interaction only (allowed: {string.Join(", ", allowed)})");
        }
        if (name == "epa" && channel == AtomicChannel.ChargeInterference) name = "abinitio";
        if (!allowed.Contains(name))
            throw new ArgumentException($"{(inherited ? "physics.atomic" : key)} = \"{name}\" is not allowed for the {channel} channel (allowed: {string.Join(", ", allowed)})");
        return name switch
        {
            "fea" => FreeElectronResponse.Instance,
            "stepping" => SteppingResponse.Xenon,
            "rrpa" => Atomic.RrpaResponse.DmCalc,
            "abinitio" => new Atomic.AbInitioResponse(Atomic.XenonIonisationTable.Shipped, channel, physics.NeutrinoMassEv),
            "epa" => new Atomic.EpaResponse(Atomic.XenonIonisationTable.Shipped, physics.NeutrinoMassEv),
            _ => throw new ArgumentException($"unknown atomic model '{name}'"),
        };
    }
}

/// <summary>The 1/r² volume average of a source position, by the chosen method.</summary>
public static class SourceGeometry
{
    /// <summary>
    /// r_avg (m): "closed-form" uses Link &amp; Xu eq. (A5) (source on the axis below the bottom face), "numerical" the
    /// adaptive quadrature, "auto" the closed form where it applies and the quadrature elsewhere.
    /// </summary>
    public static double RAvgM(CylinderGeometry cylinder, Point3 position, string method)
    {
        bool onAxisBelow = position.XM == 0 && position.YM == 0 && position.ZM < 0;
        if (cylinder.Contains(position)) throw new ArgumentException("the source position lies inside the detector volume");
        return method switch
        {
            "closed-form" when onAxisBelow => cylinder.RAvgOnAxisClosedFormM(-position.ZM),
            "closed-form" => throw new ArgumentException("the closed form (Link & Xu eq. A5) needs the source on the axis below the detector"),
            "numerical" => cylinder.RAvgM(position),
            "auto" => onAxisBelow ? cylinder.RAvgOnAxisClosedFormM(-position.ZM) : cylinder.RAvgM(position),
            _ => throw new ArgumentException($"unknown geometry average '{method}' (allowed: auto, closed-form, numerical)"),
        };
    }
}
