#!/usr/bin/env python3
"""Writes the bad-input corpus (corpus/*) and its table (cases.tsv). Run once; the outputs are committed.
Each case: id, expected exit code, a fragment the single stderr line must contain, then the arguments (tab-separated).
Placeholders in arguments: {c} = corpus folder, {t} = a fresh empty temporary folder for the case, {f} = an existing
regular file, {long} = a 300-character folder name. Escapes \\xNN in arguments are decoded (binary garbage)."""
import os, shutil
here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, "corpus")
shutil.rmtree(corpus, ignore_errors=True); os.makedirs(corpus)
cases = []
def case(cid, code, frag, *args): cases.append((cid, code, frag, list(args)))
def write(name, text, binary=False):
    with open(os.path.join(corpus, name), "wb" if binary else "w") as f: f.write(text)

# ---------- base preset (lz-2022 with local data files), data tables ----------
repo = os.path.abspath(os.path.join(here, "..", "..", ".."))
def read_data(rel): return [l for l in open(os.path.join(repo, "data", rel)) if l.strip() and not l.startswith("#")]
eff = read_data("experiments/lz-2022/efficiency.csv")
bkg = read_data("experiments/lz-2022/background_total.csv")
obs = read_data("experiments/lz-2022/observed.csv")
BASE = """[experiment]
name = "corpus-lz"
description = "lz-2022 with local data files (bad-input corpus)"

[physics]
couplings = "radiative"
atomic = "stepping"

[detector]
mass_t = 5.5
tonne_years = 0.9

[response]
resolution = "sqrt"
resolution_a = 0.33
threshold_kev = 0.0
efficiency = "{eff}"
bin_lo_kev = 0.0
bin_hi_kev = 20.0
bin_width_kev = 1.0

[solar]
components = ["pp", "be7"]
pee = "msw"
role = "signal"

[backgrounds.tabulated]
file = "{bkg}"
subtract_solar = false
"""
write("good_eff.csv", "".join(eff)); write("good_bkg.csv", "".join(bkg)); write("good_obs.csv", "".join(obs))
def table(lines, i, col, value):
    rows = [l.rstrip("\n").split(",") for l in lines]
    rows[i][col] = value
    return "\n".join(",".join(r) for r in rows) + "\n"

# ---------- D: TOML preset files ----------
def preset(name, text): write(name, text); return "{c}/" + name
case("toml-dup-key", 2, "already defined", "spectrum", preset("dup_key.toml", BASE.format(eff="good_eff.csv", bkg="good_bkg.csv").replace("mass_t = 5.5", "mass_t = 5.5\nmass_t = 6.0")))
case("toml-dup-table", 2, "already defined", "spectrum", preset("dup_table.toml", BASE.format(eff="good_eff.csv", bkg="good_bkg.csv") + "\n[detector]\nlive_days = 3\n"))
case("toml-dup-quoted", 2, "already defined", "spectrum", preset("dup_quoted.toml", BASE.format(eff="good_eff.csv", bkg="good_bkg.csv").replace('name = "corpus-lz"', 'name = "corpus-lz"\n"name" = "again"')))
case("toml-syntax", 2, "malformed TOML", "spectrum", preset("syntax.toml", "[experiment]\nname = \n"))
case("toml-not-toml", 2, "malformed TOML", "spectrum", preset("prose.toml", "this is not toml at all\n"))
case("toml-unclosed-table", 2, "malformed TOML", "spectrum", preset("unclosed.toml", "[experiment\nname = \"x\"\n"))
case("toml-binary", 2, "binary file", "spectrum", preset("binary.toml", b"\x00\x01\x02\xff\xfe[experiment]\x00", ) if False else "{c}/binary.toml")
write("binary.toml", b"\x00\x01\x02\xff\xfe[experiment]\x00garbage\x1b[31m", binary=True)
case("toml-empty", 2, "experiment.name", "spectrum", preset("empty.toml", ""))
case("toml-missing-name", 2, "experiment.name", "spectrum", preset("no_name.toml", BASE.format(eff="good_eff.csv", bkg="good_bkg.csv").replace('name = "corpus-lz"\n', "")))
case("toml-unknown-key", 2, "unknown key 'detector.colour'", "spectrum", preset("unknown_key.toml", BASE.format(eff="good_eff.csv", bkg="good_bkg.csv").replace("mass_t = 5.5", "mass_t = 5.5\ncolour = 3")))
case("toml-string-for-number", 2, "detector.mass_t = heavy: must be a number", "spectrum", preset("string_number.toml", BASE.format(eff="good_eff.csv", bkg="good_bkg.csv").replace("mass_t = 5.5", 'mass_t = "heavy"')))
case("toml-nan", 2, "must be a finite number", "spectrum", preset("nan.toml", BASE.format(eff="good_eff.csv", bkg="good_bkg.csv").replace("mass_t = 5.5", "mass_t = nan")))
case("toml-inf", 2, "must be a finite number", "spectrum", preset("inf.toml", BASE.format(eff="good_eff.csv", bkg="good_bkg.csv").replace("mass_t = 5.5", "mass_t = inf")))
case("toml-huge-mass", 2, "detector.mass_t = 1E+308", "spectrum", preset("huge_mass.toml", BASE.format(eff="good_eff.csv", bkg="good_bkg.csv").replace("mass_t = 5.5", "mass_t = 1e308")))
case("toml-missing-file", 2, "file not found", "spectrum", "{c}/does_not_exist.toml")
case("toml-folder", 2, "preset", "spectrum", "{t}/")
case("toml-bool-for-int", 2, "must be an integer", "spectrum", "coloma2014", "--set", "source.deployments=true")
case("toml-float-deployments", 2, "must be an integer", "spectrum", "coloma2014", "--set", "source.deployments=1.5")

