namespace NuXe.Statistics;

/// <summary>A point in a 2-D parameter plane (units of the two parameters).</summary>
public readonly record struct Point2(double X, double Y);

/// <summary>A contour polyline; <see cref="Closed"/> when it closes on itself (otherwise it ends on the grid border).</summary>
public sealed record Polyline(IReadOnlyList<Point2> Points, bool Closed)
{
    /// <summary>Enclosed area by the shoelace formula (closed polylines; 0 for open ones), in x-unit × y-unit.</summary>
    public double Area
    {
        get
        {
            if (!Closed || Points.Count < 3) return 0;
            double s = 0;
            for (int i = 0; i < Points.Count; i++)
            {
                var a = Points[i]; var b = Points[(i + 1) % Points.Count];
                s += a.X * b.Y - b.X * a.Y;
            }
            return Math.Abs(0.5 * s);
        }
    }
}

/// <summary>
/// Marching squares (Lorensen &amp; Cline 1987, 2-D variant) on a rectilinear grid: the boundary of the region
/// {value &lt; level} as polylines, with crossing points linearly interpolated on the grid edges, saddle cells
/// resolved by the cell-centre average, and segments joined into polylines through their shared grid edges.
/// Non-finite values count as outside.
/// </summary>
public static class MarchingSquares
{
    /// <summary>Traces the level set of <paramref name="values"/> (row-major: index iy * x.Count + ix).</summary>
    public static IReadOnlyList<Polyline> Trace(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> values, double level)
    {
        int nx = x.Count, ny = y.Count;
        if (values.Count != nx * ny) throw new ArgumentException("values must have x.Count × y.Count entries.");
        if (nx < 2 || ny < 2) return [];
        // Segment list: pairs of edge ids; edge id: horizontal (ix,iy)-(ix+1,iy) = 2(iy·nx+ix), vertical (ix,iy)-(ix,iy+1) = 2(iy·nx+ix)+1.
        var segA = new List<int>(); var segB = new List<int>();
        // inside flags once per node (not four interface reads per cell)
        var inside = new bool[nx * ny];
        if (values is double[] arr)
            for (int k = 0; k < inside.Length; k++) { double v = arr[k]; inside[k] = double.IsFinite(v) && v < level; }
        else
            for (int k = 0; k < inside.Length; k++) { double v = values[k]; inside[k] = double.IsFinite(v) && v < level; }
        double V(int ix, int iy) { double v = values[iy * nx + ix]; return double.IsFinite(v) ? v : double.MaxValue; }
        for (int iy = 0; iy < ny - 1; iy++)
        {
            int r0 = iy * nx, r1 = r0 + nx;
            for (int ix = 0; ix < nx - 1; ix++)
            {
                int c = (inside[r0 + ix] ? 1 : 0) | (inside[r0 + ix + 1] ? 2 : 0) | (inside[r1 + ix + 1] ? 4 : 0) | (inside[r1 + ix] ? 8 : 0);
                if (c == 0 || c == 15) continue;
                int b = 2 * (iy * nx + ix), t = 2 * ((iy + 1) * nx + ix), l = 2 * (iy * nx + ix) + 1, r = 2 * (iy * nx + ix + 1) + 1;
                void Add(int e1, int e2) { segA.Add(e1); segB.Add(e2); }
                switch (c)
                {
                    case 1: case 14: Add(l, b); break;
                    case 2: case 13: Add(b, r); break;
                    case 3: case 12: Add(l, r); break;
                    case 4: case 11: Add(r, t); break;
                    case 6: case 9: Add(b, t); break;
                    case 7: case 8: Add(l, t); break;
                    case 5:
                    case 10:
                        {
                            double centre = 0.25 * (V(ix, iy) + V(ix + 1, iy) + V(ix + 1, iy + 1) + V(ix, iy + 1));
                            bool centreIn = centre < level;
                            // case 5: bl, tr inside; case 10: br, tl inside.
                            if ((c == 5) == centreIn) { Add(b, r); Add(l, t); }
                            else { Add(l, b); Add(r, t); }
                            break;
                        }
                }
            }
        }
        Point2 P(int e)
        {
            int node = e >> 1; int ix = node % nx, iy = node / nx;
            bool vertical = (e & 1) == 1;
            int jx = vertical ? ix : ix + 1, jy = vertical ? iy + 1 : iy;
            double va = values[iy * nx + ix], vb = values[jy * nx + jx];
            // Crossing by quadratic interpolation along the grid line (exact for a quadratic Δχ²), averaging the
            // stencils with the next node on either side; linear if no stencil gives a root on the edge; the edge
            // midpoint when a corner is non-finite.
            double f;
            if (!(double.IsFinite(va) && double.IsFinite(vb)) || va == vb) f = 0.5;
            else
            {
                double sum = 0; int cnt = 0;
                IReadOnlyList<double> axis = vertical ? y : x;
                int ia = vertical ? iy : ix, n = vertical ? ny : nx;
                foreach (int ic in new[] { ia + 2, ia - 1 })
                {
                    if (ic < 0 || ic >= n) continue;
                    double vc = vertical ? values[ic * nx + ix] : values[iy * nx + ic];
                    double s2 = (axis[ic] - axis[ia]) / (axis[ia + 1] - axis[ia]);
                    if (QuadraticCrossing(va, vb, vc, s2, level) is { } r) { sum += r; cnt++; }
                }
                f = cnt > 0 ? sum / cnt : Math.Clamp((level - va) / (vb - va), 0, 1);
            }
            return new Point2(x[ix] + f * (x[jx] - x[ix]), y[iy] + f * (y[jy] - y[iy]));
        }
        // Join segments through shared edges.
        var byEdge = new Dictionary<int, List<int>>();
        for (int s = 0; s < segA.Count; s++)
        {
            foreach (int e in new[] { segA[s], segB[s] })
            {
                if (!byEdge.TryGetValue(e, out var list)) byEdge[e] = list = new List<int>(2);
                list.Add(s);
            }
        }
        var used = new bool[segA.Count];
        var result = new List<Polyline>();
        List<int> Walk(int s0, int startEdge)
        {
            var edges = new List<int> { startEdge };
            int s = s0, e = startEdge;
            while (true)
            {
                used[s] = true;
                int next = segA[s] == e ? segB[s] : segA[s];
                edges.Add(next);
                int ns = -1;
                foreach (int cand in byEdge[next]) if (!used[cand]) { ns = cand; break; }
                if (ns < 0) break;
                s = ns; e = next;
            }
            return edges;
        }
        // Open chains start at edges used by a single segment (grid border).
        foreach (var (e, list) in byEdge.OrderBy(kv => kv.Key))
            if (list.Count == 1 && !used[list[0]])
                result.Add(new Polyline(Walk(list[0], e).Select(P).ToArray(), false));
        for (int s = 0; s < segA.Count; s++)
            if (!used[s])
            {
                var edges = Walk(s, segA[s]);
                if (edges.Count > 1 && edges[^1] == edges[0]) edges.RemoveAt(edges.Count - 1);
                result.Add(new Polyline(edges.Select(P).ToArray(), true));
            }
        return result;
    }

