using NuXe.Cli;

// Fast path: `nuxe --version` needs neither the command tree nor the library (start-up budget, issue 17).
if (args is ["--version"])
{
    Console.Out.WriteLine(BuildInfo.VersionLine());
    return 0;
}
return CliApp.Run(args);
