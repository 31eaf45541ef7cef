using System.Numerics;

namespace NuXe.Physics.Nsi;

/// <summary>
/// A 3×3 complex matrix (row-major, flavour indices e, μ, τ = 0, 1, 2), immutable. Small helper for the flavour algebra of
/// solar-neutrino NSI: density matrices ρ, coupling matrices G, Hamiltonians. Element (a, b) is <c>this[a, b]</c>.
/// </summary>
public readonly struct Matrix3
{
    readonly Complex[]? _m;

    Matrix3(Complex[] m) => _m = m;

    /// <summary>A matrix from 9 row-major entries (copied).</summary>
    public static Matrix3 FromRowMajor(ReadOnlySpan<Complex> entries)
    {
        if (entries.Length != 9) throw new ArgumentException("A 3×3 matrix needs 9 entries.", nameof(entries));
        return new Matrix3(entries.ToArray());
    }

    /// <summary>The zero matrix.</summary>
    public static Matrix3 Zero => new(new Complex[9]);

    /// <summary>The identity.</summary>
    public static Matrix3 Identity => Diagonal(1, 1, 1);

    /// <summary>diag(a, b, c).</summary>
    public static Matrix3 Diagonal(double a, double b, double c)
    {
        var m = new Complex[9]; m[0] = a; m[4] = b; m[8] = c; return new Matrix3(m);
    }

    /// <summary>Element (row a, column b).</summary>
    public Complex this[int a, int b] => _m is null ? Complex.Zero : _m[3 * a + b];

    /// <summary>Conjugate transpose.</summary>
    public Matrix3 Adjoint()
    {
        var r = new Complex[9];
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) r[3 * a + b] = Complex.Conjugate(this[b, a]);
        return new Matrix3(r);
    }

    public static Matrix3 operator +(Matrix3 x, Matrix3 y)
    {
        var r = new Complex[9];
        for (int i = 0; i < 9; i++) r[i] = x[i / 3, i % 3] + y[i / 3, i % 3];
        return new Matrix3(r);
    }

    public static Matrix3 operator -(Matrix3 x, Matrix3 y)
    {
        var r = new Complex[9];
        for (int i = 0; i < 9; i++) r[i] = x[i / 3, i % 3] - y[i / 3, i % 3];
        return new Matrix3(r);
    }

    public static Matrix3 operator *(Complex s, Matrix3 x)
    {
        var r = new Complex[9];
        for (int i = 0; i < 9; i++) r[i] = s * x[i / 3, i % 3];
        return new Matrix3(r);
    }

    public static Matrix3 operator *(Matrix3 x, Matrix3 y)
    {
        var r = new Complex[9];
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                r[3 * a + b] = x[a, 0] * y[0, b] + x[a, 1] * y[1, b] + x[a, 2] * y[2, b];
        return new Matrix3(r);
    }

    /// <summary>Trace.</summary>
    public Complex Trace => this[0, 0] + this[1, 1] + this[2, 2];

    /// <summary>Re Tr[A · B] without forming the product.</summary>
    public static double TraceOfProductReal(Matrix3 a, Matrix3 b)
    {
        double s = 0;
        for (int i = 0; i < 3; i++) for (int k = 0; k < 3; k++) s += (a[i, k] * b[k, i]).Real;
        return s;
    }

    /// <summary>Largest |A_ab − A*_ba| (0 for a Hermitian matrix).</summary>
    public double HermiticityDefect()
    {
        double d = 0;
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) d = Math.Max(d, (this[a, b] - Complex.Conjugate(this[b, a])).Magnitude);
        return d;
    }

    /// <summary>Largest |A_ab − B_ab|.</summary>
    public static double MaxAbsDifference(Matrix3 a, Matrix3 b)
    {
        double d = 0;
        for (int i = 0; i < 3; i++) for (int k = 0; k < 3; k++) d = Math.Max(d, (a[i, k] - b[i, k]).Magnitude);
        return d;
    }
}
