using System.Text.RegularExpressions;

namespace NuXe.Analyses.Framework;

/// <summary>
/// A published study that <c>nuxe reproduce</c> can rerun, e.g. Link &amp; Xu 2019. Its parts run in order,
/// each writing results, figures, tables and a report section through a <see cref="StudyContext"/>.
/// </summary>
public interface IStudy
{
    /// <summary>Command-line name, lower case, e.g. "linkxu2019" (pattern <see cref="StudyNames.Pattern"/>).</summary>
    string Name { get; }

    /// <summary>Human title, e.g. "Link &amp; Xu (2019): weak mixing angle with a ⁵¹Cr source in LXe".</summary>
    string Title { get; }

    /// <summary>Full citation (authors, title, journal, arXiv).</summary>
    string Citation { get; }

    /// <summary>Parts in run order.</summary>
    IReadOnlyList<IStudyPart> Parts { get; }
}

/// <summary>One reproducible piece of a study (a table or a figure), e.g. "sin2w" for Table II.</summary>
public interface IStudyPart
{
    /// <summary>Name for <c>--only</c>, e.g. "sin2w"; result keys should start with it ("sin2w.A.best").</summary>
    string Name { get; }

    /// <summary>One line: what this part reproduces.</summary>
    string Description { get; }

    /// <summary>Runs the part, writing everything through <paramref name="ctx"/>.</summary>
    void Run(StudyContext ctx);

    /// <summary>
    /// True when the part runs in seconds: <c>nuxe validate --quick</c> and the validation test tier run only these.
    /// </summary>
    bool Quick => false;
}

/// <summary>A study given by its parts (for small studies and tests).</summary>
public sealed record Study(string Name, string Title, string Citation, IReadOnlyList<IStudyPart> Parts) : IStudy;

/// <summary>A part given by a delegate (for small parts and tests); <paramref name="Quick"/>: runs in seconds.</summary>
public sealed record StudyPart(string Name, string Description, Action<StudyContext> Body, bool Quick = false) : IStudyPart
{
    /// <inheritdoc />
    public void Run(StudyContext ctx) => Body(ctx);
}

/// <summary>Thrown when a study or part name is unknown; the message lists the allowed names.</summary>
public sealed class UnknownNameException : ArgumentException
{
    /// <summary>
    /// Creates the exception for a <paramref name="kind"/> ("study", "part") named <paramref name="name"/>;
    /// <paramref name="scope"/> (e.g. "in study 'linkxu2019'") follows the name in the message.
    /// </summary>
    public UnknownNameException(string kind, string name, IReadOnlyList<string> allowed, string? scope = null)
        : base($"unknown {kind} '{name}'{(scope is null ? "" : " " + scope)}" + (allowed.Count == 0
            ? ": none are registered"
            : $"; allowed: {string.Join(", ", allowed)}"))
    {
        Kind = kind;
        Name = name;
        Allowed = allowed;
    }

    /// <summary>"study" or "part".</summary>
    public string Kind { get; }

    /// <summary>The name asked for.</summary>
    public string Name { get; }

    /// <summary>The names that exist.</summary>
    public IReadOnlyList<string> Allowed { get; }
}

/// <summary>Naming rules for studies and parts.</summary>
public static partial class StudyNames
{
    /// <summary>Lower-case letters, digits, '-' and '_', starting with a letter or digit.</summary>
    public const string Pattern = "^[a-z0-9][a-z0-9_-]*$";

    [GeneratedRegex(Pattern)]
    private static partial Regex NameRegex();

    /// <summary>True when <paramref name="name"/> matches <see cref="Pattern"/>.</summary>
    public static bool IsValid(string name) => name is not null && NameRegex().IsMatch(name);
}

/// <summary>
/// The studies known to the tool. An instance, not a global: the CLI builds one at start-up
/// (<c>new StudyRegistry().Register(new LinkXu2019())…</c>).
/// </summary>
public sealed class StudyRegistry
{
    private readonly List<IStudy> _studies = [];

    /// <summary>Registered studies, in registration order.</summary>
    public IReadOnlyList<IStudy> Studies => _studies;

    /// <summary>Adds <paramref name="study"/>; returns this registry for chaining.</summary>
    /// <exception cref="ArgumentException">Bad or duplicate study name, no parts, or bad/duplicate part names.</exception>
    public StudyRegistry Register(IStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (!StudyNames.IsValid(study.Name))
            throw new ArgumentException($"study name '{study.Name}' must match {StudyNames.Pattern}");
        if (_studies.Any(s => s.Name == study.Name))
            throw new ArgumentException($"study '{study.Name}' is already registered");
        if (study.Parts.Count == 0) throw new ArgumentException($"study '{study.Name}' has no parts");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in study.Parts)
        {
            if (!StudyNames.IsValid(part.Name))
                throw new ArgumentException($"study '{study.Name}': part name '{part.Name}' must match {StudyNames.Pattern}");
            if (!names.Add(part.Name))
                throw new ArgumentException($"study '{study.Name}': part '{part.Name}' appears twice");
        }
        _studies.Add(study);
        return this;
    }

    /// <summary>The study named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="UnknownNameException">No such study; the message lists the registered names.</exception>
    public IStudy Find(string name) =>
        TryFind(name, out var study) ? study : throw new UnknownNameException("study", name, [.. _studies.Select(s => s.Name)]);

    /// <summary>Looks a study up by name (case-insensitive).</summary>
    public bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IStudy? study)
    {
        study = _studies.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        return study is not null;
    }

    /// <summary>The part of <paramref name="study"/> named <paramref name="partName"/> (case-insensitive).</summary>
    /// <exception cref="UnknownNameException">No such part; the message lists the study's parts.</exception>
    public static IStudyPart FindPart(IStudy study, string partName) =>
        study.Parts.FirstOrDefault(p => string.Equals(p.Name, partName, StringComparison.OrdinalIgnoreCase))
        ?? throw new UnknownNameException("part", partName, [.. study.Parts.Select(p => p.Name)], $"in study '{study.Name}'");
}
