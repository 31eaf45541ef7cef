using System.Collections.Concurrent;
using NuXe.Physics;

namespace NuXe.Sources.Spatial;

/// <summary>
/// A cylindrical radioactive source of height <paramref name="HeightM"/> and diameter <paramref name="DiameterM"/> (m)
/// centred at <paramref name="Centre"/> (detector coordinates, m), emitting uniformly from its volume; zero size is a
/// point source. Coloma, Huber &amp; Link 2014 §3: h = d = 14 cm.
/// </summary>
public sealed record SourceVolume(Point3 Centre, double HeightM = 0.14, double DiameterM = 0.14)
{
    /// <summary>Radius of the smallest sphere around the centre containing the source (m).</summary>
    public double BoundingRadiusM => Math.Sqrt(0.25 * HeightM * HeightM + 0.25 * DiameterM * DiameterM);

    /// <summary>True for a point source (zero height and diameter).</summary>
    public bool IsPoint => HeightM == 0 && DiameterM == 0;
}

/// <summary>Uniform bins in a distance L (m): <paramref name="Count"/> bins of <paramref name="WidthM"/> from <paramref name="LowM"/>.</summary>
public readonly record struct LBinning(double LowM, double WidthM, int Count)
{
    /// <summary>Upper edge (m).</summary>
    public double HighM => LowM + WidthM * Count;

    /// <summary>Bin edges (m), Count + 1 values.</summary>
    public double[] EdgesM() { var (lo, w) = (LowM, WidthM); return Enumerable.Range(0, Count + 1).Select(i => lo + i * w).ToArray(); }

    /// <summary>Bin centres (m).</summary>
    public double[] CentresM() { var (lo, w) = (LowM, WidthM); return Enumerable.Range(0, Count).Select(i => lo + (i + 0.5) * w).ToArray(); }

    /// <summary>Index of the bin containing <paramref name="distanceM"/>, or −1 outside.</summary>
    public int Index(double distanceM)
    {
        double x = (distanceM - LowM) / WidthM;
        return x >= 0 && x < Count ? (int)x : -1;
    }
}

/// <summary>
/// What the true-to-reconstructed L smearing is built from (Coloma, Huber &amp; Link 2014 §3; PHYSICS.md §5): detector
/// cylinder, finite source, Gaussian position resolution per coordinate (m), reconstructed L bins, width of the fine
/// true-L bins (m), Monte Carlo sample count and seed. Value equality: the key of <see cref="LSmearingCache"/>.
/// Reconstructed L is measured from the nominal source centre to the smeared interaction point; the oscillation uses
/// the true L from the emission point to the true interaction point.
/// </summary>
public sealed record LSmearingSpec(CylinderGeometry Detector, SourceVolume Source, double ResolutionM, LBinning Reconstructed,
    double FineWidthM, int Samples, long Seed)
{
    /// <summary>Default Monte Carlo seed of the sterile analysis (recorded in the manifest).</summary>
    public const long DefaultSeed = 20140611;

    /// <summary>Number of independent random streams the samples are split into (fixed: results do not depend on the thread count).</summary>
    public const int Chunks = 32;

    /// <summary>Nearest and farthest distance (m) from a point to the detector cylinder.</summary>
    public static (double NearM, double FarM) DistanceRange(CylinderGeometry detector, Point3 p)
    {
        double s = Math.Sqrt(p.XM * p.XM + p.YM * p.YM), R = detector.RadiusM, h = detector.HeightM;
        double dz = p.ZM < 0 ? -p.ZM : p.ZM > h ? p.ZM - h : 0;
        double near = Math.Sqrt(Math.Max(0, s - R) * Math.Max(0, s - R) + dz * dz);
        double zFar = Math.Max(Math.Abs(p.ZM), Math.Abs(h - p.ZM));
        return (near, Math.Sqrt((s + R) * (s + R) + zFar * zFar));
    }

    /// <summary>
    /// The spec with reconstructed bins of <paramref name="binWidthM"/> covering the detector's range of reconstructed L
    /// (nearest to farthest distance from the source centre, widened by 5σ of the resolution, rounded outwards to the bin
    /// width), fine true-L bins of <paramref name="fineWidthM"/>.
    /// </summary>
    public static LSmearingSpec ForGeometry(CylinderGeometry detector, SourceVolume source, double resolutionM = 0.01, double binWidthM = 0.03,
        int samples = 4_000_000, long seed = DefaultSeed, double fineWidthM = 0.0025)
    {
        if (!(binWidthM > 0) || !(fineWidthM > 0)) throw new ArgumentException("bin widths must be > 0");
        if (resolutionM < 0) throw new ArgumentException("the position resolution must be ≥ 0");
        if (samples < Chunks) throw new ArgumentException($"at least {Chunks} samples are needed");
        var (near, far) = DistanceRange(detector, source.Centre);
        double lo = Math.Floor((near - 5 * resolutionM) / binWidthM) * binWidthM;
        double hi = Math.Ceiling((far + 5 * resolutionM) / binWidthM) * binWidthM;
        lo = Math.Max(lo, 0);
        return new LSmearingSpec(detector, source, resolutionM, new LBinning(lo, binWidthM, (int)Math.Round((hi - lo) / binWidthM)), fineWidthM, samples, seed);
    }
}

