using System.Numerics;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Physics.Nsi;
using NuXe.Sources;
using NuXe.Sources.Solar;
using NuXe.Statistics;

namespace NuXe.Analyses.Common;

/// <summary>
/// Density-matrix prediction of a solar signal channel under <see cref="SolarNsiModel"/> (NSI in propagation and detection):
/// events = Σ_sources ∫dE φ_s(E) Tr[ρ_s(E; ε) dσ(E, T; ε)/dT] through the detector response. Built once per experiment:
/// <list type="number">
/// <item><b>SM part</b>, exact: ρ_s at ε = 0 on every tabulated point of each source's spectrum (and at each line), split into
/// its 9 real components r_m (diagonal, Re and Im of the off-diagonals); one template per (component m, SM kernel LL/RR/LR),
/// summed over sources. Coefficient: the matching component of the detection matrix M_k(ε) (M_aa, 2 Re M_ab, 2 Im M_ab), so
/// Σ_m r_m w_m = Re Tr[ρ M].</item>
/// <item><b>Propagation correction</b>: Δρ_s(E) = ρ_s(E; ε) − ρ_s(E; 0) on a modest grid of nodes per source (the lines; and
/// linear hat functions over the spectrum), one template per (source, node, kernel) with flux φ_s h_node. Coefficient
/// Re Tr[Δρ_s(E_node) M_k(ε)].</item>
/// </list>
/// At ε = 0 the correction vanishes identically and the prediction is the SM one to rounding. A point costs the Sun's 2-state
/// MSW over the production zones at each node, the Earth evolution on a common energy grid (interpolated in ln E), and
/// O(bins × templates) in the statistics engine.
/// </summary>
public sealed class SolarNsiTemplates
{
    /// <summary>Nodes of the linear hat functions over each continuous spectrum (endpoints included).</summary>
    public static IReadOnlyDictionary<SolarSource, int> ContinuumNodes { get; } = new Dictionary<SolarSource, int>
    {
        [SolarSource.Pp] = 8, [SolarSource.Hep] = 16, [SolarSource.B8] = 24, [SolarSource.N13] = 8, [SolarSource.O15] = 8, [SolarSource.F17] = 8,
    };

    readonly SolarNsiModel _model;
    readonly SolarPropagation _prop;
    readonly (SolarSource Source, double EnergyKeV)[] _nodes;
    readonly Matrix3[] _rhoSmAtNodes;
    readonly double[] _earthGridKeV;
    readonly int[] _nodeEarthLo; readonly double[] _nodeEarthT;
    readonly bool _dayOnly;
    Complex[]? _earthSm;

    /// <summary>
    /// Below this neutrino energy (keV) the Earth-matter projectors are taken at ε = 0: the Earth changes the flavour state there
    /// by &lt; 1e-3 (⁷Be: 2e-4), so its NSI modulation is a second-order correction (documented in docs/nsi-solar.md).
    /// </summary>
    public const double EarthNsiMinKeV = 1000.0;
    readonly double _electronSeconds;
    /// <summary>Flux component behind each template (same order), for differential rates.</summary>
    readonly IReadOnlyList<FluxComponent> _fluxes;
    /// <summary>Streams whose (geometric-mean) weak atomic factor applies to each template (same order).</summary>
    readonly IReadOnlyList<FlavourStream[]> _atomicOf;
    readonly Detector.IAtomicResponse _weak;
    /// <summary>True when the atomic model depends on the flavour (RRPA): node templates are then split by density-matrix component.</summary>
    readonly bool _perComponentNodes;

    /// <summary>The driven templates: 27 SM-part templates, then 3 per node.</summary>
    public IReadOnlyList<Template> Templates { get; }

    /// <summary>Number of propagation nodes.</summary>
    public int NodeCount => _nodes.Length;

