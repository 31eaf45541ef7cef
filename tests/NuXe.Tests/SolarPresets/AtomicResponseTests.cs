using NuXe.Detector;
using NuXe.Detector.Atomic;
using NuXe.Physics;

namespace NuXe.Tests.SolarPresets;

/// <summary>RRPA (DMCalc tables) atomic response: composition, continuity, sanity, registration.</summary>
public class AtomicResponseTests
{
    static readonly FlavourStream NuE = FlavourStream.NuE, NuMu = FlavourStream.NuMu;

    [Fact]
    public void RrpaIsRegisteredAndSelectable()
    {
        Assert.Contains("rrpa", AtomicModels.Names);
        var r = AtomicModels.Create("rrpa");
        Assert.Equal("rrpa", r.Name);
        Assert.Equal(0.265, r.ValidityKeV.LoKeV, 1e-9);
        Assert.Equal(29.0, r.ValidityKeV.HiKeV, 1e-9);
    }

    [Fact]
    public void ScaleFactorsMatchTheDmCalcTables()
    {
        // values quoted in data/atomic/PROVENANCE.md (from the DMCalc RRPA tables) and read from the first/last rows of the files
        var r = RrpaResponse.DmCalc;
        Assert.Equal(1.1743209628540452, r.ScaleFactor(0.265 + 1e-12, NuE), 1e-6);
        Assert.Equal(1.4892271018856293, r.ScaleFactor(0.265 + 1e-12, NuMu), 1e-6);
        Assert.Equal(1.3312044377998633, r.ScaleFactor(29.0, NuE), 1e-9);
        Assert.Equal(1.0979674268078354, r.ScaleFactor(29.0, FlavourStream.NuTau), 1e-9);
        Assert.Equal(1.3312044377998633, r.ScaleFactor(100.0, NuE), 1e-9); // DMCalc: last value above the table
        Assert.Equal(1.0, r.ScaleFactor(0.2, NuE));                         // S = 1 below the table
        Assert.Equal(1.0, r.ScaleFactor(5.0, new FlavourStream(Flavour.E, true))); // antineutrinos unscaled
        Assert.InRange(r.ScaleFactor(2.5, NuE), 1.10, 1.12);                // "1.11 at 2–3 keV"
        Assert.InRange(r.ScaleFactor(10.0, NuE), 1.18, 1.20);               // "1.19 at 10 keV"
    }

    [Fact]
    public void DmCalcSteppingAsExecutedIsFeaOnTheTableRangeButNotInKeV()
    {
        // as executed (× 0.001): shells open at eV energies → 54 active electrons above 34.56 eV
        Assert.Equal(1.0, RrpaResponse.DmCalcSteppingFraction(0.265));
        Assert.Equal(1.0, RrpaResponse.DmCalcSteppingFraction(0.0346));
        Assert.Equal(26.0 / 54.0, RrpaResponse.DmCalcSteppingFraction(0.0013)); // 0.54 + 1.2 eV shells open
        // the literal keV reading (rejected): 26 of 54 electrons at 2 keV, none below 0.54 keV
        Assert.Equal(26.0 / 54.0, RrpaResponse.DmCalcSteppingFraction(2.0, 1.0));
        Assert.Equal(0.0, RrpaResponse.DmCalcSteppingFraction(0.3, 1.0));
        // composition: A = N_step/54 / S
        var r = RrpaResponse.DmCalc;
        Assert.Equal(1.0 / r.ScaleFactor(3.0, NuE), r.Factor(3.0, NuE), 1e-12);
    }

    [Fact]
    public void TableIsContinuousAndWithinSaneBounds()
    {
        var r = RrpaResponse.DmCalc;
        foreach (var s in new[] { NuE, NuMu })
        {
            double prev = r.Factor(0.2651, s), worst = 0;
            for (double t = 0.27; t <= 29.0; t += 0.01)
            {
                double f = r.Factor(t, s);
                Assert.InRange(f, 0.6, 1.0); // ab initio suppresses, never enhances, the free-electron rate here
                worst = Math.Max(worst, Math.Abs(f / prev - 1));
                prev = f;
            }
            Assert.True(worst < 0.01, $"max relative step {worst} between 10 eV neighbours");
        }
    }

    [Fact]
    public void RrpaLiesBelowFeaAndNearSteppingAtAFewKeV()
    {
        var r = RrpaResponse.DmCalc;
        foreach (var t in new[] { 2.0, 3.0, 4.0 })
        {
            double step = SteppingResponse.Xenon.Factor(t, NuE); // 44/54 = 0.815 between the M and L edges
            Assert.InRange(r.Factor(t, NuE) / step, 1.0, 1.15);  // O(10 %) of the stepping value
        }
    }
}