/// <summary>
/// The smearing from true to reconstructed L for one geometry, by Monte Carlo (<see cref="Build"/>): N samples of
/// (emission point uniform in the source, interaction point uniform in the detector, weight 1/L_true², interaction point
/// smeared by the resolution). Stores the response R_ij = fraction of the 1/L²-weighted signal with reconstructed L in
/// bin i and true L in fine bin j (normalised to the total weight, so Σ_ij R_ij = 1 − <see cref="SignalOutsideFraction"/>),
/// and the reconstructed-L fractions of a background uniform in volume. Immutable.
/// Oscillated templates integrate sin²(1.267 Δm² L/E) analytically over each fine true-L bin
/// (<see cref="SterileOscillation.MeanOscillationFactor"/>), so a Δm² row costs O(bins × fine bins), no resampling.
/// </summary>
public sealed class LSmearingMatrix
{
    readonly double[] _r;          // [i * FineCount + j]
    readonly int[] _jLo, _jHi;     // non-zero fine range per reconstructed bin
    readonly double[] _signal, _background;

    /// <summary>The spec it was built from.</summary>
    public LSmearingSpec Spec { get; }

    /// <summary>Reconstructed L bins.</summary>
    public LBinning Reconstructed => Spec.Reconstructed;

    /// <summary>Fine true-L bins.</summary>
    public LBinning Fine { get; }

    /// <summary>Fraction of the signal (1/L²-weighted) with reconstructed L in each bin (sums to 1 − outside).</summary>
    public IReadOnlyList<double> SignalFractions => _signal;

    /// <summary>Fraction of a uniform-in-volume background with reconstructed L in each bin.</summary>
    public IReadOnlyList<double> BackgroundFractions => _background;

    /// <summary>Fraction of the signal weight reconstructed outside the bins.</summary>
    public double SignalOutsideFraction { get; }

    /// <summary>Fraction of the background reconstructed outside the bins.</summary>
    public double BackgroundOutsideFraction { get; }

    /// <summary>Monte Carlo estimate of ⟨1/L²⟩ (m⁻²) over the source and detector volumes (the finite-source analogue of 1/r_avg²).</summary>
    public double MeanInverseSquareDistancePerM2 { get; }

    /// <summary>Relative Monte Carlo standard error of <see cref="MeanInverseSquareDistancePerM2"/>.</summary>
    public double MeanInverseSquareRelativeError { get; }

    LSmearingMatrix(LSmearingSpec spec, LBinning fine, double[] r, double[] signal, double[] background, double sigOut, double bkgOut, double mean, double relErr)
    {
        Spec = spec; Fine = fine; _r = r; _signal = signal; _background = background;
        SignalOutsideFraction = sigOut; BackgroundOutsideFraction = bkgOut;
        MeanInverseSquareDistancePerM2 = mean; MeanInverseSquareRelativeError = relErr;
        int nr = spec.Reconstructed.Count, nf = fine.Count;
        _jLo = new int[nr]; _jHi = new int[nr];
        for (int i = 0; i < nr; i++)
        {
            int a = 0, b = nf;
            while (a < nf && r[i * nf + a] == 0) a++;
            while (b > a && r[i * nf + b - 1] == 0) b--;
            _jLo[i] = a; _jHi[i] = b;
        }
    }

    /// <summary>Response element R_ij (fraction of all signal weight).</summary>
    public double Response(int reconstructedBin, int fineBin) => _r[reconstructedBin * Fine.Count + fineBin];