    SolarNsiTemplates(SolarNsiModel model, SolarPropagation prop, (SolarSource, double)[] nodes, List<Template> templates, double[] earthGrid,
        IReadOnlyList<FluxComponent> fluxes, double electronSeconds, IReadOnlyList<FlavourStream[]> atomicOf, bool perComponentNodes, Detector.IAtomicResponse weak)
    {
        _weak = weak;
        _model = model; _prop = prop; _nodes = nodes; Templates = templates; _fluxes = fluxes; _electronSeconds = electronSeconds;
        _atomicOf = atomicOf; _perComponentNodes = perComponentNodes;
        _dayOnly = prop.Earth.IsDayOnly;
        _earthGridKeV = earthGrid;
        _nodeEarthLo = new int[nodes.Length]; _nodeEarthT = new double[nodes.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            double e = Math.Clamp(nodes[i].Item2, earthGrid[0], earthGrid[^1]);
            int j = Array.BinarySearch(earthGrid, e); j = j >= 0 ? Math.Min(j, earthGrid.Length - 2) : ~j - 1;
            j = Math.Clamp(j, 0, earthGrid.Length - 2);
            _nodeEarthLo[i] = j;
            _nodeEarthT[i] = (Math.Log(e) - Math.Log(earthGrid[j])) / (Math.Log(earthGrid[j + 1]) - Math.Log(earthGrid[j]));
        }
        if (!_dayOnly)
        {
            _earthSm = new Complex[earthGrid.Length * 27];
            for (int g = 0; g < earthGrid.Length; g++) prop.Earth.AveragedProjectors(earthGrid[g], SolarNsiPoint.StandardModel, _earthSm.AsSpan(27 * g, 27));
        }
        _rhoSmAtNodes = new Matrix3[nodes.Length];
        Evaluate(SolarNsiPoint.StandardModel, null, _rhoSmAtNodes);
    }