# ---------- F: efficiency tables ----------
def eff_case(cid, frag, text):
    write(f"eff_{cid}.csv", text)
    case(f"eff-{cid}", 2, frag, "spectrum", preset(f"eff_{cid}.toml", BASE.format(eff=f"eff_{cid}.csv", bkg="good_bkg.csv")))
eff_case("above1", "must be between 0 and 1", table(eff, 10, 1, "1.5"))
eff_case("negative", "must be between 0 and 1", table(eff, 10, 1, "-0.1"))
eff_case("nan", "not a finite number", table(eff, 10, 1, "NaN"))
eff_case("inf", "not a finite number", table(eff, 10, 1, "Infinity"))
eff_case("decreasing", "strictly increasing", table(eff, 10, 0, "0.1"))
eff_case("repeated-energy", "strictly increasing", table(eff, 3, 0, table(eff, 0, 0, "x").split("\n")[2].split(",")[0]))
eff_case("header-only", "no data rows", eff[0])
eff_case("empty", "no header line", "")
eff_case("comments-only", "no header line", "# nothing here\n# still nothing\n")
eff_case("missing-column", "has no column 'efficiency'", "T_keV,eff\n0,0.5\n1,0.6\n")
eff_case("text-cell", "is not a number", table(eff, 5, 1, "high"))
eff_case("short-row", "the header has 2 columns", "".join(eff[:5]) + "3.0\n" + "".join(eff[5:]))
eff_case("long-row", "the header has 2 columns", "".join(eff[:5]) + "3.0,0.5,7\n" + "".join(eff[5:]))
eff_case("energy-too-high", "between 0 and 20000", "T_keV,efficiency\n0,0.5\n1e9,0.6\n")
eff_case("numeric-header", "header of column names", "0.0,0.5\n1.0,0.6\n")
eff_case("dup-column", "appears twice", "T_keV,T_keV\n0,0.5\n")
case("eff-missing-file", 2, "not found", "spectrum", preset("eff_missing.toml", BASE.format(eff="no_such_eff.csv", bkg="good_bkg.csv")))
case("eff-number-above1", 2, "response.efficiency = 1.5", "spectrum", "coloma2014", "--set", "response.efficiency=1.5")
case("eff-number-negative", 2, "response.efficiency = -0.5", "spectrum", "coloma2014", "--set", "response.efficiency=-0.5")

# ---------- G: tabulated backgrounds ----------
def bkg_case(cid, frag, text):
    write(f"bkg_{cid}.csv", text)
    case(f"bkg-{cid}", 2, frag, "spectrum", preset(f"bkg_{cid}.toml", BASE.format(eff="good_eff.csv", bkg=f"bkg_{cid}.csv")))
