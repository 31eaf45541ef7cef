namespace NuXe.Tests.Solar;

/// <summary>Locates ../shared (beside the repository root containing NuXe.sln); null when absent.</summary>
internal static class SolarShared
{
    public static string? Dir(string sub)
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "NuXe.sln"))) d = d.Parent;
        if (d?.Parent is null) return null;
        var p = Path.Combine(d.Parent.FullName, "shared", sub);
        return Directory.Exists(p) ? p : null;
    }
}