    /// <summary>Builds the templates of the solar signal channel <paramref name="channel"/> of an experiment.</summary>
    public static SolarNsiTemplates Build(PreparedExperiment x, int channel, SolarNsiModel model)
    {
        var sol = x.Spec.Solar ?? throw new NuXeInputException("solar", "(missing)", "the nsi-solar model needs a [solar] channel");
        if (sol.Pee is not null) throw new NuXeInputException("solar.pee", sol.Pee.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "the nsi-solar model computes the flavour state itself; use pee = \"msw\"");
        if (sol.Normalise != "none") throw new NuXeInputException("solar.normalise", sol.Normalise, "is not supported with the nsi-solar model (use none)");
        var solarModel = SolarModel.ByName(sol.FluxModel);
        var osc = OscillationParameters.ByName(sol.Oscillation);
        var prop = new SolarPropagation(solarModel, osc, SolarEarth.Exposure(sol.Earth, sol.LatitudeDeg, sol.ExposureStart, sol.ExposureEnd));
        var sources = sol.Components.Select(SolarSources.Parse).Distinct().ToArray();
        double es = x.Channels[channel].ElectronSeconds;
        var kernels = StandardModel.Kernels;
        var sm = SolarNsiPoint.StandardModel;

        // 1. SM part: 9 components × 3 kernels, summed over sources.
        // Atomic factor per density-matrix component: the stream's for the diagonal; the geometric mean of the two flavours' for
        // an off-diagonal term (a choice: it is exact wherever the model is flavour-blind, and off-diagonal terms vanish at ε = 0).
        FlavourStream e_ = FlavourStream.NuE, mu_ = FlavourStream.NuMu, tau_ = FlavourStream.NuTau;
        FlavourStream[][] atomicFor = [[e_], [mu_], [tau_], [e_, mu_], [e_, tau_], [mu_, tau_], [e_, mu_], [e_, tau_], [mu_, tau_]];
        var weak = x.AtomicFor(AtomicChannel.Weak);
        double lnRef = Math.Log(1000.0);
        bool perComponent = x.Grid.NodesKeV.Any(t =>
        {
            double a = weak.Factor(t, e_, lnRef), b = weak.Factor(t, mu_, lnRef), c = weak.Factor(t, tau_, lnRef);
            return Math.Abs(a - b) > 1e-12 * Math.Abs(a) || Math.Abs(b - c) > 1e-12 * Math.Abs(b);
        });
        var smFlux = new List<FluxComponent>[9];
        for (int m = 0; m < 9; m++) smFlux[m] = [];
        var nodeFlux = new List<FluxComponent>();
        var nodeAtomic = new List<FlavourStream[]>();
        var smTemplates = new double[9][][];
        for (int m = 0; m < 9; m++) { smTemplates[m] = new double[3][]; for (int k = 0; k < 3; k++) smTemplates[m][k] = new double[x.Binning.Count]; }
        var nodes = new List<(SolarSource, double)>();
        var nodeTemplates = new List<Template>();
        foreach (var s in sources)
        {
            double total = solarModel.Flux(s) * sol.Scale;
            if (s.IsLine())
            {
                foreach (var line in SolarSpectra.Lines(s))
                {
                    var rho = prop.DensityMatrix(s, line.EnergyKeV, sm);
                    double flux = total * line.Branching;
                    for (int m = 0; m < 9; m++)
                    {
                        double r = Component(rho, m);
                        if (r == 0) continue;
                        var fc = new FluxComponent(s.Key(), FlavourStream.NuE, [new SpectralLine(line.EnergyKeV, flux * r)]);
                        smFlux[m].Add(fc);
                        Accumulate(smTemplates[m], x.TemplatesForFlux(fc, kernels, es, atomicFor[m]));
                    }
                    var nf = new FluxComponent(s.Key(), FlavourStream.NuE, [new SpectralLine(line.EnergyKeV, flux)]);
                    AddNode(x, nodes, nodeTemplates, nodeFlux, nodeAtomic, s, line.EnergyKeV, nf, es, perComponent ? atomicFor : [[e_]]);
                }
            }
            else
            {
                var shape = SolarSpectra.Shape(s);
                var e = shape.EnergyKeV;
                var rhos = e.Select(en => prop.DensityMatrix(s, en, sm)).ToArray();
                for (int m = 0; m < 9; m++)
                {
                    var phi = new double[e.Length];
                    for (int i = 0; i < e.Length; i++) phi[i] = total * shape.FluxPerCm2PerSPerKeV[i] * Component(rhos[i], m);
                    if (phi.All(v => v == 0)) continue;
                    var fc = new FluxComponent(s.Key(), FlavourStream.NuE, [], new ContinuousSpectrum((double[])e.Clone(), phi));
                    smFlux[m].Add(fc);
                    Accumulate(smTemplates[m], x.TemplatesForFlux(fc, kernels, es, atomicFor[m]));
                }
                int n = ContinuumNodes[s];
                double e0 = e[0], e1 = e[^1];
                for (int k = 0; k < n; k++)
                {
                    double ek = e0 + (e1 - e0) * k / (n - 1), h = (e1 - e0) / (n - 1);
                    var phi = new double[e.Length];
                    for (int i = 0; i < e.Length; i++) phi[i] = total * shape.FluxPerCm2PerSPerKeV[i] * Math.Max(0, 1 - Math.Abs(e[i] - ek) / h);
                    var nf = new FluxComponent(s.Key(), FlavourStream.NuE, [], new ContinuousSpectrum((double[])e.Clone(), phi));
                    AddNode(x, nodes, nodeTemplates, nodeFlux, nodeAtomic, s, Math.Max(ek, 1e-3), nf, es, perComponent ? atomicFor : [[e_]]);
                }
            }
        }
        var templates = new List<Template>();
        for (int m = 0; m < 9; m++)
            for (int k = 0; k < 3; k++)
                templates.Add(new Template($"solar.rho{ComponentNames[m]}.{kernels[k].Key}", "signal", smTemplates[m][k]));
        templates.AddRange(nodeTemplates);
        // Common Earth grid: log-spaced 50 keV … 20 MeV plus the line energies.
        var grid = Enumerable.Range(0, 5).Select(i => 50.0 * Math.Pow(1000.0 / 50.0, i / 5.0))
            .Concat(Enumerable.Range(0, 6).Select(i => 1000.0 * Math.Pow(20.0, i / 5.0)))
            .Concat(sources.Where(s => s.IsLine()).SelectMany(s => SolarSpectra.Lines(s).Select(l => l.EnergyKeV))).Distinct().OrderBy(v => v).ToArray();
        // One merged flux per SM component (lines and continua of all sources; sums of moments are moments of sums).
        var fluxes = new List<FluxComponent>();
        var atomicOf = new List<FlavourStream[]>();
        for (int m = 0; m < 9; m++) for (int k = 0; k < 3; k++) { fluxes.Add(new MultiFlux(smFlux[m]).AsComponent()); atomicOf.Add(atomicFor[m]); }
        fluxes.AddRange(nodeFlux); atomicOf.AddRange(nodeAtomic);
        return new SolarNsiTemplates(model, prop, nodes.ToArray(), templates, grid, fluxes, es, atomicOf, perComponent, weak);
    }

    static readonly string[] ComponentNames = ["ee", "mumu", "tautau", "emu.re", "etau.re", "mutau.re", "emu.im", "etau.im", "mutau.im"];
    static readonly (int A, int B)[] Pairs = [(0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2), (0, 1), (0, 2), (1, 2)];

    /// <summary>Real component m of a Hermitian matrix: ρ_aa (m &lt; 3), Re ρ_ab (3 ≤ m &lt; 6), Im ρ_ab (m ≥ 6).</summary>
    static double Component(Matrix3 rho, int m) => m < 6 ? rho[Pairs[m].A, Pairs[m].B].Real : rho[Pairs[m].A, Pairs[m].B].Imaginary;

    /// <summary>Weight of component m in Re Tr[ρ M] for Hermitian M: M_aa, 2 Re M_ab, 2 Im M_ab.</summary>
    static double Weight(Matrix3 m, int c) => c < 3 ? m[c, c].Real : c < 6 ? 2 * m[Pairs[c].A, Pairs[c].B].Real : 2 * m[Pairs[c].A, Pairs[c].B].Imaginary;

