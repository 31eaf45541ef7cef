namespace NuXe.Detector;

/// <summary>Bins in reconstructed recoil energy, given by increasing edges (keV).</summary>
public sealed record Binning(double[] EdgesKeV)
{
    public int Count => EdgesKeV.Length - 1;
    public double LoKeV => EdgesKeV[0];
    public double HiKeV => EdgesKeV[^1];
    public double Lo(int i) => EdgesKeV[i];
    public double Hi(int i) => EdgesKeV[i + 1];
    public double Center(int i) => 0.5 * (EdgesKeV[i] + EdgesKeV[i + 1]);

    /// <summary>Uniform bins of width w from lo to hi (the last bin ends at hi).</summary>
    public static Binning Uniform(double loKeV, double hiKeV, double widthKeV)
    {
        if (!(hiKeV > loKeV) || !(widthKeV > 0)) throw new ArgumentException("need hi > lo and width > 0");
        int n = (int)Math.Ceiling((hiKeV - loKeV) / widthKeV - 1e-9);
        var e = new double[n + 1];
        for (int i = 0; i <= n; i++) e[i] = Math.Min(loKeV + i * widthKeV, hiKeV);
        return new Binning(e);
    }
}
