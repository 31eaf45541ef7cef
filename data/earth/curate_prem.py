#!/usr/bin/env python3
"""Build data/earth/prem_shells.csv: constant-density spherical shells from the PREM density polynomials.

PREM: A. M. Dziewonski and D. L. Anderson, Phys. Earth Planet. Inter. 25 (1981) 297, Table 1 (density rho(x), x = r/6371 km).
Each PREM region is split into sub-shells of at most MAX_KM thickness; a shell's density is the radial mean of the
polynomial over the shell (exact integral). The 3 km ocean layer is replaced by the 2.6 g/cm3 upper crust (all sites
of interest are continental). Y_e = 0.466 in the core (r < 3480 km) and 0.494 in the mantle and crust (the values
used by SNuDD and most solar day/night analyses). Standard library only; run from the repository root:
    python3 data/earth/curate_prem.py > data/earth/prem_shells.csv
"""
R = 6371.0
MAX_KM = 1200.0
regions = [  # (r_in km, r_out km, coefficients a, b, c, d of rho = a + b x + c x^2 + d x^3 in g/cm3)
    (0.0, 1221.5, (13.0885, 0.0, -8.8381, 0.0)),
    (1221.5, 3480.0, (12.5815, -1.2638, -3.6426, -5.5281)),
    (3480.0, 5701.0, (7.9565, -6.4761, 5.5283, -3.0807)),
    (5701.0, 5771.0, (5.3197, -1.4836, 0.0, 0.0)),
    (5771.0, 5971.0, (11.2494, -8.0298, 0.0, 0.0)),
    (5971.0, 6151.0, (7.1089, -3.8045, 0.0, 0.0)),
    (6151.0, 6346.6, (2.6910, 0.6924, 0.0, 0.0)),
    (6346.6, 6356.0, (2.900, 0.0, 0.0, 0.0)),
    (6356.0, 6371.0, (2.600, 0.0, 0.0, 0.0)),
]

def mean(c, r0, r1):
    x0, x1 = r0 / R, r1 / R
    F = lambda x: c[0] * x + c[1] * x**2 / 2 + c[2] * x**3 / 3 + c[3] * x**4 / 4
    return (F(x1) - F(x0)) / (x1 - x0)

print("# Constant-density shells of PREM (Dziewonski & Anderson 1981); see PROVENANCE.md. Built by curate_prem.py.")
print("r_inner_km,r_outer_km,density_g_per_cm3,electron_fraction_Ye")
for r0, r1, c in regions:
    n = max(1, int(-(-(r1 - r0) // MAX_KM)))
    for k in range(n):
        a = r0 + (r1 - r0) * k / n
        b = r0 + (r1 - r0) * (k + 1) / n
        ye = 0.466 if b <= 3480.0 else 0.494
        print(f"{a:.1f},{b:.1f},{mean(c, a, b):.4f},{ye}")
