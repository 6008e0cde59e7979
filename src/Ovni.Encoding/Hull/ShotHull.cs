// The allocation is the Lagrangian one of the dynamic optimizer: at a slope λ every shot takes the point of its hull that
// minimises bytes − λ·(summed VMAF); raising λ moves shots up their hulls, one segment at a time, in order of the
// segment's cost (Δbytes / Δquality). The λ at which segments switch are exactly the hulls' segment costs, so the
// bisection runs over those (sorted), not over a continuous λ that could stop between two switches.
// Pooling: the allocation needs a quality that adds up over shots. The mean adds per-frame VMAF; the harmonic mean
// (libvmaf's: n / Σ 1/(VMAF+1) − 1) is a falling function of Σ 1/(VMAF+1), so the same machinery maximises −Σ 1/(VMAF+1);
// the minimum over frames is no sum but separates completely: every shot takes its cheapest point whose worst frame
// reaches the target. The 5th percentile does neither (a shot's share depends on every other shot's frames).
namespace Ovni.Encoding;

/// <summary>
/// The math of per-shot convex-hull encoding: each shot's efficient rate–quality points (upper concave hull of
/// bytes → summed VMAF, i.e. the lower convex hull of rate–distortion), and the choice of one point per shot so that
/// the whole file's pooled (frame-weighted mean) VMAF meets a target in the fewest bytes, or the best pooled VMAF fits a
/// byte budget; no shot is given a point whose mean VMAF is below a floor. Pooled as the mean (default), the harmonic
/// mean or the minimum over frames; not the 5th percentile, which does not separate into shots.
/// </summary>
public static class ShotHull
{
    /// <summary>
    /// The points of <paramref name="points"/> on the shot's efficient frontier, by size ascending: every other point
    /// costs more bytes for the same or lower quality, or lies below the chord between two hull points. Quality rises
    /// strictly along the hull and each extra byte buys no more quality than the byte before (concave).
    /// </summary>
    public static IReadOnlyList<ShotPoint> Lower(IEnumerable<ShotPoint> points) => Lower(points, VmafPooling.Mean);

    /// <summary>The hull of <paramref name="points"/> for <paramref name="pooling"/>'s additive quality (see <see cref="Lower(IEnumerable{ShotPoint})"/>).</summary>
    internal static IReadOnlyList<ShotPoint> Lower(IEnumerable<ShotPoint> points, VmafPooling pooling)
    {
        ArgumentNullException.ThrowIfNull(points);
        Func<ShotPoint, double> q = Quality(pooling);
        var hull = new List<ShotPoint>();
        foreach (ShotPoint p in points.OrderBy(p => p.Bytes).ThenByDescending(q))
        {
            if (hull.Count > 0 && q(p) <= q(hull[^1])) continue; // dominated: more (or as many) bytes, no more quality
            if (hull.Count > 0 && p.Bytes == hull[^1].Bytes) continue;
            // Drop the last point while it lies on or below the chord from the one before it to p.
            while (hull.Count >= 2 && !TurnsDown(hull[^2], hull[^1], p, q)) hull.RemoveAt(hull.Count - 1);
            hull.Add(p);
        }
        return hull;
    }

    /// <summary>What the allocation adds up over shots and maximises, for a pooling that separates into shots.</summary>
    private static Func<ShotPoint, double> Quality(VmafPooling pooling) => pooling switch
    {
        VmafPooling.Mean => p => p.VmafSum,
        VmafPooling.HarmonicMean => p => -p.InverseSum,
        VmafPooling.Min => p => p.MinVmaf,
        _ => throw new ArgumentException($"{pooling} pooling does not separate into shots: allocate for Mean, HarmonicMean or Min.", nameof(pooling)),
    };

    /// <summary>The whole file's pooled VMAF from the chosen points.</summary>
    private static double Pooled(IReadOnlyList<ShotPoint> chosen, VmafPooling pooling)
    {
        long frames = chosen.Sum(p => (long)p.Frames);
        if (frames == 0) return 0;
        return pooling switch
        {
            VmafPooling.HarmonicMean => frames / chosen.Sum(p => p.InverseSum) - 1,
            VmafPooling.Min => chosen.Min(p => p.MinVmaf),
            _ => chosen.Sum(p => p.VmafSum) / frames,
        };
    }

