using NuXe.Cli;

return CliApp.Run(args);
