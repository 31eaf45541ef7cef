using NuXe.Statistics;

namespace NuXe.Tests.Statistics;

/// <summary>Small synthetic models for the statistics tests.</summary>
internal static class TestModels
{
    /// <summary>c_j = θ_j (one parameter per template).</summary>
    public static ICoefficientFunction Linear(params string[] names) => new DelegateCoefficientFunction(names, names.Length,
        (theta, c, g) =>
        {
            int p = names.Length;
            for (int j = 0; j < p; j++) c[j] = theta[j];
            if (!g.IsEmpty) { g.Clear(); for (int j = 0; j < p; j++) g[j * p + j] = 1; }
        });

    /// <summary>Quadratic "coupling" model: c = (a², b², a·b) for parameters (a, b), as in a ν–e cross section.</summary>
    public static ICoefficientFunction Quadratic() => new DelegateCoefficientFunction(["a", "b"], 3,
        (t, c, g) =>
        {
            c[0] = t[0] * t[0]; c[1] = t[1] * t[1]; c[2] = t[0] * t[1];
            if (!g.IsEmpty)
            {
                g[0] = 2 * t[0]; g[1] = 0;
                g[2] = 0; g[3] = 2 * t[1];
                g[4] = t[1]; g[5] = t[0];
            }
        });

    public static double[] Shape(int nb, Func<double, double> f) => Enumerable.Range(0, nb).Select(i => f((i + 0.5) / nb)).ToArray();

    /// <summary>A synthetic spectrum model: 3 physics templates (quadratic in a, b) + 4 fixed backgrounds, with
    /// signal norm (10 %), background norm (5 %), and an energy-scale shift (σ = 1) — the benchmark model.</summary>
    public static BinnedLinearModel Spectrum(int nb = 559, bool withNuisances = true, double scale = 1.0)
    {
        var t = new List<Template>
        {
            new("s1", "signal", Shape(nb, x => scale * 40 * Math.Exp(-3 * x))),
            new("s2", "signal", Shape(nb, x => scale * 25 * (1 - x) * (1 - x))),
            new("s3", "signal", Shape(nb, x => scale * 10 * (1 - x))),
            new("b1", "bkg", Shape(nb, x => scale * 5)),
            new("b2", "bkg", Shape(nb, x => scale * 3 * x)),
            new("b3", "bkg", Shape(nb, x => scale * 2 * Math.Exp(-((x - 0.6) * (x - 0.6)) / 0.005))),
            new("b4", "bkg", Shape(nb, x => scale * 1.5 * (1 + Math.Sin(6 * x)))),
        };
        if (!withNuisances) return new BinnedLinearModel(t, Quadratic());
        // Linearised energy-scale shift: D_j = −x dT/dx (a stretch of the spectrum), per unit δ (1 % scale → δ = 1).
        var derivs = new Dictionary<string, IReadOnlyList<double>>();
        foreach (var tm in t.Take(3))
        {
            var c = tm.Counts; var d = new double[nb];
            for (int i = 0; i < nb; i++)
            {
                int a = Math.Max(i - 1, 0), b = Math.Min(i + 1, nb - 1);
                d[i] = -0.01 * (i + 0.5) * (c[b] - c[a]) / (b - a);
            }
            derivs[tm.Name] = d;
        }
        return new BinnedLinearModel(t, Quadratic(),
            [new NormNuisance("sigNorm", ["signal"], 0.10), new NormNuisance("bkgNorm", ["bkg"], 0.05)],
            [new ShiftNuisance("escale", 1.0, derivs)]);
    }

    public static BinnedData Asimov(BinnedLinearModel m, double[] theta, string name = "asimov")
    {
        var mu = new double[m.BinCount];
        m.Predict(theta, [], mu);
        return new BinnedData(name, mu);
    }
}
