#!/usr/bin/env python3
"""Curate the public xenon ER data sets of ../shared/data into data/experiments/<dataset>/ (run from the repo root:
`python3 data/experiments/curate.py ../shared/data`). Standard library only. Writes, per data set:
  observed.csv         E_lo_keV,E_hi_keV,counts          observed events per reconstructed-energy bin (preset binning)
  background_total.csv E_lo_keV,E_hi_keV,events          published best-fit background (detector level, full exposure,
                                                         INCLUDING the solar-nu ER component; the preset subtracts ours)
  efficiency.csv       T_keV,efficiency                  total efficiency curve as published
See each folder's PROVENANCE.md."""
import math, os, sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)))

def rows(path, sep=None, skip_header=False):
    out = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            parts = [p for p in (s.split(",") if sep == "," else s.replace(",", " ").split())]
            try:
                out.append([float(p) for p in parts])
            except ValueError:
                if skip_header:
                    continue
                raise
    return out

def write(ds, name, header, comment, data, fmt):
    d = os.path.join(OUT, ds)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "w", encoding="utf-8") as f:
        for c in comment:
            f.write("# " + c + "\n")
        f.write(header + "\n")
        for r in data:
            f.write(",".join(fmt(v) for v in r) + "\n")

def g(v):
    return repr(round(v, 10)) if isinstance(v, float) else str(v)

def eff_clean(pts):
    pts = sorted((x, min(max(y, 0.0), 1.0)) for x, y in pts)
    out = []
    for x, y in pts:
        if out and x <= out[-1][0]:
            continue
        out.append((x, y))
    if out[0][0] > 0:
        out.insert(0, (0.0, 0.0))
    return out

def unit_bins(ds, obs, bkg_per_kev, eff, src, lo=0):
    n = len(obs)
    write(ds, "observed.csv", "E_lo_keV,E_hi_keV,counts", [f"observed events per 1 keV bin; source: {src}"],
          [(float(lo + i), float(lo + i + 1), int(round(c))) for i, c in enumerate(obs)], g)
    write(ds, "background_total.csv", "E_lo_keV,E_hi_keV,events",
          [f"published best-fit background, events per bin, detector level, full exposure, INCLUDING solar nu; source: {src}"],
          [(float(lo + i), float(lo + i + 1), b) for i, b in enumerate(bkg_per_kev)], g)
    write(ds, "efficiency.csv", "T_keV,efficiency", [f"total efficiency; source: {src}"], eff_clean(eff), g)

# --- LZ WS2022 and WS2024 (1 keV bins 0-20 keV) ---
for ds, tag in (("lz-2022", "2022"), ("lz-2024", "2024")):
    folder = os.path.join(SRC, "lz-ws%s-er" % tag)
    obs = [r[1] for r in rows(os.path.join(folder, "WS%s_data_hist_data.txt" % tag))]
    bkg = [r[1] for r in rows(os.path.join(folder, "BKG_FIT_WS%s.csv" % tag), ",", skip_header=True)]
    assert len(obs) == 20 and len(bkg) == 20
    eff = [(r[0], r[1]) for r in rows(os.path.join(folder, "WS%s_1DROI_eff_data.txt" % tag))]
    unit_bins(ds, obs, bkg, eff, "../shared/data/lz-ws%s-er" % tag)

# --- XENONnT SR0: 433 unbinned events, 1 keV bins 1-30 keV; B0 in 0.1 keV bins (events/(t yr keV)) ---
XNT_EXPOSURE = 1.16
folder = os.path.join(SRC, "xenonnt-2022-er")
ev = [r[0] for r in rows(os.path.join(folder, "data_unbinned_1to30kev.txt"))]
assert len(ev) == 433
counts = [0] * 29
for e in ev:
    counts[min(int(math.floor(e)) - 1, 28)] += 1
