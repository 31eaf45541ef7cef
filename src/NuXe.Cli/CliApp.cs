using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NuXe.Cli.Commands;
using NuXe.Output;

namespace NuXe.Cli;

/// <summary>
/// The `nuxe` command line: parse, call the library, print a table or JSON. Every failure is one line on stderr:
/// exit code 2 for anything the user can fix (bad option or value, malformed or unreadable file, unwritable or invalid
/// --out, disk full, folder in use), exit code 1 only for genuine bugs; never a stack trace.
/// </summary>
public static partial class CliApp
{
    /// <summary>Exit code for bad input (unknown preset, invalid value, malformed file, bad option, unwritable output).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a bug in NuXe.</summary>
    public const int InternalError = 1;

    /// <summary>The arguments of the command line being run on this thread (recorded in scan/toy jobs and Slurm scripts).</summary>
    [ThreadStatic] static string[]? _currentArgs;

    /// <summary>The arguments of the command line being run on this thread.</summary>
    public static IReadOnlyList<string> CurrentArgs => _currentArgs ?? [];

    /// <summary>Longest error line printed (characters); longer messages are cut in the middle.</summary>
    public const int MaxErrorChars = 600;

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, IOutputFileSystem? files = null)
    {
        _currentArgs = args;
        var io = new CliIO(stdout ?? Console.Out, stderr ?? Console.Error, files);
        if (args is ["--version"]) { io.Out.WriteLine(BuildInfo.VersionLine()); return 0; }
        try
        {
            var root = new RootCommand("nuxe: neutrino-electron scattering in liquid-xenon detectors (51Cr/37Ar sources, solar neutrinos), spectra and sensitivity analyses.");
            root.Subcommands.Add(PresetsCommand.Create(io));
            root.Subcommands.Add(SpectrumCommand.Create(io));
            root.Subcommands.Add(OscillationCommand.Create(io));
            root.Subcommands.Add(AnalysisCommands.Fit(io));
            root.Subcommands.Add(AnalysisCommands.Profile(io));
            root.Subcommands.Add(AnalysisCommands.Contour(io));
            root.Subcommands.Add(ScanCommands.Scan(io));
            root.Subcommands.Add(ScanCommands.Merge(io));
            root.Subcommands.Add(ScanCommands.ToysCommand(io));
            root.Subcommands.Add(ReproduceCommand.Create(io));
            root.Subcommands.Add(ValidateCommand.Create(io));

            ParseResult parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                string more = parse.Errors.Count > 1 ? $" (and {parse.Errors.Count - 1} more problem{(parse.Errors.Count > 2 ? "s" : "")})" : "";
                // the most specific problem first: a token the parser did not recognise explains the others
                var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
                io.Err.WriteLine("error: " + OneLine(ParserMessage(first.Message)) + more);
                // the usage hint is a second line only for a person at a terminal
                if (ReferenceEquals(io.Out, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected)
                    io.Err.WriteLine("run 'nuxe --help' for usage");
                return BadInput;
            }
            var config = new InvocationConfiguration { Output = io.Out, Error = io.Err, EnableDefaultExceptionHandler = false };
            return parse.Invoke(config);
        }
        catch (Exception e) { return Report(io, e); }
    }

    /// <summary>Run a command body, mapping every exception to one line on stderr and an exit code (<see cref="Report"/>).</summary>
    public static int Guard(CliIO io, Func<int> body)
    {
        try { return body(); }
        catch (Exception e) { return Report(io, e); }
    }

    /// <summary>One line on stderr for <paramref name="e"/>; returns 2 for user-fixable problems, 1 for bugs.</summary>
    public static int Report(CliIO io, Exception e)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } agg) e = agg.InnerExceptions[0];
        if (e is System.Reflection.TargetInvocationException { InnerException: { } inner }) e = inner;
        (int code, string line) = e switch
        {
            NuXeInputException => (BadInput, e.Message),
            OutputIOException or OutputFolderBusyException => (BadInput, e.Message),
            NonFiniteValueException => (InternalError, e.Message + " (a bug in NuXe: please report it with the command line)"),
            PlotFontMissingException => (BadInput, e.Message),
            PlotRenderException => (InternalError, e.Message + " (a bug in NuXe: please report it)"),
            OperationCanceledException => (130, "cancelled; the output folder keeps its previous complete contents"),
            OutOfMemoryException or InsufficientExecutionStackException =>
                (InternalError, "out of memory: inputs are bounded to prevent this, so it is a bug in NuXe; please report the command line"),
            FileNotFoundException or DirectoryNotFoundException => (BadInput, e.Message),
            UnauthorizedAccessException or PathTooLongException or IOException =>
                (BadInput, "input/output failure: " + OutputIOException.Describe(e) + (e.Message.Contains('/') ? $" ({e.Message})" : "")),
            // the scan/toy folders (issue 15) report user errors as ArgumentException; prefer NuXeInputException in new code
            ArgumentException or FormatException or KeyNotFoundException => (BadInput, e.Message),
            _ => (InternalError, $"internal error ({e.GetType().Name}): {e.Message} (a bug in NuXe: please report it)"),
        };
        try { io.Err.WriteLine("error: " + OneLine(line)); } catch (IOException) { }
        return code;
    }

    /// <summary>
    /// A message as one safe line: first line only, control and invisible characters escaped (binary garbage is never
    /// echoed raw), cut in the middle beyond <see cref="MaxErrorChars"/>.
    /// </summary>
    public static string OneLine(string message)
    {
        var first = message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
        var sb = new StringBuilder(first.Length);
        for (int i = 0; i < first.Length; i++)
        {
            char c = first[i];
            if (char.IsHighSurrogate(c) && i + 1 < first.Length && char.IsLowSurrogate(first[i + 1])) { sb.Append(c).Append(first[++i]); continue; }
            var cat = char.GetUnicodeCategory(c);
            bool unsafeChar = char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' || c == '\uFEFF'
                || cat is UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            if (unsafeChar) sb.Append(c < 0x100 ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
            else sb.Append(c);
        }
        var s = sb.ToString();
        if (s.Length > MaxErrorChars) s = s[..(MaxErrorChars - 120)] + " … " + s[^100..];
        return s;
    }

    [GeneratedRegex(@"System\.Nullable`1\[(?<t>[\w.]+)\]")]
    private static partial Regex NullableType();

    [GeneratedRegex(@"as expected type '(?<t>[^']*)'")]
    private static partial Regex ExpectedType();

    [GeneratedRegex(@"(System\.)(?<t>Double|Single|Int32|Int64|Boolean|String|Decimal)(\[\])?")]
    private static partial Regex SystemType();

    /// <summary>System.CommandLine's message without .NET type names ("System.Nullable`1[System.Double]" → "number").</summary>
    internal static string ParserMessage(string message)
    {
        string Friendly(string t) => t switch
        {
            "System.Double" or "Double" or "System.Single" or "Single" or "System.Decimal" or "Decimal" => "number",
            "System.Int32" or "Int32" or "System.Int64" or "Int64" => "whole number",
            "System.Boolean" or "Boolean" => "true or false",
            _ => "text",
        };
        message = NullableType().Replace(message, m => Friendly(m.Groups["t"].Value));
        message = SystemType().Replace(message, m => Friendly(m.Groups["t"].Value));
        return ExpectedType().Replace(message, m => "as a " + m.Groups["t"].Value);
    }
}

/// <summary>The writers a command prints to and the file system its outputs go to (both replaceable in tests).</summary>
public sealed record CliIO(TextWriter Out, TextWriter Err, IOutputFileSystem? Files = null);
