using NuXe.Physics;
using NuXe.Statistics;

namespace NuXe.Analyses.DataFits;

/// <summary>A flavoured neutrino EM property scanned in the data fits (PHYSICS.md §4.5).</summary>
/// <param name="Key">Result-key part: "mu", "q", "r2", "anapole".</param>
/// <param name="Model">Catalog model name ("em-mu", …).</param>
/// <param name="Parameter">Model parameter name.</param>
/// <param name="Unit">Unit of the parameter ("μ_B", "e", "cm²").</param>
/// <param name="SeedScale">A value far below any reachable limit, where the bound search starts (parameter units).</param>
/// <param name="OneSided">Upper limit on a non-negative parameter (μ_ν) instead of a two-sided interval.</param>
/// <param name="PlotUnit">Unit of plot axes (e.g. 1e-31 for ⟨r²⟩ in 10⁻³¹ cm²).</param>
public sealed record EmProperty(string Key, string Model, string Parameter, string Unit, double SeedScale, bool OneSided, double PlotUnit);

/// <summary>The Δχ² profile of one property and flavour on one data-set combination, with its CL interval (1 dof).</summary>
/// <param name="DataSet">Combination key ("lz2022", "combined", …).</param>
/// <param name="Property">The property.</param>
/// <param name="Flavour">Neutrino flavour carrying the property (others zero), or null for the flavour-universal (effective) value.</param>
/// <param name="Profile">The profile (nuisances profiled at every point).</param>
/// <param name="Cl">Confidence level of <see cref="Lower"/>/<see cref="Upper"/>.</param>
/// <param name="Lower">Lower end of the allowed region (the lowest interval's lower end; 0 for μ_ν).</param>
/// <param name="Upper">Upper end of the allowed region (the highest interval's upper end; the upper limit for μ_ν).</param>
/// <param name="IntervalCount">Number of disjoint allowed intervals.</param>
public sealed record PropertyResult(string DataSet, EmProperty Property, Flavour? Flavour, Profile1DResult Profile, double Cl,
    double Lower, double Upper, int IntervalCount);

/// <summary>
/// 1-D profiles and 90 % CL limits/intervals of flavoured μ_ν, q_ν, ⟨r²⟩, a_ν (ShivaSankar et al. 2022 Figs. 2–5; Wilks,
/// Δχ² = 2.706 for 1 dof, STATISTICS.md §3) and mediator limit curves g_X(m_X) (their Fig. 6).
/// </summary>
public static class PropertyFits
{
    /// <summary>μ_ν (μ_B), q_ν (e), ⟨r²⟩ (cm²), a_ν (cm², ShivaSankar normalisation).</summary>
    public static readonly IReadOnlyList<EmProperty> Properties =
    [
        new("mu", "em-mu", "mu", "μ_B", 1e-14, true, 1e-12),
        new("q", "em-q", "q", "e", 1e-17, false, 1e-13),
        new("r2", "em-r2", "r2", "cm²", 1e-34, false, 1e-31),
        new("anapole", "em-anapole", "anapole", "cm²", 1e-34, false, 1e-31),
    ];

    /// <summary>Property by key.</summary>
    public static EmProperty Property(string key) => Properties.First(p => p.Key == key);

    /// <summary>Flavours in report order and their key names; null = flavour-universal ("eff", <see cref="FlavourUniversalModel"/>).</summary>
    public static readonly IReadOnlyList<(Flavour? Flavour, string Key)> Flavours = [(Flavour.E, "e"), (Flavour.Mu, "mu"), (Flavour.Tau, "tau"), (null, "eff")];

    /// <summary>
    /// Profile of a property on a combination: the allowed region is bracketed by expanding from <see cref="EmProperty.SeedScale"/>
    /// (×1.5 steps) until Δχ² relative to the SM exceeds the threshold, a far search (up to ×5000) looks for a disjoint second
    /// region (the g_V → −g_V degeneracy of ⟨r²⟩/a_ν; the bracket is then extended over it with twice the points), and the
    /// profile is scanned on a linear grid of <paramref name="points"/> points over the bracket; interval ends are root-found by
    /// <see cref="ProfileScan"/>.
    /// </summary>
    public static PropertyResult Scan(CombinedAnalysis analysis, EmProperty property, Flavour? flavour, double cl = 0.90, int points = 201)
    {
        var cost = flavour is { } f ? analysis.Cost(property.Model, f)
            : analysis.Cost(d => new FlavourUniversalModel(fl => d.Model(property.Model, fl)));
        double thr = ChiSquareThresholds.Threshold(cl, 1);
        var ws = cost.CreateWorkspace();
        double Chi(double x) => cost.Profile([x], ws, []).Chi2;
        double c0 = Chi(0.0);
        var grid = new List<double>();
        double scale = property.SeedScale;
        foreach (int side in property.OneSided ? new[] { 1 } : new[] { -1, 1 })
        {
            double b = property.SeedScale;
            while (Chi(side * b) - c0 < thr && b < property.SeedScale * 1e12) b *= 1.5;
            b *= 1.05;
            // far search for a disjoint allowed region: extend the (continuous) grid over it
            double last = double.NaN;
            for (double x = b * 1.1; x < b * 5000; x *= 1.1)
                if (Chi(side * x) - c0 < thr) last = x;
            int n = points / (property.OneSided ? 1 : 2) + 1;
            if (!double.IsNaN(last)) { b = last * 1.2; n *= 2; }
            scale = Math.Max(scale, b);
            grid.AddRange(ProfileScan.Linear(0, side * b, n));
        }
        var sorted = grid.Distinct().OrderBy(v => v).ToArray();
        var fit = new FitOptions(Scales: [scale / 3]);
        var prof = ProfileScan.Scan1D(cost, property.Parameter, sorted, [0.0], new ScanOptions([cl], 1, false, fit));
        var ci = prof.At(cl);
        double lo = ci.Intervals.Count > 0 ? ci.Intervals[0].Lower : double.NaN;
        double hi = ci.Intervals.Count > 0 ? ci.Intervals[^1].Upper : double.NaN;
        if (property.OneSided) lo = 0;
        return new PropertyResult(analysis.Key, property, flavour, prof, cl, lo, hi, ci.Intervals.Count);
    }

