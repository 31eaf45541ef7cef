using NuXe.Physics;
using NuXe.Data;

namespace NuXe.Detector.Atomic;

/// <summary>
/// The relativistic Hartree–Fock ionisation factor K(E, q) of xenon (Caddell, Flambaum &amp; Roberts, arXiv:2305.05125;
/// vector current Γ = 1), shipped as <c>data/atomic/xe_ionisation_K_roberts2023.csv</c> (see its PROVENANCE.md), reduced
/// once to the per-channel atomic factors of docs/atomic.md.
/// <para><b>Normalisation.</b> R(T, q) = K(T, q)/E_H (keV⁻¹) is the charge (longitudinal) response of the whole atom,
/// Σ_f |⟨f|Σ_j e^{iq·r_j}|0⟩|² δ(T − E_f), per unit energy; for Z free electrons at rest R = Z δ(T − q²/2m).
/// ρ(T, q) = R/q² tends to a constant as q → 0 (dipole limit) and gives the photoabsorption cross section
/// σ_γ(T) = 4π²α T ρ(T, q → 0) (ħc)² (<see cref="PhotoabsorptionCm2"/>).</para>
/// <para><b>Matching.</b> The table was computed with multipoles L ≤ 6 of e^{iq·r}: it misses strength at large q (its
/// free-electron count ∫ q R dq / m is ≈ 0.55 of the stepping count at 0.5–10 keV, test <c>RawTableMissesLargeQ</c>). K is
/// therefore used for q ≤ q_u(T) = max(q_c, 1.5T), q_c = <see cref="MatchingMomentumAu"/> a.u. (7.5 keV), where the Bethe sum is saturated, and the
/// impulse (stepping) picture — N_step(T) electrons scattering as free at q₀ = √(T² + 2m_eT) — for q &gt; q_c:
/// the stepping term is added when q₀(T) &gt; q_c (T &gt; 0.054 keV).</para>
/// <para><b>Per-electron factors</b> A(T) multiply the E ≫ T free-electron cross section per electron of the channel
/// (Z = 54):
/// weak (contact): A_w = [∫_T^{q_c} q R dq / m + N_step θ(q₀ − q_c)] / Z;
/// magnetic moment and millicharge–weak interference: A_μ = [2T ∫_T^{q_c} (1 − T²/q²) R dq/q + N_step θ] / Z;
/// millicharge: A_δ = [4mT² ∫_T^{q_c} R dq/q³ (longitudinal) + 2mT² I_⊥(T, E) (transverse) + N_step θ] / Z with
/// I_⊥ = ∫ 2T² ρ(q) dq / [q (q² − T²)] from q_min (Q²_min = m_ν²T²/E²) to q_c
/// = ρ(T)[2 ln(E/m_ν) + ln(1 − T²/q_c²)] + ∫_T^{q_c} 2T²[ρ(q) − ρ(T)] dq/[q(q² − T²)], i.e. the transverse (near-real photon)
/// response in the dipole relation R_⊥ = 2(T/q)² R, whose q → T pole gives the equivalent-photon log.
/// The ln E term is evaluated at the flux-weighted ⟨ln E⟩ of each flux component (exact, the term being linear in ln E).</para>
/// <para><b>Range.</b> Table 0.005–10 keV. Below the table (T &lt; 5 eV, under the 12 eV first ionisation threshold) A = 0.
/// Above 10 keV (documented continuation, docs/atomic.md "The join at 10 keV"): the impulse/stepping term continues
/// exactly, and each K term continues as the power law T^p fitted between <see cref="ContinuationFitLoKeV"/> and 10 keV
/// (no absorption edge lies between the L1 edge at 5.45 keV and the K edge at 34.6 keV; the K-shell jump is not added,
/// so above 34.6 keV the K terms are a lower bound) — value and logarithmic slope are continuous at 10 keV.</para>
/// </summary>
public sealed class XenonIonisationTable
{
    /// <summary>Hartree energy E_H in keV (CODATA 2018).</summary>
    public const double HartreeKeV = 0.0272113862460;