bkg_case("negative", "must be ≥ 0", table(bkg, 4, 2, "-3"))
bkg_case("nan", "not a finite number", table(bkg, 4, 2, "nan"))
bkg_case("reversed-bin", "must be larger than E_lo_keV", table(bkg, 4, 1, "2.5"))
bkg_case("decreasing", "strictly increasing", table(table(bkg, 4, 0, "1.5").splitlines(True), 4, 1, "1.8"))
bkg_case("overlap", "overlaps the previous bin", table(bkg, 4, 0, "2.5"))
bkg_case("header-only", "no data rows", bkg[0])
bkg_case("missing-column", "has no column 'events'", "E_lo_keV,E_hi_keV,counts\n0,1,3\n")
bkg_case("binary", "binary", "E_lo_keV,E_hi_keV,events\n0,1,\x00\x01\n")
bkg_case("too-high", "bins must lie within", "E_lo_keV,E_hi_keV,events\n0,1,3\n1,1e8,4\n")

# ---------- E: observed data (--data) on lz-2022 (20 bins of 1 keV from 0) ----------
def data_case(cid, frag, text, *extra):
    write(f"data_{cid}.csv", text)
    case(f"data-{cid}", 2, frag, "fit", "lz-2022", "--data", f"{{c}}/data_{cid}.csv", *extra)
data_case("negative-count", "line 5, column 'counts': -3 must be ≥ 0", table(obs, 4, 2, "-3"))
data_case("negative-count-poisson", "must be ≥ 0", table(obs, 4, 2, "-1"), "--statistic", "poisson")
data_case("nan-count", "not a finite number", table(obs, 4, 2, "NaN"))
data_case("inf-count", "not a finite number", table(obs, 4, 2, "Infinity"))
data_case("inf-short-count", "'inf' is not a number", table(obs, 4, 2, "inf"))
data_case("minus-inf-count", "not a finite number", table(obs, 4, 2, "-Infinity"))
data_case("text-count", "'many' is not a number", table(obs, 4, 2, "many"))
data_case("empty-cell", "'' is not a number", table(obs, 4, 2, ""))
data_case("header-only", "no data rows", obs[0])
data_case("empty", "no header line", "")
data_case("no-header", "header of column names", "".join(obs[1:]))
data_case("missing-counts", "has no column 'counts'", "".join(obs).replace("counts", "events"))
data_case("too-few-rows", "has 19 rows", "".join(obs[:-1]).replace("E_lo_keV,E_hi_keV,", "").replace("\n", "\n") if False else "counts\n" + "1\n" * 19)
data_case("too-many-rows", "has 21 rows", "counts\n" + "1\n" * 21)
data_case("bins-mismatch-count", "has 19 bins", "".join(obs[:-1]))
data_case("reversed-bins", "strictly increasing", table(table(obs, 3, 0, "5.0").splitlines(True), 3, 1, "6.0"))
data_case("bin-hi-below-lo", "must be larger than E_lo_keV", table(obs, 3, 1, "1.5"))
data_case("edges-shifted", "does not match experiment 'lz-2022'", "".join([obs[0]] + [",".join([str(float(r.split(",")[0]) + 0.5), str(float(r.split(",")[1]) + 0.5), r.split(",")[2]]) for r in obs[1:]]))
data_case("overlap", "overlaps the previous bin", table(obs, 3, 0, "1.5"))
data_case("lo-without-hi", "but not 'E_hi_keV'", "E_lo_keV,counts\n" + "".join(f"{i},1\n" for i in range(20)))
data_case("sigma-zero", "column 'sigma': 0 must be > 0", "counts,sigma\n" + "".join("5,0\n" if i == 3 else "5,1\n" for i in range(20)))
data_case("sigma-negative", "must be > 0", "counts,sigma\n" + "".join("5,-2\n" if i == 3 else "5,1\n" for i in range(20)))
data_case("sigma-nan", "not a finite number", "counts,sigma\n" + "".join("5,nan\n" if i == 3 else "5,1\n" for i in range(20)))
data_case("binary", "binary", "counts\n\x00\x00\x00\n", )
data_case("dup-column", "appears twice", "counts,counts\n" + "1,1\n" * 20)
data_case("empty-header-name", "header column 2 is empty", "counts,\n" + "1,1\n" * 20)
data_case("short-row", "the header has 3 columns", table(obs, 4, 2, "3").replace("3.0,4.0,3\n", "3.0,4.0\n"))
case("data-missing-file", 2, "not found", "fit", "lz-2022", "--data", "{c}/no_such_data.csv")
case("data-folder", 2, "is a folder", "fit", "lz-2022", "--data", "{t}")
case("data-profile-negative", 2, "must be ≥ 0", "profile", "lz-2022", "--param", "sin2w", "--data", "{c}/data_negative-count.csv")
case("data-contour-nan", 2, "not a finite number", "contour", "lz-2022", "--model", "gvga", "--param", "gV", "--param2", "gA", "--data", "{c}/data_nan-count.csv")

