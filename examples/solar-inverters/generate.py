#!/usr/bin/env python3
"""Writes input.jsonl and assets.json for the solar-inverters example and prints the
figures that README.md quotes.

Deterministic (fixed seed, standard library only): running it again rewrites the same
files byte for byte. The expected figures are computed here with plain loops over the
generated records, independently of the runtime, from the rules in docs/language.md.

    python3 generate.py
"""
import json
import math
import random
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
CST = timezone(timedelta(hours=8))    # Asia/Shanghai: UTC+8 all year, no DST
rng = random.Random(20260621)

START = datetime(2026, 6, 20, 18, 0, tzinfo=CST)
END = datetime(2026, 6, 22, 8, 0, tzinfo=CST)     # inclusive
STEP = timedelta(minutes=5)
SUNRISE, SUNSET = 4 + 50 / 60, 19.0                # local hours, Shanghai late June

INVERTERS = [
    # assetId, RatedPower (kW), peak fraction of rating, hour shift of the panel orientation
    {"id": "INV-01", "rated": 100.0, "peak": 0.86, "shift": 0.0},
    {"id": "INV-02", "rated": 100.0, "peak": 0.83, "shift": 0.2},
    {"id": "INV-03", "rated": 50.0, "peak": 0.88, "shift": -0.8},   # east-facing roof
]
GLITCH = ("INV-02", datetime(2026, 6, 21, 11, 35, tzinfo=CST), 6553.5)   # 0xFFFF / 10
GAP = ("INV-01", datetime(2026, 6, 21, 13, 10, tzinfo=CST), datetime(2026, 6, 21, 13, 40, tzinfo=CST))
ISO_FROM, ISO_TO = datetime(2026, 6, 21, 12, 0, tzinfo=CST), datetime(2026, 6, 21, 12, 10, tzinfo=CST)


def ms(dt):
    return int(dt.timestamp() * 1000)


def local(t_ms):
    return datetime.fromtimestamp(t_ms / 1000, CST)


def power(inv, dt, cloud):
    h = dt.hour + dt.minute / 60 - inv["shift"]
    if not SUNRISE < h < SUNSET:
        return 0.0
    x = (h - SUNRISE) / (SUNSET - SUNRISE)
    p = inv["rated"] * inv["peak"] * math.sin(math.pi * x) ** 1.2 * cloud
    if inv["id"] == "INV-03" and dt.date().day == 21 and 13 <= dt.hour < 14 and dt.minute < 40:
        p *= 0.35                                   # a cloud bank over the east roof
    p *= 1 + rng.gauss(0, 0.01)
    return max(round(p, 1), 0.0)


def build():
    records = []
    samples = defaultdict(list)    # assetId -> [(time ms, value)] as sent, in order
    cloud = 1.0
    dt = START
    while dt <= END:
        # passing clouds on the afternoon of 21 June, shared by the three roofs
        if dt.date().day == 21 and 14 <= dt.hour < 17:
            cloud = min(1.0, max(0.55, cloud + rng.gauss(0, 0.08)))
        else:
            cloud = min(1.0, cloud + 0.05)
        for inv in INVERTERS:
            tid = inv["id"]
            p = power(inv, dt, cloud)
            if tid == GAP[0] and GAP[1] <= dt <= GAP[2]:
                continue                            # logger offline: nothing sent
            if (tid, dt) == GLITCH[:2]:
                p = GLITCH[2]
            time = dt.isoformat() if tid == "INV-03" and ISO_FROM <= dt <= ISO_TO else ms(dt)
            records.append({"assetId": tid, "modelId": "Inverter", "pointId": "ActivePower",
                            "time": time, "value": p, "quality": 0})
            samples[tid].append((ms(dt), p))
        dt += STEP
    return records, samples


# ---- the expected figures, by plain loops ----------------------------------------------

def day_start(t_ms):
    d = local(t_ms)
    return ms(datetime(d.year, d.month, d.day, tzinfo=CST))