    /// <summary>Inverse Bohr radius 1/a₀ = α m_e in keV.</summary>
    public const double InverseBohrKeV = Constants.ElectronMassKeV * Constants.FineStructure;

    /// <summary>Matching momentum q_c in atomic units (1/a₀) between the K table and the impulse/stepping picture.</summary>
    public const double MatchingMomentumAu = 2.0;

    /// <summary>Lower end of the power-law fit that continues the K terms above the table (keV); the upper end is the table end.</summary>
    public const double ContinuationFitLoKeV = 7.0;

    static readonly Lazy<XenonIonisationTable> _shipped = new(() =>
    {
        var t = DataStore.ReadShipped("atomic/xe_ionisation_K_roberts2023.csv");
        return new XenonIonisationTable(t.Column("E_keV"), t.Column("q_keV"), t.Column("K"), MatchingMomentumAu);
    });

    /// <summary>The shipped table with the default matching momentum.</summary>
    public static XenonIonisationTable Shipped => _shipped.Value;

    readonly double[] _t, _q;            // energies (keV), momenta (keV)
    readonly double[][] _r;              // R(T_i, q_j) in keV⁻¹ (negative noise clamped to 0)
    readonly double[] _weak, _mm, _chargeBase, _chargeLog, _rho0, _rhoT;
    readonly Dictionary<double[], double> _slope = new(ReferenceEqualityComparer.Instance);
    readonly double _lnT0, _dlnT;   // the energy grid is log-uniform (checked): O(1) interpolation

    /// <summary>Matching momentum q_c (keV).</summary>
    public double MatchingMomentumKeV { get; }

    /// <summary>Table energy range (keV).</summary>
    public (double Lo, double Hi) RangeKeV => (_t[0], _t[^1]);

    /// <summary>Build from long-format columns (E, q, K) sorted by E then q; <paramref name="matchingAu"/> = q_c in a.u.</summary>
    public XenonIonisationTable(double[] energyKeV, double[] momentumKeV, double[] k, double matchingAu = MatchingMomentumAu)
    {
        if (energyKeV.Length != momentumKeV.Length || k.Length != energyKeV.Length || energyKeV.Length < 4)
            throw new ArgumentException("K table columns must have equal length ≥ 4.");
        var ts = new List<double>(); var qs = new List<double>();
        for (int i = 0; i < energyKeV.Length; i++)
        {
            if (ts.Count == 0 || energyKeV[i] != ts[^1]) ts.Add(energyKeV[i]);
            if (ts.Count == 1) qs.Add(momentumKeV[i]);
        }
        _t = ts.ToArray(); _q = qs.ToArray();
        if (_t.Length * _q.Length != k.Length) throw new ArgumentException("K table is not a full (E, q) grid.");
        _r = new double[_t.Length][];
        for (int i = 0; i < _t.Length; i++)
        {
            _r[i] = new double[_q.Length];
            for (int j = 0; j < _q.Length; j++) _r[i][j] = Math.Max(0.0, k[i * _q.Length + j]) / HartreeKeV;
        }
        MatchingMomentumKeV = matchingAu * InverseBohrKeV;
        int n = _t.Length;
        _lnT0 = Math.Log(_t[0]); _dlnT = Math.Log(_t[^1] / _t[0]) / (n - 1);
        for (int i = 0; i < n; i++)
            if (Math.Abs(Math.Log(_t[i]) - (_lnT0 + i * _dlnT)) > 1e-4 * _dlnT + 1e-9)
                throw new ArgumentException("K table energies must lie on a logarithmic grid.");
        _weak = new double[n]; _mm = new double[n]; _chargeBase = new double[n]; _chargeLog = new double[n]; _rho0 = new double[n]; _rhoT = new double[n];
        for (int i = 0; i < n; i++) Reduce(i);
        foreach (var y in new[] { _weak, _mm, _chargeBase, _chargeLog, _rho0 })
        {
            double a = InterpIn(y, ContinuationFitLoKeV), b = y[^1];
            _slope[y] = a > 0 && b > 0 ? Math.Log(b / a) / Math.Log(_t[^1] / ContinuationFitLoKeV) : 0.0;
        }
    }

