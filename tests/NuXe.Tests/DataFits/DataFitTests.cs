using NuXe.Analyses.Common;
using NuXe.Analyses.DataFits;
using NuXe.Detector;
using NuXe.Physics;
using NuXe.Presets;
using NuXe.Statistics;
using Xunit;
using Xunit.Abstractions;

namespace NuXe.Tests.DataFits;

/// <summary>Data presets and fits of published xenon ER data (EXPERIMENTS.md §3, issue 8). Uses only shipped data.</summary>
public class DataFitTests(ITestOutputHelper output)
{
    static readonly Lazy<IReadOnlyDictionary<string, DataSetFit>> Sets = new(() =>
        DataSets.All.AsParallel().Select(d => DataSetFit.Load(d)).ToDictionary(d => d.Info.Key));

    static DataSetFit Set(string key) => Sets.Value[key];

    public static TheoryData<string> Keys() => new(DataSets.All.Select(d => d.Key));

    [Theory]
    [InlineData("lz2022", 20, 0.0, 471)]        // PROVENANCE (LZ release): 20 bins, 471 events
    [InlineData("lz2024", 20, 0.0, 1787)]       // 1787 events
    [InlineData("xenonnt2022", 29, 1.0, 433)]   // XENONnT: 433 events in 1–30 keV
    public void ObservedData_MatchesPublishedTotals(string key, int bins, double loKeV, double total)
    {
        var d = Set(key);
        Assert.Equal(bins, d.Prepared.Binning.Count);
        Assert.Equal(loKeV, d.Prepared.Binning.LoKeV);
        Assert.Equal(total, d.Data.Total);
    }

    [Fact]
    public void Xenon1T_ObservedEventsIn1To7KeV_Are285()
    {
        // arXiv:2006.09721: 285 events observed in 1–7 keV (232 ± 15 expected from B0).
        var d = Set("xenon1t2020");
        var b = d.Prepared.Binning;
        double n = Enumerable.Range(0, b.Count).Where(i => b.Hi(i) <= 7.0 + 1e-9).Sum(i => d.Data.Counts[i]);
        Assert.Equal(285, n);
    }

    [Theory]
    [InlineData("lz2022", 463.4, 0.1)]       // sum of LZ's BKG_FIT_WS2022 (PROVENANCE)
    [InlineData("xenonnt2022", 426.5, 0.2)]  // ∫B0 over 1–30 keV × 1.16 t·yr (PROVENANCE)
    [InlineData("lz2024", 1765.6, 0.1)]
    public void PublishedBackground_RebinnedTotalIsPreserved(string key, double total, double tol)
        => Assert.InRange(Set(key).PublishedBackground().Sum(), total - tol, total + tol);

