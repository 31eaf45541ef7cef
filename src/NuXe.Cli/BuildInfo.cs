using System.Reflection;

namespace NuXe.Cli;

/// <summary>
/// Version and commit of this build. The SDK writes "&lt;Version&gt;+&lt;commit&gt;" into the informational version when the
/// sources are a git checkout (Source Link reads .git directly, no git executable needed); otherwise the commit is "unknown".
/// </summary>
public static class BuildInfo
{
    /// <summary>Split an informational version "0.1.0+abc…" into version and commit ("unknown" when absent).</summary>
    public static (string Version, string Commit) Parse(string? informationalVersion)
    {
        if (string.IsNullOrWhiteSpace(informationalVersion)) return ("unknown", "unknown");
        int plus = informationalVersion.IndexOf('+');
        if (plus < 0) return (informationalVersion, "unknown");
        string commit = informationalVersion[(plus + 1)..];
        return (informationalVersion[..plus], commit.Length == 0 ? "unknown" : commit);
    }

    /// <summary>Version and commit of the `nuxe` assembly.</summary>
    public static (string Version, string Commit) Current() =>
        Parse(typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>The line printed by `nuxe --version`: "nuxe &lt;version&gt; (commit &lt;sha or unknown&gt;)".</summary>
    public static string VersionLine()
    {
        var (v, c) = Current();
        return $"nuxe {v} (commit {c})";
    }
}