    static void Accumulate(double[][] acc, double[][] t)
    {
        for (int k = 0; k < acc.Length; k++) for (int i = 0; i < acc[k].Length; i++) acc[k][i] += t[k][i];
    }

    static void AddNode(PreparedExperiment x, List<(SolarSource, double)> nodes, List<Template> templates, List<FluxComponent> fluxes,
        List<FlavourStream[]> atomicOf, SolarSource s, double e, FluxComponent flux, double es, FlavourStream[][] atomic)
    {
        int idx = nodes.Count;
        nodes.Add((s, e));
        var k = StandardModel.Kernels;
        for (int m = 0; m < atomic.Length; m++)
        {
            var t = x.TemplatesForFlux(flux, k, es, atomic[m]);
            string comp = atomic.Length == 1 ? "" : "." + ComponentNames[m];
            for (int j = 0; j < 3; j++)
            {
                templates.Add(new Template($"solar.node{idx}.{s.Key()}{comp}.{k[j].Key}", "signal", t[j]));
                fluxes.Add(flux); atomicOf.Add(atomic[m]);
            }
        }
    }

    /// <summary>
    /// True-energy differential rate dN/dT (events/keV for the channel's exposure, atomic factor included, before efficiency and
    /// resolution) at recoil energies T (keV) for parameters θ.
    /// </summary>
    public double[] Differential(ReadOnlySpan<double> theta, IReadOnlyList<double> recoilKeV)
    {
        var c = new double[Count];
        Coefficients(theta, c);
        var result = new double[recoilKeV.Count];
        var kernels = StandardModel.Kernels;
        var moments = new Dictionary<FluxComponent, FluxMoments>(ReferenceEqualityComparer.Instance);
        for (int j = 0; j < Count; j++)
        {
            if (c[j] == 0) continue;
            var f = _fluxes[j];
            if (!moments.TryGetValue(f, out var fm)) moments[f] = fm = new FluxMoments(f);
            var kernel = kernels[j % 3];
            double lnE = f.MeanLogEnergyKeV();
            for (int i = 0; i < recoilKeV.Count; i++)
            {
                var (m0, m1, m2) = fm.At(recoilKeV[i]);
                var kc = kernel.Coefficients(recoilKeV[i]);
                result[i] += c[j] * (kc.A0 * m0 + kc.A1 * m1 + kc.A2 * m2) * AtomicFactor(recoilKeV[i], _atomicOf[j], lnE);
            }
        }
        for (int i = 0; i < result.Length; i++) result[i] *= _electronSeconds;
        return result;
    }

    double AtomicFactor(double recoilKeV, FlavourStream[] streams, double lnE)
    {
        double p = 1;
        foreach (var st in streams) p *= _weak.Factor(recoilKeV, st, lnE);
        return streams.Length == 1 ? p : Math.Pow(p, 1.0 / streams.Length);
    }

    /// <summary>Several flux components viewed as one (lines concatenated; continua need a common grid, summed pointwise, else kept apart by <see cref="FluxMoments"/> of each).</summary>
    sealed class MultiFlux(List<FluxComponent> parts)
    {
        public FluxComponent AsComponent()
        {
            var lines = parts.SelectMany(p => p.Lines).ToArray();
            var cont = parts.Where(p => p.Continuum is not null).Select(p => p.Continuum!).ToArray();
            if (cont.Length == 0) return new FluxComponent("solar", FlavourStream.NuE, lines);
            // union grid; each continuum linear on its own grid, zero outside it
            var grid = cont.SelectMany(c => c.EnergyKeV).Distinct().OrderBy(v => v).ToArray();
            var phi = new double[grid.Length];
            foreach (var c in cont)
                for (int i = 0; i < grid.Length; i++) phi[i] += Interp(c, grid[i]);
            return new FluxComponent("solar", FlavourStream.NuE, lines, new ContinuousSpectrum(grid, phi));
        }

        static double Interp(ContinuousSpectrum c, double e)
        {
            var x = c.EnergyKeV;
            if (e < x[0] || e > x[^1]) return 0;
            int i = Array.BinarySearch(x, e);
            if (i >= 0) return c.FluxPerCm2PerSPerKeV[i];
            i = ~i;
            double t = (e - x[i - 1]) / (x[i] - x[i - 1]);
            return (1 - t) * c.FluxPerCm2PerSPerKeV[i - 1] + t * c.FluxPerCm2PerSPerKeV[i];
        }
    }