assert sum(counts) == 433
write("xenonnt-2022", "observed.csv", "E_lo_keV,E_hi_keV,counts",
      ["XENONnT SR0 (arXiv:2207.11330) official unbinned events (433) histogrammed in 1 keV bins, 1-30 keV"],
      [(float(1 + i), float(2 + i), c) for i, c in enumerate(counts)], g)
b0 = rows(os.path.join(folder, "bkg_model.txt"))
write("xenonnt-2022", "background_total.csv", "E_lo_keV,E_hi_keV,events",
      ["XENONnT SR0 official best-fit B0 (bkg_model.txt), rate x 0.1 keV x 1.16 t yr; detector level; INCLUDES solar nu"],
      [(round(c - 0.05, 4), round(c + 0.05, 4), r * 0.1 * XNT_EXPOSURE) for c, r in b0], g)
eff = [(r[0], r[1]) for r in rows(os.path.join(folder, "efficiency.txt"))]
write("xenonnt-2022", "efficiency.csv", "T_keV,efficiency", ["XENONnT SR0 official total efficiency (efficiency.txt)"], eff_clean(eff), g)

# --- XENON1T SR1: official data points (rate x 0.6473 t yr = integer counts), 1 keV bins 1-30 keV ---
X1T_EXPOSURE = 0.6473
folder = os.path.join(SRC, "xenon1t-2020-er")
pts = rows(os.path.join(folder, "data_below_30kev.txt"), ",")
cnt = []
for c, r, s in pts:
    n = r * X1T_EXPOSURE
    assert abs(n - round(n)) < 0.05, (c, n)
    cnt.append((c - 0.5, c + 0.5, int(round(n))))
write("xenon1t-2020", "observed.csv", "E_lo_keV,E_hi_keV,counts",
      ["XENON1T SR1 official data points (data_below_30kev.txt, arXiv:2006.09721 Fig. 4): counts = rate x 0.6473 t yr (integers)"], cnt, g)
curve = sorted(rows(os.path.join(folder, "xenon1t_bkg_model_fig4.dat")))
edges = [curve[0][0] - 0.5 * (curve[1][0] - curve[0][0])]
for i in range(len(curve) - 1):
    edges.append(0.5 * (curve[i][0] + curve[i + 1][0]))
edges.append(min(curve[-1][0] + 0.5 * (curve[-1][0] - curve[-2][0]), 30.0))
write("xenon1t-2020", "background_total.csv", "E_lo_keV,E_hi_keV,events",
      ["XENON1T SR1 B0 curve of Fig. 4 (digitised, xenon1t_bkg_model_fig4.dat), events = rate x cell width x 0.6473 t yr;",
       "cells between midpoints of the digitised points; detector level; INCLUDES solar nu (fixed 220.7 events in 1-210 keV in the paper)"],
      [(max(edges[i], 0.0), edges[i + 1], max(curve[i][1], 0.0) * (edges[i + 1] - max(edges[i], 0.0)) * X1T_EXPOSURE) for i in range(len(curve))], g)
eff = [(r[0], r[3]) for r in rows(os.path.join(folder, "efficiency.txt"), ",")]
write("xenon1t-2020", "efficiency.csv", "T_keV,efficiency", ["XENON1T SR1 official total efficiency (efficiency.txt column 4)"], eff_clean(eff), g)

# --- PandaX-4T Run1 (digitised, 1 keV bins 0-30 keV) ---
folder = os.path.join(SRC, "pandax4t-2024-er")
obs = [r[1] for r in rows(os.path.join(folder, "run1_evts.csv"), ",", skip_header=True)]
bkg = [r[1] for r in rows(os.path.join(folder, "run1_bkg.csv"), ",", skip_header=True)]
eff = [(r[0], r[1]) for r in rows(os.path.join(folder, "efficiency_ER_run1.csv"), ",", skip_header=True)]
assert len(obs) == 30 and len(bkg) == 30
unit_bins("pandax4t-2024", obs, bkg, eff, "../shared/data/pandax4t-2024-er (digitised; counts rounded to integers)")
print("ok")
