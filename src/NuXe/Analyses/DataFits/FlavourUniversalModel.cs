using NuXe.Physics;

namespace NuXe.Analyses.DataFits;

/// <summary>
/// A flavour-universal ("effective") version of a flavoured model: the same parameter value for ν_e, ν_μ and ν_τ. Each flavour
/// stream is delegated to the single-flavour model of that flavour (e.g. <c>em-mu</c> with flavour α), so for solar neutrinos
/// the rate is Σ_α P_eα × (flavour-α cross section) — the effective moment μ_ν,eff² = Σ_α P_eα μ_α² of ShivaSankar et al.
/// (eq. 2 with equal flavour moments). Parameter names are those of the underlying model.
/// </summary>
public sealed class FlavourUniversalModel : IInteractionModel
{
    readonly IInteractionModel _e, _mu, _tau;

    /// <param name="perFlavour">Factory of the single-flavour model for a flavour (must share parameter names and kernels).</param>
    public FlavourUniversalModel(Func<Flavour, IInteractionModel> perFlavour)
    {
        (_e, _mu, _tau) = (perFlavour(Flavour.E), perFlavour(Flavour.Mu), perFlavour(Flavour.Tau));
        if (!_e.ParameterNames.SequenceEqual(_mu.ParameterNames) || !_e.ParameterNames.SequenceEqual(_tau.ParameterNames))
            throw new ArgumentException("the flavour models must have the same parameters");
    }

    IInteractionModel For(FlavourStream s) => s.Flavour switch { Flavour.E => _e, Flavour.Mu => _mu, _ => _tau };

    public string Key => $"universal({_e.Key})";
    public IReadOnlyList<string> ParameterNames => _e.ParameterNames;
    public IReadOnlyList<double> SmPoint => _e.SmPoint;
    public IReadOnlyList<RecoilKernel> Kernels(FlavourStream stream) => For(stream).Kernels(stream);
    public void Coefficients(FlavourStream stream, ReadOnlySpan<double> theta, Span<double> coefficients, Span<double> gradient)
        => For(stream).Coefficients(stream, theta, coefficients, gradient);
}
