#:project ../src/NuXe/NuXe.csproj
// Example 4 — a scan: the 90 % CL upper limit on the ν_e magnetic moment versus source activity and threshold for a
// shipped experiment, each point a preset override. Experiments with the same detector settings share one response
// matrix (cached), so the scan costs little more than its limits.   dotnet run examples/scan.cs
using System.Globalization;
using NuXe.Analyses.Common;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Physics.Models;
using NuXe.Presets;
using NuXe.Statistics;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

double Limit(params string[] overrides)
{
    var spec = ExperimentPresets.Load("linkxu-A", overrides).Spec;
    var model = ModelCatalog.Create("em-mu", new ModelOptions(spec.Physics.Couplings, spec.Physics.Sin2ThetaW, Flavour.E));
    var linear = ExperimentLikelihood.Build(PreparedExperiment.Compile(spec), model);
    var cost = new ChiSquareCost(linear, ExperimentLikelihood.Asimov(linear, model.SmPoint), CostKind.Poisson);
    // μ_ν in units of μ_B, searched on a log grid from 1e-14 to 1e-8 (μ² ≥ 0: Δχ² = 2.71 is the one-sided 95 % CL).
    var r = UpperLimit.Find(cost, "mu", model.SmPoint, 1e-14, 1e-8, new LimitOptions(0.90, 1));
    if (r.Status != LimitStatus.Found) throw new InvalidOperationException($"limit not found: {r.Status}");
    return r.Limit;
}

Console.WriteLine("activity [MCi]   μ_ν limit [1e-11 μ_B]");
foreach (double a in new[] { 1.0, 5.0, 20.0 })
{
    double mu = Limit($"source.activity_mci={a.ToString("R", CultureInfo.InvariantCulture)}");
    Console.WriteLine($"{a,14:F1} {mu / 1e-11,20:F4}");
    Console.WriteLine($"RESULT activity_{a:F0}={mu.ToString("R", CultureInfo.InvariantCulture)}");
}
Console.WriteLine();
Console.WriteLine("threshold [keV]  μ_ν limit [1e-11 μ_B]");
foreach (double t in new[] { 1.0, 5.0, 20.0 })
{
    string tv = t.ToString("R", CultureInfo.InvariantCulture);
    double mu = Limit($"response.threshold_kev={tv}", $"response.bin_lo_kev={tv}", $"response.window_kev=[{tv}, 560.0]");
    Console.WriteLine($"{t,15:F1} {mu / 1e-11,20:F4}");
    Console.WriteLine($"RESULT threshold_{t:F0}={mu.ToString("R", CultureInfo.InvariantCulture)}");
}
