#!/usr/bin/env python3
"""Curate the Caddell-Flambaum-Roberts Xe ionisation factor K(E, q) (vector, Gamma = 1) into a uniform CSV.

Input : ../shared/data/xe-ionisation-roberts2023/K_Xe_hf_v_6_hp_orth_mat.txt (atomic units; see PROVENANCE.md).
Output: data/atomic/xe_ionisation_K_roberts2023.csv with columns E_keV,q_keV,K (K dimensionless).
Trim  : every 2nd energy of the 256-point log grid (128 energies, 0.005-10 keV, ratio 1.0612 between neighbours);
        momentum transfers q <= 50 a.u. (186 keV), every 2nd point of the 1024-point log grid (ratio 1.0213).
        Above 50 a.u. the table is unusable anyway (max_L = 6 multipoles; see PROVENANCE.md) and NuXe only integrates
        K below the matching momentum q_c (a few a.u.).
Units : E_keV = E[E_H] * 0.0272113862460 keV; q_keV = q[1/a0] * 3.72894 keV (alpha m_e c^2, CODATA 2018).
Usage : python3 curate_k_roberts2023.py <input> > xe_ionisation_K_roberts2023.csv
"""
import sys
EH_KEV = 0.0272113862460
QA_KEV = 0.51099895000e3 / 137.035999084
src = sys.argv[1]
lines = [l for l in open(src) if l.strip() and not l.startswith('#')]
E = [float(x) for x in lines[0].split()]
q = [float(x) for x in lines[1].split()]
K = [[float(x) for x in l.split()] for l in lines[2:]]
assert len(E) == 256 and len(q) == 1024 and len(K) == 256 and all(len(r) == 1024 for r in K)
print("# Xe ionisation factor K(E,q) (vector current, relativistic Hartree-Fock), Caddell, Flambaum & Roberts, arXiv:2305.05125;")
print("# github.com/benroberts999/AtomicIonisation commit b448a86a7660808bc5123d8a54e943e5a61994f7, tables/K_Xe_hf_v_6_hp_orth_mat.txt.")
print("# K/E_H (E_H = 0.0272113862 keV) is the charge response per unit energy summed over all 54 electrons. Trimmed: see PROVENANCE.md.")
print("E_keV,q_keV,K")
for i in range(0, 256, 2):
    for j in range(0, 1024, 2):
        if q[j] > 50.0:
            break
        print(f"{E[i]*EH_KEV:.6e},{q[j]*QA_KEV:.6e},{K[i][j]:.5e}")