# ---------- B: preset numeric bounds through --set (huge, negative, zero where > 0) ----------
def bound(cid, key, value, frag, preset_name="coloma2014", cmd="spectrum"):
    case(f"bound-{cid}", 2, frag, cmd, preset_name, "--set", f"{key}={value}")
for key, frag in [("source.activity_mci", "between 0 and 1000 MCi"), ("source.run_days", "≤ 36525 days"),
                  ("source.flux_per_mci_at_1m", "≤ 1E+17"), ("source.distance_below_m", "≤ 1000 m"),
                  ("detector.height_m", "≤ 1000 m"), ("detector.diameter_m", "≤ 1000 m"), ("detector.density_g_cm3", "≤ 30 g/cm³"),
                  ("detector.electrons", "≤ 1E+37"), ("detector.live_days", "days"),
                  ("backgrounds.xe136.scale", "between 0 and 1E+06"), ("backgrounds.xe136.half_life_yr", "between 1E+18 and 1E+30 yr"),
                  ("backgrounds.kr85.natkr_ppt", "between 0 and 1E+06 ppt"), ("backgrounds.kr85.kr85_per_kr", "between 0 and 1E-06"),
                  ("backgrounds.kr85.scale", "between 0 and 1E+06"), ("backgrounds.rn222.activity_ubq_per_kg", "µBq/kg"),
                  ("backgrounds.rn222.rate_per_t_yr_kev_per_ubq_kg", "between 0 and 1E+06"), ("backgrounds.rn222.scale", "between 0 and 1E+06"),
                  ("backgrounds.rn222.max_kev", "≤ 3270 keV"), ("response.resolution_a", "between 0 and 1000"),
                  ("response.bin_hi_kev", "≤ 20000 keV"), ("response.threshold_kev", "maximum recoil energy"),
                  ("response.bin_lo_kev", "between 0 and 20000 keV")]:
    bound(key.replace(".", "-") + "-1e308", key, "1e308", key + " = 1E+308")
for key in ["source.activity_mci", "source.run_days", "source.flux_per_mci_at_1m", "detector.height_m", "detector.diameter_m",
            "detector.density_g_cm3", "backgrounds.xe136.scale", "backgrounds.kr85.natkr_ppt", "backgrounds.rn222.max_kev",
            "response.resolution_a", "response.bin_width_kev", "response.threshold_kev", "physics.sin2w"]:
    bound(key.replace(".", "-") + "-negative", key, "-1", key + " = -1")
for key in ["source.activity_mci", "source.run_days", "detector.height_m", "response.bin_width_kev"]:
    bound(key.replace(".", "-") + "-nan", key, "nan", "must be a finite number")
    bound(key.replace(".", "-") + "-inf", key, "inf", "must be a finite number")
