using NuXe.Analyses.Common;
using NuXe.Detector;
using NuXe.Physics.Models;
using NuXe.Presets;
using NuXe.Sources;

namespace NuXe.Analyses.Hsieh2019;

/// <summary>The limit criteria tried against Hsieh et al.'s Table II (docs/hsieh2019.md, "Which criterion").</summary>
public enum Table2Method
{
    /// <summary>ΔN = N_flat in [thr, thr + 1 keV] (rate criterion, flat ER background only).</summary>
    Flat,
    /// <summary>ΔN = N_flat + N_CEvNS + N_SMν in [thr, thr + 1 keV].</summary>
    Count,
    /// <summary>ΔN = 1.64 √(N_flat + N_CEvNS + N_SMν) in [thr, thr + 1 keV].</summary>
    Fluctuation,
    /// <summary>Asimov Poisson χ² on the preset binning, Δχ² = 2.71.</summary>
    ChiSquare,
}

/// <summary>One Table II row computed with every criterion: μ (μ_B), |q| (e), ⟨r²⟩ positive and negative ends (cm²).</summary>
public sealed record Table2Row(string Key, IReadOnlyDictionary<Table2Method, (double Mu, double Q, double R2Pos, double R2Neg)> Limits);

/// <summary>
/// Hsieh et al. (2019) Table II, all 7 rows (+ LZ at 0.5 keV) × 3 columns, with the four candidate criteria of
/// <see cref="Table2Method"/>. The adopted method (<see cref="Adopted"/>) is the one that reproduces the paper: the rate
/// criterion on the flat ER background for the solar rows (their limits scale as μ² ∝ B with no exposure dependence:
/// XENON1T/LZ and PandaX-II/XENON1T ratios), the χ² (statistical) criterion for LZ + ⁵¹Cr (footnote 2: the
/// same limit as Coloma et al.'s statistical analysis; a rate criterion gives a 12× weaker ⟨r²⟩).
/// </summary>
public static class Table2
{
    /// <summary>Criterion adopted for a row key.</summary>
    public static Table2Method Adopted(string key) => key == "lz-cr51" ? Table2Method.ChiSquare : Table2Method.Flat;

    /// <summary>Compute one row with every criterion.</summary>
    public static Table2Row Compute(string key, ExperimentSpec spec)
    {
        var x = PreparedExperiment.Compile(spec);
        var d = new Dictionary<Table2Method, (double, double, double, double)>();
        foreach (var (m, crit) in new[] { (Table2Method.Flat, HsiehCriterion.FlatBackground), (Table2Method.Count, HsiehCriterion.BackgroundCount), (Table2Method.Fluctuation, HsiehCriterion.BackgroundFluctuation) })
            d[m] = (HsiehLimit.Compute(spec, EmProperty.MagneticMoment, criterion: crit).Limit,
                Math.Max(HsiehLimit.Compute(spec, EmProperty.Millicharge, 1, criterion: crit).Limit, HsiehLimit.Compute(spec, EmProperty.Millicharge, -1, criterion: crit).Limit),
                HsiehLimit.Compute(spec, EmProperty.ChargeRadius, 1, criterion: crit).Limit,
                -HsiehLimit.Compute(spec, EmProperty.ChargeRadius, -1, criterion: crit).Limit);
        d[Table2Method.ChiSquare] = (HsiehLimit.ChiSquare(x, EmProperty.MagneticMoment).Limit,
            Math.Max(HsiehLimit.ChiSquare(x, EmProperty.Millicharge).Limit, HsiehLimit.ChiSquare(x, EmProperty.Millicharge, -1).Limit),
            HsiehLimit.ChiSquare(x, EmProperty.ChargeRadius).Limit, -HsiehLimit.ChiSquare(x, EmProperty.ChargeRadius, -1).Limit);
        return new Table2Row(key, d);
    }

    /// <summary>
    /// Time- and volume-averaged flux (cm⁻² s⁻¹, all lines) of the preset's radioactive source at the detector,
    /// φ₀ ⟨R⟩ / r_avg² (<see cref="SourceRun.Flux"/>, <see cref="SourceGeometry.RAvgM"/>), or null without a source.
    /// Hsieh et al. Sec. III quote "about 3.2 × 10^11 /cm²/sec" for the LZ + ⁵¹Cr row.
    /// </summary>
    public static double? SourceFlux(ExperimentSpec spec)
    {
        if (spec.Source is not { } src || spec.Target.Cylinder is not { } cyl) return null;
        var run = new SourceRun(SourceIsotope.Find(src.Isotope, src.Lines), src.ActivityMCi, src.RunDays, src.Deployments);
        return run.Flux(SourceGeometry.RAvgM(cyl, src.Position, src.GeometryAverage), src.FluxPerMCiAt1mPerM2PerS).TotalFluxPerCm2PerS;
    }

    /// <summary>Published Table II value of a result key ("xenon1t.mu_eff", …) or NaN.</summary>
    public static double PublishedValue(string resultKey)
        => Published.For(Hsieh2019Study.Name).TryGetValue(resultKey, out var v) ? v.Value : double.NaN;

    /// <summary>
    /// Relative differences ours/published − 1 of a method over all rows and columns with a published number (the
    /// approximate "~" values of the 0.5 keV row excluded), for the criterion comparison.
    /// </summary>
    public static IEnumerable<(string Key, double Rel)> Deviations(IEnumerable<Table2Row> rows, Table2Method method)
    {
        foreach (var r in rows)
        {
            if (r.Key == "lz-projected-0p5") continue;
            var (mu, q, r2, _) = r.Limits[method];
            foreach (var (col, v) in new[] { ("mu_eff", mu), ("q_eff", q), ("r2_eff", r2) })
            {
                double p = PublishedValue($"{r.Key}.{col}");
                if (double.IsFinite(p) && double.IsFinite(v)) yield return ($"{r.Key}.{col}", v / p - 1);
            }
        }
    }
}
