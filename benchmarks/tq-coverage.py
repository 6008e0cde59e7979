#!/usr/bin/env python3
"""How far the samples' mean strays from the file's mean VMAF ("coverage"), per sample plan, offline.

Reads full encodes' per-frame VMAF (the accuracy runner's truth/ files, `<input>_<encoder>-<preset>_crf<C>.json` holding
{"frames": [...]}) and asks, for each sample plan (count x length, placed as SamplePlanner.Systematic places them: one
sample centred in each of `count` equal stretches), how far the mean over the sampled frames (every 2nd frame, as the
probes score) is from the mean over all frames. This is the error a search would make with samples that scored exactly
like the same frames of the full encode: the part of the prediction's error that only more (or better placed) samples
can remove. The systematic grid's phase is unknown in advance, so each plan is measured at 20 phases (the whole grid
shifted by -0.5 ... +0.45 of a stretch) and the RMS is over phases and encodes.

With --proxy DIR (files `<input>-lo-<C>.json`, libvmaf-layout per-frame scores of a cheap encode of the whole input, e.g.
`ffmpeg -i IN -vf scale=320:180:flags=area -c:v ffv1 lo.mkv; ffmpeg -i lo.mkv -c:v libx264 -preset ultrafast -crf 23
lo-23.mkv; ovni vmaf lo.mkv lo-23.mkv --json IN-lo-23.json`) it also prints the regression estimator that uses those
per-frame scores as a control variate (sample mean + b x (proxy's file mean - proxy's sample mean), b fitted on the
sampled frames).

With --results FILE (an accuracy run's results.jsonl, or several runs' rows joined), each whole search's error is split
into coverage (its 12 samples at the shipped phase) and sample bias (the rest), and the error it would have had with 24 or
36 samples of the same length and the same bias is printed: whether more samples would have helped those searches.

Usage: benchmarks/tq-coverage.py --inputs DIR --truth DIR [--truth DIR ...] [--proxy DIR --proxy-crf 23] [--results FILE]
"""
import argparse
import glob
import json
import math
import os
import re
import subprocess

PLANS = [(12, 0.5), (16, 0.375), (18, 1 / 3), (24, 0.25), (24, 0.5), (36, 1 / 6)]
PHASES = [-0.5 + i / 20 for i in range(20)]


def frame_rate(path):
    rate = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=r_frame_rate",
                           "-of", "csv=p=0", path], capture_output=True, text=True, check=True).stdout.strip()
    num, _, den = rate.partition("/")
    return float(num) / float(den or 1)


def starts(frames, count, length, phase):
    return [max(0, min(frames - length, round((k + 0.5 + phase) * frames / count) - length // 2)) for k in range(count)]


def sampled(frames, count, length, phase):
    step = 2 if length >= 4 else 1
    return [s + i for s in starts(frames, count, length, phase) for i in range(0, length, step) if s + i < frames]


def regression(v, q, idx):
    ys = [v[i] for i in idx]
    xs = [q[i] for i in idx]
    my, mx = sum(ys) / len(ys), sum(xs) / len(xs)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx > 0 else 0
    return my + b * (sum(q[:len(v)]) / len(v) - mx)


def summary(errors):
    rms = math.sqrt(sum(e * e for e in errors) / len(errors))
    within = lambda t: sum(abs(e) <= t for e in errors) / len(errors)
    return f"RMS {rms:.3f}, within ±0.25 {100 * within(0.25):.0f} %, within ±0.5 {100 * within(0.5):.0f} %"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--truth", action="append", required=True)
    parser.add_argument("--proxy")
    parser.add_argument("--proxy-crf", default="23")
    parser.add_argument("--results")
    args = parser.parse_args()

    truth = {}
    for folder in args.truth:
        for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
            m = re.match(r"(\w+?)_(\w+)-(\w+)_crf([\d.]+)\.json$", os.path.basename(path))
            if m:
                truth.setdefault((m[1], m[2], float(m[4])), json.load(open(path))["frames"])
    rates = {name: frame_rate(os.path.join(args.inputs, name + ".mp4")) for name, _, _ in truth}
    print(f"{len(truth)} full encodes of {len(rates)} inputs ({', '.join(sorted(rates))})")

    for count, seconds in PLANS:
        errors, per_input = [], {}
        for (name, _, _), v in truth.items():
            length = max(2, round(seconds * rates[name]))
            mean = sum(v) / len(v)
            for phase in PHASES:
                idx = sampled(len(v), count, length, phase)
                e = sum(v[i] for i in idx) / len(idx) - mean
                errors.append(e)
                per_input.setdefault(name, []).append(e)
        inputs = ", ".join(f"{n} {math.sqrt(sum(e * e for e in x) / len(x)):.2f}" for n, x in sorted(per_input.items()))
        print(f"{count:2d} x {seconds:.3f} s: {summary(errors)} (RMS per input: {inputs})")

    if args.proxy:
        proxies = {}
        for name in rates:
            path = os.path.join(args.proxy, f"{name}-lo-{args.proxy_crf}.json")
            if os.path.exists(path):
                proxies[name] = [f["metrics"]["vmaf"] for f in json.load(open(path))["frames"]]
        for count, seconds in [(12, 0.5), (24, 0.25)]:
            plain, controlled = [], []
            for (name, _, _), v in truth.items():
                if name not in proxies or len(proxies[name]) < len(v):
                    continue
                length = max(2, round(seconds * rates[name]))
                mean = sum(v) / len(v)
                for phase in PHASES:
                    idx = sampled(len(v), count, length, phase)
                    plain.append(sum(v[i] for i in idx) / len(idx) - mean)
                    controlled.append(regression(v, proxies[name], idx) - mean)
            print(f"{count:2d} x {seconds:.3f} s, inputs with a proxy: plain {summary(plain)}; with the proxy as control variate {summary(controlled)}")

    if args.results:
        within = {12: 0, 24: 0, 36: 0}
        cases = 0
        for line in open(args.results):
            row = json.loads(line)
            name = row["case"].split("/")[0]
            v = truth.get((name, row["encoder"], float(row["crf"])))
            if v is None:
                print(f"{row['case']}: no full encode at CRF {row['crf']} in --truth")
                continue
            length = max(2, round(0.5 * rates[name]))
            mean = sum(v) / len(v)
            coverage = {n: sum(v[i] for i in sampled(len(v), n, length, 0)) / len(sampled(len(v), n, length, 0)) - mean for n in within}
            error = row["attempt_measured"][0] - row["predicted"]  # measured - predicted = -(coverage + sample bias)
            bias = -error - coverage[12]
            errors = {n: -(coverage[n] + bias) for n in within}
            cases += 1
            for n in within:
                within[n] += abs(errors[n]) <= 0.5
            print(f"{row['case']:28} error {error:+.2f} = coverage {-coverage[12]:+.2f} + sample bias {-bias:+.2f}; "
                  f"with 24 samples {errors[24]:+.2f}, 36 samples {errors[36]:+.2f}")
        print("within ±0.5: " + ", ".join(f"{n} samples {k}/{cases}" for n, k in within.items()))


if __name__ == "__main__":
    main()