bound("source-run_days-zero", "source.run_days", "0", "must be > 0")
bound("detector-height-zero", "detector.height_m", "0", "must be > 0")
bound("deployments-huge", "source.deployments", "100000", "between 1 and 1000")
bound("deployments-zero", "source.deployments", "0", "between 1 and 1000")
bound("deployments-int-overflow", "source.deployments", "99999999999", "must be an integer")
bound("position-huge", "source.position_m", "[0,0,-1e308]", "each coordinate must be between")
bound("position-short", "source.position_m", "[0,0]", "must have 3 numbers")
bound("position-inside", "source.position_m", "[0,0,0]", "outside the detector cylinder")
bound("sin2w-one", "physics.sin2w", "1", "between 0 and 1")
bound("flat-hi-1e7", "backgrounds.flat.hi_kev", "1e7", "≤ 20000 keV")
case("bound-flat-hi-below-lo", 2, "must be > backgrounds.flat.lo_kev", "spectrum", "coloma2014", "--set", "backgrounds.flat.rate_per_kg_kev_day=1e-4", "--set", "backgrounds.flat.lo_kev=10", "--set", "backgrounds.flat.hi_kev=5")
bound("flat-rate-huge", "backgrounds.flat.rate_per_kg_kev_day", "1e308", "between 0 and 1000000")
bound("rn222-max-1e8", "backgrounds.rn222.max_kev", "1e8", "≤ 3270 keV")
bound("bins-1e9", "response.bin_width_kev", "1e-6", "at most 20000")
bound("bins-tiny-width", "response.bin_width_kev", "1e-300", "at most 20000")
bound("window-huge", "response.window_kev", "[2,1e9]", "0 ≤ LO < HI ≤ 20000 keV")
bound("window-reversed", "response.window_kev", "[140,2]", "0 ≤ LO < HI")
bound("mass-huge", "detector.mass_t", "1e308", "detector.mass_t = 1E+308", "solar-xe")
bound("tonne-years-huge", "detector.tonne_years", "1e308", "detector.tonne_years = 1E+308", "solar-xe")
bound("tonne-years-small-mass", "detector.tonne_years", "1e7", "live days", "solar-xe")
bound("solar-scale-huge", "solar.scale", "1e308", "solar.scale = 1E+308", "solar-xe")
bound("solar-pee-above1", "solar.pee", "1.5", "between 0 and 1", "solar-xe")
bound("cevns-quenching-huge", "backgrounds.cevns.quenching_k", "1e9", "must be > 0 and ≤ 1", "solar-xe")
bound("resolution-b-huge", "response.resolution_b", "1e308", "between -1000 and 1000")
bound("activity-1e308-fit", "source.activity_mci", "1e308", "between 0 and 1000 MCi", "coloma2014", "fit")
case("bound-set-malformed", 2, "expected key=value", "spectrum", "coloma2014", "--set", "activity")
case("bound-set-value-is-table", 2, "is a value, not a table", "spectrum", "coloma2014", "--set", "experiment.name.x=1")
case("bound-set-unknown-key", 2, "unknown key 'source.colour'", "spectrum", "coloma2014", "--set", "source.colour=3")
case("bound-atomic-unknown", 2, "physics.atomic", "spectrum", "coloma2014", "--atomic", "quantum")
case("bound-couplings-unknown", 2, "physics.couplings", "spectrum", "coloma2014", "--couplings", "loop")
case("bound-sin2w-option", 2, "physics.sin2w", "spectrum", "coloma2014", "--sin2w", "5")

