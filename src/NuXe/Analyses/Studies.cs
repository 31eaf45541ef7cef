using NuXe.Analyses.Framework;

namespace NuXe.Analyses;

/// <summary>The published studies NuXe reproduces (`nuxe reproduce --list`).</summary>
public static class Studies
{
    /// <summary>A registry with every study.</summary>
    public static StudyRegistry Registry() => new StudyRegistry()
        .Register(LinkXu2019.LinkXu2019Study.Create())
        .Register(Coloma2014.Coloma2014Study.Create())
        .Register(Hsieh2019.Hsieh2019Study.Create())
        .Register(ShivaSankar2022.ShivaSankar2022Study.Create())
        .Register(Nsi2023.Nsi2023Study.Create());
}
