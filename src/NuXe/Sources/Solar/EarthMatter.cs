using System.Numerics;
using NuXe.Physics;
using NuXe.Physics.Nsi;
using NuXe.Data;

namespace NuXe.Sources.Solar;

/// <summary>One constant-density spherical shell of the Earth: radii (km), density (g/cm³), electron fraction Y_e.</summary>
public sealed record EarthShell(double InnerKm, double OuterKm, double DensityGPerCm3, double ElectronFraction)
{
    /// <summary>Electron density n_e = ρ Y_e N_A (cm⁻³).</summary>
    public double ElectronDensityPerCm3 => DensityGPerCm3 * ElectronFraction * Constants.AvogadroPerMol;
    /// <summary>n_n/n_e = (1 − Y_e)/Y_e.</summary>
    public double NeutronsPerElectron => (1 - ElectronFraction) / ElectronFraction;
}

/// <summary>
/// Layered Earth: PREM (Dziewonski &amp; Anderson 1981) in constant-density shells, data/earth/prem_shells.csv (PROVENANCE.md).
/// </summary>
public sealed record EarthModel(IReadOnlyList<EarthShell> Shells)
{
    static readonly Lazy<EarthModel> _prem = new(() =>
    {
        var t = DataStore.ReadShipped("earth/prem_shells.csv");
        var a = t.Column("r_inner_km"); var b = t.Column("r_outer_km"); var d = t.Column("density_g_per_cm3"); var y = t.Column("electron_fraction_Ye");
        return new EarthModel(Enumerable.Range(0, a.Length).Select(i => new EarthShell(a[i], b[i], d[i], y[i])).ToArray());
    });

    /// <summary>PREM shells (12 shells, 0–6371 km).</summary>
    public static EarthModel Prem => _prem.Value;

    /// <summary>Earth radius (km): the outer radius of the last shell.</summary>
    public double RadiusKm => Shells[^1].OuterKm;

    /// <summary>
    /// The path of a neutrino arriving at a detector at the surface with nadir angle cos η_n = <paramref name="cosNadir"/> &gt; 0:
    /// (shell index, length km) in the order crossed (down to the deepest shell and back up). Detector depth neglected.
    /// </summary>
    public IReadOnlyList<(int Shell, double LengthKm)> Path(double cosNadir)
    {
        if (!(cosNadir > 0 && cosNadir <= 1)) throw new ArgumentOutOfRangeException(nameof(cosNadir), "cos(nadir) must be in (0, 1].");
        double r = RadiusKm, b2 = r * r * (1 - cosNadir * cosNadir);
        var down = new List<(int, double)>();
        int deepest = -1; double deepestHalf = 0;
        for (int s = Shells.Count - 1; s >= 0; s--)
        {
            var sh = Shells[s];
            if (sh.OuterKm * sh.OuterKm <= b2) break;
            double outer = Math.Sqrt(sh.OuterKm * sh.OuterKm - b2);
            double inner = sh.InnerKm * sh.InnerKm > b2 ? Math.Sqrt(sh.InnerKm * sh.InnerKm - b2) : 0;
            if (inner == 0) { deepest = s; deepestHalf = outer; break; }
            down.Add((s, outer - inner));
        }
        var path = new List<(int, double)>(down);
        if (deepest >= 0) path.Add((deepest, 2 * deepestHalf));
        for (int i = down.Count - 1; i >= 0; i--) path.Add(down[i]);
        return path;
    }
}

/// <summary>
/// The Sun's nadir-angle distribution seen by a detector at latitude λ over an exposure period, assuming uniform live time:
/// the fraction of time in daytime and, for night, weights of <see cref="Bins"/> bins uniform in cos η_n ∈ (0, 1] (bin centres
/// <see cref="CosNadir"/>). Solar declination δ = −23.44° cos(2π (d + 10)/365.25) (d = day of year from 0), hour angle sampled
/// uniformly (96 per day), cos z = sin λ sin δ + cos λ cos δ cos h; night when cos z &lt; 0, with cos η_n = −cos z.
/// </summary>
public sealed record SolarExposure(double LatitudeDeg, DateOnly Start, DateOnly End, double DayFraction, IReadOnlyList<double> CosNadir, IReadOnlyList<double> NightWeights)
{
    /// <summary>Number of night bins used by <see cref="Compute"/>.</summary>
    public const int Bins = 48;

    /// <summary>Night fraction (= Σ night weights).</summary>
    public double NightFraction => NightWeights.Sum();

