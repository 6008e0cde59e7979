#!/usr/bin/env python3
"""Would choosing an encoder setting per shot, beside the CRF, help the hull? A model-only experiment, no join: the shots
of one hull-compare input (`benchmarks/hull-compare.sh` builds them; Ovni's scene detector cuts them), every shot encoded
on its own (FFmpeg CLI, one thread) at a CRF grid x a set of encoder variants, scored by Ovni's VMAF against its own frames
(FFV1). Per shot and variant: (bytes of the bitstream, summed per-frame VMAF). Printed at each pooled (frame-mean) VMAF:
one CRF for every shot with each variant alone (CRF interpolated linearly in log(bytes)), the hull over CRFs for each
variant alone, and the hull over CRFs x variants (default plus one, and all). The question is the last line against the
best variant's own hull: a setting that wins on every shot is a better global setting, not a per-shot gain.
Usage: benchmarks/hull-variants.py INPUT [TARGET ...]   env: ENCODER=libx264|libsvtav1, PRESET, CRFS="21 24 27 30",
VARIANTS="default=;ssim=-tune ssim;..." (name=FFmpeg arguments), SCRATCH=/tmp/ovni-hull-variants, JOBS=2,
OVNI=published Ovni.Cli.dll (default: the copy benchmarks/hull-compare.sh publishes). Resumable: each point is kept as JSON."""
import itertools, json, math, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
inp = sys.argv[1]
targets = [float(t) for t in sys.argv[2:]] or [93.0]
encoder = os.environ.get("ENCODER", "libx264")
preset = os.environ.get("PRESET", "fast" if encoder == "libx264" else "10")
crfs = [float(c) for c in os.environ.get("CRFS", "21 24 27 30" if encoder == "libx264" else "30 34 38 42").split()]
variants = {}
for spec in os.environ.get("VARIANTS", "default=;ssim=-tune ssim;aq3=-aq-mode 3;nopsy=-psy 0;db=-x264-params deblock=-1,-1").split(";"):
    name, _, args = spec.partition("=")
    variants[name] = args.split()
scratch = os.path.join(os.environ.get("SCRATCH", "/tmp/ovni-hull-variants"), os.path.basename(inp) + "-" + encoder)
os.makedirs(scratch, exist_ok=True)
ovni = ["dotnet", os.environ.get("OVNI", "/tmp/ovni-hull-compare/ovni/Ovni.Cli.dll")]
env = dict(os.environ, OVNI_VMAF_MODELS=os.environ.get("OVNI_VMAF_MODELS", os.path.realpath(os.path.join(root, "..", "shared", "vmaf", "models"))))
raw_args = ["-f", "rawvideo", "-pix_fmt", "yuv420p"]

probe = json.loads(subprocess.check_output(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                                            "stream=width,height,r_frame_rate", "-of", "json", inp]))["streams"][0]
width, height, rate = probe["width"], probe["height"], probe["r_frame_rate"]
frame_bytes = width * height * 3 // 2
scenes = json.loads(subprocess.check_output(ovni + ["scenes", inp, "--json"], env=env))
cuts = [0] + [c["frame"] for c in scenes["cuts"]] + [scenes["frames"]]
shots = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
master = os.path.join(scratch, "master.yuv")
if not os.path.exists(master):
    subprocess.check_call(["ffmpeg", "-v", "error", "-y", "-i", inp, *raw_args, master + ".partial"])
    os.replace(master + ".partial", master)


def shot_files(i):
    """The shot's raw frames (the encoders' input) and its FFV1 copy (VMAF's reference)."""
    raw, ref = os.path.join(scratch, f"s{i:02d}.yuv"), os.path.join(scratch, f"s{i:02d}.ref.mkv")
    if not os.path.exists(ref):
        a, b = shots[i]
        with open(master, "rb") as f:
            f.seek(a * frame_bytes)
            data = f.read((b - a) * frame_bytes)
        with open(raw, "wb") as g:
            g.write(data)
        subprocess.check_call(["ffmpeg", "-v", "error", "-y", *raw_args, "-s", f"{width}x{height}", "-r", rate, "-i", raw,
                               "-c:v", "ffv1", ref + ".partial.mkv"])
        os.replace(ref + ".partial.mkv", ref)
    return raw, ref


def point(i, variant, crf):
    key = os.path.join(scratch, f"s{i:02d}.{variant}.{crf:g}")
    if os.path.exists(key + ".json"):
        return json.load(open(key + ".json"))
    raw, ref = shot_files(i)
    crf_arg = f"{crf:g}" if encoder != "libsvtav1" else str(int(crf))
    subprocess.check_call(["ffmpeg", "-v", "error", "-y", *raw_args, "-s", f"{width}x{height}", "-r", rate, "-i", raw,
                           "-c:v", encoder, "-preset", preset, "-crf", crf_arg, *variants[variant], "-threads", "1", key + ".mkv"])
    sizes = subprocess.check_output(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=size",
                                     "-of", "csv=p=0", key + ".mkv"]).decode().split()
    subprocess.check_call(ovni + ["vmaf", ref, key + ".mkv", "--json", key + ".vmaf.json"], env=env, stdout=subprocess.DEVNULL)
    scores = [f["metrics"]["vmaf"] for f in json.load(open(key + ".vmaf.json"))["frames"]]
    row = {"shot": i, "variant": variant, "crf": crf, "bytes": sum(map(int, sizes)), "vmaf_sum": sum(scores), "frames": len(scores)}
    json.dump(row, open(key + ".json", "w"))
    os.remove(key + ".mkv"); os.remove(key + ".vmaf.json")
    return row


