#!/usr/bin/env python3
"""Convert the B16/PEANUTS solar-neutrino inputs in ../shared/data into the uniform CSVs of data/solar/.

Run from the repository root:  python3 data/solar/convert_b16.py [path/to/shared/data]
Pure standard library (no numpy). See data/solar/PROVENANCE.md for what is done and why.
"""
import os
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
B16 = os.path.join(SRC, "solar-nu-b16-peanuts")
OUT = os.path.dirname(os.path.abspath(__file__))
SOURCES = ["pp", "pep", "hep", "be7", "b8", "n13", "o15", "f17"]  # row/column order of the B16 files


def rows(path, sep=","):
    out = []
    for line in open(path):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        out.append([float(x) for x in (s.split(sep) if sep else s.split())])
    return out


def trapz(x, y):
    return sum(0.5 * (y[i] + y[i - 1]) * (x[i] - x[i - 1]) for i in range(1, len(x)))


def write(name, header, table, fmt):
    with open(os.path.join(OUT, name), "w", newline="\n") as f:
        f.write(header + "\n")
        for r in table:
            f.write(",".join(fmt(v) for v in r) + "\n")


# 1. Total fluxes: fluxes_b16.dat rows are pp, pep, hep, 7Be, 8B, 13N, 15O, 17F (NOT the header's order);
#    units per row from the header; the "+/-sigma" columns are fractional uncertainties.
unit = {"pp": 1e10, "pep": 1e8, "hep": 1e3, "be7": 1e9, "b8": 1e6, "n13": 1e8, "o15": 1e8, "f17": 1e6}
fl = rows(os.path.join(B16, "fluxes_b16.dat"), sep=None)
assert len(fl) == 8
IDS = "source_id: " + ", ".join(f"{i} {s}" for i, s in enumerate(SOURCES))  # = NuXe.Sources.Solar.SolarSource values
with open(os.path.join(OUT, "fluxes_b16.csv"), "w", newline="\n") as f:
    f.write("# B16 SSM total fluxes at Earth (Vinyoles et al., ApJ 835 (2017) 202, Table 6); frac_unc = fractional 1 sigma.\n")
    f.write("# " + IDS + "\n")
    f.write("source_id,gs98_flux_per_cm2_per_s,gs98_frac_unc,agss09met_flux_per_cm2_per_s,agss09met_frac_unc\n")
    for i, (s, r) in enumerate(zip(SOURCES, fl)):
        f.write(f"{i},{r[0] * unit[s]:.4g},{r[1]:g},{r[2] * unit[s]:.4g},{r[3]:g}\n")

# 2. Spectral shapes: MeV -> keV, renormalised so that the trapezoid integral over keV is exactly 1
#    (the ContinuousSpectrum convention). A leading (0, 0) point is added where the table starts above 0;
#    trailing zero rows beyond the first zero at the endpoint are dropped.
shapes = {"pp": "pp_shape.csv", "hep": "hep_shape.csv", "n13": "n13_shape.csv", "o15": "o15_shape.csv",
          "f17": "f17_shape.csv", "b8": "8B_shape_Winter_et_al.csv"}
for s, fn in shapes.items():
    r = rows(os.path.join(B16, fn))
    e = [x[0] * 1000.0 for x in r]
    y = [x[1] for x in r]
    u = [x[2] for x in r] if s == "b8" else None
    if e[0] > 0:
        e.insert(0, 0.0); y.insert(0, 0.0)
        if u is not None: u.insert(0, 0.0)
    last = max(i for i, v in enumerate(y) if v > 0) + 1  # keep the first zero after the last positive value
    e, y = e[: last + 1], y[: last + 1]
    if u is not None: u = u[: last + 1]
    norm = trapz(e, y)
    print(f"{s}: {len(e)} points, 0..{e[-1]:g} keV, original integral (per keV) {norm:.7g} -> renormalised to 1")
    y = [v / norm for v in y]
    if u is None:
        write(f"shape_{s}.csv", "E_keV,dN_dE_per_keV", zip(e, y), lambda v: f"{v:.9g}")
    else:
        u = [v / norm for v in u]
        write(f"shape_{s}.csv", "E_keV,dN_dE_per_keV,sigma_dN_dE_per_keV", zip(e, y, u), lambda v: f"{v:.9g}")

# 3. Production-region distributions and electron density: nudistr_b16_*.dat columns 1, 3, 5-12.
for model, fn in [("gs98", "nudistr_b16_gs98.dat"), ("agss09met", "nudistr_b16_agss09.dat")]:
    r = rows(os.path.join(B16, fn), sep=None)
    assert len(r) == 1000 and all(len(x) == 12 for x in r)
    table = [[x[0], x[2]] + x[4:12] for x in r]
    rr = [x[0] for x in table]
    for k, s in enumerate(SOURCES):
        print(f"{model} {s}: integral over r/Rsun = {trapz(rr, [x[2 + k] for x in table]):.6f}")
    write(f"production_b16_{model}.csv",
          "r_Rsun,log10_ne_NA_per_cm3," + ",".join(f"{s}_per_Rsun" for s in SOURCES),
          table, lambda v: f"{v:.6g}")

# 4. Lines (documented constants; see PROVENANCE.md).
with open(os.path.join(OUT, "lines.csv"), "w", newline="\n") as f:
    f.write("# Solar neutrino lines: 7Be (Bahcall, PRD 49 (1994) 3923; 861.3/384.3 keV, 89.7/10.3 %) and pep (1442 keV).\n")
    f.write("# " + IDS + "\n")
    f.write("source_id,E_keV,branching\n")
    f.write("3,861.3,0.897\n3,384.3,0.103\n1,1442,1\n")
