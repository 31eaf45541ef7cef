using System.Globalization;
using NuXe.Analyses.Common;

namespace NuXe.Analyses.Hsieh2019;

/// <summary>One literature bound: the experiment as labelled in data/literature/em_bounds.csv and its upper end.</summary>
public sealed record LiteratureBound(string Experiment, double Value);

/// <summary>
/// The "current bounds" Hsieh et al. 2019 compare with (abstract, Sec. III–IV, Table I) and use as the Fig. 3 benchmarks:
/// δ_Q of reactor ν̄_e from GEMMA data (Studenikin 2014), μ_ν from Borexino 2017, ⟨r²⟩ from TEXONO CsI. Read from
/// data/literature/em_bounds.csv (other experiments' numbers, with provenance there), never typed into the code.
/// </summary>
/// <param name="ChargeE">|δ_Q| upper bound (e).</param>
/// <param name="MagneticMomentMuB">μ_ν upper bound (μ_B).</param>
/// <param name="ChargeRadiusCm2">⟨r²⟩ upper bound (cm²).</param>
public sealed record CurrentBounds(LiteratureBound ChargeE, LiteratureBound MagneticMomentMuB, LiteratureBound ChargeRadiusCm2)
{
    /// <summary>Literature file.</summary>
    public const string File = "em_bounds.csv";

    /// <summary>Experiment labels of the three rows in <see cref="File"/>.</summary>
    public const string ChargeRow = "GEMMA data (Studenikin 2014)", MagneticMomentRow = "Borexino (solar)", ChargeRadiusRow = "TEXONO (CsI)";

    /// <summary>Loads the three bounds.</summary>
    /// <exception cref="FormatException">A row is absent or has no upper bound (names file, row and quantity).</exception>
    public static CurrentBounds Load()
    {
        var rows = Published.Literature(File);
        LiteratureBound Get(string experiment, string quantity)
        {
            var row = rows.FirstOrDefault(r => r["experiment"] == experiment && r["quantity"] == quantity)
                ?? throw new FormatException($"data/literature/{File}: no row '{experiment}' with quantity '{quantity}'");
            var hi = row["hi"];
            if (!double.TryParse(hi, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v > 0))
                throw new FormatException($"data/literature/{File}: row '{experiment}' ({quantity}): hi '{hi}' is not a positive number");
            return new LiteratureBound(experiment, v);
        }
        return new CurrentBounds(Get(ChargeRow, "q"), Get(MagneticMomentRow, "mu"), Get(ChargeRadiusRow, "r2"));
    }
}