    /// <summary>Number of driven coefficients (= templates).</summary>
    public int Count => Templates.Count;

    /// <summary>The flavour density matrix at every node for a point (ρ, not Δρ), for diagnostics and tests.</summary>
    public Matrix3[] NodeDensityMatrices(ReadOnlySpan<double> theta)
    {
        var point = _model.Point(theta);
        var result = new Matrix3[_nodes.Length];
        Evaluate(point, null, result);
        return result;
    }

    /// <summary>Coefficients of <see cref="Templates"/> at θ (no gradient).</summary>
    public void Coefficients(ReadOnlySpan<double> theta, Span<double> c)
    {
        var point = _model.Point(theta);
        var mk = ElectronCouplingMatrices.Of(point, _model.Sin2ThetaW, _model.Scheme);
        Matrix3[] mats = [mk.LL, mk.RR, mk.LR];
        for (int m = 0; m < 9; m++) for (int k = 0; k < 3; k++) c[3 * m + k] = Weight(mats[k], m);
        bool isSm = true;
        for (int p = 0; p < 9; p++) if (theta[p] != 0) { isSm = false; break; }
        if (isSm) { c[27..].Clear(); return; }
        var rho = new Matrix3[_nodes.Length];
        Evaluate(point, mats, rho);
        for (int n = 0; n < _nodes.Length; n++)
        {
            var d = rho[n] - _rhoSmAtNodes[n];
            if (!_perComponentNodes) { for (int k = 0; k < 3; k++) c[27 + 3 * n + k] = Matrix3.TraceOfProductReal(d, mats[k]); continue; }
            for (int m = 0; m < 9; m++)
            {
                double r = Component(d, m);
                for (int k = 0; k < 3; k++) c[27 + 27 * n + 3 * m + k] = r * Weight(mats[k], m);
            }
        }
    }

    void Evaluate(SolarNsiPoint point, Matrix3[]? mats, Matrix3[] rho)
    {
        var osc = _prop.Sun.Parameters;
        var (epsD, epsN) = SolarNsiMatter.EffectiveCouplings(point.Epsilon, osc);
        Complex[]? q = null;
        if (!_dayOnly)
        {
            q = new Complex[_earthGridKeV.Length * 27];
            for (int g = 0; g < _earthGridKeV.Length; g++)
            {
                if (_earthSm is not null && _earthGridKeV[g] < EarthNsiMinKeV) _earthSm.AsSpan(27 * g, 27).CopyTo(q.AsSpan(27 * g, 27));
                else _prop.Earth.AveragedProjectors(_earthGridKeV[g], point, q.AsSpan(27 * g, 27));
            }
        }
        var u = _prop.Sun.Pmns;
        Span<Complex> r = stackalloc Complex[9];
        for (int n = 0; n < _nodes.Length; n++)
        {
            var (s, e) = _nodes[n];
            double c2m = _prop.Sun.MeanCos2ThetaMatter(s, e, point, epsD, epsN, SolarDensityMatrices.Quadrature.Quantiles);
            var (p1, p2, p3) = SolarNsiMatter.MassWeights(c2m, osc);
            if (q is null) { rho[n] = SolarNsiMatter.FlavourDensity(u, p1, p2, p3); continue; }
            int j = _nodeEarthLo[n]; double t = _nodeEarthT[n];
            for (int x = 0; x < 9; x++)
            {
                Complex lo = p1 * q[27 * j + x] + p2 * q[27 * j + 9 + x] + p3 * q[27 * j + 18 + x];
                Complex hi = p1 * q[27 * (j + 1) + x] + p2 * q[27 * (j + 1) + 9 + x] + p3 * q[27 * (j + 1) + 18 + x];
                r[x] = (1 - t) * lo + t * hi;
            }
            rho[n] = Matrix3.FromRowMajor(r);
        }
    }

    /// <summary>An <see cref="ICoefficientFunction"/> view (finite-difference gradient when asked).</summary>
    internal void EvaluateWithGradient(ReadOnlySpan<double> theta, Span<double> c, Span<double> grad, int stride, int offset)
    {
        Coefficients(theta, c);
        if (grad.IsEmpty) return;
        int p = theta.Length;
        var t = theta.ToArray();
        var up = new double[Count]; var dn = new double[Count];
        for (int i = 0; i < p; i++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(theta[i]));
            t[i] = theta[i] + h; Coefficients(t, up);
            t[i] = theta[i] - h; Coefficients(t, dn);
            t[i] = theta[i];
            for (int j = 0; j < Count; j++) grad[(offset + j) * stride + i] = (up[j] - dn[j]) / (2 * h);
        }
    }
}
