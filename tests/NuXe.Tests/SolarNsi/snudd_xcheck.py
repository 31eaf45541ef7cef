# Independent cross-check run of SNuDD (github.com/SNuDD/SNuDD, commit 11622ded104994959a649d85e263c2d9f933ea74) for
# SolarNsiCrossCheckTests. Run with SNuDD unpacked in /tmp/snudd and Debian python3-numpy/scipy/pandas:
#   /usr/bin/python3 tests/NuXe.Tests/SolarNsi/snudd_xcheck.py
# Not run by the test suite (the tests hold its printed numbers).
import sys, numpy as np
sys.path.insert(0, '/tmp/snudd')
from snudd import models, config
from snudd.nsi import nsi_probabilities as npb, oscillation as osc, flux_dists
p = osc.OscillationParameters(7.41e-5*1e-18, 2.511e-3*1e-18, np.arcsin(np.sqrt(0.303)), np.arcsin(np.sqrt(0.02203)), np.arcsin(np.sqrt(0.572)), 197*np.pi/180)
keys = list(flux_dists.dist_dict.keys())
print("keys", keys)
pts = [(eps, eta, phi) for eps, eta, phi in [(0.0,0,np.pi/2), (-0.5,0,np.pi/2), (0.3,0,np.pi/2), (0.5,np.pi/2,0), (0.5,0,0)]]
for eps, eta, phi in pts:
    m = models.GeneralNSI(np.array([[eps,0,0],[0,0,0],[0,0,0]]), eta, phi)
    c = npb.SolarDensityMatrixCalculator(m, osc_params=p)
    E = np.array([0.3, 0.8613, 5.0, 10.0])*1e-3
    for nu in keys:
        if nu not in ('pp','8B','7Be_8613','7Be','be7'): continue
        r = c.density(E, nu)
        print(f"{eps} {eta:.3f} {phi:.3f} {nu} " + " ".join(f"{x:.6f}" for x in np.real(r[:,0,0])))

# cross-section matrix: ratio Tr[rho dsigma(eps)] / Tr[rho dsigma(0)] at T = 10 keV, E = 861.3 keV
rho = np.array([[0.55, 0.05+0.02j, 0.01-0.03j],[0.05-0.02j, 0.20, 0.04+0.01j],[0.01+0.03j, 0.04-0.01j, 0.25]])
eps = np.array([[0.1, 0.05+0.03j, 0.0],[0.05-0.03j, 0.0, 0.0],[0.0, 0.0, -0.2]])
T, E = 10e-6, 0.8613e-3
sm = models.GeneralNSI(np.zeros((3,3)), 0, np.pi/2).electron_cross_section_flavour(np.array([T]), np.array([E]))
ns = models.GeneralNSI(eps, 0, np.pi/2).electron_cross_section_flavour(np.array([T]), np.array([E]))
r0 = np.real(np.trace(rho @ np.squeeze(sm))); r1 = np.real(np.trace(rho @ np.squeeze(ns)))
print("xsec ratio", f"{r1/r0:.8f}", "sin2w", config.sin_weak if hasattr(config,'sin_weak') else '?')
