#!/usr/bin/env python3
"""Would probes at lower resolutions (scaled back up for scoring, as Netflix's dynamic optimizer does) help the hull?
A model-only experiment, no join: a 1280x720 input of ~20 one-second shots cut from the footage in ../shared/media that
really is 720p or more (so a lower resolution loses real detail, not upscaling blur), every shot encoded on its own at a
CRF grid x resolutions (lanczos down; for scoring the shots of one (resolution, CRF) are concatenated and Ovni's VMAF
scales them back up, bicubic, to 1280x720). Per shot: (bytes of the raw bitstream, summed per-frame VMAF). Printed, at
the same pooled (frame-mean) VMAF: one CRF at 720p for all shots (what a single-CRF encode is), the hull over CRFs at
720p only (what `--optimize shots` does today), and the hull over CRFs x resolutions.
Usage: benchmarks/hull-resolution.py [TARGET ...]   env: ENCODER=libx264|libsvtav1, PRESET, CRFS="18 21 ...",
HEIGHTS="720 540 360", LOW_CRFS (CRFs below the top height), SCRATCH=/tmp/ovni-hull-resolution, NICE=10, OVNI=published Ovni.Cli.dll
(default: the copy benchmarks/hull-compare.sh publishes). Writes SCRATCH/points-ENCODER.json (every probe)."""
import json, math, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
media = os.path.realpath(os.path.join(root, "..", "shared", "media"))
scratch = os.environ.get("SCRATCH", "/tmp/ovni-hull-resolution")
encoder = os.environ.get("ENCODER", "libx264")
preset = os.environ.get("PRESET", "fast" if encoder == "libx264" else "10")
crfs = [float(c) for c in os.environ.get("CRFS", "18 22 26 30" if encoder == "libx264" else "25 31 37 43 49 55").split()]
heights = [int(h) for h in os.environ.get("HEIGHTS", "720 540 360").split()]
# CRFs probed below the top height (default: the same); a low resolution at a high CRF is rarely worth its time.
low_crfs = [float(c) for c in os.environ["LOW_CRFS"].split()] if "LOW_CRFS" in os.environ else crfs
grid = [(h, c) for h in heights for c in (crfs if h == max(heights) else low_crfs)]
nice = ["nice", "-n", os.environ.get("NICE", "10")]
targets = [float(t) for t in sys.argv[1:]] or [93.0]
os.makedirs(scratch, exist_ok=True)
os.environ["OVNI_VMAF_MODELS"] = os.path.realpath(os.path.join(root, "..", "shared", "vmaf", "models"))

# (file, start seconds): one second each (trimmed after decoding: cockatoo.mp4's input seek
# lands between key frames), inside one scene (sintel's cuts from MANIFEST.csv avoided).
cockatoo, dog, sintel = (os.path.join(media, f) for f in ("cockatoo.mp4", "internal_emulator_transformer_output.mp4", "sintel_1080_10s_av1.mp4"))
shots = [(cockatoo, t) for t in (0.2, 2.2, 4.2, 6.2, 8.2, 10.2, 12.2)] + [(dog, t) for t in (0.2, 1.4, 2.6, 3.8)] + \
        [(sintel, t) for t in (0.3, 1.35, 5.9, 7.5, 8.75)] + [(os.path.join(media, "sample_with_srt.mkv"), 0.1)] + \
        [(sintel, 3.3), (dog, 0.9), (cockatoo, 1.2)]
FRAMES = 24


def run(cmd):
    subprocess.run(nice + cmd, check=True, stdout=subprocess.DEVNULL)


def reference(i):
    path = f"{scratch}/ref-{i:02d}.mkv"
    if not os.path.exists(path):
        file, start = shots[i]
        run(["ffmpeg", "-hide_banner", "-v", "error", "-y", "-i", file, "-an", "-sn", "-vf",
             f"trim=start={start},setpts=PTS-STARTPTS,fps=24,scale=1280:720:force_original_aspect_ratio=decrease:in_range=auto:out_range=tv,pad=1280:720:(ow-iw)/2:(oh-ih)/2,"
             f"setsar=1,format=yuv420p,trim=end_frame={FRAMES}", "-c:v", "ffv1", path + ".part.mkv"])
        os.rename(path + ".part.mkv", path)
    return path


def probe(i, height, crf):
    ext = "264" if encoder == "libx264" else "obu"
    path = f"{scratch}/{encoder}-{height}-{crf:g}-{i:02d}.{ext}"
    if not os.path.exists(path):
        width = height * 16 // 9 // 2 * 2
        codec = ["-c:v", encoder, "-preset", preset, "-crf", f"{crf:g}"] + (["-threads", "1"] if encoder == "libx264" else [])
        run(["ffmpeg", "-hide_banner", "-v", "error", "-y", "-i", reference(i), "-vf", f"scale={width}:{height}:flags=lanczos"] + codec +
            ["-f", "h264" if encoder == "libx264" else "obu", path + ".part"])
        os.rename(path + ".part", path)
    return path


