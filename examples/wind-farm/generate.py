#!/usr/bin/env python3
"""Writes input.jsonl and assets.json for the wind-farm example and prints the figures
that README.md quotes.

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
# Europe/Berlin is UTC+1 all through January; the data has no DST change.
CET = timezone(timedelta(hours=1))
rng = random.Random(20260115)

POWER_START = datetime(2026, 1, 15, 10, 0, tzinfo=CET)   # 1-minute power data, 2 hours
POWER_MINUTES = 120
METER_FIRST = datetime(2026, 1, 14, 23, 37, tzinfo=CET)  # meter polled at :07 :22 :37 :52
METER_LAST = datetime(2026, 1, 16, 0, 22, tzinfo=CET)
PROFILE_START = datetime(2026, 1, 14, 23, 0, tzinfo=CET)  # per-minute power behind the meter

RANGE_LO, RANGE_HI = -100.0, 3600.0     # model: ActivePower range [-100, 3600]
WHERE_LO, WHERE_HI = 0.0, 3500.0        # rule:  where ActivePower in [0, 3500)
HOLD_MS = 10 * 60_000                   # merge ... hold 10m

TURBINES = [
    # assetId, RatedPower attribute as stored (None = model default 3000), MeterScale (None = 1)
    {"id": "WTG-0001", "rated": 3000.0, "rated_attr": 3000, "scale": 1.0, "scale_attr": None, "register0": 4182337.6},
    {"id": "WTG-0002", "rated": 3000.0, "rated_attr": None, "scale": 1.0, "scale_attr": None, "register0": 3907115.2},
    {"id": "WTG-0003", "rated": 2500.0, "rated_attr": 2500, "scale": 500.0, "scale_attr": 500, "register0": 8512.44},
]


def ms(dt):
    return int(dt.timestamp() * 1000)


def iso(dt):
    return dt.isoformat()


def local(t_ms):
    return datetime.fromtimestamp(t_ms / 1000, CET)


def hours_since_midnight(dt):
    return (dt - datetime(2026, 1, 15, tzinfo=CET)).total_seconds() / 3600


# ---- per-minute power profiles ------------------------------------------------------

def profile(turbine, minutes):
    """Power in kW for every minute from PROFILE_START: a daily swell plus an AR(1) gust term."""
    tid, rated = turbine["id"], turbine["rated"]
    gust = 0.0
    out = []
    for m in range(minutes):
        dt = PROFILE_START + timedelta(minutes=m)
        h = hours_since_midnight(dt)
        gust = 0.96 * gust + rng.gauss(0, 35)
        if tid == "WTG-0001":
            p = 1900 + 450 * math.sin(2 * math.pi * (h - 6) / 24) + gust
        elif tid == "WTG-0002":
            p = 1500 + 400 * math.sin(2 * math.pi * (h - 5) / 24) + gust
        else:
            p = wtg3_power(h, gust)
        p = max(min(p, rated), -15.0)
        out.append(p)
    return out


def wtg3_power(h, gust):
    """WTG-0003 stands in the lee of a ridge: idle in the morning, hunting around cut-in."""
    idle = -9.0 - rng.random() * 6.0            # auxiliaries draw 9-15 kW when idle
    if 6.0 <= h < 10 + 10 / 60:                  # 06:00-10:09 idle
        return idle
    if 10 + 10 / 60 <= h < 10.5 or 11.5 <= h < 11 + 40 / 60:
        # cut-in hunting (10:10-10:29) and a lull (11:30-11:39): on and off minute by minute
        return idle if rng.random() < 0.4 else 20 + rng.random() * 100
    if 10.5 <= h < 11.5:
        return 60 + (h - 10.5) * 240 + gust * 0.3
    if 11 + 40 / 60 <= h < 14:
        return 220 + (h - 11 - 40 / 60) * 150 + gust * 0.3
    if h >= 14:
        return 560 + 250 * math.sin(2 * math.pi * (h - 14) / 20) + gust * 0.5
    return 420 + 120 * math.sin(2 * math.pi * h / 12) + gust * 0.5   # before 06:00


def reactive(p):
    if p <= 0:
        return -4.0 + rng.gauss(0, 0.8)
    return 0.33 * p + rng.gauss(0, 8)


def wind_speed(p, rated):
    if p <= 0:
        return 2.6 + rng.random() * 0.8
    return 3.5 + 8.5 * (p / rated) ** (1 / 3) + rng.gauss(0, 0.2)


# ---- records --------------------------------------------------------------------------

def rec(asset, model, point, time, value):
    return {"assetId": asset, "modelId": model, "pointId": point, "time": time, "value": value, "quality": 0}


def build():
    total_minutes = int((METER_LAST - PROFILE_START).total_seconds() // 60) + 1
    profiles = {t["id"]: profile(t, total_minutes) for t in TURBINES}
    power_offset = int((POWER_START - PROFILE_START).total_seconds() // 60)

    timed = []  # (time ms, order, record); order keeps ReactivePower ahead of ActivePower at one time

    # 1-minute SCADA points, 10:00-11:59
    for t in TURBINES:
        tid = t["id"]
        for i in range(POWER_MINUTES):
            dt = POWER_START + timedelta(minutes=i)
            p = round(profiles[tid][power_offset + i], 1)
            q = round(reactive(p), 1)
            v = round(wind_speed(p, t["rated"]), 1)
            hhmm = dt.strftime("%H:%M")
            time = ms(dt)
            if tid == "WTG-0002" and "10:30" <= hhmm <= "10:32":
                time = iso(dt)                     # this gateway sends ISO-8601 times
            if not (tid == "WTG-0002" and "11:05" <= hhmm <= "11:24"):
                timed.append((ms(dt), 0, rec(tid, "WindTurbine", "ReactivePower", time, q)))
            ap = p
            if tid == "WTG-0002" and hhmm == "10:47":
                ap = 65535.0                       # register glitch: outside the model range
            if tid == "WTG-0002" and hhmm == "11:02":
                ap = "---"                         # controller sends a placeholder: wrong type
            order = 1
            arrival = ms(dt)
            if tid == "WTG-0001" and hhmm == "10:19":
                arrival = ms(dt + timedelta(minutes=2, seconds=30))   # delivered after 10:21
            timed.append((arrival, order, rec(tid, "WindTurbine", "ActivePower", time, ap)))
            timed.append((ms(dt), 2, rec(tid, "WindTurbine", "WindSpeed", time, v)))

    # met mast (a model the job does not use): every 10 minutes
    for i in range(0, POWER_MINUTES, 10):
        dt = POWER_START + timedelta(minutes=i)
        temp = round(2.4 + 0.02 * i + rng.gauss(0, 0.1), 1)
        timed.append((ms(dt), 3, rec("MET-01", "MetMast", "AirTemperature", iso(dt.astimezone(timezone.utc)).replace("+00:00", "Z"), temp)))

    # energy meter registers, every 15 minutes
    meter = {}
    for t in TURBINES:
        tid = t["id"]
        readings = []
        dt = METER_FIRST
        while dt <= METER_LAST:
            m = int((dt - PROFILE_START).total_seconds() // 60)
            exported = sum(max(p, 0.0) for p in profiles[tid][:m]) / 60.0   # kWh up to dt
            if tid == "WTG-0002" and dt >= datetime(2026, 1, 15, 14, 15, tzinfo=CET):
                # meter replaced at 14:15: the new register starts at 0
                m0 = int((datetime(2026, 1, 15, 14, 15, tzinfo=CET) - PROFILE_START).total_seconds() // 60)
                exported = sum(max(p, 0.0) for p in profiles[tid][m0:m]) / 60.0
                value = math.floor(exported * 10) / 10
            elif tid == "WTG-0003":
                value = round(t["register0"] + math.floor(exported / t["scale"] * 100) / 100, 2)
            else:
                value = round(t["register0"] + math.floor(exported * 10) / 10, 1)
            if tid == "WTG-0001" and dt == datetime(2026, 1, 15, 3, 37, tzinfo=CET):
                value = round(value + 50000.0, 1)    # one corrupted reading
            readings.append((ms(dt), value))
            timed.append((ms(dt), 4, rec(tid, "WindTurbine", "TotalActiveEnergy", ms(dt), value)))
            dt += timedelta(minutes=15)
        meter[tid] = readings

    timed.sort(key=lambda x: (x[0], x[1], x[2]["assetId"]))
    return [r for _, _, r in timed], meter, profiles


# ---- the expected figures, by plain loops ----------------------------------------------

def rec_time(r):
    t = r["time"]
    return t if isinstance(t, int) else int(datetime.fromisoformat(t).timestamp() * 1000)


def expected(records, meter, profiles):
    day_from = int((datetime(2026, 1, 14, 23, 52, tzinfo=CET) - PROFILE_START).total_seconds() // 60)
    day_to = int((datetime(2026, 1, 15, 23, 52, tzinfo=CET) - PROFILE_START).total_seconds() // 60)
    rated = {t["id"]: t["rated"] for t in TURBINES}
    # valid ActivePower records in arrival order: parse as a number and lie in the model range
    power = defaultdict(list)
    for r in records:
        if r["pointId"] == "ActivePower" and isinstance(r["value"], float) and RANGE_LO <= r["value"] <= RANGE_HI:
            power[r["assetId"]].append((rec_time(r), r["value"]))

    print("== 10-minute statistics (final values; avg/stddev/count use where [0, 3500)) ==")
    for tid in rated:
        windows = defaultdict(list)
        for t, v in power[tid]:
            windows[t - t % 600_000].append(v)
        for start in sorted(windows):
            vals = windows[start]
            ok = [v for v in vals if WHERE_LO <= v < WHERE_HI]
            line = f"{tid} {local(start):%H:%M} ({start}) max={max(vals):.1f} min={min(vals):.1f} count={len(ok)}"
            if ok:
                avg = sum(ok) / len(ok)
                ss = sum((v - avg) ** 2 for v in ok)
                sd_s = math.sqrt(ss / (len(ok) - 1)) if len(ok) > 1 else float("nan")
                sd_p = math.sqrt(ss / len(ok))
                line += f" avg={avg:.2f} stddev(sample)={sd_s:.2f} stddev(population)={sd_p:.2f} loadfactor={100 * avg / rated[tid]:.2f}%"
            else:
                line += " avg=(none) stddev=(none) loadfactor=(none)"
            print(line)

    # the WTG-0001 10:10 window before its late record arrived
    w = [v for t, v in power["WTG-0001"] if ms(POWER_START) + 600_000 <= t < ms(POWER_START) + 1_140_000]
    print(f"WTG-0001 10:10 ontime (before the late 10:19 record): count={len(w)} avg={sum(w) / len(w):.2f} max={max(w):.1f} min={min(w):.1f}")

    print("== ApparentPower (merge on ActivePower hold 10m) ==")
    for tid in rated:
        q_hist = []  # (time, value) of ReactivePower in arrival order
        out, skipped = [], []
        for r in records:
            if r["assetId"] != tid:
                continue
            if r["pointId"] == "ReactivePower":
                q_hist.append((rec_time(r), r["value"]))
            elif r["pointId"] == "ActivePower" and isinstance(r["value"], float) and RANGE_LO <= r["value"] <= RANGE_HI:
                t = rec_time(r)
                seen = [(tq, q) for tq, q in q_hist if tq <= t]
                latest = max(seen, key=lambda x: x[0]) if seen else None
                if latest is None or t - latest[0] > HOLD_MS:
                    skipped.append(t)
                else:
                    out.append((t, round(math.sqrt(r["value"] ** 2 + latest[1] ** 2), 1), latest[0]))
        print(f"{tid}: {len(out)} outputs, {len(skipped)} skipped_missing"
              + (f" ({local(skipped[0]):%H:%M}-{local(skipped[-1]):%H:%M})" if skipped else ""))
        for t, v, tq in out:
            if local(t).strftime("%H:%M") in ("10:00", "11:14"):
                print(f"  {local(t):%H:%M} ({t}) ApparentPower={v} (ReactivePower of {local(tq):%H:%M})")

    print("== DailyEnergy (by meter, slope [0, RatedPower * 1.2 / MeterScale], scale MeterScale) ==")
    for t in TURBINES:
        tid = t["id"]
        hi = t["rated"] * 1.2 / t["scale"]   # the slope is measured on the register itself (rule 2)
        base = None
        days = defaultdict(float)
        steps = defaultdict(int)
        max_slope = 0.0
        for time, v in meter[tid]:
            if base is None:
                base = (v, time)
                continue
            v0, t0 = base
            if time <= t0:
                continue
            d = v - v0
            if d == 0:                       # rule 3: the baseline stays
                continue
            hours = (time - t0) / 3_600_000
            slope = d / hours
            ok = 0 <= slope <= hi
            day = local(time).date()         # rule 6: the day of the end reading
            if ok:
                days[day] += d * t["scale"]
                steps[day] += 1
            else:
                print(f"  {tid}: step {local(t0):%m-%d %H:%M} {v0} -> {local(time):%m-%d %H:%M} {v} discarded (slope {slope:.1f})")
            max_slope = max(max_slope, slope) if ok else max_slope
            base = (v, time)
        for day in sorted(days):
            start = ms(datetime(day.year, day.month, day.day, tzinfo=CET))
            print(f"  {tid} {day} (time {start}): DailyEnergy={days[day]:.1f} kWh from {steps[day]} steps")
        print(f"  {tid}: steepest counted step {max_slope:.2f} register units per hour (bound {hi:g})")
        produced = sum(max(p, 0.0) for p in profiles[tid][day_from:day_to]) / 60.0
        print(f"  {tid}: exported 01-14 23:52 -> 01-15 23:52 by the power profile: {produced:.1f} kWh")
        zero = sum(1 for (a, b) in zip(meter[tid], meter[tid][1:]) if a[1] == b[1])
        if zero:
            print(f"  {tid}: {zero} readings unchanged from the one before (rule 3)")


def main():
    records, meter, profiles = build()
    with open(HERE / "input.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, separators=(",", ":"), ensure_ascii=False) + "\n")
    assets = []
    for t in TURBINES:
        attrs = {}
        if t["rated_attr"] is not None:
            attrs["RatedPower"] = t["rated_attr"]
        if t["scale_attr"] is not None:
            attrs["MeterScale"] = t["scale_attr"]
        assets.append({"assetId": t["id"], "modelId": "WindTurbine", "timezone": "Europe/Berlin", "attributes": attrs})
    with open(HERE / "assets.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(assets, f, indent=2)
        f.write("\n")
    print(f"wrote {len(records)} records")
    expected(records, meter, profiles)


if __name__ == "__main__":
    main()
