#!/usr/bin/env python3
"""Writes input.jsonl and assets.json for the revenue-metering example and prints the
figures that README.md quotes.

Deterministic (fixed seed, standard library only): running it again rewrites the same
files byte for byte. The expected figures are computed here with plain loops over the
generated readings, independently of the runtime, from the rules in docs/language.md.

    python3 generate.py
"""
import json
import math
import random
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Europe/Madrid is UTC+1 until the DST change of 29 March 2026; the data ends on 7 March.
CET = timezone(timedelta(hours=1))
rng = random.Random(20260306)

START = datetime(2026, 3, 6, 0, 0, tzinfo=CET)     # Friday
END = datetime(2026, 3, 7, 12, 0, tzinfo=CET)      # Saturday noon, inclusive
Q = timedelta(minutes=15)
ROLLOVER = 99999999                                 # rollover 99999999: 8-digit register
GAP = ("MTR-1002", datetime(2026, 3, 6, 10, 15, tzinfo=CET), datetime(2026, 3, 6, 10, 45, tzinfo=CET))
ISO_READINGS = ("MTR-1002", datetime(2026, 3, 6, 11, 0, tzinfo=CET), datetime(2026, 3, 6, 11, 30, tzinfo=CET))

METERS = [
    # assetId, site, attributes as stored in assets.json, register at START
    {"id": "MTR-1001", "site": "cold store", "register0": 18472905,
     "attrs": {"ContractedDemand": 600, "PeakPrice": 0.2480, "OffPeakPrice": 0.1370}},
    {"id": "MTR-1002", "site": "office", "register0": 3306118,
     "attrs": {"ContractedDemand": 250, "PeakPrice": 0.2610, "OffPeakPrice": 0.1450}},
    {"id": "MTR-1003", "site": "steel plant", "register0": 99931500,
     "attrs": {"ContractedDemand": 8000, "PeakPrice": 0.1980, "OffPeakPrice": 0.1190}},
    {"id": "MTR-1004", "site": "EV charging hub", "register0": 1024,
     "attrs": {"PeakPrice": 0.2610, "OffPeakPrice": 0.1450}},   # ContractedDemand not yet entered
]
DEFAULTS = {"PeakPrice": 0.2500, "OffPeakPrice": 0.1400}


def ms(dt):
    return int(dt.timestamp() * 1000)


def local(t_ms):
    return datetime.fromtimestamp(t_ms / 1000, CET)


def load_kw(site, dt, state):
    """Demand in kW at a local time; `state` carries a slow random term per site."""
    h = dt.hour + dt.minute / 60
    weekday = dt.isoweekday() <= 5
    state[site] = 0.9 * state.get(site, 0.0) + rng.gauss(0, 1)
    n = state[site]
    if site == "cold store":
        return 330 + (60 if 7 <= h < 19 else 0) + 12 * n
    if site == "office":
        if weekday and 7 <= h < 19:
            return 185 + 8 * n
        if not weekday and 8 <= h < 13:
            return 70 + 4 * n
        return 45 + 2 * n
    if site == "steel plant":
        if weekday:
            return (6200 if 6 <= h < 22 else 3800) + 120 * n
        return (4500 if 6 <= h < 14 else 3000) + 120 * n
    return max(20.0, 140 + 60 * math.sin(2 * math.pi * (h - 9) / 24) + 25 * n)   # charging hub


def build():
    records = []
    readings = {m["id"]: [] for m in METERS}
    energy = {m["id"]: 0.0 for m in METERS}       # consumed kWh since START
    state = {}
    dt = START
    while dt <= END:
        for m in METERS:
            tid = m["id"]
            demand = load_kw(m["site"], dt, state)   # demand over the coming quarter hour
            register = (m["register0"] + math.floor(energy[tid])) % (ROLLOVER + 1)
            reported = not (tid == GAP[0] and GAP[1] <= dt <= GAP[2])
            if reported:
                time = dt.isoformat() if tid == ISO_READINGS[0] and ISO_READINGS[1] <= dt <= ISO_READINGS[2] else ms(dt)
                records.append({"assetId": tid, "modelId": "RevenueMeter", "pointId": "TotalActiveEnergy",
                                "time": time, "value": float(register), "quality": 0})
                records.append({"assetId": tid, "modelId": "RevenueMeter", "pointId": "ActivePower",
                                "time": time, "value": round(demand, 1), "quality": 0})
                readings[tid].append((ms(dt), register))
            energy[tid] += demand / 4
        dt += Q
    return records, readings