# ---------- C: CLI energies and counts ----------
case("cli-window-huge", 2, "HI must be ≤ 20000 keV", "spectrum", "coloma2014", "--window", "2:1e9")
case("cli-window-reversed", 2, "needs LO < HI", "spectrum", "coloma2014", "--window", "140:2")
case("cli-window-negative", 2, "LO must be ≥ 0", "spectrum", "coloma2014", "--window", "-5:2")
case("cli-window-garbage", 2, "expected LO:HI", "spectrum", "coloma2014", "--window", "2-140")
case("cli-window-inf", 2, "HI must be ≤ 20000 keV", "spectrum", "coloma2014", "--window", "2:Infinity")
case("cli-window-inf-short", 2, "expected LO:HI", "spectrum", "coloma2014", "--window", "2:inf")
case("cli-window-nan", 2, "--window", "spectrum", "coloma2014", "--window", "nan:3")
case("cli-energies-huge", 2, "between 0 and 20000 keV", "spectrum", "coloma2014", "--points", "1,1e9")
case("cli-energies-negative", 2, "between 0 and 20000 keV", "spectrum", "coloma2014", "--points", "1,-3")
case("cli-energies-nan", 2, "between 0 and 20000 keV", "spectrum", "coloma2014", "--points", "nan")
case("cli-energies-empty", 2, "at least one energy", "spectrum", "coloma2014", "--points", ",")
case("cli-profile-points-1e9", 2, "between 3 and 100001", "profile", "coloma2014", "--param", "sin2w", "--points", "1000000000")
case("cli-profile-points-2", 2, "between 3 and 100001", "profile", "coloma2014", "--param", "sin2w", "--points", "2")
case("cli-profile-points-negative", 2, "between 3 and 100001", "profile", "coloma2014", "--param", "sin2w", "--points", "-7")
case("cli-profile-points-overflow", 2, "as a whole number", "profile", "coloma2014", "--param", "sin2w", "--points", "99999999999")
case("cli-contour-points-1e9", 2, "between 3 and 1001", "contour", "coloma2014", "--model", "gvga", "--param", "gV", "--param2", "gA", "--points", "1000000000")
case("cli-contour-points-5000", 2, "between 3 and 1001", "contour", "coloma2014", "--model", "gvga", "--param", "gV", "--param2", "gA", "--points", "5000")
case("cli-range-inf", 2, "LO and HI must be finite", "profile", "coloma2014", "--param", "sin2w", "--range", "0.1:Infinity")
case("cli-range-reversed", 2, "needs LO < HI", "profile", "coloma2014", "--param", "sin2w", "--range", "0.3:0.2")
case("cli-range-sin2w-outside", 2, "sin2w must be between 0 and 1", "profile", "coloma2014", "--param", "sin2w", "--range", "-5:0.3")
case("cli-range-huge", 2, "between -1000 and 1000", "profile", "coloma2014", "--model", "gvga", "--param", "gV", "--range", "-1e308:1")
case("cli-range-garbage", 2, "expected LO:HI", "profile", "coloma2014", "--param", "sin2w", "--range", "abc")
case("cli-range-log-nonpositive", 2, "needs LO > 0", "profile", "coloma2014", "--param", "sin2w", "--range", "0:0.3", "--log")
case("cli-range2-inf", 2, "--range2", "contour", "coloma2014", "--model", "gvga", "--param", "gV", "--param2", "gA", "--range2", "-inf:1")
case("cli-cl-above1", 2, "--cl = 1.5", "profile", "coloma2014", "--param", "sin2w", "--cl", "1.5")
case("cli-cl-zero", 2, "--cl = 0", "profile", "coloma2014", "--param", "sin2w", "--cl", "0")
case("cli-cl-nan", 2, "--cl = NaN", "profile", "coloma2014", "--param", "sin2w", "--cl", "nan")
case("cli-dof-zero", 2, "--dof = 0", "contour", "coloma2014", "--model", "gvga", "--param", "gV", "--param2", "gA", "--dof", "0")
case("cli-dof-huge", 2, "between 1 and 100", "contour", "coloma2014", "--model", "gvga", "--param", "gV", "--param2", "gA", "--dof", "1000000")
case("cli-mass-negative", 2, "--mass-kev = -1", "fit", "coloma2014", "--model", "zprime-gauge", "--mass-kev", "-1")
case("cli-mass-huge", 2, "≤ 1000000000 keV", "fit", "coloma2014", "--model", "zprime-gauge", "--mass-kev", "1e308")
case("cli-mass-nan", 2, "--mass-kev = NaN", "fit", "coloma2014", "--model", "zprime-gauge", "--mass-kev", "nan")
case("cli-statistic", 2, "must be gaussian or poisson", "fit", "coloma2014", "--statistic", "bayes")
case("cli-flavour", 2, "must be e, mu or tau", "fit", "coloma2014", "--model", "nsi-e", "--flavour", "sterile")
case("cli-model-unknown", 2, "analysis.model", "fit", "coloma2014", "--model", "technicolor")
case("cli-model-infer", 2, "give --model", "profile", "coloma2014", "--param", "mu")
case("cli-param-unknown", 2, "not a parameter of model", "profile", "coloma2014", "--param", "zeta", "--model", "sm")
case("cli-nuisance-format", 2, "expected name=norm", "fit", "coloma2014", "--nuisance", "bkg")
case("cli-nuisance-sigma-zero", 2, "SIGMA must be", "fit", "coloma2014", "--nuisance", "b=norm:background:0")
case("cli-nuisance-sigma-huge", 2, "SIGMA must be", "fit", "coloma2014", "--nuisance", "b=norm:background:1e308")
case("cli-nuisance-kind", 2, "kind must be norm or energy_scale", "fit", "coloma2014", "--nuisance", "b=shape:background:0.1")
case("cli-reproduce-unknown-study", 2, "unknown study", "reproduce", "nosuchstudy")
case("cli-reproduce-unknown-part", 2, "unknown part of linkxu2019", "reproduce", "linkxu2019", "--only", "everything")
case("cli-reproduce-missing-study", 2, "give a study name", "reproduce")
case("cli-presets-show-unknown", 2, "unknown preset", "presets", "show", "nosuch")

