using System.CommandLine;
using NuXe.Presets;

namespace NuXe.Cli.Commands;

/// <summary>`nuxe presets [show NAME]`: list the shipped presets, or print one so a user can copy and edit it.</summary>
public static class PresetsCommand
{
    public static Command Create(CliIO io)
    {
        var cmd = new Command("presets", "List the shipped experiment presets with a one-line description.");
        cmd.SetAction(_ => CliApp.Guard(io, () =>
        {
            var list = ExperimentPresets.List();
            int w = list.Max(p => p.Name.Length);
            foreach (var (name, description) in list) io.Out.WriteLine($"{name.PadRight(w)}  {description}");
            return 0;
        }));
        var nameArg = new Argument<string>("name") { Description = "Preset name." };
        var show = new Command("show", "Print a shipped preset's TOML (copy it, edit it, run it by path).") { nameArg };
        show.SetAction(p => CliApp.Guard(io, () => { io.Out.Write(ExperimentPresets.ShippedText(p.GetValue(nameArg)!)); return 0; }));
        cmd.Subcommands.Add(show);
        return cmd;
    }
}