    /// <summary>Computes the distribution for a latitude (degrees, −90…90) and an inclusive date range.</summary>
    public static SolarExposure Compute(double latitudeDeg, DateOnly start, DateOnly end)
    {
        if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) throw new ArgumentOutOfRangeException(nameof(latitudeDeg), "latitude must be in [−90, 90] degrees");
        if (end < start) throw new ArgumentException("the exposure must end on or after its start", nameof(end));
        double lat = latitudeDeg * Math.PI / 180;
        var w = new double[Bins];
        double day = 0, total = 0;
        const int hours = 96;
        for (var d = start; d <= end; d = d.AddDays(1))
        {
            double dec = -23.44 * Math.PI / 180 * Math.Cos(2 * Math.PI * (d.DayOfYear - 1 + 10) / 365.25);
            for (int k = 0; k < hours; k++)
            {
                double h = 2 * Math.PI * (k + 0.5) / hours;
                double cz = Math.Sin(lat) * Math.Sin(dec) + Math.Cos(lat) * Math.Cos(dec) * Math.Cos(h);
                total++;
                if (cz >= 0) { day++; continue; }
                int b = Math.Min(Bins - 1, (int)(-cz * Bins));
                w[b]++;
            }
        }
        return new SolarExposure(latitudeDeg, start, end, day / total, Enumerable.Range(0, Bins).Select(b => (b + 0.5) / Bins).ToArray(), w.Select(x => x / total).ToArray());
    }

    /// <summary>Day only (no Earth crossing).</summary>
    public static SolarExposure DayOnly { get; } = new(double.NaN, default, default, 1.0, [], []);

    /// <summary>The night part only, renormalised to 1.</summary>
    public SolarExposure NightOnly()
    {
        double n = NightFraction;
        if (!(n > 0)) throw new InvalidOperationException("the exposure has no night time");
        return this with { DayFraction = 0, NightWeights = NightWeights.Select(x => x / n).ToArray() };
    }
}

/// <summary>
/// Earth-matter (day/night) averaging of solar-neutrino flavour states with NSI. A solar ν reaches the Earth as an incoherent
/// mixture Σ_i P_i |ν_i⟩⟨ν_i| of mass eigenstates; crossing the Earth along a path with evolution S (flavour basis, layered
/// constant densities, exact 3-flavour evolution with H = U diag(0, Δm²₂₁, Δm²₃₁) U†/2E + V_CC [diag(1,0,0) + ξ ε],
/// ξ = ξ^e + ξ^p + Y_n ξ^n per shell), the state at the detector is Σ_i P_i S |ν_i⟩⟨ν_i| S†. Averaged over the exposure,
/// ρ = Σ_i P_i Q_i with Q_i = f_day |ν_i⟩⟨ν_i| + Σ_b w_b S_b |ν_i⟩⟨ν_i| S_b†. The evolution in each shell is
/// exp(−iHL) = Σ_k e^{−iλ_k L} Π_k with the eigenvalues λ_k (Cardano, trigonometric form) and spectral projectors Π_k
/// (Sylvester's formula), so one shell costs one closed-form eigenvalue problem per energy and ε.
/// </summary>
public sealed class EarthDayNight
{
    readonly Complex[] _u = new Complex[9];      // PMNS (row-major)
    readonly Complex[] _m2 = new Complex[9];     // U diag(0, Δm21, Δm31) U† in keV²
    readonly (int Shell, double LengthKm)[][] _paths;
    readonly double[] _v;                         // V_CC per shell, 1/km
    readonly double[] _yn;
    const double HbarCKeVKm = Constants.HbarCKeVCm * 1e-5; // ħc in keV·km (1 cm = 1e-5 km)

    public SolarExposure Exposure { get; }
    public EarthModel Earth { get; }
    public OscillationParameters Parameters { get; }

    public EarthDayNight(EarthModel earth, SolarExposure exposure, OscillationParameters parameters)
    {
        Earth = earth; Exposure = exposure; Parameters = parameters;
        var u = SolarNsiMatter.Pmns(parameters);
        for (int i = 0; i < 9; i++) _u[i] = u[i / 3, i % 3];
        double[] m = [0, parameters.Dm21SqEv2 * 1e-6, parameters.Dm31SqEv2 * 1e-6];
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
            {
                Complex s = 0;
                for (int k = 0; k < 3; k++) s += _u[3 * a + k] * m[k] * Complex.Conjugate(_u[3 * b + k]);
                _m2[3 * a + b] = s;
            }
        _paths = exposure.CosNadir.Select(c => earth.Path(c).ToArray()).ToArray();
        _v = earth.Shells.Select(s => SolarMsw.MatterPotentialKeV(s.ElectronDensityPerCm3) / HbarCKeVKm).ToArray();
        _yn = earth.Shells.Select(s => s.NeutronsPerElectron).ToArray();
    }

