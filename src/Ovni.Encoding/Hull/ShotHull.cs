// The allocation is the Lagrangian one of the dynamic optimizer: at a slope λ every shot takes the point of its hull that
// minimises bytes − λ·(summed VMAF); raising λ moves shots up their hulls, one segment at a time, in order of the
// segment's cost (Δbytes / Δquality). The λ at which segments switch are exactly the hulls' segment costs, so the
// bisection runs over those (sorted), not over a continuous λ that could stop between two switches.
namespace Ovni.Encoding;

/// <summary>
/// The math of per-shot convex-hull encoding: each shot's efficient rate–quality points (upper concave hull of
/// bytes → summed VMAF, i.e. the lower convex hull of rate–distortion), and the choice of one point per shot so that
/// the whole file's pooled (frame-weighted mean) VMAF meets a target in the fewest bytes, or the best pooled VMAF fits a
/// byte budget; no shot is given a point whose mean VMAF is below a floor.
/// </summary>
public static class ShotHull
{
    /// <summary>
    /// The points of <paramref name="points"/> on the shot's efficient frontier, by size ascending: every other point
    /// costs more bytes for the same or lower quality, or lies below the chord between two hull points. Quality rises
    /// strictly along the hull and each extra byte buys no more quality than the byte before (concave).
    /// </summary>
    public static IReadOnlyList<ShotPoint> Lower(IEnumerable<ShotPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var hull = new List<ShotPoint>();
        foreach (ShotPoint p in points.OrderBy(p => p.Bytes).ThenByDescending(p => p.VmafSum))
        {
            if (hull.Count > 0 && p.VmafSum <= hull[^1].VmafSum) continue; // dominated: more (or as many) bytes, no more quality
            if (hull.Count > 0 && p.Bytes == hull[^1].Bytes) continue;
            // Drop the last point while it lies on or below the chord from the one before it to p.
            while (hull.Count >= 2 && !TurnsDown(hull[^2], hull[^1], p)) hull.RemoveAt(hull.Count - 1);
            hull.Add(p);
        }
        return hull;
    }

    /// <summary>
    /// The fewest bytes whose pooled VMAF meets <paramref name="targetVmaf"/>: one point per shot from its hull, all at
    /// one slope, found by bisection over the slopes at which shots change point.
    /// </summary>
    /// <param name="shots">Every shot's probes (any points; the hull is taken here).</param>
    /// <param name="targetVmaf">Pooled (frame-weighted mean) VMAF to reach.</param>
    /// <param name="minShotVmaf">No shot gets a point whose mean VMAF is below this (a shot none of whose points reaches it gets its best).</param>
    /// <returns>The allocation; <see cref="HullAllocation.Met"/> is false when even every shot's best point misses the target.</returns>
    public static HullAllocation ForTarget(IReadOnlyList<IReadOnlyList<ShotPoint>> shots, double targetVmaf, double minShotVmaf = 0) =>
        Allocate(shots, minShotVmaf, a => a.PooledVmaf >= targetVmaf - 1e-9, smallest: true);

    /// <summary>The best pooled VMAF whose total size is at most <paramref name="budgetBytes"/>, one hull point per shot at one slope.</summary>
    /// <param name="shots">Every shot's probes.</param>
    /// <param name="budgetBytes">Most bytes for all shots together.</param>
    /// <param name="minShotVmaf">No shot below this mean VMAF (the floor wins over the budget: <see cref="HullAllocation.Met"/> is false then).</param>
    public static HullAllocation ForBudget(IReadOnlyList<IReadOnlyList<ShotPoint>> shots, long budgetBytes, double minShotVmaf = 0) =>
        Allocate(shots, minShotVmaf, a => a.Bytes <= budgetBytes, smallest: false);

    /// <summary>A shot's hull after the floor: points below it removed, or only its best point when none reaches it.</summary>
    internal static IReadOnlyList<ShotPoint> FlooredHull(IReadOnlyList<ShotPoint> points, double minShotVmaf)
    {
        if (points.Count == 0) throw new ArgumentException("A shot has no probes.", nameof(points));
        var above = points.Where(p => p.MeanVmaf >= minShotVmaf).ToList();
        return above.Count > 0 ? Lower(above) : [points.MaxBy(p => p.VmafSum)!];
    }

    private static HullAllocation Allocate(IReadOnlyList<IReadOnlyList<ShotPoint>> shots, double minShotVmaf, Func<HullAllocation, bool> fits, bool smallest)
    {
        ArgumentNullException.ThrowIfNull(shots);
        if (shots.Count == 0) throw new ArgumentException("There are no shots to allocate.", nameof(shots));
        var hulls = shots.Select(s => FlooredHull(s, minShotVmaf)).ToArray();
        // Every λ at which some shot moves to its next hull point, ascending; below the first every shot is at its cheapest.
        double[] switches = hulls.SelectMany(h => h.Zip(h.Skip(1), Cost)).Distinct().Order().ToArray();
        var lambdas = new double[switches.Length + 1];
        lambdas[0] = 0;
        switches.CopyTo(lambdas, 1);
        if (smallest)
        {
            // The smallest λ that fits; quality rises with λ, so fitting is monotone.
            HullAllocation best = At(hulls, lambdas[^1]);
            if (!fits(best)) return best with { Met = false };
            int lo = 0, hi = lambdas.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (fits(At(hulls, lambdas[mid]))) hi = mid; else lo = mid + 1;
            }
            return At(hulls, lambdas[lo]);
        }
        else
        {
            // The largest λ that still fits; size rises with λ.
            HullAllocation cheapest = At(hulls, 0);
            if (!fits(cheapest)) return cheapest with { Met = false };
            int lo = 0, hi = lambdas.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                if (fits(At(hulls, lambdas[mid]))) lo = mid; else hi = mid - 1;
            }
            return At(hulls, lambdas[lo]);
        }
    }

    /// <summary>Every shot's point minimising bytes − λ·quality; at a switch λ (a tie) the better point is taken.</summary>
    private static HullAllocation At(IReadOnlyList<ShotPoint>[] hulls, double lambda)
    {
        var chosen = new ShotPoint[hulls.Length];
        long bytes = 0;
        double sum = 0;
        long frames = 0;
        for (int s = 0; s < hulls.Length; s++)
        {
            IReadOnlyList<ShotPoint> hull = hulls[s];
            int k = 0;
            // Along a concave hull the segment costs rise, so walk up while the next segment is worth λ.
            while (k + 1 < hull.Count && Cost(hull[k], hull[k + 1]) <= lambda) k++;
            chosen[s] = hull[k];
            bytes += hull[k].Bytes;
            sum += hull[k].VmafSum;
            frames += hull[k].Frames;
        }
        return new HullAllocation(lambda, chosen, frames > 0 ? sum / frames : 0, bytes, Met: true);
    }

    /// <summary>Bytes per unit of summed VMAF of going from <paramref name="a"/> to the better <paramref name="b"/>.</summary>
    private static double Cost(ShotPoint a, ShotPoint b) => (b.Bytes - a.Bytes) / (b.VmafSum - a.VmafSum);

    /// <summary>Whether b lies strictly above the chord a→c (so a, b, c turn downwards: concave).</summary>
    private static bool TurnsDown(ShotPoint a, ShotPoint b, ShotPoint c)
    {
        double cross = (double)(b.Bytes - a.Bytes) * (c.VmafSum - a.VmafSum) - (b.VmafSum - a.VmafSum) * (double)(c.Bytes - a.Bytes);
        return cross < 0;
    }
}