    /// <summary>ρ(T_i, q) = R/q² interpolated linearly in ln q; constant below the first q (dipole limit).</summary>
    double Rho(int i, double q)
    {
        var r = _r[i];
        if (q <= _q[0]) return r[0] / (_q[0] * _q[0]);
        if (q >= _q[^1]) return r[^1] / (_q[^1] * _q[^1]);
        int j = Array.BinarySearch(_q, q); if (j < 0) j = ~j;
        double a = r[j - 1] / (_q[j - 1] * _q[j - 1]), b = r[j] / (_q[j] * _q[j]);
        double f = Math.Log(q / _q[j - 1]) / Math.Log(_q[j] / _q[j - 1]);
        return a + f * (b - a);
    }

    void Reduce(int i)
    {
        double t = _t[i], qc = UpperMomentumKeV(t), m = Constants.ElectronMassKeV;
        _rho0[i] = Rho(i, 0.0);
        double rhoT = Rho(i, t);
        _rhoT[i] = rhoT;
        if (!(qc > t)) return;
        // nodes: T, the table momenta inside (T, q_c), q_c
        var nodes = new List<double> { t };
        foreach (var q in _q) if (q > t && q < qc) nodes.Add(q);
        nodes.Add(qc);
        double weak = 0, mm = 0, lon = 0, rem = 0;
        for (int k = 1; k < nodes.Count; k++)
        {
            double a = nodes[k - 1], b = nodes[k], h = b - a;
            double ra = Rho(i, a), rb = Rho(i, b);
            weak += 0.5 * h * (ra * a * a * a + rb * b * b * b);                       // q R = q³ ρ
            mm += 0.5 * h * (ra * a * (1 - t * t / (a * a)) + rb * b * (1 - t * t / (b * b)));   // R/q (1 − T²/q²)
            lon += 0.5 * h * (ra / a + rb / b);                                         // R/q³ = ρ/q
            double fa = k == 1 ? RemainderLimit(i, t, rhoT) : 2 * t * t * (ra - rhoT) / (a * (a * a - t * t));
            double fb = 2 * t * t * (rb - rhoT) / (b * (b * b - t * t));
            rem += 0.5 * h * (fa + fb);
        }
        _weak[i] = weak / m;
        _mm[i] = 2 * t * mm;
        _chargeBase[i] = 4 * m * t * t * lon + 2 * m * t * t * (rhoT * Math.Log(1 - t * t / (qc * qc)) + rem);
        _chargeLog[i] = 2 * m * t * t * 2 * rhoT; // × ln(E/m_ν)
    }

    /// <summary>Limit of 2T²[ρ(q) − ρ(T)]/[q(q² − T²)] at q → T: T ρ'(T)/T … approximated by a one-sided difference.</summary>
    double RemainderLimit(int i, double t, double rhoT)
    {
        double h = 1e-3 * t;
        double d = (Rho(i, t + h) - rhoT) / h;
        return d; // 2T² ρ'(T) h / (T · 2T h) = ρ'(T)
    }

    /// <summary>Ratio of the upper end of the K window to T when T approaches q_c: the window is [T, max(q_c, <see cref="WindowRatio"/>·T)].</summary>
    public const double WindowRatio = 1.5;

    /// <summary>Upper end of the K integration window at recoil T (keV): max(q_c, 1.5 T), so the near-real-photon region q ≳ T stays
    /// inside it for T &gt; q_c/1.5 = 5 keV (qr ≤ 2 for the valence shells there, well inside the L ≤ 6 multipole range).</summary>
    public double UpperMomentumKeV(double recoilKeV) => Math.Max(MatchingMomentumKeV, WindowRatio * recoilKeV);

    /// <summary>Stepping electron count N_step(T) (PHYSICS.md §6 binding energies).</summary>
    public static double SteppingCount(double recoilKeV) => Constants.XenonZ * SteppingResponse.Xenon.Factor(recoilKeV, FlavourStream.NuE);

