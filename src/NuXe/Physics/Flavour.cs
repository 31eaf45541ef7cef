namespace NuXe.Physics;

/// <summary>Neutrino flavour.</summary>
public enum Flavour { E = 0, Mu = 1, Tau = 2 }

/// <summary>
/// A flavour stream: flavour and whether it is an antineutrino. Cross sections and model coefficients
/// are evaluated per stream.
/// </summary>
public readonly record struct FlavourStream(Flavour Flavour, bool Antineutrino = false)
{
    public static readonly FlavourStream NuE = new(Flavour.E);
    public static readonly FlavourStream NuMu = new(Flavour.Mu);
    public static readonly FlavourStream NuTau = new(Flavour.Tau);

    /// <summary>Short stable name: "nue", "numu", "nutau", "nuebar", ...</summary>
    public string Key => (Flavour switch { Flavour.E => "nue", Flavour.Mu => "numu", _ => "nutau" }) + (Antineutrino ? "bar" : "");

    public override string ToString() => Key;
}
