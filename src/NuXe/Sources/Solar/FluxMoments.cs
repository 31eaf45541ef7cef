using NuXe.Physics;

namespace NuXe.Sources.Solar;

/// <summary>
/// Flux moments M_k(T) = ∫_{E_min(T)} dE φ(E) E^{-k}, k = 0, 1, 2, of one flux component at recoil energies T (keV),
/// with E_min(T) from <see cref="Kinematics.MinNeutrinoEnergyKeV"/>. Units: M0 in cm⁻² s⁻¹, M1 in cm⁻² s⁻¹ keV⁻¹,
/// M2 in cm⁻² s⁻¹ keV⁻². Combined with kernel coefficients (<see cref="KernelCoefficients"/>) they give
/// dR/dT per electron = A0 M0 + A1 M1 + A2 M2 (RecoilKernel.cs).
/// </summary>
public sealed record FluxMomentTable(string Name, FlavourStream Stream, double[] RecoilKeV, double[] M0, double[] M1, double[] M2)
{
    /// <summary>Σ_k A_k M_k at index i: the event rate per electron per keV (s⁻¹ keV⁻¹) for cross-section coefficients in cm²/keV, cm², cm²·keV.</summary>
    public double Fold(int i, KernelCoefficients k) => k.A0 * M0[i] + k.A1 * M1[i] + k.A2 * M2[i];
}

/// <summary>
/// Exact flux moments of a <see cref="FluxComponent"/>: the continuum is piecewise linear on its grid, so each
/// segment integral of (φ_a + β(E − a)) E^{-k} is analytic; cumulative sums from the top of the grid make each
/// recoil energy cost one binary search. Lines contribute φ E^{-k} when E ≥ E_min(T). Requires T &gt; 0 for k ≥ 2
/// when the continuum starts at E = 0 with φ ∝ E (M2 diverges logarithmically at T = 0).
/// </summary>
public sealed class FluxMoments
{
    readonly double[] _e, _phi;      // continuum grid (keV) and flux (cm⁻² s⁻¹ keV⁻¹)
    readonly double[] _c0, _c1, _c2; // ∫_{E_i}^{E_max} φ E^{-k} dE (k = 0, 1, 2); for i = 0 with E_0 = 0 only c0, c1 are finite
    readonly (double E, double Flux)[] _lines;

    /// <summary>The component.</summary>
    public FluxComponent Component { get; }

    public FluxMoments(FluxComponent component)
    {
        Component = component;
        _lines = component.Lines.Select(l => (l.EnergyKeV, l.FluxPerCm2PerS)).ToArray();
        var c = component.Continuum;
        _e = c?.EnergyKeV ?? [];
        _phi = c?.FluxPerCm2PerSPerKeV ?? [];
        int n = _e.Length;
        _c0 = new double[n]; _c1 = new double[n]; _c2 = new double[n];
        for (int i = n - 2; i >= 0; i--)
        {
            Segment(i, _e[i], out double s0, out double s1, out double s2);
            _c0[i] = _c0[i + 1] + s0; _c1[i] = _c1[i + 1] + s1; _c2[i] = _c2[i + 1] + s2;
        }
    }

    /// <summary>∫_x^{E_{i+1}} φ E^{-k} dE on segment i (x ≥ E_i), φ linear on the segment.</summary>
    void Segment(int i, double x, out double s0, out double s1, out double s2)
    {
        double a = _e[i], b = _e[i + 1];
        double beta = (_phi[i + 1] - _phi[i]) / (b - a);
        double fx = _phi[i] + beta * (x - a); // φ(x)
        double h = b - x;
        if (h <= 0) { s0 = s1 = s2 = 0; return; }
        s0 = fx * h + 0.5 * beta * h * h;
        if (x <= 0)
        {
            // φ(E) = fx + βE from 0: ∫ E^{-1} diverges unless fx = 0 (true for the solar shapes)
            s1 = fx == 0 ? beta * h : double.PositiveInfinity;
            s2 = double.PositiveInfinity;
            return;
        }
        double ln = Log1P(h / x);          // ln(b/x)
        double inv = h / (x * b);          // 1/x − 1/b
        s1 = fx * ln + beta * (h - x * ln);
        s2 = fx * inv + beta * (ln - x * inv);
    }

    /// <summary>ln(1 + y) accurate for small y (Goldberg, ACM Comput. Surv. 23 (1991) 5, Theorem 4).</summary>
    static double Log1P(double y)
    {
        double u = 1.0 + y;
        return u == 1.0 ? y : Math.Log(u) * y / (u - 1.0);
    }

    /// <summary>(M0, M1, M2) for neutrinos above <paramref name="minEnergyKeV"/>.</summary>
    public (double M0, double M1, double M2) Above(double minEnergyKeV)
    {
        double m0 = 0, m1 = 0, m2 = 0;
        int n = _e.Length;
        if (n >= 2 && minEnergyKeV < _e[n - 1])
        {
            if (minEnergyKeV <= _e[0]) { m0 = _c0[0]; m1 = _c1[0]; m2 = _c2[0]; }
            else
            {
                int i = Array.BinarySearch(_e, minEnergyKeV);
                if (i < 0) i = ~i - 1;       // segment with _e[i] < x < _e[i+1]
                if (i >= n - 1) i = n - 2;
                Segment(i, minEnergyKeV, out double s0, out double s1, out double s2);
                m0 = _c0[i + 1] + s0; m1 = _c1[i + 1] + s1; m2 = _c2[i + 1] + s2;
            }
        }
        foreach (var (e, f) in _lines)
            if (e >= minEnergyKeV) { m0 += f; m1 += f / e; m2 += f / (e * e); }
        return (m0, m1, m2);
    }

    /// <summary>The moment table at recoil energies T (keV, &gt; 0).</summary>
    public FluxMomentTable Table(IReadOnlyList<double> recoilKeV)
    {
        int n = recoilKeV.Count;
        double[] t = new double[n], m0 = new double[n], m1 = new double[n], m2 = new double[n];
        for (int j = 0; j < n; j++)
        {
            t[j] = recoilKeV[j];
            (m0[j], m1[j], m2[j]) = Above(Kinematics.MinNeutrinoEnergyKeV(t[j]));
        }
        return new FluxMomentTable(Component.Name, Component.Stream, t, m0, m1, m2);
    }

    /// <summary>Convenience: moment tables of several components at the same recoil energies.</summary>
    public static IReadOnlyList<FluxMomentTable> Tables(IEnumerable<FluxComponent> components, IReadOnlyList<double> recoilKeV)
        => components.Select(c => new FluxMoments(c).Table(recoilKeV)).ToArray();
}
