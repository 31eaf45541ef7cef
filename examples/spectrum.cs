#:project ../src/NuXe/NuXe.csproj
// Example 1 — a spectrum: the Standard-Model signal and background counts of a shipped experiment preset and the first
// bins of its binned spectrum.   dotnet run examples/spectrum.cs [preset]      (default preset: linkxu-A)
using System.Globalization;
using NuXe.Analyses.Spectra;
using NuXe.Presets;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string preset = args.Length > 0 ? args[0] : "linkxu-A";

// Shipped presets are embedded in NuXe.Core: no file or working directory needed.
var loaded = ExperimentPresets.Load(preset);
var s = SpectrumAnalysis.Compute(loaded.Spec);

Console.WriteLine($"{s.Experiment}: {s.FiducialMassTonnes:F3} t, r_avg = {s.RAvgM:F4} m, <R> = {s.MeanActivityMCi:F3} MCi");
Console.WriteLine($"window {s.WindowKeV.Lo}–{s.WindowKeV.Hi} keV (reconstructed energy)");
Console.WriteLine($"  signal {s.Signal.Window,12:F1} events   (all recoil energies: {s.Signal.Total:F1})");
foreach (var b in s.Backgrounds) Console.WriteLine($"  {b.Name,-6} {b.Window,12:F1} events");
Console.WriteLine();
Console.WriteLine("bin [keV]      signal   background");
for (int i = 0; i < Math.Min(5, s.Binning.Count); i++)
{
    double bkg = s.Backgrounds.Sum(b => b.Binned[i]);
    Console.WriteLine($"{s.Binning.Lo(i),4:F0}–{s.Binning.Hi(i),-4:F0} {s.Signal.Binned[i],12:F3} {bkg,12:F3}");
}
// Machine-readable line (the test suite compares it with the library).
Console.WriteLine($"RESULT signal_window={s.Signal.Window.ToString("R", CultureInfo.InvariantCulture)}");