# ---------- H: --truth ----------
for cid, t, frag in [("sin2w-negative", "sin2w=-5", "sin2w must be between 0 and 1"), ("sin2w-one", "sin2w=1", "between 0 and 1"),
                     ("sin2w-zero", "sin2w=0", "between 0 and 1"), ("sin2w-nan", "sin2w=nan", "must be a finite number"),
                     ("sin2w-inf", "sin2w=Infinity", "must be a finite number"), ("sin2w-inf-short", "sin2w=inf", "expected name=value"), ("malformed", "sin2w", "expected name=value"),
                     ("not-number", "sin2w=abc", "expected name=value"), ("empty-name", "=0.2", "expected name=value"),
                     ("unknown-param", "zeta=0.1", "not a parameter of model"), ("twice", "sin2w=0.2 sin2w=0.3", "given twice")]:
    args = ["fit", "coloma2014"]
    for x in t.split(" "): args += ["--truth", x]
    case(f"truth-{cid}", 2, frag, *args)
case("truth-gv-huge", 2, "between -1000 and 1000", "fit", "coloma2014", "--model", "gvga", "--truth", "gV=1e308")
case("truth-profile-sin2w", 2, "sin2w must be between 0 and 1", "profile", "coloma2014", "--param", "sin2w", "--truth", "sin2w=-5")
case("truth-contour-gv", 2, "between -1000 and 1000", "contour", "coloma2014", "--model", "gvga", "--param", "gV", "--param2", "gA", "--truth", "gA=-1e9")

# ---------- I: --out ----------
for cmd in (["spectrum", "coloma2014"], ["fit", "coloma2014"], ["reproduce", "linkxu2019", "--only", "sin2w"]):
    n = cmd[0]
    case(f"out-{n}-is-file", 2, "is a file, not a folder", *cmd, "--out", "{f}")
    case(f"out-{n}-under-file", 2, "is a file, not a folder", *cmd, "--out", "{f}/sub")
    case(f"out-{n}-proc", 2, "/proc is a system folder", *cmd, "--out", "/proc/nuxe-out")
    case(f"out-{n}-dev", 2, "/dev is a system folder", *cmd, "--out", "/dev/nuxe-out")
    case(f"out-{n}-sys", 2, "/sys is a system folder", *cmd, "--out", "/sys/nuxe-out")
    case(f"out-{n}-too-long", 2, "folder name too long", *cmd, "--out", "{t}/{long}")
    case(f"out-{n}-root", 2, "root folder", *cmd, "--out", "/")
case("out-profile-proc", 2, "/proc is a system folder", "profile", "coloma2014", "--param", "sin2w", "--out", "/proc/x")
case("out-contour-dev", 2, "/dev is a system folder", "contour", "coloma2014", "--model", "gvga", "--param", "gV", "--param2", "gA", "--out", "/dev/x")
case("out-empty", 2, "output folder name is required", "spectrum", "coloma2014", "--out", " ")
case("out-nul-char", 2, "not a valid folder path", "spectrum", "coloma2014", "--out", "{t}/a\\x00b")
case("out-busy", 2, "is in use by process 1", "spectrum", "coloma2014", "--out", "{t}/busy")   # the test writes {t}/.busy.nuxe-lock holding pid 1
case("out-other-study", 2, "holds the output of study 'linkxu2019'", "reproduce", "hsieh2019", "--only", "cevns", "--out", "{t}/other")  # the test writes a linkxu2019 manifest there