for i in range(len(shots)):
    shot_files(i)
with ThreadPoolExecutor(int(os.environ.get("JOBS", "2"))) as pool:
    rows = list(pool.map(lambda t: point(*t), [(i, v, c) for i in range(len(shots)) for v in variants for c in crfs]))
json.dump(rows, open(os.path.join(scratch, "points.json"), "w"))
frames = sum(b - a for a, b in shots)
points = {}
for r in rows:
    points.setdefault((r["shot"], r["variant"]), []).append((r["crf"], r["bytes"], r["vmaf_sum"]))


def one_crf(variant, target):
    """Total bytes and the CRF at which one CRF for every shot pools to the target (None outside the grid)."""
    def at(crf):
        total_bytes = total_vmaf = 0.0
        for s in range(len(shots)):
            p = sorted(points[(s, variant)])
            for (c0, b0, v0), (c1, b1, v1) in zip(p, p[1:]):
                if c0 <= crf <= c1:
                    t = (crf - c0) / (c1 - c0)
                    total_bytes += math.exp(math.log(b0) + t * (math.log(b1) - math.log(b0)))
                    total_vmaf += v0 + t * (v1 - v0)
                    break
        return total_bytes, total_vmaf / frames
    lo, hi = crfs[0], crfs[-1]
    if at(lo)[1] < target or at(hi)[1] > target:
        return None, None
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if at(mid)[1] >= target else (lo, mid)
    return at(lo)[0], lo


def upper_hull(pts):
    """The efficient points of (bytes, summed VMAF): rising quality, falling slope."""
    best = {}
    for b, q in pts:  # equal sizes (two settings can code a shot alike): the better score
        best[b] = max(q, best.get(b, q))
    hull = []
    for b, q in sorted(best.items()):
        if hull and q <= hull[-1][1]:
            continue
        while len(hull) >= 2 and (hull[-1][1] - hull[-2][1]) * (b - hull[-2][0]) <= (q - hull[-2][1]) * (hull[-1][0] - hull[-2][0]):
            hull.pop()
        hull.append((b, q))
    return hull


def hull_bytes(chosen, target):
    """Bytes at the target when every shot sits at one slope (greedy steepest upgrade; the last step interpolated)."""
    hulls = [upper_hull([(b, q) for v in chosen for _, b, q in points[(s, v)]]) for s in range(len(shots))]
    at = [0] * len(shots)
    total_bytes = sum(h[0][0] for h in hulls)
    total_vmaf = sum(h[0][1] for h in hulls)
    need = target * frames
    while total_vmaf < need:
        steps = [((h[k + 1][1] - h[k][1]) / (h[k + 1][0] - h[k][0]), s) for s, (h, k) in enumerate(zip(hulls, at)) if k + 1 < len(h)]
        if not steps:
            return None
        _, s = max(steps)
        db, dq = hulls[s][at[s] + 1][0] - hulls[s][at[s]][0], hulls[s][at[s] + 1][1] - hulls[s][at[s]][1]
        if total_vmaf + dq >= need:
            return total_bytes + db * (need - total_vmaf) / dq
        total_bytes, total_vmaf, at[s] = total_bytes + db, total_vmaf + dq, at[s] + 1
    return total_bytes


names = list(variants)
print(f"{os.path.basename(inp)}, {encoder} ({preset}): {len(shots)} shots, {frames} frames, CRFs {crfs}, {len(rows)} points")
for target in targets:
    base, base_crf = one_crf(names[0], target)
    if base is None:
        print(f"pooled VMAF {target}: outside the CRF grid"); continue
    print(f"pooled VMAF {target}: one CRF, {names[0]}: {base:,.0f} bytes (CRF {base_crf:.2f})")
    for v in names[1:]:
        b, c = one_crf(v, target)
        print(f"  one CRF, {v:<10} " + (f"{b:,.0f} ({100 * (b / base - 1):+.1f} %, CRF {c:.2f})" if b else "outside the grid"))
    sets = [(v,) for v in names] + [(names[0], v) for v in names[1:]] + ([tuple(names)] if len(names) > 2 else [])
    for chosen in sets:
        b = hull_bytes(chosen, target)
        print(f"  hull over {'+'.join(chosen):<32} " + (f"{b:,.0f} ({100 * (b / base - 1):+.1f} % vs one CRF, {names[0]})" if b else "unreachable"))
