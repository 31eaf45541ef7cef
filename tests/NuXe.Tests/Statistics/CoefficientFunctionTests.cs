using NuXe.Statistics;

namespace NuXe.Tests.Statistics;

public class CoefficientFunctionTests
{
    [Fact]
    public void ConcatenationMapsParametersAndGradients()
    {
        var quad = TestModels.Quadratic();                         // (a, b) → a², b², ab
        var lin = TestModels.Linear("b", "c");                     // (b, c) → b, c
        var cat = new ConcatenatedCoefficientFunction(quad, lin);
        Assert.Equal(["a", "b", "c"], cat.ParameterNames);
        Assert.Equal(5, cat.Count);
        double[] th = [2.0, 3.0, 5.0];
        var c = new double[5]; var g = new double[15];
        cat.Evaluate(th, c, g);
        Assert.Equal([4.0, 9.0, 6.0, 3.0, 5.0], c);
        // Rows: ∂(a²) = (4,0,0); ∂(b²) = (0,6,0); ∂(ab) = (3,2,0); ∂b = (0,1,0); ∂c = (0,0,1).
        Assert.Equal([4.0, 0, 0, 0, 6, 0, 3, 2, 0, 0, 1, 0, 0, 0, 1], g);
    }
}