# ---------- scan / toys (issue 15 commands) ----------
case("scan-points-1e9", 2, "the grid has 1E+09 points; at most 10000000", "scan", "coloma2014", "--param", "sin2w=0.2:0.3:1000000000")
case("scan-points-product", 2, "the grid has 1E+08 points", "scan", "coloma2014", "--model", "gvga", "--param", "gV=-1:1:10000", "--param", "gA=-1:1:10000")
case("scan-out-proc", 2, "/proc is a system folder", "scan", "coloma2014", "--param", "sin2w=0.2:0.3:10", "--out", "/proc/x")
case("scan-out-file", 2, "is a file, not a folder", "scan", "coloma2014", "--param", "sin2w=0.2:0.3:10", "--out", "{f}")
case("scan-toys-huge", 2, "between 10 and 1000000", "scan", "coloma2014", "--param", "sin2w=0.2:0.3:10", "--toys", "1000000000")
case("scan-threads-huge", 2, "between 1 and 1024", "scan", "coloma2014", "--param", "sin2w=0.2:0.3:10", "--threads", "100000")
case("scan-range-outside", 2, "sin2w = -5", "scan", "coloma2014", "--param", "sin2w=-5:0.3:10")
case("scan-truth", 2, "sin2w must be between 0 and 1", "scan", "coloma2014", "--param", "sin2w=0.2:0.3:10", "--truth", "sin2w=-5")
case("scan-param-garbage", 2, "expected NAME=lo:hi:n", "scan", "coloma2014", "--param", "sin2w")
case("toys-toys-huge", 2, "between 10 and 1000000", "toys", "coloma2014", "--model", "em-mu", "--param", "mu", "--range", "0:1e-9", "--toys", "1000000000")
case("toys-points-huge", 2, "between 3 and 10000", "toys", "coloma2014", "--model", "em-mu", "--param", "mu", "--range", "0:1e-9", "--points", "1000000000")
case("toys-range-inf", 2, "finite LO < HI", "toys", "coloma2014", "--model", "em-mu", "--param", "mu", "--range", "0:Infinity")

# ---------- A/J: parser errors and binary garbage ----------
case("parse-unknown-option", 2, "Unrecognized command or argument '--bogus'", "spectrum", "coloma2014", "--bogus")
case("parse-unknown-command", 2, "Unrecognized command or argument 'frobnicate'", "frobnicate")
case("parse-missing-argument", 2, "Required argument missing", "spectrum")
case("parse-missing-option-value", 2, "--window", "spectrum", "coloma2014", "--window")
case("parse-mass-not-number", 2, "as a number", "fit", "coloma2014", "--mass-kev", "abc")
case("parse-points-not-int", 2, "as a whole number", "profile", "coloma2014", "--param", "sin2w", "--points", "x")
case("parse-dof-fraction", 2, "as a whole number", "contour", "coloma2014", "--param", "gV", "--param2", "gA", "--dof", "1.5")
case("parse-cl-not-number", 2, "as a number", "profile", "coloma2014", "--param", "sin2w", "--cl", "high")
case("parse-sin2w-not-number", 2, "as a number", "spectrum", "coloma2014", "--sin2w", "abc")
case("parse-required-param", 2, "--param", "profile", "coloma2014")
case("parse-extra-argument", 2, "Unrecognized command or argument 'extra'", "spectrum", "coloma2014", "extra")
case("garbage-preset-name", 2, "preset = \\x01\\x02", "spectrum", "\\x01\\x02\\xff\\x1b[31m")
case("garbage-statistic", 2, "--statistic = \\x1B[2J", "fit", "coloma2014", "--statistic", "\\x1b[2Jboom")
case("garbage-set-key", 2, "unknown key", "spectrum", "coloma2014", "--set", "source.\\x07bell=1")
case("garbage-long-value", 2, "…", "fit", "coloma2014", "--statistic", "x" * 5000)
case("garbage-option", 2, "Unrecognized command or argument", "spectrum", "coloma2014", "--\\x01\\x02")
case("garbage-truth", 2, "expected name=value", "fit", "coloma2014", "--truth", "\\x00\\x01")

with open(os.path.join(here, "cases.tsv"), "w") as f:
    f.write("# Bad-input corpus of NuXe (issue 13): one case per line, tab-separated: id, exit code, fragment of the one-line\n")
    f.write("# error, arguments. {c} corpus folder, {t} fresh temp folder, {f} a regular file, {long} a 300-byte name; \\xNN escapes.\n")
    f.write("# Generated by make_corpus.py (run it after editing; commit both).\n")
    f.write("id\texit\tfragment\targs\n")
    ids = set()
    for cid, code, frag, args in cases:
        assert cid not in ids, cid; ids.add(cid)
        for a in args: assert "\t" not in a and "\n" not in a
        f.write("\t".join([cid, str(code), frag] + args) + "\n")
print(len(cases), "cases")