def expected(samples):
    rated = {i["id"]: i["rated"] for i in INVERTERS}
    print("== DailyEnergy (instant_power, range [0, RatedPower*1.1], missing last) ==")
    for tid, pts in samples.items():
        hi = rated[tid] * 1.1
        cleaned = []
        last_valid = None
        replaced = 0
        for t, v in pts:
            if 0 <= v <= hi:
                last_valid = v
            else:
                replaced += 1
                v = last_valid                      # missing last: the last valid sample
            cleaned.append((t, v))
        by_end = defaultdict(float)                 # a step to the day of its end sample
        q_end = defaultdict(float)                  # ... and to the 15-minute interval of it
        q_split = defaultdict(float)                # a step pro-rated over 15-minute intervals
        for (t0, p0), (t1, p1) in zip(cleaned, cleaned[1:]):
            e = (p0 + p1) / 2 * (t1 - t0) / 3_600_000
            by_end[day_start(t1)] += e
            q_end[t1 - t1 % 900_000] += e
            a = t0
            while a < t1:
                b = min(t1, a - a % 900_000 + 900_000)
                q_split[a - a % 900_000] += e * (b - a) / (t1 - t0)
                a = b
        for d in sorted(by_end):
            s_end = sum(v for k, v in q_end.items() if day_start(k) == d)
            s_split = sum(v for k, v in q_split.items() if day_start(k) == d)
            print(f"{tid} {local(d):%Y-%m-%d} (time {d}): DailyEnergy={by_end[d]:.3f} kWh;"
                  f" sum of Energy15m {s_end:.3f} (step to interval of its end) / {s_split:.3f} (pro-rated)")
        if replaced:
            print(f"  {tid}: {replaced} sample(s) outside the range replaced by the last valid one")
        for k in sorted(q_end):
            if local(k).strftime("%d %H:%M") in ("21 11:30", "21 13:00", "21 13:15", "21 13:30"):
                print(f"  {tid} Energy15m {local(k):%d %H:%M}: {q_end[k]:.3f} (end) / {q_split[k]:.3f} (pro-rated)")

    print("== DailyPeakPower (tumbling 1d, where in [0, RatedPower*1.1]) ==")
    for tid, pts in samples.items():
        hi = rated[tid] * 1.1
        peaks = {}
        for t, v in pts:
            if 0 <= v <= hi:
                d = day_start(t)
                if d not in peaks or v > peaks[d][1]:
                    peaks[d] = (t, v)
        for d in sorted(peaks):
            print(f"{tid} {local(d):%Y-%m-%d} (time {d}): {peaks[d][1]} kW at {local(peaks[d][0]):%H:%M}")

    print("== ActivePowerAvg1h (hopping 1h step 15m, stamp end) ==")
    for tid, pts in samples.items():
        hi = rated[tid] * 1.1
        windows = defaultdict(list)
        for t, v in pts:
            first = t - t % 900_000 - 3_600_000 + 900_000      # earliest start s with s <= t < s + 1h
            for s in range(first, t + 1, 900_000):
                if 0 <= v <= hi:
                    windows[s].append(v)
                else:
                    windows.setdefault(s, [])
        print(f"{tid}: {len(windows)} windows, first ends {local(min(windows) + 3_600_000):%d %H:%M}"
              f" with {len(windows[min(windows)])} samples, last ends {local(max(windows) + 3_600_000):%d %H:%M}")
        for s in sorted(windows):
            end = local(s + 3_600_000).strftime("%d %H:%M")
            if end in ("20 18:15", "21 12:00", "21 14:00", "21 14:30"):
                w = windows[s]
                print(f"  window ending {end} (time {s + 3_600_000}): {len(w)} samples avg={sum(w) / len(w):.3f}")


def main():
    records, samples = build()
    with open(HERE / "input.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    assets = [{"assetId": i["id"], "modelId": "Inverter", "timezone": "Asia/Shanghai",
               "attributes": {"RatedPower": i["rated"]}} for i in INVERTERS]
    with open(HERE / "assets.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(assets, f, indent=2)
        f.write("\n")
    print(f"wrote {len(records)} records")
    expected(samples)


if __name__ == "__main__":
    main()