    /// <summary>True when only day time is averaged (no Earth crossing): Q_i = |ν_i⟩⟨ν_i|.</summary>
    public bool IsDayOnly => Exposure.NightWeights.All(w => w == 0);

    /// <summary>
    /// Writes Q_i (i = 0, 1, 2; each 3×3 row-major; 27 entries) for energy E (keV) and an NSI point.
    /// </summary>
    public void AveragedProjectors(double energyKeV, SolarNsiPoint point, Span<Complex> q)
    {
        if (q.Length != 27) throw new ArgumentException("need 27 entries", nameof(q));
        q.Clear();
        // E → 0: the vacuum term dominates everywhere, mass eigenstates are stationary and the Earth does nothing.
        bool noEarth = IsDayOnly || !(energyKeV > 0);
        double fd = noEarth ? 1.0 : Exposure.DayFraction;
        for (int i = 0; i < 3; i++)
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                    q[9 * i + 3 * a + b] = fd * _u[3 * a + i] * Complex.Conjugate(_u[3 * b + i]);
        if (noEarth) return;

        int ns = _v.Length;
        // Per shell: eigenvalues (relative to the trace, 1/km) and unit eigenvectors W_s (columns) of H.
        Span<double> lam = stackalloc double[ns * 3];
        Span<Complex> vecs = stackalloc Complex[ns * 9];
        Span<Complex> h = stackalloc Complex[9];
        Span<Complex> proj = stackalloc Complex[27];
        double inv2e = 1.0 / (2.0 * energyKeV * HbarCKeVKm);
        var eps = point.Epsilon;
        for (int s = 0; s < ns; s++)
        {
            double xi = point.MatterWeight(_yn[s]);
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                    h[3 * a + b] = _m2[3 * a + b] * inv2e + _v[s] * xi * eps[a, b];
            h[0] += _v[s];
            Eigen(h, lam.Slice(3 * s, 3), proj);
            for (int k = 0; k < 3; k++)
            {
                // rank-1 projector Π_k = w w†: w = column j / √Π_jj for the largest diagonal entry
                int j = 0; double best = -1;
                for (int d = 0; d < 3; d++) if (proj[9 * k + 4 * d].Real > best) { best = proj[9 * k + 4 * d].Real; j = d; }
                double norm = 1.0 / Math.Sqrt(best);
                for (int a = 0; a < 3; a++) vecs[9 * s + 3 * a + k] = proj[9 * k + 3 * a + j] * norm;
            }
        }
        // Transition matrices between adjacent shells: T(s+1←s) = W_{s+1}† W_s (down is its adjoint).
        Span<Complex> up = stackalloc Complex[Math.Max(1, (ns - 1) * 9)];
        for (int s = 0; s + 1 < ns; s++)
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                {
                    Complex acc = 0;
                    for (int c = 0; c < 3; c++) acc += Complex.Conjugate(vecs[9 * (s + 1) + 3 * c + a]) * vecs[9 * s + 3 * c + b];
                    up[9 * s + 3 * a + b] = acc;
                }

        Span<Complex> m = stackalloc Complex[9];   // A: columns = the three mass states in the current shell's eigenbasis
        Span<Complex> t = stackalloc Complex[9];
        for (int bin = 0; bin < _paths.Length; bin++)
        {
            double wb = Exposure.NightWeights[bin];
            if (wb == 0) continue;
            var path = _paths[bin];
            int s0 = path[0].Shell;
            // A = W_s0† U
            for (int a = 0; a < 3; a++)
                for (int i = 0; i < 3; i++)
                {
                    Complex acc = 0;
                    for (int c = 0; c < 3; c++) acc += Complex.Conjugate(vecs[9 * s0 + 3 * c + a]) * _u[3 * c + i];
                    m[3 * a + i] = acc;
                }
            for (int g = 0; g < path.Length; g++)
            {
                var (s, len) = path[g];
                for (int k = 0; k < 3; k++)
                {
                    var ph = Complex.FromPolarCoordinates(1, -lam[3 * s + k] * len);
                    m[3 * k] *= ph; m[3 * k + 1] *= ph; m[3 * k + 2] *= ph;
                }
                if (g + 1 == path.Length) break;
                int next = path[g + 1].Shell;
                bool goingUp = next > s;
                int pair = goingUp ? s : next; // T(s+1←s) stored at index s
                for (int a = 0; a < 3; a++)
                    for (int i = 0; i < 3; i++)
                    {
                        Complex acc = 0;
                        for (int c = 0; c < 3; c++)
                            acc += (goingUp ? up[9 * pair + 3 * a + c] : Complex.Conjugate(up[9 * pair + 3 * c + a])) * m[3 * c + i];
                        t[3 * a + i] = acc;
                    }
                t.CopyTo(m);
            }
            int sl = path[^1].Shell;
            // V = W_sl A (flavour basis), accumulate w_b V_i V_i†
            for (int a = 0; a < 3; a++)
                for (int i = 0; i < 3; i++)
                {
                    Complex acc = 0;
                    for (int c = 0; c < 3; c++) acc += vecs[9 * sl + 3 * a + c] * m[3 * c + i];
                    t[3 * a + i] = acc;
                }
            for (int i = 0; i < 3; i++)
                for (int a = 0; a < 3; a++)
                    for (int b = 0; b < 3; b++)
                        q[9 * i + 3 * a + b] += wb * t[3 * a + i] * Complex.Conjugate(t[3 * b + i]);
        }
    }