    /// <summary>
    /// The fewest bytes whose pooled VMAF meets <paramref name="targetVmaf"/>: one point per shot from its hull, all at
    /// one slope, found by bisection over the slopes at which shots change point.
    /// </summary>
    /// <param name="shots">Every shot's probes (any points; the hull is taken here).</param>
    /// <param name="targetVmaf">Pooled VMAF (by <paramref name="pooling"/>) to reach.</param>
    /// <param name="minShotVmaf">No shot gets a point whose mean VMAF is below this (a shot none of whose points reaches it gets its best).</param>
    /// <param name="pooling">How frames pool into the whole file's VMAF: mean, harmonic mean or minimum (not the 5th percentile).</param>
    /// <returns>The allocation; <see cref="HullAllocation.Met"/> is false when even every shot's best point misses the target.</returns>
    /// <exception cref="ArgumentException">Percentile pooling, or harmonic pooling of a point without <see cref="ShotPoint.InverseSum"/>.</exception>
    public static HullAllocation ForTarget(IReadOnlyList<IReadOnlyList<ShotPoint>> shots, double targetVmaf, double minShotVmaf = 0, VmafPooling pooling = VmafPooling.Mean) =>
        Allocate(shots, minShotVmaf, pooling, a => a.PooledVmaf >= targetVmaf - 1e-9, smallest: true);

    /// <summary>The best pooled VMAF whose total size is at most <paramref name="budgetBytes"/>, one hull point per shot at one slope.</summary>
    /// <param name="shots">Every shot's probes.</param>
    /// <param name="budgetBytes">Most bytes for all shots together.</param>
    /// <param name="minShotVmaf">No shot below this mean VMAF (the floor wins over the budget: <see cref="HullAllocation.Met"/> is false then).</param>
    /// <param name="pooling">How frames pool into the whole file's VMAF: mean, harmonic mean or minimum (not the 5th percentile).</param>
    /// <exception cref="ArgumentException">Percentile pooling, or harmonic pooling of a point without <see cref="ShotPoint.InverseSum"/>.</exception>
    public static HullAllocation ForBudget(IReadOnlyList<IReadOnlyList<ShotPoint>> shots, long budgetBytes, double minShotVmaf = 0, VmafPooling pooling = VmafPooling.Mean) =>
        Allocate(shots, minShotVmaf, pooling, a => a.Bytes <= budgetBytes, smallest: false);

    /// <summary>A shot's hull after the floor: points below it removed, or only its best point when none reaches it.</summary>
    internal static IReadOnlyList<ShotPoint> FlooredHull(IReadOnlyList<ShotPoint> points, double minShotVmaf, VmafPooling pooling = VmafPooling.Mean)
    {
        if (points.Count == 0) throw new ArgumentException("A shot has no probes.", nameof(points));
        var above = points.Where(p => p.MeanVmaf >= minShotVmaf).ToList();
        return above.Count > 0 ? Lower(above, pooling) : [points.MaxBy(Quality(pooling))!];
    }

