namespace NuXe;

/// <summary>
/// Bad user input (a preset field, a CLI option, a data file): the message names the field, the value and what is
/// allowed, in one line. The CLI prints it on stderr and exits with code 2.
/// </summary>
public sealed class NuXeInputException : Exception
{
    public string Field { get; }
    public string Value { get; }
    public string Allowed { get; }

    public NuXeInputException(string field, string value, string allowed)
        : base($"{field} = {Shorten(value)}: {allowed}") { Field = field; Value = value; Allowed = allowed; }

    /// <summary>A value as echoed in a message: at most 80 characters (the rest elided).</summary>
    public static string Shorten(string value) => value.Length <= 80 ? value : value[..60] + "…" + value[^15..];

    /// <summary>A message that is not about one field (e.g. a malformed file).</summary>
    public NuXeInputException(string message) : base(message) { Field = ""; Value = ""; Allowed = ""; }
}
