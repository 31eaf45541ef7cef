namespace NuXe.Tests;

/// <summary>Locates ../shared (beside the repository) for tests that compare with independent references.</summary>
public static class SharedData
{
    static readonly Lazy<string?> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "NuXe.sln"))) dir = dir.Parent;
        if (dir?.Parent is null) return null;
        var shared = Path.Combine(dir.Parent.FullName, "shared");
        return Directory.Exists(shared) ? shared : null;
    });

    /// <summary>Full path of a file under ../shared, or null (with the reason written to the test output) when absent.</summary>
    public static string? File(string relativePath, Xunit.Abstractions.ITestOutputHelper? output)
    {
        if (Root.Value is null) { output?.WriteLine($"SKIPPED: ../shared not found beside the repository; cannot read {relativePath}"); return null; }
        var p = Path.Combine(Root.Value, relativePath);
        if (!System.IO.File.Exists(p)) { output?.WriteLine($"SKIPPED: {p} is absent"); return null; }
        return p;
    }
}