    private static HullAllocation Allocate(IReadOnlyList<IReadOnlyList<ShotPoint>> shots, double minShotVmaf, VmafPooling pooling, Func<HullAllocation, bool> fits, bool smallest)
    {
        ArgumentNullException.ThrowIfNull(shots);
        if (shots.Count == 0) throw new ArgumentException("There are no shots to allocate.", nameof(shots));
        Func<ShotPoint, double> q = Quality(pooling);
        if (pooling == VmafPooling.HarmonicMean && shots.Any(s => s.Any(p => !double.IsFinite(p.InverseSum))))
            throw new ArgumentException("Harmonic pooling needs every point's InverseSum (Σ 1/(VMAF+1) over its frames).", nameof(shots));
        if (pooling == VmafPooling.Min) return AllocateMin(shots, minShotVmaf, fits, smallest);
        var hulls = shots.Select(s => FlooredHull(s, minShotVmaf, pooling)).ToArray();
        // Every λ at which some shot moves to its next hull point, ascending; below the first every shot is at its cheapest.
        double[] switches = hulls.SelectMany(h => h.Zip(h.Skip(1), (a, b) => Cost(a, b, q))).Distinct().Order().ToArray();
        var lambdas = new double[switches.Length + 1];
        lambdas[0] = 0;
        switches.CopyTo(lambdas, 1);
        if (smallest)
        {
            // The smallest λ that fits; quality rises with λ, so fitting is monotone.
            HullAllocation best = At(hulls, lambdas[^1], pooling);
            if (!fits(best)) return best with { Met = false };
            int lo = 0, hi = lambdas.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (fits(At(hulls, lambdas[mid], pooling))) hi = mid; else lo = mid + 1;
            }
            return At(hulls, lambdas[lo], pooling);
        }
        else
        {
            // The largest λ that still fits; size rises with λ.
            HullAllocation cheapest = At(hulls, 0, pooling);
            if (!fits(cheapest)) return cheapest with { Met = false };
            int lo = 0, hi = lambdas.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                if (fits(At(hulls, lambdas[mid], pooling))) lo = mid; else hi = mid - 1;
            }
            return At(hulls, lambdas[lo], pooling);
        }
    }

    /// <summary>
    /// Minimum pooling: one threshold t for every shot's worst frame, each shot at its cheapest point reaching t (its best
    /// when none does); the smallest t that fits (a target) or the largest (a budget). No slope: Lambda is NaN.
    /// </summary>
    private static HullAllocation AllocateMin(IReadOnlyList<IReadOnlyList<ShotPoint>> shots, double minShotVmaf, Func<HullAllocation, bool> fits, bool smallest)
    {
        var candidates = shots.Select(s =>
        {
            if (s.Count == 0) throw new ArgumentException("A shot has no probes.", nameof(shots));
            var above = s.Where(p => p.MeanVmaf >= minShotVmaf).ToList();
            return above.Count > 0 ? above : [s.MaxBy(p => p.MinVmaf)!];
        }).ToArray();
        HullAllocation At(double t)
        {
            var chosen = candidates.Select(c => c.Where(p => p.MinVmaf >= t).MinBy(p => p.Bytes) ?? c.MaxBy(p => p.MinVmaf)!).ToArray();
            return new HullAllocation(double.NaN, chosen, Pooled(chosen, VmafPooling.Min), chosen.Sum(p => p.Bytes), Met: true);
        }
        double[] thresholds = candidates.SelectMany(c => c.Select(p => p.MinVmaf)).Distinct().Order().ToArray();
        // Quality and size both rise with t; walk from the end that the answer is nearest.
        IEnumerable<double> order = smallest ? thresholds : thresholds.Reverse();
        foreach (double t in order)
        {
            HullAllocation a = At(t);
            if (fits(a)) return a;
        }
        return (smallest ? At(thresholds[^1]) : At(thresholds[0])) with { Met = false };
    }

    /// <summary>Every shot's point minimising bytes − λ·quality; at a switch λ (a tie) the better point is taken.</summary>
    private static HullAllocation At(IReadOnlyList<ShotPoint>[] hulls, double lambda, VmafPooling pooling)
    {
        Func<ShotPoint, double> q = Quality(pooling);
        var chosen = new ShotPoint[hulls.Length];
        long bytes = 0;
        for (int s = 0; s < hulls.Length; s++)
        {
            IReadOnlyList<ShotPoint> hull = hulls[s];
            int k = 0;
            // Along a concave hull the segment costs rise, so walk up while the next segment is worth λ.
            while (k + 1 < hull.Count && Cost(hull[k], hull[k + 1], q) <= lambda) k++;
            chosen[s] = hull[k];
            bytes += hull[k].Bytes;
        }
        return new HullAllocation(lambda, chosen, Pooled(chosen, pooling), bytes, Met: true);
    }

    /// <summary>Bytes per unit of quality of going from <paramref name="a"/> to the better <paramref name="b"/>.</summary>
    private static double Cost(ShotPoint a, ShotPoint b, Func<ShotPoint, double> q) => (b.Bytes - a.Bytes) / (q(b) - q(a));

    /// <summary>Whether b lies strictly above the chord a→c (so a, b, c turn downwards: concave).</summary>
    private static bool TurnsDown(ShotPoint a, ShotPoint b, ShotPoint c, Func<ShotPoint, double> q)
    {
        double cross = (double)(b.Bytes - a.Bytes) * (q(c) - q(a)) - (q(b) - q(a)) * (double)(c.Bytes - a.Bytes);
        return cross < 0;
    }
}