    /// <summary>Root in [0, 1] of the parabola through (0, v0), (1, v1), (s2, v2) at <paramref name="level"/>, or null.</summary>
    static double? QuadraticCrossing(double v0, double v1, double v2, double s2, double level)
    {
        if (!double.IsFinite(v2) || s2 == 0 || s2 == 1) return null;
        double a = v0 / s2 + v1 / (1 - s2) + v2 / (s2 * (s2 - 1));
        double b = -v0 * (1 + s2) / s2 - v1 * s2 / (1 - s2) - v2 / (s2 * (s2 - 1));
        double c = v0 - level;
        const double tol = 1e-12;
        if (Math.Abs(a) <= 1e-14 * (Math.Abs(b) + Math.Abs(c)))
        {
            double r = -c / b;
            return r >= -tol && r <= 1 + tol ? Math.Clamp(r, 0, 1) : null;
        }
        double disc = b * b - 4 * a * c;
        if (disc < 0) return null;
        double q = -0.5 * (b + Math.CopySign(Math.Sqrt(disc), b));
        double r1 = q / a, r2 = q != 0 ? c / q : double.NaN;
        bool ok1 = r1 >= -tol && r1 <= 1 + tol, ok2 = r2 >= -tol && r2 <= 1 + tol;
        if (ok1 == ok2) return null; // none, or ambiguous (two roots on the edge): let the caller fall back
        return Math.Clamp(ok1 ? r1 : r2, 0, 1);
    }

    /// <summary>
    /// Extreme of one coordinate over the polylines, refined by a parabola through the extreme vertex and its two
    /// neighbours (the curve near its tangent point is x ≈ x* − κ(y − y*)²/2). The refinement is bounded by
    /// <paramref name="maxShift"/> (one grid spacing).
    /// </summary>
    internal static double RefinedExtreme(IReadOnlyList<Polyline> lines, bool alongX, bool max, double maxShift)
    {
        double best = max ? double.NegativeInfinity : double.PositiveInfinity;
        double U(Point2 p) => alongX ? p.X : p.Y;
        double W(Point2 p) => alongX ? p.Y : p.X;
        foreach (var l in lines)
        {
            var pts = l.Points;
            int n = pts.Count;
            if (n == 0) continue;
            int k = 0;
            for (int i = 1; i < n; i++) if (max ? U(pts[i]) > U(pts[k]) : U(pts[i]) < U(pts[k])) k = i;
            double u = U(pts[k]);
            bool hasNeighbours = l.Closed ? n >= 3 : k > 0 && k < n - 1;
            if (hasNeighbours)
            {
                var p0 = pts[(k - 1 + n) % n]; var p1 = pts[k]; var p2 = pts[(k + 1) % n];
                double w0 = W(p0), w1 = W(p1), w2 = W(p2), u0 = U(p0), u1 = U(p1), u2 = U(p2);
                if (w0 != w1 && w1 != w2 && w0 != w2)
                {
                    // u(w) = α w² + β w + γ through the three points.
                    double d01 = (u1 - u0) / (w1 - w0), d12 = (u2 - u1) / (w2 - w1);
                    double alpha = (d12 - d01) / (w2 - w0);
                    double beta = d01 - alpha * (w0 + w1);
                    if (alpha != 0 && (max ? alpha < 0 : alpha > 0))
                    {
                        double ws = -beta / (2 * alpha);
                        if (ws >= Math.Min(w0, w2) && ws <= Math.Max(w0, w2))
                        {
                            double us = u1 + alpha * (ws - w1) * (ws - w1) + (beta + 2 * alpha * w1) * (ws - w1);
                            if (max ? us >= u && us - u <= maxShift : us <= u && u - us <= maxShift) u = us;
                        }
                    }
                }
            }
            best = max ? Math.Max(best, u) : Math.Min(best, u);
        }
        return best;
    }
}