with ThreadPoolExecutor(2) as pool:
    list(pool.map(reference, range(len(shots))))
whole_ref = f"{scratch}/reference.mkv"
if not os.path.exists(whole_ref):
    with open(f"{scratch}/refs.txt", "w") as f:
        f.writelines(f"file 'ref-{i:02d}.mkv'\n" for i in range(len(shots)))
    run(["ffmpeg", "-hide_banner", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", f"{scratch}/refs.txt", "-c", "copy", whole_ref + ".part.mkv"])
    os.rename(whole_ref + ".part.mkv", whole_ref)

# Frames per shot as cut (a source that ends or fails to decode early gives fewer than FRAMES).
counts = [int(subprocess.run(["ffprobe", "-v", "error", "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", reference(i)],
                             check=True, capture_output=True, text=True).stdout) for i in range(len(shots))]
starts = [sum(counts[:i]) for i in range(len(shots))]
points_path = f"{scratch}/points-{encoder}.json"
points = json.load(open(points_path)) if os.path.exists(points_path) else {}
for height, crf in grid:
    key = f"{height} {crf:g}"
    if key in points:
        continue
    with ThreadPoolExecutor(2) as pool:
        files = list(pool.map(lambda i: probe(i, height, crf), range(len(shots))))
    joined = f"{scratch}/joined.{files[0].rsplit('.', 1)[1]}"
    with open(joined, "wb") as out:  # raw bitstreams concatenate into one valid stream
        for f in files:
            out.write(open(f, "rb").read())
    run(["dotnet", os.environ.get("OVNI", "/tmp/ovni-hull-compare/ovni/Ovni.Cli.dll"), "vmaf", whole_ref, joined, "--align", "Index", "--json", f"{scratch}/vmaf.json"])
    frames = [f["metrics"]["vmaf"] for f in json.load(open(f"{scratch}/vmaf.json"))["frames"]]
    assert len(frames) == sum(counts), (len(frames), key)
    points[key] = [(os.path.getsize(f), sum(frames[starts[i]:starts[i] + counts[i]])) for i, f in enumerate(files)]
    json.dump(points, open(points_path, "w"))
    print(f"{height}p CRF {crf:g}: {sum(b for b, _ in points[key]):9d} bytes, VMAF {sum(frames) / len(frames):.3f}", flush=True)

n = len(shots)
total_frames = sum(counts)


def hull_curve(keys):
    """Pooled (bytes, mean VMAF) of every allocation one slope gives, over the probes named by keys."""
    per_shot = [[(points[k][i][0], points[k][i][1], k) for k in keys] for i in range(n)]
    lambdas = sorted({abs((b2 - b1) / (q2 - q1)) for shot in per_shot for b1, q1, _ in shot for b2, q2, _ in shot if q2 != q1})
    curve = []
    for lam in [0.0] + lambdas + [1e12]:
        chosen = [min(shot, key=lambda p: p[0] - lam * p[1]) for shot in per_shot]
        curve.append((sum(p[0] for p in chosen), sum(p[1] for p in chosen) / total_frames, [p[2] for p in chosen]))
    return sorted(set((b, v, tuple(c)) for b, v, c in curve), key=lambda c: c[1])


def at(curve, target):
    """Bytes at the target VMAF between the two allocations beside it, linear in log(bytes) (None when out of range)."""
    for (b1, v1, _), (b2, v2, c2) in zip(curve, curve[1:]):
        if v1 <= target <= v2:
            return math.exp(math.log(b1) + (math.log(b2) - math.log(b1)) * (target - v1) / (v2 - v1)) if v2 > v1 else b1, c2
    return None, None


top = max(heights)
uniform = sorted(((sum(b for b, _ in points[f"{top} {c:g}"]), sum(q for _, q in points[f"{top} {c:g}"]) / total_frames, ()) for c in crfs), key=lambda c: c[1])
crf_hull = hull_curve([f"{top} {c:g}" for c in crfs])
res_hull = hull_curve([f"{h} {c:g}" for h, c in grid])
for target in targets:
    u, _ = at(uniform, target)
    h, _ = at(crf_hull, target)
    r, chosen = at(res_hull, target)
    if None in (u, h, r):
        print(f"VMAF {target}: out of the probed range")
        continue
    used = {hh: sum(1 for k in chosen if k.startswith(f"{hh} ")) for hh in heights}
    print(f"VMAF {target}: one CRF at {top}p {u:10.0f} bytes | hull over CRF at {top}p {h:10.0f} ({100 * (h / u - 1):+.1f} %) | "
          f"hull over CRF x {'/'.join(map(str, heights))}p {r:10.0f} ({100 * (r / u - 1):+.1f} %); shots per height {used}")
