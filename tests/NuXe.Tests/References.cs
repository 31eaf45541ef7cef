namespace NuXe.Tests;

/// <summary>
/// The independent reference tables copied into <c>tests/NuXe.Tests/References/</c> (see PROVENANCE.md there). They are
/// copied next to the test assembly at build time; a missing file throws, so a test that needs one fails instead of passing
/// without running.
/// </summary>
public static class References
{
    /// <summary>Full path of a reference file (relative to References/); throws <see cref="FileNotFoundException"/> when absent.</summary>
    public static string File(string relativePath)
    {
        var p = Path.Combine(AppContext.BaseDirectory, "References", relativePath);
        return System.IO.File.Exists(p) ? p : throw new FileNotFoundException($"reference file References/{relativePath} is missing from the test output (tests/NuXe.Tests/References)", p);
    }

    /// <summary>Full path of a reference folder; throws <see cref="DirectoryNotFoundException"/> when absent.</summary>
    public static string Directory(string relativePath)
    {
        var p = Path.Combine(AppContext.BaseDirectory, "References", relativePath);
        return System.IO.Directory.Exists(p) ? p : throw new DirectoryNotFoundException($"reference folder References/{relativePath} is missing from the test output");
    }
}