    [Fact]
    public void TabulatedBackground_RebinsByOverlap()
    {
        var spec = new TabulatedBackgroundSpec("test", [0.0, 1.0], [1.0, 3.0], [2.0, 4.0], false, 1.0);
        var c = (TabulatedBackground)spec.Build(new Exposure(1, 1));
        var v = c.Rebin(new Binning([0.5, 1.5, 2.5, 4.0]));
        Assert.Equal([1.0 + 1.0, 2.0, 1.0], v);
        Assert.Equal(2.0, c.EventsPerKeV(2.0));
        Assert.Equal(6.0, c.TotalEvents);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void BackgroundMinusSolar_IsNonNegativeWherePublishedBackgroundIsSizeable(string key)
    {
        var d = Set(key);
        var pub = d.PublishedBackground();
        var sol = d.SolarStandardModel();
        for (int i = 0; i < pub.Length; i++)
            if (pub[i] > 1.0) Assert.True(pub[i] - sol[i] > 0, $"{key} bin {i}: published {pub[i]:F2} < our solar {sol[i]:F2}");
        Assert.True(d.Background().All(v => v >= 0));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void SolarPrediction_AgreesWithCollaborationCount(string key)
    {
        var d = Set(key);
        double ours = d.SolarEventsInWindow(d.Info.QuotedWindowKeV), ratio = ours / d.Info.QuotedSolarEvents;
        output.WriteLine($"{key}: ours {ours:F1} quoted {d.Info.QuotedSolarEvents} ratio {ratio:F3}");
        Assert.InRange(ratio, 0.85, 1.2);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void StandardModel_FitsEachDataSetAcceptably(string key)
    {
        var (chi2, ndf) = Set(key).StandardModelChi2();
        output.WriteLine($"{key}: chi2/ndf = {chi2:F2}/{ndf}");
        Assert.True(ndf >= 19);
        Assert.InRange(chi2 / ndf, 0.1, 3.0);
    }

    [Fact]
    public void CombinedCost_IsTheSumOfTheDataSetCosts()
    {
        var all = DataSets.All.Select(d => Set(d.Key)).ToArray();
        var comb = new CombinedAnalysis("combined", all).Cost("em-mu", Flavour.Mu);
        Assert.Equal(["mu"], comb.ParameterNames);
        Assert.Equal(all.Sum(d => d.Prepared.Binning.Count), comb.BinCount);
        foreach (double mu in new[] { 0.0, 1e-11, 3e-11 })
        {
            double sum = all.Sum(d => { var c = d.Cost("em-mu", Flavour.Mu); return c.Profile([mu], c.CreateWorkspace(), []).Chi2; });
            Assert.Equal(sum, comb.Profile([mu], comb.CreateWorkspace(), []).Chi2, 1e-6 * sum);
        }
    }

    [Fact]
    public void AsimovAndToyAtBsmPoint_AreRecovered()
    {
        // μ_νe = 3e-11 μ_B on LZ WS2022: Asimov data give the truth back; a seeded Poisson toy contains it in its 90 % CL interval.
        const double truth = 3e-11;
        var d = Set("lz2022");
        var model = d.Model("em-mu", Flavour.E);
        var lin = d.Linear(model);
        var asimov = ExperimentLikelihood.Asimov(lin, [truth], "asimov");
        var grid = ProfileScan.Linear(0, 8e-11, 161);
        var opts = new ScanOptions([0.9], 1, false, new FitOptions(Scales: [1e-11]));
        var pa = ProfileScan.Scan1D(new ChiSquareCost(lin, asimov, CostKind.Poisson), "mu", grid, [truth], opts);
        Assert.Equal(truth, pa.BestFitValue, 0.01 * truth);
        // 40 seeded Poisson toys: the 90 % CL interval covers the truth in ≳ 90 % of them (binomial: ≥ 31/40 at the 1 % level)
        // and the mean best fit is unbiased within its statistical error.
        int covered = 0; var best = new List<double>();
        foreach (var toy in Toys.PoissonBatch(asimov, 40, 20221))
        {
            var pt = ProfileScan.Scan1D(new ChiSquareCost(lin, toy, CostKind.Poisson), "mu", grid, [truth], opts);
            if (pt.At(0.9).Intervals.Any(i => i.Contains(truth))) covered++;
            best.Add(pt.BestFitValue);
        }
        double mean = best.Average(), sd = Math.Sqrt(best.Sum(b => (b - mean) * (b - mean)) / (best.Count - 1));
        output.WriteLine($"toys: covered {covered}/40, mean best fit {mean:G3} ± {sd / Math.Sqrt(best.Count):G2} (sd {sd:G2})");
        Assert.InRange(covered, 31, 40);
        Assert.InRange(mean, truth - 3 * sd / Math.Sqrt(best.Count), truth + 3 * sd / Math.Sqrt(best.Count));
        Assert.InRange(sd, 0.05 * truth, 0.5 * truth);
    }

    [Fact]
    public void AnapoleInterval_IsMinusSixTimesChargeRadiusInterval()
    {
        // ShivaSankar et al. eq. 3: g_V shift ∝ ⟨r²⟩/3 − a/18, so a ≡ −6 ⟨r²⟩.
        var c = CombinedAnalysis.Single(Set("lz2022"));
        var r2 = PropertyFits.Scan(c, PropertyFits.Property("r2"), Flavour.E);
        var a = PropertyFits.Scan(c, PropertyFits.Property("anapole"), Flavour.E);
        Assert.Equal(-6 * r2.Upper, a.Lower, 1e-4 * Math.Abs(a.Lower));
        Assert.Equal(-6 * r2.Lower, a.Upper, 1e-4 * Math.Abs(a.Upper));
    }

    [Fact]
    public void MagneticMomentLimit_IsWeakerForNuMuThanNuE()
    {
        // solar ν at the detector are ≈ 55 % ν_e: a moment of ν_μ alone affects fewer events → weaker limit
        var c = CombinedAnalysis.Single(Set("xenonnt2022"));
        var e = PropertyFits.Scan(c, PropertyFits.Property("mu"), Flavour.E);
        var m = PropertyFits.Scan(c, PropertyFits.Property("mu"), Flavour.Mu);
        Assert.InRange(e.Upper, 3e-12, 3e-11);
        Assert.True(m.Upper > 1.2 * e.Upper);
    }

    [Fact]
    public void EffectiveMagneticMomentLimit_LZ2022_MatchesIndependentAnalysis()
    {
        // Atzori Corona et al., arXiv:2207.05036 (first LZ data, 60 d × 5.5 t): μ_ν,eff < 1.1e-11 μ_B at 90 % CL. Different binning,
        // background treatment and atomic model, so ±30 %. The flavour-universal limit must also be ≈ √P_ee × the ν_e-only one.
        var c = CombinedAnalysis.Single(Set("lz2022"));
        var eff = PropertyFits.Scan(c, PropertyFits.Property("mu"), null);
        var e = PropertyFits.Scan(c, PropertyFits.Property("mu"), Flavour.E);
        output.WriteLine($"LZ WS2022 mu_eff < {eff.Upper:G3}, mu_e < {e.Upper:G3}");
        Assert.InRange(eff.Upper, 1.1e-11 / 1.3, 1.1e-11 * 1.3);
        Assert.InRange(eff.Upper / e.Upper, 0.65, 0.85);
    }

    [Fact]
    public void HeavyVectorMediatorLimit_ScalesWithMass()
    {
        // contact limit m² ≫ 2 m_e T: the shift ∝ g²/m², so g_lim ∝ m between 10 and 100 MeV
        var r = PropertyFits.Mediator(CombinedAnalysis.Single(Set("lz2022")), "V", [1e4, 1e5]);
        Assert.True(r.AllFound);
        Assert.InRange(r.Points[1].Result.Limit / r.Points[0].Result.Limit, 9.5, 10.5);
    }

    [Fact]
    public void MediatorLimit_WithNonZeroBestFit_IsTheCrossingAboveTheMinimum()
    {
        // XENON1T's low-energy excess makes the light-V profile dip to Δχ²(SM) ≈ −9.7 at g ≈ 4.1e-7 and rise steeply above;
        // the limit must be the crossing above that minimum (≈ 4.7e-7), independent of the search grid.
        // Same for the axial mediator at 10^1.25 keV, where the minimum sits between two coarse grid points.
        var d = Set("xenon1t2020");
        foreach (var (x, m) in new[] { ("V", 1.0), ("A", Math.Pow(10, 1.25)) })
        {
            var r = PropertyFits.Mediator(CombinedAnalysis.Single(d), x, [m]).Points[0].Result;
            Assert.Equal(LimitStatus.Found, r.Status);
            Assert.True(r.Limit > r.ReferenceValue);
            var cost = d.Cost("mediator-" + x.ToLowerInvariant(), null, m);
            var ws = cost.CreateWorkspace();
            double Delta(double g) => cost.Profile([g], ws, []).Chi2 - r.Chi2Reference;
            Assert.Equal(r.Threshold, Delta(r.Limit), 1e-4);
            for (int k = 1; k < 10; k++) Assert.True(Delta(r.ReferenceValue + k * 0.1 * (r.Limit - r.ReferenceValue)) < r.Threshold);
        }
    }

    [Fact]
    public void FlavourUniversalMagneticMoment_AddsTheThreeFlavourSignals()
    {
        // μ_ν adds incoherently (PHYSICS.md §4.5): the universal excess over the SM is the sum of the three single-flavour excesses.
        var d = Set("xenonnt2022");
        var zero = new double[d.Analysis.Nuisances.Count];
        double[] Excess(Physics.IInteractionModel m)
        {
            var lin = d.Linear(m);
            var a = new double[lin.BinCount]; var b = new double[lin.BinCount];
            lin.Predict([2e-11], zero, a); lin.Predict([0.0], zero, b);
            return a.Zip(b, (x, y) => x - y).ToArray();
        }
        var uni = Excess(new FlavourUniversalModel(f => d.Model("em-mu", f)));
        var sum = new[] { Flavour.E, Flavour.Mu, Flavour.Tau }.Select(f => Excess(d.Model("em-mu", f)))
            .Aggregate((x, y) => x.Zip(y, (p, q) => p + q).ToArray());
        for (int i = 0; i < uni.Length; i++) Assert.Equal(sum[i], uni[i], 1e-9 * Math.Abs(sum[i]) + 1e-12);
        Assert.True(uni.Sum() > 0);
    }

    [Theory]
    [InlineData("lz2022", "alpha_signal", 2.3 / 38.1)]        // LZ WS2022 solar ν 38.1 ± 2.3
    [InlineData("lz2024", "alpha_signal", 9.0 / 151)]         // LZ WS2024 solar ν 151 ± 9
    [InlineData("xenon1t2020", "alpha_signal", 6.6 / 220.7)]  // XENON1T solar ν 220.7 ± 6.6
    [InlineData("xenon1t2020", "beta_background", 2.0 / 76)] // XENON1T B0 = 76 ± 2 /(t·yr·keV)
    [InlineData("pandax4t2024", "alpha_signal", 8.1 / 72.6)]  // PandaX-4T Run1 solar ν 72.6 ± 8.1
    public void NuisanceSigmas_AreReadFromTheAnalysisPresets(string key, string nuisance, double published)
    {
        var n = Set(key).Analysis.Nuisances.Single(x => x.Name == nuisance);
        Assert.NotNull(n.Sigma);
        Assert.Equal(published, n.Sigma!.Value, 0.006);
    }

    [Fact]
    public void MediatorMasses_Include10keV1MeV100MeVExactly()
    {
        var m = PropertyFits.MediatorMassesKeV();
        Assert.True(m.Length >= 40);
        Assert.Equal(1.0, m[0]);
        foreach (var x in new[] { 10.0, 1000.0, 1e5 }) Assert.Contains(m, v => Math.Abs(v / x - 1) < 1e-12);
    }

    [Fact]
    public void TabulatedBackground_SubtractSolarWithoutSolar_IsRejected()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nuxe-tab-{Guid.NewGuid():N}.toml");
        File.WriteAllText(path, """
            [experiment]
            name = "t"
            [detector]
            mass_t = 1
            live_days = 1
            [response]
            bin_hi_kev = 20
            [backgrounds.tabulated]
            file = "data:experiments/lz-2022/background_total.csv"
            subtract_solar = true
            """);
        try { Assert.Throws<NuXeInputException>(() => ExperimentPresets.Load(path)); }
        finally { File.Delete(path); }
    }
}