    internal interface ISampleSink { void Add(double trueDistanceM, double weight, double reconstructedDistanceM); }

    /// <summary>Generates the samples of one random stream; the sequence depends only on (spec, chunk).</summary>
    internal static void Generate<T>(LSmearingSpec spec, int chunk, ref T sink) where T : struct, ISampleSink
    {
        int n = spec.Samples / LSmearingSpec.Chunks + (chunk < spec.Samples % LSmearingSpec.Chunks ? 1 : 0);
        var rng = new Xoshiro256(spec.Seed, chunk);
        var src = spec.Source; var c = src.Centre;
        double rs = 0.5 * src.DiameterM, hs = src.HeightM, R = spec.Detector.RadiusM, h = spec.Detector.HeightM, sig = spec.ResolutionM;
        for (int k = 0; k < n; k++)
        {
            double sx = c.XM, sy = c.YM, sz = c.ZM;
            if (!src.IsPoint)
            {
                double rr = rs * Math.Sqrt(rng.NextDouble()), ph = 2 * Math.PI * rng.NextDouble();
                sx += rr * Math.Cos(ph); sy += rr * Math.Sin(ph); sz += hs * (rng.NextDouble() - 0.5);
            }
            double rd = R * Math.Sqrt(rng.NextDouble()), pd = 2 * Math.PI * rng.NextDouble();
            double x = rd * Math.Cos(pd), y = rd * Math.Sin(pd), z = h * rng.NextDouble();
            double dx = x - sx, dy = y - sy, dz = z - sz;
            double l2 = dx * dx + dy * dy + dz * dz;
            if (sig > 0)
            {
                var (g1, g2) = rng.NextGaussianPair();
                var (g3, _) = rng.NextGaussianPair();
                x += sig * g1; y += sig * g2; z += sig * g3;
            }
            double ex = x - c.XM, ey = y - c.YM, ez = z - c.ZM;
            sink.Add(Math.Sqrt(l2), 1.0 / l2, Math.Sqrt(ex * ex + ey * ey + ez * ez));
        }
    }

    sealed class Accumulator
    {
        public double[] R = [], B = [];
        public double W, W2, WOut, BOut; public long N;
    }

    struct BuildSink(Accumulator a, LBinning reco, LBinning fine) : ISampleSink
    {
        public void Add(double lt, double w, double lr)
        {
            a.W += w; a.W2 += w * w; a.N++;
            int i = reco.Index(lr);
            if (i < 0) { a.WOut += w; a.BOut += 1; return; }
            int j = fine.Index(lt);
            if (j < 0) throw new InvalidOperationException($"true L = {lt} m outside the fine range (internal error)");
            a.R[i * fine.Count + j] += w; a.B[i] += 1;
        }
    }

