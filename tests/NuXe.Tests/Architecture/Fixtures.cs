// Deliberate layer violations, used only by ArchitectureTests.AnUpwardImportIsReported to prove that the rules can fail.
// They live in the test assembly, never in the library.

namespace NuXe.Physics.ArchitectureFixture
{
    /// <summary>Physics using Analyses: forbidden.</summary>
    public static class UpwardImport
    {
        public static int Count(NuXe.Analyses.Framework.StudyRegistry r) => r.Studies.Count;
    }
}

namespace NuXe.Statistics.ArchitectureFixture
{
    /// <summary>Statistics (generic) using Physics: forbidden.</summary>
    public static class GenericLayerUsesPhysics
    {
        public static double Mass() => NuXe.Physics.Constants.ElectronMassKeV * new NuXe.Physics.ArchitectureFixture.Marker().Value;
    }
}

namespace NuXe.Physics.ArchitectureFixture
{
    /// <summary>A physics type for the fixture above.</summary>
    public sealed class Marker { public double Value { get; } = 1; }
}

namespace NuXe.Analyses.FixtureStudyA
{
    /// <summary>A study using another study: forbidden.</summary>
    public static class UsesB { public static int N() => NuXe.Analyses.FixtureStudyB.B.N + 1; }
}

namespace NuXe.Analyses.FixtureStudyB
{
    /// <summary>The other fixture study.</summary>
    public static class B { public static int N => 2; }
}
