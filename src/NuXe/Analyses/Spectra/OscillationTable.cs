using System.Globalization;
using NuXe.Detector;
using NuXe.Physics.Models;
using NuXe.Physics.Nsi;
using NuXe.Sources.Solar;

namespace NuXe.Analyses.Spectra;

/// <summary>
/// The flavour state of one solar source at the detector per neutrino energy (`nuxe oscillation`): energies (MeV), production-averaged
/// P_ee = ρ_ee, the full ρ per energy (Hermitian, Tr = 1), the minimum adiabaticity parameter along the Sun
/// (<see cref="SolarDensityMatrices.MinimumAdiabaticity"/>) and the day fraction of the exposure.
/// </summary>
public sealed record OscillationResult(string Experiment, string Source, string Earth, string Model, IReadOnlyList<string> ParameterNames, double[] Parameters,
    double[] EnergiesMeV, double[] Pee, Matrix3[] Rho, double[] GammaMin, double DayFraction);

/// <summary>Computes <see cref="OscillationResult"/>s from an experiment preset's [solar] section.</summary>
public static class OscillationTable
{
    /// <summary>ρ per energy for a source; <paramref name="earth"/> null uses the preset's solar.earth, else "day", "night" or "average".</summary>
    public static OscillationResult Compute(ExperimentSpec spec, string source, IReadOnlyList<double> energiesMeV, string model, IReadOnlyDictionary<string, double> truth, string? earth)
    {
        var sol = spec.Solar ?? throw new NuXeInputException("solar", "(missing)", $"preset '{spec.Name}' has no [solar] section");
        SolarSource s;
        try { s = SolarSources.Parse(source); }
        catch (ArgumentException) { throw new NuXeInputException("--source", source, "allowed: pp, pep, hep, be7, b8, n13, o15, f17"); }
        if (model is not ("nsi-solar" or "sm")) throw new NuXeInputException("--model", model, "must be sm or nsi-solar");
        var names = SolarNsiModel.Names;
        var theta = new SolarNsiModel(spec.Physics.Couplings, spec.Physics.Sin2ThetaW).SmPoint.ToArray();
        foreach (var (k, v) in truth)
        {
            int i = names.ToList().IndexOf(k);
            if (i < 0 || model == "sm") throw new NuXeInputException($"--truth {k}", v.ToString(CultureInfo.InvariantCulture), model == "sm" ? "the sm model has no parameters here; use --model nsi-solar" : $"allowed: {string.Join(", ", names)}");
            theta[i] = v;
        }
        foreach (var e in energiesMeV)
            if (!(e > 0) || !double.IsFinite(e)) throw new NuXeInputException("--energies", e.ToString(CultureInfo.InvariantCulture), "energies must be positive numbers in MeV");
        string mode = earth ?? sol.Earth;
        SolarExposure exposure;
        try { exposure = SolarEarth.Exposure(mode, sol.LatitudeDeg, sol.ExposureStart, sol.ExposureEnd); }
        catch (ArgumentException ex) { throw new NuXeInputException(earth is null ? "solar.earth" : "--" + earth, mode, ex.Message + " (set it in the preset or with --set)"); }
        var prop = new SolarPropagation(SolarModel.ByName(sol.FluxModel), OscillationParameters.ByName(sol.Oscillation), exposure);
        var point = SolarNsiPoint.FromParameters(theta);
        var rho = energiesMeV.Select(e => prop.DensityMatrix(s, e * 1000, point)).ToArray();
        var gamma = energiesMeV.Select(e => prop.Sun.MinimumAdiabaticity(e * 1000, point).Gamma).ToArray();
        return new OscillationResult(spec.Name, s.Key(), mode, model, names, theta, energiesMeV.ToArray(), rho.Select(r => r[0, 0].Real).ToArray(), rho, gamma, exposure.DayFraction);
    }
}
