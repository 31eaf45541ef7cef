#!/usr/bin/env python3
"""Curate the Henke, Gullikson & Davis (1993) Xe scattering factor f2 into photoabsorption cross sections.

Input : periodictable/xsf/xe.nff from https://github.com/pkienzle/periodictable commit
        b36d7bf9def086c1e5a7a62d29e25d8e79f5a8f2 (public domain; file sha1 of content 6ceb38dd8fd20e94228005c83a342f71721e2d79),
        columns E(eV), f1, f2 (CXRO / B. L. Henke et al., At. Data Nucl. Data Tables 54 (1993) 181).
Output: E_keV, f2, sigma_cm2 for 30 eV <= E <= 30 keV (the range Henke et al. tabulate; below 30 eV f1 = -9999).
        sigma_a = 2 r_0 lambda f2 (read.me of the same folder), r_0 = 2.8179403262e-13 cm, lambda = 12398.419843 eV A / E.
Usage : python3 curate_henke_xe.py xe.nff > xe_photoabsorption_henke1993.csv
"""
import sys
R0_CM = 2.8179403262e-13
HC_EV_ANGSTROM = 12398.419843
print("# Xe photoabsorption cross section per atom from Henke, Gullikson & Davis, ADNDT 54 (1993) 181 (CXRO f2 table);")
print("# via github.com/pkienzle/periodictable commit b36d7bf9def086c1e5a7a62d29e25d8e79f5a8f2 periodictable/xsf/xe.nff (public domain).")
print("# sigma = 2 r0 lambda f2; see PROVENANCE.md.")
print("E_keV,f2,sigma_cm2")
for line in open(sys.argv[1]).read().splitlines()[1:]:
    p = line.split()
    if len(p) != 3:
        continue
    e_ev, f2 = float(p[0]), float(p[2])
    if e_ev < 30.0 or e_ev > 30000.0:
        continue
    sigma = 2 * R0_CM * (HC_EV_ANGSTROM / e_ev) * 1e-8 * f2
    print(f"{e_ev/1000:.7g},{f2:.6g},{sigma:.6e}")
