using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NuXe.Analyses.Common;
using NuXe.Output;
using NuXe.Physics;
using NuXe.Presets;
using NuXe.Statistics;

namespace NuXe.Cli.Commands;

/// <summary>`nuxe fit`, `nuxe profile`, `nuxe contour`: ad-hoc analyses of any experiment preset and parameter.</summary>
public static class AnalysisCommands
{
    internal sealed record Common(
        Argument<string> Experiment, Option<string?> Model, Option<string?> Flavour, Option<double?> Mass, Option<string> Statistic,
        Option<string?> Data, Option<string[]> Truth, Option<string[]> Nuisance, Option<string[]> Set, Option<string?> Out, Option<bool> Json)
    {
        public static Common Create(bool singleExperiment = false) => new(
            new Argument<string>("experiment") { Description = singleExperiment ? "Experiment preset name or .toml path." : "Experiment preset name or .toml path; several joined by '+' (e.g. lz-2022+lz-2024) are fitted together (χ² summed, parameters shared)." },
            new Option<string?>("--model") { Description = "Physics model (sm, gvga, nsi-e, em-mu, mediator-S, zprime-gauge, …); default inferred from the parameter." },
            new Option<string?>("--flavour") { Description = "Flavour carrying the new physics (e, mu, tau) for flavoured models." },
            new Option<double?>("--mass-kev") { Description = "Mediator / Z' mass in keV for mass-dependent models." },
            new Option<string>("--statistic") { Description = "gaussian (sigma_i^2 = N_i) or poisson (Baker-Cousins).", DefaultValueFactory = _ => "gaussian" },
            new Option<string?>("--data") { Description = singleExperiment ? "Observed counts CSV (column 'counts', one row per bin); default Asimov at the true point." : "Observed counts CSV (column 'counts', one row per bin), one per experiment joined by '+' for a combination; default Asimov at the true point." },
            new Option<string[]>("--truth") { Description = "True parameter value for the Asimov data, name=value (repeatable); default the SM point." },
            new Option<string[]>("--nuisance") { Description = "Nuisance name=norm:GROUP[+GROUP]:SIGMA or name=energy_scale::SIGMA; SIGMA 'free' for no pull (repeatable)." },
            new Option<string[]>("--set") { Description = "Override an experiment preset field (repeatable)." },
            new Option<string?>("--out") { Description = "Write a CSV grid, result.json and a PNG plot to this folder." },
            new Option<bool>("--json") { Description = "Print exactly one JSON object on stdout." });

        /// <summary>The --out folder, checked and locked before any work (null without --out).</summary>
        public AtomicOutputFolder? OpenOut(ParseResult p, CliIO io)
            => p.GetValue(Out) is { } dir ? AtomicOutputFolder.Open(dir, io.Files, ["result.json"]) : null;

        public IEnumerable<Symbol> Symbols => [Experiment, Model, Flavour, Mass, Statistic, Data, Truth, Nuisance, Set, Out, Json];

        public AnalysisSpec Spec(ParseResult p, IReadOnlyList<ScanAxis> scan, IReadOnlyList<double> cls, int dof)
        {
            string model = p.GetValue(Model) ?? InferModel(scan.Select(a => a.Parameter).ToArray());
            string statistic = p.GetValue(Statistic)!;
            if (statistic is not ("gaussian" or "poisson")) throw new NuXeInputException("--statistic", statistic, "must be gaussian or poisson");
            Flavour? flavour = p.GetValue(Flavour) switch
            {
                null => null, "e" => Physics.Flavour.E, "mu" => Physics.Flavour.Mu, "tau" => Physics.Flavour.Tau,
                var f => throw new NuXeInputException("--flavour", f, "must be e, mu or tau"),
            };
            var truth = new Dictionary<string, double>();
            foreach (var t in p.GetValue(Truth) ?? [])
            {
                var kv = t.Split('=');
                if (kv.Length != 2 || kv[0].Trim().Length == 0 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    throw new NuXeInputException("--truth", t, "expected name=value, e.g. sin2w=0.24");
                string name = kv[0].Trim();
                if (InputLimits.CheckParameter(name, v) is { } allowed) throw new NuXeInputException("--truth", t, $"{name} {allowed}");
                if (!truth.TryAdd(name, v)) throw new NuXeInputException("--truth", t, $"{name} is given twice");
            }
            var nuisances = (p.GetValue(Nuisance) ?? []).Select(ParseNuisance).ToArray();
            foreach (var c in cls) if (!(c > 0 && c < 1)) throw new NuXeInputException("--cl", c.ToString(CultureInfo.InvariantCulture), "must be between 0 and 1 (exclusive)");
            if (dof is < 1 or > InputLimits.MaxDof) throw new NuXeInputException("--dof", dof.ToString(CultureInfo.InvariantCulture), $"must be between 1 and {InputLimits.MaxDof}");
            if (p.GetValue(Mass) is { } mk && !(mk > 0 && mk <= InputLimits.MaxMassKeV)) throw new NuXeInputException("--mass-kev", mk.ToString(CultureInfo.InvariantCulture), FormattableString.Invariant($"must be > 0 and ≤ {InputLimits.MaxMassKeV:G} keV (1 TeV)"));
            return new AnalysisSpec("adhoc", "ad-hoc analysis", [p.GetValue(Experiment)!], p.GetValue(Set) ?? [], model, flavour, p.GetValue(Mass),
                statistic == "poisson" ? CostKind.Poisson : CostKind.Gaussian, p.GetValue(Data) ?? "asimov", truth, scan, cls, dof, nuisances);
        }
    }

    static string InferModel(string[] parameters) => parameters switch
    {
        [] or ["sin2w"] => "sm",
        _ when parameters.All(x => x is "gV" or "gA") => "gvga",
        _ => throw new NuXeInputException("--model", "(missing)", $"cannot infer the model of parameter(s) {string.Join(", ", parameters)}; give --model (allowed: {string.Join(", ", Physics.Models.ModelCatalog.Names)})"),
    };

    static NuisanceSpec ParseNuisance(string text)
    {
        int eq = text.IndexOf('=');
        var parts = eq > 0 ? text[(eq + 1)..].Split(':') : [];
        if (eq <= 0 || parts.Length != 3) throw new NuXeInputException("--nuisance", text, "expected name=norm:GROUP[+GROUP]:SIGMA or name=energy_scale::SIGMA (SIGMA a number or 'free')");
        double? sigma = parts[2] == "free" ? null
            : double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 100 ? s
            : throw new NuXeInputException("--nuisance", text, "SIGMA must be a number > 0 and ≤ 100 (relative) or 'free'");
        if (parts[0] is not ("norm" or "energy_scale")) throw new NuXeInputException("--nuisance", text, "kind must be norm or energy_scale");
        return new NuisanceSpec(text[..eq], parts[0], parts[1].Split('+', StringSplitOptions.RemoveEmptyEntries), sigma);
    }

    static ScanAxis Axis(string param, string? range, int points, bool log, int maxPoints, string rangeOption = "--range")
    {
        if (points < 3 || points > maxPoints) throw new NuXeInputException("--points", points.ToString(CultureInfo.InvariantCulture), $"must be between 3 and {maxPoints} (time and memory grow with the points)");
        if (range is null) return new ScanAxis(param, null, null, points, log);
        var parts = range.Split(':');
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi))
            throw new NuXeInputException(rangeOption, range, "expected LO:HI, e.g. -0.1:0.1");
        if (!double.IsFinite(lo) || !double.IsFinite(hi)) throw new NuXeInputException(rangeOption, range, "LO and HI must be finite numbers");
        if (!(lo < hi)) throw new NuXeInputException(rangeOption, range, "needs LO < HI");
        if (log && !(lo > 0)) throw new NuXeInputException(rangeOption, range, "a log-spaced grid needs LO > 0");
        foreach (var x in new[] { lo, hi })
            if (InputLimits.CheckParameter(param, x) is { } allowed) throw new NuXeInputException(rangeOption, range, $"{param} {allowed}");
        return new ScanAxis(param, lo, hi, points, log);
    }

    public static Command Fit(CliIO io)
    {
        var c = Common.Create();
        var cmd = new Command("fit", "Best fit of a model's parameters (nuisances profiled) with Hessian errors.");
        foreach (var s in c.Symbols) Add(cmd, s);
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            var spec = c.Spec(p, [], [ChiSquareThresholds.OneSigmaCl], 1);
            using var folder = c.OpenOut(p, io);
            var session = SessionGroup.Create(spec, spec.Experiments[0]);
            var fit = session.Fit();
            var json = FitJson(session, fit);
            if (folder is not null) { folder.WriteText("preset.resolved.toml", session.ResolvedToml); folder.WriteText("result.json", json + "\n"); folder.Commit(); }
            if (p.GetValue(c.Json)) { io.Out.WriteLine(json); return 0; }
            Header(io, session);
            io.Out.WriteLine($"{"parameter",-12}{"best fit",14}{"error (1σ)",14}{"true",14}");
            for (int i = 0; i < fit.ParameterNames.Count; i++)
                io.Out.WriteLine($"{fit.ParameterNames[i],-12}{G(fit.Values[i]),14}{G(fit.Errors[i]),14}{G(session.Truth[i]),14}");
            for (int i = 0; i < fit.NuisanceNames.Count; i++) io.Out.WriteLine($"{fit.NuisanceNames[i],-12}{G(fit.Nuisances[i]),14}   (nuisance)");
            io.Out.WriteLine($"chi2_min = {G(fit.Chi2Min)}, ndf = {fit.Ndf}, status = {fit.Status}, valid = {fit.IsValid}");
            return 0;
        }));
        return cmd;
    }

    public static Command Profile(CliIO io)
    {
        var c = Common.Create();
        var param = new Option<string>("--param") { Description = "Parameter to profile (e.g. sin2w, gV, epsL_ee, mu).", Required = true };
        var range = new Option<string?>("--range") { Description = "Scan range LO:HI (default: best fit ± 6 Hessian errors)." };
        var points = new Option<int>("--points") { Description = "Grid points.", DefaultValueFactory = _ => 101 };
        var log = new Option<bool>("--log") { Description = "Log-spaced grid." };
        var cl = new Option<double[]>("--cl") { Description = "Confidence level(s) of the intervals (repeatable).", DefaultValueFactory = _ => [ChiSquareThresholds.OneSigmaCl] };
        var profileOthers = new Option<bool>("--profile-others") { Description = "Minimise the other model parameters at each point (default: hold them at the true point)." };
        var toys = new Option<int>("--toys") { Description = "Also run the toy construction (Feldman–Cousins, CLs, Wilks coverage) with this many toys per value; the lower end of --range is the physical bound.", DefaultValueFactory = _ => 0 };
        var toyPoints = new Option<int>("--toy-points") { Description = "Grid values of the toy construction (over --range).", DefaultValueFactory = _ => 16 };
        var seed = new Option<int>("--seed") { Description = "Seed of the toys.", DefaultValueFactory = _ => 20260 };
        var cmd = new Command("profile", "1-D profile Δχ² of one parameter with its interval(s) at the chosen CL (1 dof).");
        foreach (var s in c.Symbols.Concat([param, range, points, log, cl, profileOthers, toys, toyPoints, seed])) Add(cmd, s);
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            var cls = p.GetValue(cl)!;
            var spec = c.Spec(p, [Axis(p.GetValue(param)!, p.GetValue(range), p.GetValue(points), p.GetValue(log), InputLimits.MaxProfilePoints)], cls, 1);
            using var folder = c.OpenOut(p, io);
            var session = SessionGroup.Create(spec, spec.Experiments[0]);
            var prof = session.Profile(spec.Scan[0], cls, p.GetValue(profileOthers));
            var json = ProfileJson(session, prof);
            if (folder is not null)
            {
                var sb = new StringBuilder($"{prof.Parameter},delta_chi2,status\n");
                for (int i = 0; i < prof.Values.Count; i++) sb.Append(R(prof.Values[i])).Append(',').Append(R(prof.DeltaChi2[i])).Append(',').Append(prof.PointStatus[i]).Append('\n');
                folder.WriteText("profile.csv", sb.ToString());
                folder.WriteText("preset.resolved.toml", session.ResolvedToml);
                var series = new List<SeriesSpec> { StudyPlots.ProfileLine(prof, "profile") };
                foreach (var ci in prof.Intervals) series.Add(StudyPlots.Threshold(ci.Threshold, prof.Values[0], prof.Values[^1], $"{StudyPlots.ClLabel(ci.Cl)} (Δχ² = {G(ci.Threshold)})"));
                folder.WriteBytes("profile.png", Plotter.RenderBytes(new FigureSpec($"{session.Name}: profile of {prof.Parameter}", new AxisSpec(prof.Parameter, p.GetValue(log) ? AxisScale.Log : AxisScale.Linear),
                    new AxisSpec("Δχ^{2}", Minimum: 0), series), ".png"));
                folder.WriteText("result.json", json + "\n");
                folder.Commit();
            }
            if (p.GetValue(c.Json)) { io.Out.WriteLine(json); return 0; }
            Header(io, session);
            io.Out.WriteLine($"profile of {prof.Parameter}: best fit {G(prof.BestFitValue)} (χ²_min = {G(prof.Chi2Min)}), {prof.Values.Count} points, others {(prof.OthersProfiled ? "profiled" : "fixed at the true point")}");
            foreach (var ci in prof.Intervals)
            {
                io.Out.WriteLine($"  CL {G(ci.Cl)} (1 dof, Δχ² = {G(ci.Threshold)}): " + string.Join(" ∪ ", ci.Intervals.Select(iv => $"[{G(iv.Lower)}{(iv.LowerAtGridEdge ? " (grid edge)" : "")}, {G(iv.Upper)}{(iv.UpperAtGridEdge ? " (grid edge)" : "")}]"))
                    + (double.IsNaN(ci.ErrorMinus) ? "" : $"   best −{G(ci.ErrorMinus)} +{G(ci.ErrorPlus)}"));
            }
            if (!prof.AllConverged) io.Out.WriteLine($"  warning: {prof.PointStatus.Count(s => s > ConvergenceStatus.ConvergedWithFallback)} points did not converge");
            if (p.GetValue(toys) is > 0 and var nToys)
            {
                if (nToys < 10) throw new NuXeInputException("--toys", nToys.ToString(CultureInfo.InvariantCulture), "must be 0 (off) or ≥ 10");
                if (p.GetValue(toyPoints) < 3) throw new NuXeInputException("--toy-points", p.GetValue(toyPoints).ToString(CultureInfo.InvariantCulture), "must be ≥ 3");
                if (!session.IsSingle) throw new NuXeInputException("--toys", nToys.ToString(CultureInfo.InvariantCulture), "toys need one experiment, not a combination");
                var tr = ScanCommands.ProfileToys(session.Sessions[0], prof.Parameter, prof.Values[0], prof.Values[^1], nToys, p.GetValue(toyPoints), cls.Max(), p.GetValue(seed));
                ScanCommands.PrintProfileToys(io, tr);
            }
            return 0;
        }));
        return cmd;
    }

    public static Command Contour(CliIO io)
    {
        var c = Common.Create();
        var param = new Option<string>("--param") { Description = "Parameter on x.", Required = true };
        var param2 = new Option<string>("--param2") { Description = "Parameter on y.", Required = true };
        var range = new Option<string?>("--range") { Description = "x range LO:HI (default: best fit ± 4 Hessian errors)." };
        var range2 = new Option<string?>("--range2") { Description = "y range LO:HI." };
        var points = new Option<int>("--points") { Description = "Grid points per axis.", DefaultValueFactory = _ => 101 };
        var cl = new Option<double[]>("--cl") { Description = "Confidence level(s) of the contours (repeatable).", DefaultValueFactory = _ => [ChiSquareThresholds.OneSigmaCl, 0.90, 0.95] };
        var dof = new Option<int>("--dof") { Description = "Degrees of freedom of the thresholds.", DefaultValueFactory = _ => 2 };
        var cmd = new Command("contour", "2-D profile Δχ² grid of two parameters with contours at the chosen CLs and their projected intervals.");
        foreach (var s in c.Symbols.Concat([param, param2, range, range2, points, cl, dof])) Add(cmd, s);
        cmd.SetAction(p => CliApp.Guard(io, () =>
        {
            var cls = p.GetValue(cl)!;
            int n = p.GetValue(points);
            var spec = c.Spec(p, [Axis(p.GetValue(param)!, p.GetValue(range), n, false, InputLimits.MaxGridPointsPerAxis), Axis(p.GetValue(param2)!, p.GetValue(range2), n, false, InputLimits.MaxGridPointsPerAxis, "--range2")], cls, p.GetValue(dof));
            using var folder = c.OpenOut(p, io);
            var session = SessionGroup.Create(spec, spec.Experiments[0]);
            var grid = session.Grid2D(spec.Scan[0], spec.Scan[1], cls, spec.Dof ?? 2);
            var json = GridJson(session, grid);
            if (folder is not null)
            {
                var sb = new StringBuilder($"{grid.XParameter},{grid.YParameter},delta_chi2,status\n");
                for (int iy = 0; iy < grid.Y.Count; iy++) for (int ix = 0; ix < grid.X.Count; ix++)
                    sb.Append(R(grid.X[ix])).Append(',').Append(R(grid.Y[iy])).Append(',').Append(R(grid.DeltaChi2At(ix, iy))).Append(',').Append(grid.PointStatus[iy * grid.X.Count + ix]).Append('\n');
                folder.WriteText("grid.csv", sb.ToString());
                folder.WriteText("preset.resolved.toml", session.ResolvedToml);
                var series = grid.Contours.Select((k, j) => (SeriesSpec)new ContourSpec(StudyPlots.ClLabel(k.Cl), StudyPlots.Lines(k), StudyPlots.ConfigColors[j % StudyPlots.ConfigColors.Count])).ToList();
                series.Add(new MarkerSpec("best fit", grid.BestX, grid.BestY));
                folder.WriteBytes("contour.png", Plotter.RenderBytes(new FigureSpec($"{session.Name}: {grid.XParameter} vs {grid.YParameter}", new AxisSpec(grid.XParameter), new AxisSpec(grid.YParameter), series,
                    Subtitle: $"{grid.Contours[0].Dof} dof"), ".png"));
                folder.WriteText("result.json", json + "\n");
                folder.Commit();
            }
            if (p.GetValue(c.Json)) { io.Out.WriteLine(json); return 0; }
            Header(io, session);
            io.Out.WriteLine($"grid {grid.X.Count}×{grid.Y.Count} of ({grid.XParameter}, {grid.YParameter}); best fit ({G(grid.BestX)}, {G(grid.BestY)}), χ²_min = {G(grid.Chi2Min)}");
            foreach (var k in grid.Contours)
                io.Out.WriteLine($"  CL {G(k.Cl)} ({k.Dof} dof, Δχ² = {G(k.Threshold)}): {grid.XParameter} ∈ [{G(k.XRange.Lower)}, {G(k.XRange.Upper)}], {grid.YParameter} ∈ [{G(k.YRange.Lower)}, {G(k.YRange.Upper)}] (projections)");
            if (grid.NonConvergedCount > 0) io.Out.WriteLine($"  warning: {grid.NonConvergedCount} points did not converge");
            return 0;
        }));
        return cmd;
    }

    internal static void Add(Command cmd, Symbol s)
    {
        switch (s) { case Argument a: cmd.Arguments.Add(a); break; case Option o: cmd.Options.Add(o); break; }
    }

    static string G(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "n/a";
    static string R(double v) => NonFiniteValueException.Check("a CSV grid value", v).ToString("R", CultureInfo.InvariantCulture);

    internal static void Header(CliIO io, SessionGroup s)
        => io.Out.WriteLine($"experiment {s.Name}, model {s.Analysis.Model} ({string.Join(", ", s.Model.ParameterNames)}), data {s.DataName}, statistic {s.Analysis.Statistic}, nuisances: {(s.NuisanceNames.Count == 0 ? "none" : string.Join(", ", s.NuisanceNames))}");

    static string Json(Action<Utf8JsonWriter> body)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true })) { w.WriteStartObject(); body(w); w.WriteEndObject(); }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    static void Num(Utf8JsonWriter w, string name, double v) { if (double.IsFinite(v)) w.WriteNumber(name, v); else w.WriteNull(name); }

    static void Context(Utf8JsonWriter w, SessionGroup s)
    {
        w.WriteString("experiment", s.Name); w.WriteString("model", s.Analysis.Model);
        w.WriteString("data", s.DataName); w.WriteString("statistic", s.Analysis.Statistic.ToString().ToLowerInvariant());
        w.WriteStartArray("nuisances"); foreach (var n in s.NuisanceNames) w.WriteStringValue(n); w.WriteEndArray();
        w.WriteStartObject("truth"); for (int i = 0; i < s.Truth.Count; i++) w.WriteNumber(s.Model.ParameterNames[i], s.Truth[i]); w.WriteEndObject();
    }

    static string FitJson(SessionGroup s, FitResult f) => Json(w =>
    {
        Context(w, s);
        w.WriteStartObject("best"); for (int i = 0; i < f.ParameterNames.Count; i++) Num(w, f.ParameterNames[i], f.Values[i]); w.WriteEndObject();
        w.WriteStartObject("errors"); for (int i = 0; i < f.ParameterNames.Count; i++) Num(w, f.ParameterNames[i], f.Errors[i]); w.WriteEndObject();
        w.WriteStartObject("nuisances_best"); for (int i = 0; i < f.NuisanceNames.Count; i++) Num(w, f.NuisanceNames[i], f.Nuisances[i]); w.WriteEndObject();
        Num(w, "chi2_min", f.Chi2Min); w.WriteNumber("ndf", f.Ndf); w.WriteString("status", f.Status.ToString()); w.WriteBoolean("valid", f.IsValid);
        w.WriteNumber("error_cl", f.ErrorCl); w.WriteNumber("error_dof", f.ErrorDof);
    });

    static string ProfileJson(SessionGroup s, Profile1DResult p) => Json(w =>
    {
        Context(w, s);
        w.WriteString("parameter", p.Parameter); Num(w, "best", p.BestFitValue); Num(w, "chi2_min", p.Chi2Min); w.WriteBoolean("others_profiled", p.OthersProfiled);
        w.WriteStartArray("intervals");
        foreach (var ci in p.Intervals)
        {
            w.WriteStartObject(); w.WriteNumber("cl", ci.Cl); w.WriteNumber("dof", ci.Dof); w.WriteNumber("delta_chi2", ci.Threshold);
            Num(w, "err_minus", ci.ErrorMinus); Num(w, "err_plus", ci.ErrorPlus);
            w.WriteStartArray("ranges"); foreach (var iv in ci.Intervals) { w.WriteStartArray(); Num(w, iv.Lower); Num(w, iv.Upper); w.WriteEndArray(); } w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("all_converged", p.AllConverged);
        w.WriteStartObject("grid");
        w.WriteStartArray("x"); foreach (var v in p.Values) w.WriteNumberValue(v); w.WriteEndArray();
        w.WriteStartArray("delta_chi2"); foreach (var v in p.DeltaChi2) Num(w, v); w.WriteEndArray();
        w.WriteEndObject();
    });

    static void Num(Utf8JsonWriter w, double v) { if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue(); }

    static string GridJson(SessionGroup s, Grid2DResult g) => Json(w =>
    {
        Context(w, s);
        w.WriteString("x_parameter", g.XParameter); w.WriteString("y_parameter", g.YParameter);
        Num(w, "best_x", g.BestX); Num(w, "best_y", g.BestY); Num(w, "chi2_min", g.Chi2Min);
        w.WriteNumber("grid_points", g.X.Count * g.Y.Count); w.WriteNumber("non_converged", g.NonConvergedCount);
        w.WriteStartArray("contours");
        foreach (var k in g.Contours)
        {
            w.WriteStartObject(); w.WriteNumber("cl", k.Cl); w.WriteNumber("dof", k.Dof); w.WriteNumber("delta_chi2", k.Threshold);
            w.WriteStartArray("x_range"); Num(w, k.XRange.Lower); Num(w, k.XRange.Upper); w.WriteEndArray();
            w.WriteStartArray("y_range"); Num(w, k.YRange.Lower); Num(w, k.YRange.Upper); w.WriteEndArray();
            w.WriteNumber("lines", k.Lines.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });
}
