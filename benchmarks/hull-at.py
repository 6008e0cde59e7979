#!/usr/bin/env python3
"""(c)'s bytes at a VMAF from ONE convex-hull run, for when a second run aimed past it does not fit the time: the pooled
curve of every one-slope allocation over that run's probes (floor applied), shifted by the run's measured − predicted
VMAF (the joined file scores above its shots scored alone), linear between allocations, plus the run's container
difference (output − chosen probes). Checked against two-run interpolation (hull-compare.sh): within 0.2 % on mixed/x264,
film/x264 and film/SVT-AV1. Usage: hull-at.py C1.json VMAF   (C1.json: `ovni encode --optimize shots --json` output)"""
import json, sys

c = json.load(open(sys.argv[1]))
va = float(sys.argv[2])
shots = c["shots"]
frames = sum(s["frames"] for s in shots)
offset = c["measured_vmaf"] - c["predicted_vmaf"]
overhead = c["output_bytes"] - c["video_bytes"]
per = [[(p["bytes"], p["vmaf"] * s["frames"]) for p in s["probes"] if p["vmaf"] >= c["min_shot_vmaf"]]
       or [max(((p["bytes"], p["vmaf"] * s["frames"]) for p in s["probes"]), key=lambda x: x[1])] for s in shots]
slopes = sorted({abs((b2 - b1) / (q2 - q1)) for shot in per for b1, q1 in shot for b2, q2 in shot if q2 != q1})
curve = set()
for lam in [0.0] + slopes + [1e12]:
    chosen = [min(shot, key=lambda p: p[0] - lam * p[1]) for shot in per]
    curve.add((sum(p[0] for p in chosen), sum(p[1] for p in chosen) / frames))
curve = sorted(curve, key=lambda x: x[1])
target = va - offset
for (b1, v1), (b2, v2) in zip(curve, curve[1:]):
    if v1 <= target <= v2:
        video = b1 + (b2 - b1) * (target - v1) / (v2 - v1) if v2 > v1 else b1
        print(f"measured - predicted {offset:+.3f}: predicted {target:.3f} -> video {video:.0f} + container {overhead} = {video + overhead:.0f} bytes at VMAF {va}")
        break
else:
    print(f"VMAF {va} (predicted {target:.3f}) is outside this run's curve")