    /// <summary>Log-spaced mediator masses (keV): 41 points from 1 keV to 100 MeV (8 per decade; 10 keV, 1 MeV, 100 MeV exact).</summary>
    public static double[] MediatorMassesKeV(int perDecade = 8)
    {
        int n = 5 * perDecade + 1;
        return Enumerable.Range(0, n).Select(k => Math.Pow(10, (double)k / perDecade)).ToArray();
    }

    /// <summary>
    /// 90 % CL (1 dof) upper limits on g_X = √(g_νX g_eX) (lepton-universal) of a light mediator X ∈ {S, P, V, A, T} versus its
    /// mass (keV), one <see cref="UpperLimit"/> per mass (log-space search 1e-9…0.1, 4 grid points per decade), parallel over
    /// masses. Where the data prefer a non-zero coupling with a very narrow minimum (the XENON1T excess) the grid point next to
    /// the refined minimum can already lie above the threshold: <see cref="UpperLimit.Find"/> then fails to bracket, returns
    /// the crossing below the minimum, or a non-bracketed Brent end point. Whenever the best fit is a non-zero coupling the
    /// search is therefore repeated starting at the refined minimum (its χ² is the global one, the zero coupling still being
    /// included), so that the first grid point is the minimum and the crossing above it is properly bracketed.
    /// </summary>
    public static LimitCurveResult Mediator(CombinedAnalysis analysis, string structure, IReadOnlyList<double> massesKeV, double cl = 0.90, int? threads = null)
    {
        string model = $"mediator-{structure.ToLowerInvariant()}", parameter = $"g_{structure.ToUpperInvariant()}";
        const double lower = 1e-9, upper = 0.1;
        var options = new LimitOptions(cl, 1, true, 33);
        var points = new LimitCurvePoint[massesKeV.Count];
        var po = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        Parallel.For(0, points.Length, po, i =>
        {
            double m = massesKeV[i];
            string label = $"{m:G4} keV";
            LimitResult Search(Cost cost)
            {
                var r = UpperLimit.Find(cost, parameter, [0.0], lower, upper, options, label);
                if (r.Status != LimitStatus.NotReachedInRange && r.ReferenceValue > lower && r.ReferenceValue < upper)
                    r = UpperLimit.Find(cost, parameter, [0.0], r.ReferenceValue, upper, options, label);
                return r;
            }
            // Proportionate search: grid points far above the limit (couplings up to 0.1 predict up to 10^24 χ²) can
            // exhaust the Newton profiler and send it to the slow BFGS-B fallback, whose answer there is irrelevant. Search
            // with Newton alone and accept the answer when Newton converged at the two points that define it (the reference
            // minimum and the limit): there the full profiler returns the identical χ². Otherwise repeat with fallback.
            var quickCost = analysis.Cost(model, null, m, NewtonOnly);
            var quick = Search(quickCost);
            points[i] = new LimitCurvePoint(label, m, Converged(quickCost, parameter, quick) ? quick : Search(analysis.Cost(model, null, m)));
        });
        return new LimitCurveResult(parameter, cl, 1, ChiSquareThresholds.Threshold(cl, 1), points, analysis.DataSets.Select(d => d.Info.Key).ToArray());
    }

    static readonly ProfilerOptions NewtonOnly = ProfilerOptions.Default with { UseFallback = false };

    /// <summary>Whether Newton converged at the reference minimum and at the limit of a Newton-only search (so that the
    /// full profiler, which only differs by its fallback after a Newton failure, gives the same χ² there).</summary>
    static bool Converged(Cost quick, string parameter, LimitResult r)
    {
        if (r.Status != LimitStatus.Found || !double.IsFinite(r.Limit)) return false;
        var ws = quick.CreateWorkspace();
        var theta = new double[quick.ParameterNames.Count];
        int ip = quick.IndexOf(parameter);
        foreach (double g in new[] { r.ReferenceValue, r.Limit })
        {
            theta[ip] = g;
            if (quick.Profile(theta, ws, []).Status != ConvergenceStatus.Converged) return false;
        }
        return true;
    }
}
