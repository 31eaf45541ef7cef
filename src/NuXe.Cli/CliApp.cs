using System.CommandLine;
using System.Globalization;
using NuXe.Cli.Commands;

namespace NuXe.Cli;

/// <summary>The `nuxe` command line: parse, call the library, print a table or JSON. Bad input exits with code 2.</summary>
public static class CliApp
{
    /// <summary>Exit code for bad input (unknown preset, invalid value, malformed file, bad option).</summary>
    public const int BadInput = 2;

    /// <summary>The arguments of the command line being run on this thread (recorded in scan/toy jobs and Slurm scripts).</summary>
    [ThreadStatic] static string[]? _currentArgs;

    /// <summary>The arguments of the command line being run on this thread.</summary>
    public static IReadOnlyList<string> CurrentArgs => _currentArgs ?? [];

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        _currentArgs = args;
        var io = new CliIO(stdout ?? Console.Out, stderr ?? Console.Error);
        if (args is ["--version"]) { io.Out.WriteLine(BuildInfo.VersionLine()); return 0; }
        var root = new RootCommand("nuxe: neutrino-electron scattering in liquid-xenon detectors (51Cr/37Ar sources, solar neutrinos), spectra and sensitivity analyses.");
        root.Subcommands.Add(PresetsCommand.Create(io));
        root.Subcommands.Add(SpectrumCommand.Create(io));
        root.Subcommands.Add(AnalysisCommands.Fit(io));
        root.Subcommands.Add(AnalysisCommands.Profile(io));
        root.Subcommands.Add(AnalysisCommands.Contour(io));
        root.Subcommands.Add(ScanCommands.Scan(io));
        root.Subcommands.Add(ScanCommands.Merge(io));
        root.Subcommands.Add(ScanCommands.ToysCommand(io));
        root.Subcommands.Add(ReproduceCommand.Create(io));

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) io.Err.WriteLine("error: " + e.Message);
            io.Err.WriteLine("run 'nuxe --help' for usage");
            return BadInput;
        }
        try
        {
            var config = new InvocationConfiguration { Output = io.Out, Error = io.Err };
            return parse.Invoke(config);
        }
        catch (NuXeInputException e) { io.Err.WriteLine("error: " + e.Message); return BadInput; }
    }

    /// <summary>Run a command body, mapping bad input to one line on stderr and exit code 2, never a stack trace.</summary>
    public static int Guard(CliIO io, Func<int> body)
    {
        try { return body(); }
        catch (NuXeInputException e) { io.Err.WriteLine("error: " + e.Message); return BadInput; }
        catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException or KeyNotFoundException)
        { io.Err.WriteLine("error: " + e.Message.Split('\n')[0]); return BadInput; }
        catch (Exception e) { io.Err.WriteLine($"internal error ({e.GetType().Name}): {e.Message.Split('\n')[0]}"); return 1; }
    }
}

/// <summary>The writers a command prints to (replaceable in tests).</summary>
public sealed record CliIO(TextWriter Out, TextWriter Err);