    /// <summary>Whether the impulse (stepping) term is on: q₀(T) = √(T² + 2m_eT) &gt; q_c.</summary>
    public bool ImpulseOn(double recoilKeV) => Math.Sqrt(recoilKeV * recoilKeV + 2 * Constants.ElectronMassKeV * recoilKeV) > MatchingMomentumKeV;

    /// <summary>Recoil energy (keV) where the impulse term switches on.</summary>
    public double ImpulseOnsetKeV
    {
        get { double qc = MatchingMomentumKeV, m = Constants.ElectronMassKeV; return -m + Math.Sqrt(m * m + qc * qc); }
    }

    /// <summary>Interpolation in ln T on the table; above it the power-law continuation (0 if the end value is ≤ 0).</summary>
    double Interp(double[] y, double t)
    {
        if (t > _t[^1]) return y[^1] > 0 ? y[^1] * Math.Pow(t / _t[^1], _slope[y]) : 0.0;
        return InterpIn(y, t);
    }

    double InterpIn(double[] y, double t)
    {
        if (t <= _t[0]) return y[0];
        if (t >= _t[^1]) return y[^1];
        double x = (Math.Log(t) - _lnT0) / _dlnT;
        int j = Math.Min((int)x, _t.Length - 2);
        double f = x - j;
        return y[j] + f * (y[j + 1] - y[j]);
    }

    /// <summary>Power-law exponent p of the continuation above the table for the millicharge transverse (ln E) term.</summary>
    public double ChargeLogContinuationExponent => _slope[_chargeLog];

    /// <summary>Weight of the K terms: 0 below the table, 1 on and above it (continuation).</summary>
    public double TableWeight(double recoilKeV) => recoilKeV < _t[0] ? 0.0 : 1.0;

    double Impulse(double t) => t < _t[0] ? 0.0 : (ImpulseOn(t) ? SteppingCount(t) : 0.0);

    /// <summary>Per-electron factor for a channel at recoil T (keV) and flux-weighted ⟨ln(E_ν/keV)⟩; m_ν in eV.</summary>
    public double Factor(AtomicChannel channel, double recoilKeV, double meanLogEnergyKeV, double neutrinoMassEv)
    {
        double w = TableWeight(recoilKeV);
        double k = channel switch
        {
            AtomicChannel.Weak => Interp(_weak, recoilKeV),
            AtomicChannel.Charge => Interp(_chargeBase, recoilKeV) + Interp(_chargeLog, recoilKeV) * Math.Max(0.0, meanLogEnergyKeV - Math.Log(neutrinoMassEv * 1e-3)),
            _ => Interp(_mm, recoilKeV),
        };
        return (w * k + Impulse(recoilKeV)) / Constants.XenonZ;
    }

    /// <summary>
    /// Equivalent-photon approximation (Chen et al., PRD 90 (2014) 011301; Hsieh et al. 2019 Fig. 2) as a factor on the
    /// free millicharge cross section per electron: dσ/dT = (2αδ²/π)(σ_γ(T)/T) ln(E_ν/m_ν) ⇒ A = 4m_eT²ρ(T, 0) ln(E/m_ν)/Z.
    /// Defined on the table; 0 below it; above it ρ(T, 0) continues as the fitted power law (documented continuation).
    /// </summary>
    public double EpaFactor(double recoilKeV, double meanLogEnergyKeV, double neutrinoMassEv)
    {
        if (recoilKeV < _t[0]) return 0.0;
        double lnE = Math.Max(0.0, meanLogEnergyKeV - Math.Log(neutrinoMassEv * 1e-3));
        return 4 * Constants.ElectronMassKeV * recoilKeV * recoilKeV * Interp(_rho0, recoilKeV) * lnE / Constants.XenonZ;
    }

    /// <summary>Xe photoabsorption cross section per atom (cm²) from the q → 0 limit of K: σ_γ = 4π²α T ρ(T, 0) (ħc)².</summary>
    public double PhotoabsorptionCm2(double photonKeV)
        => 4 * Math.PI * Math.PI * Constants.FineStructure * photonKeV * Interp(_rho0, photonKeV) * Constants.HbarC2KeV2Cm2;