    /// <summary>ρ = Σ_i P_i Q_i for mass weights (P₁, P₂, P₃).</summary>
    public Matrix3 DensityMatrix(double energyKeV, SolarNsiPoint point, double p1, double p2, double p3)
    {
        Span<Complex> q = stackalloc Complex[27];
        AveragedProjectors(energyKeV, point, q);
        Span<Complex> r = stackalloc Complex[9];
        for (int e = 0; e < 9; e++) r[e] = p1 * q[e] + p2 * q[9 + e] + p3 * q[18 + e];
        return Matrix3.FromRowMajor(r);
    }

    /// <summary>
    /// Eigenvalues (shifted by −tr/3) and spectral projectors Π_k = Π_{j≠k} (H − λ_j)/(λ_k − λ_j) of a 3×3 Hermitian matrix.
    /// </summary>
    internal static void Eigen(ReadOnlySpan<Complex> hIn, Span<double> lambda, Span<Complex> projectors)
    {
        Span<Complex> h = stackalloc Complex[9];
        hIn.CopyTo(h);
        double tr = (h[0].Real + h[4].Real + h[8].Real) / 3;
        h[0] -= tr; h[4] -= tr; h[8] -= tr;
        double p1 = h[1].Magnitude * h[1].Magnitude + h[2].Magnitude * h[2].Magnitude + h[5].Magnitude * h[5].Magnitude;
        double p2 = h[0].Real * h[0].Real + h[4].Real * h[4].Real + h[8].Real * h[8].Real + 2 * p1;
        double p = Math.Sqrt(p2 / 6);
        // det(H)/2 for Hermitian H (real)
        Complex det = h[0] * (h[4] * h[8] - h[5] * h[7]) - h[1] * (h[3] * h[8] - h[5] * h[6]) + h[2] * (h[3] * h[7] - h[4] * h[6]);
        double r = p > 0 ? det.Real / (2 * p * p * p) : 0;
        double phi = Math.Acos(Math.Clamp(r, -1, 1)) / 3;
        lambda[0] = 2 * p * Math.Cos(phi);
        lambda[2] = 2 * p * Math.Cos(phi + 2 * Math.PI / 3);
        lambda[1] = -lambda[0] - lambda[2];
        Span<Complex> a = stackalloc Complex[9];
        Span<Complex> b = stackalloc Complex[9];
        for (int k = 0; k < 3; k++)
        {
            int j = (k + 1) % 3, l = (k + 2) % 3;
            double den = (lambda[k] - lambda[j]) * (lambda[k] - lambda[l]);
            h.CopyTo(a); a[0] -= lambda[j]; a[4] -= lambda[j]; a[8] -= lambda[j];
            h.CopyTo(b); b[0] -= lambda[l]; b[4] -= lambda[l]; b[8] -= lambda[l];
            for (int x = 0; x < 3; x++)
                for (int y = 0; y < 3; y++)
                    projectors[9 * k + 3 * x + y] = (a[3 * x] * b[y] + a[3 * x + 1] * b[3 + y] + a[3 * x + 2] * b[6 + y]) / den;
        }
    }
}
