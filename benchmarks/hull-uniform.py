#!/usr/bin/env python3
"""The allocation's own gain, from one `--hull-json` table: the hull's chosen encodes against one CRF for every shot,
both from the same per-shot probes (so chunking, key frames and the join cost the same on both sides). For every CRF at
which every shot was probed, the pooled (frame-weighted) predicted VMAF and total bytes; the single-CRF bytes are
interpolated at the hull's predicted VMAF, linearly in log(bytes) (bytes fall about exponentially with CRF; a straight
line in bytes between CRFs several steps apart overstates the single CRF's size and so the hull's gain: printed too).
Usage: hull-uniform.py HULL.json"""
import json, math, sys

d = json.load(open(sys.argv[1]))
shots = d["shots"]
frames = sum(s["frames"] for s in shots)
common = set.intersection(*({p["crf"] for p in s["probes"]} for s in shots))
curve = []
for crf in sorted(common):
    points = [next(p for p in s["probes"] if p["crf"] == crf) for s in shots]
    curve.append((crf, sum(p["vmaf"] * s["frames"] for p, s in zip(points, shots)) / frames, sum(p["bytes"] for p in points)))
hull_vmaf = d["predicted_vmaf"]
hull_bytes = sum(s["bytes"] for s in shots)
for crf, v, b in curve:
    print(f"one CRF {crf:5.2f} for all shots: predicted VMAF {v:7.3f}, {b:9d} bytes")
pairs = sorted(curve, key=lambda c: c[1])
uniform = linear = None
for (c1, v1, b1), (c2, v2, b2) in zip(pairs, pairs[1:]):
    if v1 <= hull_vmaf <= v2:
        f = (hull_vmaf - v1) / (v2 - v1) if v2 > v1 else 0
        uniform, linear = math.exp(math.log(b1) + (math.log(b2) - math.log(b1)) * f), b1 + (b2 - b1) * f
if uniform is None:
    print(f"hull: predicted VMAF {hull_vmaf:.3f}, {hull_bytes} bytes; no two common CRFs bracket it")
else:
    print(f"hull: predicted VMAF {hull_vmaf:.3f}, {hull_bytes} bytes; one CRF at that VMAF (log-interpolated): {uniform:.0f} bytes -> hull "
          f"{100 * (hull_bytes / uniform - 1):+.1f} % (interpolated linearly in bytes: {linear:.0f} -> {100 * (hull_bytes / linear - 1):+.1f} %)")