    /// <summary>
    /// Diagnostic: effective electron counts of the raw table over its whole q range (no matching), for a channel:
    /// weak ∫ q R dq / m, magnetic moment 2T ∫ R dq/q. Used to show the large-q deficit of the L ≤ 6 table.
    /// </summary>
    public double RawCount(AtomicChannel channel, double recoilKeV)
    {
        int i = Array.BinarySearch(_t, recoilKeV); if (i < 0) i = Math.Min(~i, _t.Length - 1);
        double t = _t[i], s = 0;
        for (int j = 1; j < _q.Length; j++)
        {
            if (_q[j] <= t) continue;
            double a = Math.Max(_q[j - 1], t), b = _q[j];
            double fa = channel == AtomicChannel.Weak ? Rho(i, a) * a * a * a : Rho(i, a) * a;
            double fb = channel == AtomicChannel.Weak ? Rho(i, b) * b * b * b : Rho(i, b) * b;
            s += 0.5 * (b - a) * (fa + fb);
        }
        return channel == AtomicChannel.Weak ? s / Constants.ElectronMassKeV : 2 * t * s;
    }

    /// <summary>Table energies (keV).</summary>
    public IReadOnlyList<double> EnergiesKeV => _t;
}

/// <summary>
/// <c>abinitio</c>: the K(E, q)-based response of one channel (<see cref="XenonIonisationTable"/>), joined onto stepping
/// above the table. Factor per electron on the free-electron kernel of the channel. Valid from the table start
/// (0.005 keV) up; above 10 keV it is the stepping response (documented continuation).
/// </summary>
public sealed class AbInitioResponse(XenonIonisationTable table, AtomicChannel channel, double neutrinoMassEv) : IAtomicResponse
{
    /// <summary>Representative ⟨ln E/keV⟩ used when no flux component is given (E = 300 keV, pp-like).</summary>
    public static readonly double DefaultMeanLogEnergyKeV = Math.Log(300.0);

    public string Name => "abinitio";
    public AtomicChannel Channel { get; } = channel;
    public double NeutrinoMassEv { get; } = neutrinoMassEv;
    public double Factor(double recoilKeV, FlavourStream stream) => table.Factor(Channel, recoilKeV, DefaultMeanLogEnergyKeV, NeutrinoMassEv);
    public double Factor(double recoilKeV, FlavourStream stream, double meanLogEnergyKeV) => table.Factor(Channel, recoilKeV, meanLogEnergyKeV, NeutrinoMassEv);
    public IReadOnlyList<double> BreakpointsKeV { get; } =
        SteppingResponse.XenonShells.Select(s => s.BindingKeV).Append(table.ImpulseOnsetKeV).Append(table.RangeKeV.Lo).Append(table.RangeKeV.Hi)
            .Distinct().OrderBy(x => x).ToArray();
    public (double LoKeV, double HiKeV) ValidityKeV => (table.RangeKeV.Lo, double.PositiveInfinity);
}

/// <summary>
/// <c>epa</c> (millicharge only): equivalent-photon approximation on the K-derived photoabsorption cross section
/// (table 0.005–10 keV; above it σ_γ continues as the fitted power law, documented continuation). EPA alone: it has no
/// free-electron (impulse) part, so it falls below FEA at large T (Hsieh et al. Fig. 2).
/// </summary>
public sealed class EpaResponse(XenonIonisationTable table, double neutrinoMassEv) : IAtomicResponse
{
    public string Name => "epa";
    public double NeutrinoMassEv { get; } = neutrinoMassEv;
    public double Factor(double recoilKeV, FlavourStream stream) => Factor(recoilKeV, stream, AbInitioResponse.DefaultMeanLogEnergyKeV);
    public double Factor(double recoilKeV, FlavourStream stream, double meanLogEnergyKeV)
        => table.EpaFactor(recoilKeV, meanLogEnergyKeV, NeutrinoMassEv);
    public IReadOnlyList<double> BreakpointsKeV { get; } = [table.RangeKeV.Lo, table.RangeKeV.Hi];
    public (double LoKeV, double HiKeV) ValidityKeV => (table.RangeKeV.Lo, table.RangeKeV.Hi);
}
