using NetArchTest.Rules;
using NuXe.Analyses.Framework;

namespace NuXe.Tests.Architecture;

/// <summary>The layers of docs/architecture.md hold on the built library and the CLI; the check itself can fail.</summary>
public class ArchitectureTests
{
    static readonly System.Reflection.Assembly Library = typeof(StudyRegistry).Assembly;
    static readonly System.Reflection.Assembly Cli = typeof(NuXe.Cli.CliApp).Assembly;

    [Fact]
    public void LibraryLayersPointOneWay()
    {
        var v = LayerRules.Check(Library);
        Assert.True(v.Count == 0, "layer violations:\n" + string.Join("\n", v));
    }

    [Fact]
    public void EveryLayerHasTypesAndThereAreSeveralStudies()
    {
        foreach (var layer in LayerRules.Layers)
            Assert.Contains(Library.GetTypes(), t => t.Namespace is { } n && (n == "NuXe." + layer || n.StartsWith("NuXe." + layer + ".", StringComparison.Ordinal)));
        var studies = LayerRules.StudyNamespaces(Library);
        Assert.True(studies.Count >= 4, string.Join(", ", studies));
        Assert.Contains("NuXe.Analyses.LinkXu2019", studies);
    }

    [Fact]
    public void CliUsesNoStudyInternals()
    {
        // The CLI reaches studies only through the registry (NuXe.Analyses.Studies) and the shared analysis API.
        var studies = LayerRules.StudyNamespaces(Library).ToArray();
        var r = Types.InAssembly(Cli).ShouldNot().HaveDependencyOnAny(studies).GetResult();
        Assert.True(r.IsSuccessful, "CLI types using study namespaces: " + string.Join(", ", r.FailingTypeNames ?? []));
    }

    [Fact]
    public void AnUpwardImportIsReported()
    {
        // The fixture below lives in NuXe.Physics.* of the test assembly and uses the Analyses layer: the rules must flag it,
        // and a study using another study must be flagged too.
        var v = LayerRules.Check(typeof(ArchitectureTests).Assembly);
        Assert.Contains(v, x => x.Rule.StartsWith("NuXe.Physics must not use", StringComparison.Ordinal)
                                && x.Types.Contains(typeof(NuXe.Physics.ArchitectureFixture.UpwardImport).FullName!));
        Assert.Contains(v, x => x.Rule.StartsWith("NuXe.Analyses.FixtureStudyA must not use another study", StringComparison.Ordinal));
        Assert.Contains(v, x => x.Rule.StartsWith("NuXe.Statistics must not use", StringComparison.Ordinal)
                                && x.Types.Contains(typeof(NuXe.Statistics.ArchitectureFixture.GenericLayerUsesPhysics).FullName!));
    }
}