# ---- the expected figures, by plain loops ----------------------------------------------

def price(m, start_ms):
    """The tariff of the quarter hour starting at start_ms: Mon-Fri 08:00-22:00 is peak."""
    d = local(start_ms)
    attrs = {**DEFAULTS, **m["attrs"]}
    peak = d.isoweekday() <= 5 and 8 <= d.hour < 22
    return (attrs["PeakPrice"] if peak else attrs["OffPeakPrice"]), peak


def day_start(t_ms):
    d = local(t_ms)
    return ms(datetime(d.year, d.month, d.day, tzinfo=CET))


def expected(readings):
    for m in METERS:
        tid = m["id"]
        if "ContractedDemand" not in m["attrs"]:
            print(f"{tid}: no ContractedDemand and no default -> the energy rule skips this asset;"
                  f" the merge finds no Energy15m ({len(readings[tid])} readings)")
            continue
        hi = m["attrs"]["ContractedDemand"] * 1.5
        q15 = defaultdict(float)
        base = None
        for t, v in readings[tid]:
            if base is None:
                base = (v, t)
                continue
            v0, t0 = base
            if t <= t0:
                continue
            d = v - v0
            if d == 0:
                continue
            hours = (t - t0) / 3_600_000
            ok = 0 <= d / hours <= hi
            if not ok and d < 0:
                wrapped = ROLLOVER - v0 + v               # rule 5
                if 0 <= wrapped / hours <= hi:
                    print(f"{tid}: rollover {local(t0):%a %H:%M} {v0} -> {local(t):%a %H:%M} {v}:"
                          f" counted as {ROLLOVER} - {v0} + {v} = {wrapped} kWh")
                    d, ok = wrapped, True
            if ok:
                a = t0                                    # split: pro-rate by time
                while a < t:
                    b = min(t, a - a % 900_000 + 900_000)
                    q15[a - a % 900_000] += d * (b - a) / (t - t0)
                    a = b
                if t - t0 > 900_000:
                    print(f"{tid}: step {local(t0):%a %H:%M} {v0} -> {local(t):%a %H:%M} {v} = {d} kWh"
                          f" spread over {(t - t0) // 900_000} quarter hours: {d / ((t - t0) // 900_000)} each")
            else:
                print(f"{tid}: step {local(t0):%H:%M} -> {local(t):%H:%M} discarded")
            base = (v, t)
        days = defaultdict(lambda: [0.0, 0.0, 0, 0.0, 0.0])   # energy, cost, intervals, peak kWh, off-peak kWh
        for s in sorted(q15):
            p, peak = price(m, s)
            day = days[day_start(s)]
            day[0] += q15[s]
            day[1] += q15[s] * p
            day[2] += 1
            day[3 if peak else 4] += q15[s]
            if local(s).strftime("%a %H:%M") in ("Fri 07:45", "Fri 08:00", "Fri 10:15", "Fri 13:30", "Sat 09:00"):
                print(f"  {tid} {local(s):%a %H:%M} (time {s}): Energy15m={q15[s]:.2f} x {p} = EnergyCost15m {q15[s] * p:.4f}")
        for d in sorted(days):
            e, c, n, pk, op = days[d]
            print(f"  {tid} {local(d):%a %Y-%m-%d} (time {d}): DailyEnergy={e:.2f} kWh over {n} quarter hours"
                  f" (peak {pk:.2f}, off-peak {op:.2f}); DailyEnergyCost={c:.4f} EUR")
        for t, v in readings[tid]:
            if local(t).strftime("%H:%M") == "00:00" or t == readings[tid][-1][0]:
                print(f"  {tid}: register {v} at {local(t):%a %H:%M}")


def main():
    records, readings = build()
    with open(HERE / "input.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    assets = [{"assetId": m["id"], "modelId": "RevenueMeter", "timezone": "Europe/Madrid", "attributes": m["attrs"]}
              for m in METERS]
    with open(HERE / "assets.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(assets, f, indent=2)
        f.write("\n")
    print(f"wrote {len(records)} records")
    expected(readings)


if __name__ == "__main__":
    main()
