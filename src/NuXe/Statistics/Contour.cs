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
        bool In(int ix, int iy) { double v = values[iy * nx + ix]; return double.IsFinite(v) && v < level; }
        double V(int ix, int iy) { double v = values[iy * nx + ix]; return double.IsFinite(v) ? v : double.MaxValue; }
        for (int iy = 0; iy < ny - 1; iy++)
            for (int ix = 0; ix < nx - 1; ix++)
            {
                int c = (In(ix, iy) ? 1 : 0) | (In(ix + 1, iy) ? 2 : 0) | (In(ix + 1, iy + 1) ? 4 : 0) | (In(ix, iy + 1) ? 8 : 0);
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
        Point2 P(int e)
        {
            int node = e >> 1; int ix = node % nx, iy = node / nx;
            bool vertical = (e & 1) == 1;
            int jx = vertical ? ix : ix + 1, jy = vertical ? iy + 1 : iy;
            double va = values[iy * nx + ix], vb = values[jy * nx + jx];
            // Linear interpolation of the crossing; the edge midpoint when a corner is non-finite.
            double f = double.IsFinite(va) && double.IsFinite(vb) && va != vb ? Math.Clamp((level - va) / (vb - va), 0, 1) : 0.5;
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
}
