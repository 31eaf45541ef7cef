#:project ../src/NuXe/NuXe.csproj
// Example 3 — a profile with a new model: a physics model written in the script (a lepton-universal shift δg_V of the
// vector coupling, e.g. a heavy neutral mediator), plugged into the likelihood of a shipped experiment and profiled.
//   dotnet run examples/new-model-profile.cs
using System.Globalization;
using NuXe.Analyses.Common;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Presets;
using NuXe.Statistics;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var spec = ExperimentPresets.Load("linkxu-A").Spec;
var model = new VectorShiftModel(spec.Physics.Couplings, spec.Physics.Sin2ThetaW);

// Compile the experiment once (response matrix, flux moments), then the binned linear model of this physics model.
var x = PreparedExperiment.Compile(spec);
var linear = ExperimentLikelihood.Build(x, model);
var asimov = ExperimentLikelihood.Asimov(linear, model.SmPoint);          // expected data at the SM (δg_V = 0)
var cost = new ChiSquareCost(linear, asimov, CostKind.Poisson);

var profile = ProfileScan.Scan1D(cost, "dgV", ProfileScan.Linear(-0.05, 0.05, 201), model.SmPoint, new ScanOptions([0.90]));
var ci = profile.At(0.90);
Console.WriteLine($"{spec.Name}: δg_V at 90 % CL (1 dof, Δχ² = {ci.Threshold:F3}): " +
    string.Join(" ∪ ", ci.Intervals.Select(i => $"[{i.Lower:F5}, {i.Upper:F5}]")));
Console.WriteLine($"best fit δg_V = {profile.BestFitValue:G3}, χ²_min = {profile.Chi2Min:G3} (Asimov data at the SM: both ≈ 0)");
Console.WriteLine($"RESULT lower={ci.Intervals[0].Lower.ToString("R", CultureInfo.InvariantCulture)}");
Console.WriteLine($"RESULT upper={ci.Intervals[^1].Upper.ToString("R", CultureInfo.InvariantCulture)}");

/// <summary>
/// g_V → g_V + δ for every flavour (ν and ν̄): dσ/dT = Σ c_j kernel_j with the SM kernels (g₁², g₂², g₁g₂; g₁ = g_V + g_A,
/// g₂ = g_V − g_A). At δ = 0 it is the SM, as every model must be.
/// </summary>
sealed class VectorShiftModel(CouplingScheme scheme, double sin2w) : IInteractionModel
{
    public string Key => $"example-dgv({scheme},{sin2w})";
    public IReadOnlyList<string> ParameterNames { get; } = ["dgV"];
    public IReadOnlyList<double> SmPoint { get; } = [0.0];
    public IReadOnlyList<RecoilKernel> Kernels(FlavourStream stream) => StandardModel.Kernels;

    public void Coefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> c, Span<double> grad)
    {
        var g = ElectroweakCouplings.StandardModel(stream.Flavour, sin2w, scheme);
        double g1 = (stream.Antineutrino ? g.G2 : g.G1) + theta[0], g2 = (stream.Antineutrino ? g.G1 : g.G2) + theta[0];
        c[0] = g1 * g1; c[1] = g2 * g2; c[2] = g1 * g2;
        if (!grad.IsEmpty) { grad[0] = 2 * g1; grad[1] = 2 * g2; grad[2] = g1 + g2; }
    }
}
