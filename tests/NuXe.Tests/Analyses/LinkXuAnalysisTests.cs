using NuXe.Analyses.Common;
using NuXe.Statistics;

namespace NuXe.Tests.Analyses;

public class LinkXuAnalysisTests
{
    static AnalysisSpec Sin2w => AnalysisPresets.Load("linkxu2019-sin2w").Spec;

    [Fact]
    public void AsimovBestFitReturnsTheTrueValue()
    {
        foreach (double truth in new[] { 0.23865, 0.225 })
        {
            var spec = Sin2w with { Truth = new Dictionary<string, double> { ["sin2w"] = truth } };
            var s = AnalysisSession.Create(spec, "linkxu-A");
            var fit = s.Fit();
            Assert.True(fit.IsValid);
            Assert.Equal(truth, fit.Value("sin2w"), 7);
            Assert.True(fit.Chi2Min < 1e-12);
        }
    }

    [Fact]
    public void ErrorScalesAsInverseSquareRootOfExposure()
    {
        // Scaling every rate (signal and backgrounds) by k via the live time scales the Asimov error by 1/√k exactly.
        var s1 = AnalysisSession.Create(Sin2w, "linkxu-A");
        var s4 = AnalysisSession.Create(Sin2w, "linkxu-A", ["source.deployments=4"]);
        double e1 = s1.Fit().Error("sin2w"), e4 = s4.Fit().Error("sin2w");
        Assert.Equal(0.5, e4 / e1, 4);
        // and the profile crossing agrees with the Hessian error (the Asimov profile is nearly quadratic)
        var ci = s1.Profile(Sin2w.Scan[0], [ChiSquareThresholds.OneSigmaCl]).At(ChiSquareThresholds.OneSigmaCl);
        Assert.Equal(e1, 0.5 * (ci.ErrorMinus + ci.ErrorPlus), 4 * e1 * 1e-3 + 1e-6);
    }

    [Fact]
    public void BetterConfigurationsGiveSmallerErrors()
    {
        double[] err = new[] { "linkxu-A", "linkxu-B", "linkxu-C" }.Select(x => AnalysisSession.Create(Sin2w, x).Fit().Error("sin2w")).ToArray();
        Assert.True(err[0] > err[1] && err[1] > err[2], string.Join(", ", err));
    }

    [Fact]
    public void GvGaRegionIsSymmetricUnderTheSignFlip()
    {
        var spec = AnalysisPresets.Load("linkxu2019-gvga").Spec;
        var s = AnalysisSession.Create(spec, "linkxu-C");
        var ws = s.Cost.CreateWorkspace();
        double gv = s.Truth[0], ga = s.Truth[1];
        foreach (var (dv, da) in new[] { (0.01, -0.02), (-0.03, 0.01), (0.0, 0.0) })
        {
            double a = s.Cost.Profile([gv + dv, ga + da], ws, []).Chi2;
            double b = s.Cost.Profile([-(gv + dv), -(ga + da)], ws, []).Chi2;
            Assert.Equal(a, b, 9);
        }
    }

    [Fact]
    public void GaussianChiSquareUsesDataVariance()
    {
        // one bin: χ² = (μ − n)²/n; at the truth it is 0 and grows quadratically
        var s = AnalysisSession.Create(Sin2w, "linkxu-A");
        var ws = s.Cost.CreateWorkspace();
        double at = s.Cost.Profile([0.23865], ws, []).Chi2, off = s.Cost.Profile([0.23865 + 0.001], ws, []).Chi2, off2 = s.Cost.Profile([0.23865 + 0.002], ws, []).Chi2;
        Assert.True(at < 1e-12);
        Assert.InRange(off2 / off, 3.9, 4.1); // quadratic up to the curvature of the couplings in sin²θ_W
    }
}
