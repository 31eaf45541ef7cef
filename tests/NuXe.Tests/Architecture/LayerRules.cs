using System.Reflection;
using NetArchTest.Rules;

namespace NuXe.Tests.Architecture;

/// <summary>
/// NuXe's one-way layers (docs/architecture.md), checked on the compiled IL with NetArchTest (every type reference in
/// signatures, fields and method bodies counts, not only <c>using</c> lines):
/// Data → Physics → Sources → Detector → Presets → Statistics → Output → Analyses → Cli.
/// A layer may use the layers before it; Statistics and Output are generic and may use only Data; the studies under
/// Analyses (every namespace there except the shared ones) do not use one another.
/// </summary>
public static class LayerRules
{
    /// <summary>Library layers in dependency order (namespace suffixes after "NuXe.").</summary>
    public static readonly IReadOnlyList<string> Layers = ["Data", "Physics", "Sources", "Detector", "Presets", "Statistics", "Output", "Analyses"];

    /// <summary>Layers that must not depend on any domain layer (only on Data and the root namespace).</summary>
    public static readonly IReadOnlyList<string> Generic = ["Statistics", "Output"];

    /// <summary>Shared namespaces under Analyses that every study may use.</summary>
    public static readonly IReadOnlyList<string> SharedAnalyses = ["Common", "Framework", "Spectra", "DataFits"];

    /// <summary>One broken rule: the rule and the types that break it.</summary>
    public sealed record Violation(string Rule, IReadOnlyList<string> Types)
    {
        public override string ToString() => $"{Rule}: {string.Join(", ", Types)}";
    }

    /// <summary>Every violation of the layer rules among the types of <paramref name="assembly"/> whose namespace starts
    /// with <paramref name="root"/> + "." (the library uses "NuXe").</summary>
    public static IReadOnlyList<Violation> Check(Assembly assembly, string root = "NuXe")
    {
        var violations = new List<Violation>();
        void Rule(string name, string ns, string[] forbidden)
        {
            if (forbidden.Length == 0) return;
            var r = Types.InAssembly(assembly).That().ResideInNamespace(ns).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
            if (!r.IsSuccessful) violations.Add(new Violation(name, [.. (r.FailingTypeNames ?? []).Distinct().Order()]));
        }
        for (int i = 0; i < Layers.Count; i++)
        {
            string layer = Layers[i];
            var above = Layers.Skip(i + 1).Select(l => $"{root}.{l}").ToList();
            if (Generic.Contains(layer))
                above.AddRange(Layers.Take(i).Where(l => l != "Data").Select(l => $"{root}.{l}"));
            Rule($"{root}.{layer} must not use {string.Join(", ", above)}", $"{root}.{layer}", [.. above]);
        }
        // studies are independent of one another
        var studies = StudyNamespaces(assembly, root);
        foreach (var s in studies)
            Rule($"{s} must not use another study", s, [.. studies.Where(o => o != s)]);
        // every type belongs to a layer (a new top-level folder cannot escape the rules)
        var stray = assembly.GetTypes()
            .Where(t => t.Namespace is { } n && n.StartsWith(root + ".", StringComparison.Ordinal)
                        && !Layers.Any(l => n == $"{root}.{l}" || n.StartsWith($"{root}.{l}.", StringComparison.Ordinal)))
            .Select(t => t.FullName!).Distinct().Order().ToList();
        if (stray.Count > 0) violations.Add(new Violation($"every namespace under {root} belongs to a layer ({string.Join(", ", Layers)})", stray));
        return violations;
    }

    /// <summary>The study namespaces: direct children of Analyses that are not shared.</summary>
    public static IReadOnlyList<string> StudyNamespaces(Assembly assembly, string root = "NuXe") =>
        [.. assembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(root + ".Analyses.", StringComparison.Ordinal))
            .Select(n => string.Join('.', n.Split('.').Take(3)))
            .Where(n => !SharedAnalyses.Contains(n.Split('.')[2]))
            .Distinct().Order()];
}
