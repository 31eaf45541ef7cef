using NuXe.Physics;
using NuXe.Physics.Cevns;

namespace NuXe.Sources.Solar;

/// <summary>
/// A nuclear-recoil spectrum of solar neutrinos on natural xenon, per tonne-year, tabulated on a log grid of E_nr and
/// mapped to electron-equivalent energy with the Lindhard quenching: dR/dE_ee = (dR/dE_nr) / (dE_ee/dE_nr).
/// </summary>
/// <param name="NuclearRecoilKeV">E_nr grid (keV_nr, increasing).</param>
/// <param name="PerTonneYearPerKeVnr">dR/dE_nr, events/(t·yr·keV_nr).</param>
/// <param name="ElectronEquivalentKeV">E_ee at each node (keV_ee).</param>
/// <param name="PerTonneYearPerKeVee">dR/dE_ee, events/(t·yr·keV_ee).</param>
public sealed record CevnsSpectrum(double[] NuclearRecoilKeV, double[] PerTonneYearPerKeVnr, double[] ElectronEquivalentKeV, double[] PerTonneYearPerKeVee)
{
    /// <summary>Highest E_ee with a non-zero rate (keV_ee).</summary>
    public double EndpointKeVee => ElectronEquivalentKeV[^1];

    /// <summary>dR/dE_ee (events/(t·yr·keV_ee)) at E_ee, log-log interpolation; 0 outside the table.</summary>
    public double AtKeVee(double keVee) => Interp(ElectronEquivalentKeV, PerTonneYearPerKeVee, keVee);

    /// <summary>dR/dE_nr (events/(t·yr·keV_nr)) at E_nr, log-log interpolation; 0 outside the table.</summary>
    public double AtKeVnr(double keVnr) => Interp(NuclearRecoilKeV, PerTonneYearPerKeVnr, keVnr);

    /// <summary>Events per tonne-year above an electron-equivalent threshold (keV_ee), trapezoid in E_nr.</summary>
    public double PerTonneYearAboveKeVee(double thresholdKeVee)
    {
        double s = 0;
        for (int i = 1; i < NuclearRecoilKeV.Length; i++)
        {
            if (ElectronEquivalentKeV[i] <= thresholdKeVee) continue;
            s += 0.5 * (PerTonneYearPerKeVnr[i] + PerTonneYearPerKeVnr[i - 1]) * (NuclearRecoilKeV[i] - NuclearRecoilKeV[i - 1]);
        }
        return s;
    }

    static double Interp(double[] x, double[] y, double v)
    {
        if (!(v >= x[0]) || v > x[^1]) return 0;
        int i = Array.BinarySearch(x, v);
        if (i >= 0) return y[i];
        i = ~i;
        double y0 = y[i - 1], y1 = y[i];
        if (y0 <= 0 || y1 <= 0) return y0 + (y1 - y0) * (v - x[i - 1]) / (x[i] - x[i - 1]);
        double f = Math.Log(v / x[i - 1]) / Math.Log(x[i] / x[i - 1]);
        return y0 * Math.Pow(y1 / y0, f);
    }

    /// <summary>
    /// Fold solar spectra of the given sources (total ν flux, flavour blind) with a ν–nucleus term over natural xenon:
    /// dR/dE_nr = N_atoms/t · 1 yr · Σ_iso abundance ∫ dE dΦ/dE dσ/dT. <paramref name="parameter"/> is μ_ν (μ_B) or q_ν (e)
    /// for the EM terms and ignored for the SM. Lines (⁷Be, pep) are included as δ functions.
    /// Every term has the form C(T) · k(T, E) with k = 1 − T/E − MT/2E² (SM, q_ν) or 1/T − 1/E (μ_ν), so the E integral
    /// is exact through the flux moments M_k = ∫_{E_min} φ E^{-k} dE of <see cref="FluxMoments"/>, evaluated at the
    /// nuclear E_min(T) = (T + √(T² + 2MT))/2 (passed to FluxMoments as the electron recoil whose E_min equals it).
    /// </summary>
    public static CevnsSpectrum Compute(SolarModel model, IEnumerable<SolarSource> sources, CevnsTerm term, double parameter,
        double sin2ThetaW, LindhardQuenching quenching, int points = 160)
    {
        var isos = XenonIsotopes.Natural;
        var src = sources.Distinct().ToArray();
        var moments = src.Select(s => new FluxMoments(SolarFlux.Unoscillated(model, s))).ToArray();
        double emax = src.Max(SolarSpectra.EndpointKeV);
        double tmax = CevnsCrossSection.MaxRecoilKeV(emax, isos.Min(i => i.NuclearMassKeV));
        const double tmin = 1e-4;
        double gf = Constants.FermiConstantPerKeV2, a2 = Constants.FineStructure * Constants.FineStructure, me = Constants.ElectronMassKeV;
        var tNr = new double[points];
        var rate = new double[points];
        double norm = XenonTarget.AtomsPerTonne * Constants.SecondsPerYear * Constants.HbarC2KeV2Cm2;
        for (int k = 0; k < points; k++)
        {
            double t = tmin * Math.Pow(tmax / tmin, k / (points - 1.0));
            if (k == points - 1) t = tmax * (1 - 1e-9);
            tNr[k] = t;
            double sum = 0;
            foreach (var iso in isos)
            {
                double m = iso.NuclearMassKeV, emin = CevnsCrossSection.MinNeutrinoEnergyKeV(t, m);
                if (emin >= emax) continue;
                double electronRecoil = Kinematics.MaxRecoilKeV(emin); // FluxMoments.At(T_e) integrates from E_min,e(T_e) = emin
                double m0 = 0, m1 = 0, m2 = 0;
                foreach (var fm in moments) { var (x0, x1, x2) = fm.At(electronRecoil); m0 += x0; m1 += x1; m2 += x2; }
                double f = CevnsCrossSection.HelmFormFactor(Math.Sqrt(2 * m * t), iso.A), f2 = f * f;
                double perIso = term switch
                {
                    CevnsTerm.StandardModel => gf * gf * m / (4 * Math.PI) * Math.Pow(CevnsCrossSection.WeakCharge(iso, sin2ThetaW), 2) * f2 * (m0 - t * m1 - 0.5 * m * t * m2),
                    CevnsTerm.MagneticMoment => Math.PI * a2 / (me * me) * parameter * parameter * iso.Z * iso.Z * f2 * (m0 / t - m1),
                    CevnsTerm.MillichargeInterference => Math.Abs(gf * gf * m / (4 * Math.PI) * 2 * (2 * iso.A * sin2ThetaW)
                        * (2 * Math.Sqrt(2) * Math.PI * Constants.FineStructure * iso.Z * parameter / (gf * m * t)) * f2 * (m0 - 0.5 * m * t * m2)),
                    _ => 2 * Math.PI * a2 * parameter * parameter * iso.Z * iso.Z / (m * t * t) * f2 * (m0 - t * m1 - 0.5 * m * t * m2),
                };
                sum += iso.Abundance * Math.Max(perIso, 0);
            }
            rate[k] = sum * norm;
        }
        var tee = tNr.Select(quenching.ElectronEquivalentKeV).ToArray();
        var ree = tNr.Select((t, k) => rate[k] / quenching.Jacobian(t)).ToArray();
        return new CevnsSpectrum(tNr, rate, tee, ree);
    }
}
