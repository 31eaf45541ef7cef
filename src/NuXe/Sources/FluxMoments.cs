using NuXe.Physics;

namespace NuXe.Sources;

/// <summary>
/// Flux moments M_k(T) = ∫_{E ≥ E_min(T)} dE φ(E) E^{-k}, k = 0, 1, 2, of one flux component (units cm⁻²s⁻¹ keV^{-k}).
/// With them, the event rate per electron for any kernel is dR/dT = A0(T) M_0 + A1(T) M_1 + A2(T) M_2 — no integral over
/// E per model evaluation. Lines contribute φ_l E_l^{-k} θ(E_l ≥ E_min(T)); a continuum (piecewise linear φ) is
/// integrated exactly segment by segment.
/// </summary>
public sealed class FluxMoments
{
    readonly FluxComponent _component;
    readonly double[]? _e;         // continuum grid
    readonly double[][]? _tail;    // _tail[k][i] = ∫_{E_i}^{E_last} φ E^{-k} dE

    public FluxMoments(FluxComponent component)
    {
        _component = component;
        var c = component.Continuum;
        if (c is null) return;
        _e = c.EnergyKeV;
        _tail = new double[3][];
        for (int k = 0; k < 3; k++)
        {
            var t = new double[_e.Length];
            for (int i = _e.Length - 2; i >= 0; i--)
                t[i] = t[i + 1] + Segment(k, _e[i], _e[i + 1], c.FluxPerCm2PerSPerKeV[i], c.FluxPerCm2PerSPerKeV[i + 1], _e[i], _e[i + 1]);
            _tail[k] = t;
        }
    }

    public FluxComponent Component => _component;

    /// <summary>∫_{a}^{b} (linear φ through (x1,y1),(x2,y2)) E^{-k} dE, exact.</summary>
    static double Segment(int k, double x1, double x2, double y1, double y2, double a, double b)
    {
        if (b <= a) return 0;
        double slope = (y2 - y1) / (x2 - x1), icpt = y1 - slope * x1; // φ = icpt + slope E
        return k switch
        {
            0 => icpt * (b - a) + slope * 0.5 * (b * b - a * a),
            1 => (a > 0 ? icpt * Math.Log(b / a) : 0) + slope * (b - a),
            _ => (a > 0 ? icpt * (1 / a - 1 / b) + slope * Math.Log(b / a) : 0),
        };
    }

    /// <summary>(M0, M1, M2) at recoil T (keV).</summary>
    public (double M0, double M1, double M2) At(double recoilKeV)
    {
        double emin = Kinematics.MinNeutrinoEnergyKeV(recoilKeV);
        double m0 = 0, m1 = 0, m2 = 0;
        foreach (var l in _component.Lines)
        {
            if (l.EnergyKeV < emin) continue;
            double inv = 1.0 / l.EnergyKeV;
            m0 += l.FluxPerCm2PerS; m1 += l.FluxPerCm2PerS * inv; m2 += l.FluxPerCm2PerS * inv * inv;
        }
        if (_e is not null && _tail is not null && emin < _e[^1])
        {
            var y = _component.Continuum!.FluxPerCm2PerSPerKeV;
            if (emin <= _e[0]) { m0 += _tail[0][0]; m1 += _tail[1][0]; m2 += _tail[2][0]; }
            else
            {
                int i = Array.BinarySearch(_e, emin); i = i >= 0 ? i : ~i; // _e[i-1] < emin <= _e[i]
                m0 += _tail[0][i] + Segment(0, _e[i - 1], _e[i], y[i - 1], y[i], emin, _e[i]);
                m1 += _tail[1][i] + Segment(1, _e[i - 1], _e[i], y[i - 1], y[i], emin, _e[i]);
                m2 += _tail[2][i] + Segment(2, _e[i - 1], _e[i], y[i - 1], y[i], emin, _e[i]);
            }
        }
        return (m0, m1, m2);
    }

    /// <summary>Recoil energies where the moments are discontinuous (the T_max of each line and of the continuum end).</summary>
    public IEnumerable<double> BreakpointsKeV()
    {
        foreach (var l in _component.Lines) yield return Kinematics.MaxRecoilKeV(l.EnergyKeV);
        if (_e is not null) yield return Kinematics.MaxRecoilKeV(_e[^1]);
    }

    /// <summary>Maximum recoil energy of the component (keV).</summary>
    public double MaxRecoilKeV => Kinematics.MaxRecoilKeV(_component.MaxEnergyKeV);
}
