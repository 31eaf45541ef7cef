namespace NuXe.Detector;

/// <summary>Functional forms of the Gaussian energy resolution σ(T).</summary>
public enum ResolutionForm
{
    /// <summary>Ideal resolution: reconstructed = true energy.</summary>
    None,
    /// <summary>σ = a √(T/keV) keV (Coloma et al. 2014: a = 0.20).</summary>
    Sqrt,
    /// <summary>σ = a √(T/keV) + b T (XENON-style: σ/T = a/√T + b).</summary>
    SqrtLinear,
    /// <summary>σ/T = a + b/T + c/T² + d/T³ (T in keV; PandaX-4T style, arXiv:2206.02339).</summary>
    Fractional,
}

/// <summary>
/// Gaussian energy resolution σ(T) in keV (PHYSICS.md §9). Applied event by event: the true spectrum is smeared, then
/// binned in reconstructed energy.
/// </summary>
public sealed record Resolution(ResolutionForm Form, double A = 0, double B = 0, double C = 0, double D = 0)
{
    public static readonly Resolution Ideal = new(ResolutionForm.None);

    /// <summary>σ(T) in keV (0 for ideal resolution).</summary>
    public double SigmaKeV(double recoilKeV)
    {
        double t = Math.Max(recoilKeV, 0);
        return Form switch
        {
            ResolutionForm.None => 0.0,
            ResolutionForm.Sqrt => A * Math.Sqrt(t),
            ResolutionForm.SqrtLinear => A * Math.Sqrt(t) + B * t,
            ResolutionForm.Fractional => t <= 0 ? 0 : t * (A + B / t + C / (t * t) + D / (t * t * t)),
            _ => throw new InvalidOperationException(),
        };
    }

    public bool IsIdeal => Form == ResolutionForm.None;
}
