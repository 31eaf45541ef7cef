using NuXe.Physics;
using NuXe.Statistics;

namespace NuXe.Analyses.Common;

/// <summary>What the fits and scans of <see cref="SessionScans"/> need: the χ², the model and the true point (Asimov truth).</summary>
public interface IFitTarget
{
    /// <summary>The χ² minimised.</summary>
    Cost Cost { get; }

    /// <summary>The interaction model (parameter names in χ² order).</summary>
    IInteractionModel Model { get; }

    /// <summary>The true point, in model order: start of the fits, value of the parameters held fixed.</summary>
    IReadOnlyList<double> Truth { get; }
}

/// <summary>Fits, grids and scans of one experiment (<see cref="AnalysisSession"/>) or several fitted together (<see cref="SessionGroup"/>).</summary>
public static class SessionScans
{
    /// <summary>Best fit from the true point, all parameters free.</summary>
    public static FitResult Fit(this IFitTarget s, FitOptions? options = null) => Fitter.Fit(s.Cost, s.Truth, options);

    /// <summary>Grid of an axis: given range, or best fit ± <paramref name="sigmas"/> Hessian errors (fitted on demand).</summary>
    public static double[] Grid(this IFitTarget s, ScanAxis axis, FitResult? fit = null, double sigmas = 6)
    {
        double lo, hi;
        if (axis.Min is { } a && axis.Max is { } b) (lo, hi) = (a, b);
        else
        {
            fit ??= s.Fit();
            int i = s.Model.ParameterNames.ToList().IndexOf(axis.Parameter);
            double best = fit.Values[i], err = fit.Errors[i];
            if (!(err > 0) || !double.IsFinite(err)) err = Math.Max(Math.Abs(best) * 0.1, 1e-3);
            lo = axis.Min ?? best - sigmas * err; hi = axis.Max ?? best + sigmas * err;
        }
        return axis.Log ? ProfileScan.Log(lo, hi, axis.Points) : ProfileScan.Linear(lo, hi, axis.Points);
    }

    /// <summary>1-D profile of one parameter (others fixed at the true point unless <paramref name="profileOthers"/>).</summary>
    public static Profile1DResult Profile(this IFitTarget s, ScanAxis axis, IReadOnlyList<double> cls, bool profileOthers = false, FitResult? fit = null)
        => ProfileScan.Scan1D(s.Cost, axis.Parameter, s.Grid(axis, fit), s.Truth, new ScanOptions(cls, 1, profileOthers));

    /// <summary>2-D grid of two parameters (others fixed at the true point unless <paramref name="profileOthers"/>); auto
    /// ranges span ±4 Hessian errors (the 95 %, 2-dof region reaches 2.45σ).</summary>
    public static Grid2DResult Grid2D(this IFitTarget s, ScanAxis x, ScanAxis y, IReadOnlyList<double> cls, int dof = 2, bool profileOthers = false, FitResult? fit = null)
    {
        fit ??= x.Min is null || y.Min is null ? s.Fit() : null;
        return ProfileScan.Scan2D(s.Cost, x.Parameter, s.Grid(x, fit, 4), y.Parameter, s.Grid(y, fit, 4), s.Truth, new ScanOptions(cls, dof, profileOthers));
    }
}