    /// <summary>
    /// Builds the smearing by Monte Carlo (parallel over <see cref="LSmearingSpec.Chunks"/> fixed random streams, merged
    /// in stream order: the result depends on the seed only).
    /// </summary>
    public static LSmearingMatrix Build(LSmearingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Detector.Contains(spec.Source.Centre)) throw new ArgumentException("the source centre lies inside the detector");
        var (near, far) = LSmearingSpec.DistanceRange(spec.Detector, spec.Source.Centre);
        double rho = spec.Source.BoundingRadiusM, fw = spec.FineWidthM;
        double flo = Math.Max(0, Math.Floor((near - rho) / fw) * fw);
        var fine = new LBinning(flo, fw, (int)Math.Ceiling((far + rho - flo) / fw) + 1);
        int nr = spec.Reconstructed.Count, nf = fine.Count;
        var acc = new Accumulator[LSmearingSpec.Chunks];
        Parallel.For(0, LSmearingSpec.Chunks, ch =>
        {
            var a = new Accumulator { R = new double[nr * nf], B = new double[nr] };
            var sink = new BuildSink(a, spec.Reconstructed, fine);
            Generate(spec, ch, ref sink);
            acc[ch] = a;
        });
        var r = new double[nr * nf]; var b = new double[nr];
        double w = 0, w2 = 0, wOut = 0, bOut = 0; long n = 0;
        foreach (var a in acc)
        {
            for (int k = 0; k < r.Length; k++) r[k] += a.R[k];
            for (int k = 0; k < nr; k++) b[k] += a.B[k];
            w += a.W; w2 += a.W2; wOut += a.WOut; bOut += a.BOut; n += a.N;
        }
        for (int k = 0; k < r.Length; k++) r[k] /= w;
        for (int k = 0; k < nr; k++) b[k] /= n;
        var signal = new double[nr];
        for (int i = 0; i < nr; i++) for (int j = 0; j < nf; j++) signal[i] += r[i * nf + j];
        double mean = w / n, variance = w2 / n - mean * mean;
        return new LSmearingMatrix(spec, fine, r, signal, b, wOut / w, bOut / n, mean, Math.Sqrt(variance / n) / mean);
    }

    /// <summary>
    /// Adds <paramref name="scale"/> × Σ_j R_ij ⟨sin²(1.267 Δm² L/E)⟩_j to <paramref name="destination"/>[i]: the fraction of
    /// the signal of a line of energy <paramref name="energyMeV"/> that disappears at sin²2θ = 1 (Δm² in eV²), per reconstructed bin.
    /// </summary>
    public void AddOscillated(double dm2EV2, double energyMeV, double scale, Span<double> destination)
    {
        int nf = Fine.Count, nr = Reconstructed.Count;
        if (destination.Length != nr) throw new ArgumentException("destination length must equal the reconstructed bin count");
        Span<double> f = nf <= 4096 ? stackalloc double[nf] : new double[nf];
        for (int j = 0; j < nf; j++)
            f[j] = SterileOscillation.MeanOscillationFactor(dm2EV2, Fine.LowM + j * Fine.WidthM, Fine.LowM + (j + 1) * Fine.WidthM, energyMeV);
        for (int i = 0; i < nr; i++)
        {
            var row = _r.AsSpan(i * nf, nf);
            double s = 0;
            for (int j = _jLo[i]; j < _jHi[i]; j++) s += row[j] * f[j];
            destination[i] += scale * s;
        }
    }

    /// <summary>Σ_j R_ij ⟨sin²⟩_j per reconstructed bin for one line (see <see cref="AddOscillated"/>).</summary>
    public double[] OscillatedFractions(double dm2EV2, double energyMeV)
    {
        var d = new double[Reconstructed.Count];
        AddOscillated(dm2EV2, energyMeV, 1.0, d);
        return d;
    }

    struct ExactSink(double[] o, LBinning reco, double dm2, double eMeV) : ISampleSink
    {
        public double W;
        public void Add(double lt, double w, double lr)
        {
            W += w;
            int i = reco.Index(lr);
            if (i >= 0) o[i] += w * SterileOscillation.OscillationFactor(dm2, lt, eMeV);
        }
    }

    /// <summary>
    /// The same quantity as <see cref="OscillatedFractions"/> by reweighting every Monte Carlo sample with
    /// sin²(1.267 Δm² L_true/E) exactly (regenerates the samples from the seed; O(samples); for validation).
    /// </summary>
    public static double[] ExactOscillatedFractions(LSmearingSpec spec, double dm2EV2, double energyMeV)
    {
        var parts = new double[LSmearingSpec.Chunks][]; var ws = new double[LSmearingSpec.Chunks];
        Parallel.For(0, LSmearingSpec.Chunks, ch =>
        {
            var o = new double[spec.Reconstructed.Count];
            var sink = new ExactSink(o, spec.Reconstructed, dm2EV2, energyMeV);
            Generate(spec, ch, ref sink);
            parts[ch] = o; ws[ch] = sink.W;
        });
        double w = ws.Sum();
        var d = new double[spec.Reconstructed.Count];
        foreach (var p in parts) for (int i = 0; i < d.Length; i++) d[i] += p[i];
        for (int i = 0; i < d.Length; i++) d[i] /= w;
        return d;
    }
}

/// <summary>
/// A cache of <see cref="LSmearingMatrix"/> by spec (build once per geometry). Thread-safe; the caller owns the instance
/// (no process-wide state in the library).
/// </summary>
public sealed class LSmearingCache
{
    readonly ConcurrentDictionary<LSmearingSpec, Lazy<LSmearingMatrix>> _cache = new();

    /// <summary>The matrix of <paramref name="spec"/>, built on first use.</summary>
    public LSmearingMatrix Get(LSmearingSpec spec)
        => _cache.GetOrAdd(spec, s => new Lazy<LSmearingMatrix>(() => LSmearingMatrix.Build(s))).Value;

    /// <summary>Number of cached geometries.</summary>
    public int Count => _cache.Count;
}
