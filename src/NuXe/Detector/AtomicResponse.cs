using NuXe.Physics;

namespace NuXe.Detector;

/// <summary>
/// How the 54 bound xenon electrons respond to a recoil T: a factor A(T, stream) multiplying the free-electron cross
/// section per electron (so 1 = free electrons). Tabulated ab initio responses (RRPA) implement the same interface.
/// </summary>
public interface IAtomicResponse
{
    /// <summary>Stable name: "fea", "stepping", …</summary>
    string Name { get; }

    /// <summary>Factor multiplying the free-electron dσ/dT per electron at recoil T (keV) for a stream.</summary>
    double Factor(double recoilKeV, FlavourStream stream);

    /// <summary>
    /// Factor for a flux component whose flux-weighted mean ln(E_ν/keV) is given (photon-exchange responses depend on
    /// ln E_ν through the equivalent-photon log); the default ignores the energy.
    /// </summary>
    double Factor(double recoilKeV, FlavourStream stream, double meanLogEnergyKeV) => Factor(recoilKeV, stream);

    /// <summary>Recoil energies (keV) where the factor is discontinuous (quadrature panels break there).</summary>
    IReadOnlyList<double> BreakpointsKeV { get; }

    /// <summary>Validity range of the model in recoil energy (keV), for documentation and warnings.</summary>
    (double LoKeV, double HiKeV) ValidityKeV { get; }
}

/// <summary>Free-electron approximation (FEA): every electron scatters as if free and at rest.</summary>
public sealed class FreeElectronResponse : IAtomicResponse
{
    public static readonly FreeElectronResponse Instance = new();
    public string Name => "fea";
    public double Factor(double recoilKeV, FlavourStream stream) => 1.0;
    public IReadOnlyList<double> BreakpointsKeV { get; } = [];
    public (double LoKeV, double HiKeV) ValidityKeV => (30.0, double.PositiveInfinity);
}

/// <summary>
/// Stepping approximation (Hsieh et al. 2019 eq. 7; PHYSICS.md §6): dσ/dT = Σ_i θ(T − B_i) dσ₀/dT over the 54 electrons,
/// i.e. a factor Σ_i n_i θ(T − B_i) / 54 per electron. Binding energies and occupancies of PHYSICS.md §6.
/// </summary>
public sealed class SteppingResponse : IAtomicResponse
{
    /// <summary>Xe subshells (name, binding energy keV, occupancy), PHYSICS.md §6.</summary>
    public static readonly IReadOnlyList<(string Shell, double BindingKeV, int Electrons)> XenonShells =
    [
        ("K", 34.561, 2), ("L1", 5.453, 2), ("L2", 5.107, 2), ("L3", 4.786, 4),
        ("M1", 1.1487, 2), ("M2", 1.0021, 2), ("M3", 0.9406, 4), ("M4", 0.6895, 4), ("M5", 0.6762, 6),
        ("N1", 0.2133, 2), ("N2", 0.1467, 2), ("N3", 0.1455, 4), ("N4", 0.0695, 4), ("N5", 0.0675, 6),
        ("O1", 0.0233, 2), ("O2", 0.0134, 2), ("O3", 0.0121, 4),
    ];

    public static readonly SteppingResponse Xenon = new(XenonShells);

    readonly double[] _binding;
    readonly double[] _cumulativeFraction; // fraction of electrons with B_i < T for T just above binding[k]

    public SteppingResponse(IReadOnlyList<(string Shell, double BindingKeV, int Electrons)> shells)
    {
        var levels = shells.GroupBy(s => s.BindingKeV).Select(g => (Binding: g.Key, Electrons: g.Sum(s => s.Electrons))).OrderBy(l => l.Binding).ToArray();
        double total = levels.Sum(l => l.Electrons);
        _binding = levels.Select(l => l.Binding).ToArray();
        _cumulativeFraction = new double[levels.Length];
        double acc = 0;
        for (int i = 0; i < levels.Length; i++) { acc += levels[i].Electrons; _cumulativeFraction[i] = acc / total; }
        BreakpointsKeV = _binding;
    }

    public string Name => "stepping";

    public double Factor(double recoilKeV, FlavourStream stream)
    {
        // number of (distinct, sorted) binding energies strictly below T: θ(T − B_i) with θ(0) = 0
        int idx = Array.BinarySearch(_binding, recoilKeV);
        int count = idx >= 0 ? idx : ~idx;
        return count == 0 ? 0.0 : _cumulativeFraction[count - 1];
    }

    public IReadOnlyList<double> BreakpointsKeV { get; }
    public (double LoKeV, double HiKeV) ValidityKeV => (1.0, double.PositiveInfinity);
}
