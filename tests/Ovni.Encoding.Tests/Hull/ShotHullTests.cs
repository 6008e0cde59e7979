// The hull and allocation math on synthetic shots: random rate–quality curves (concave with noise, plus dominated
// points), checked for the properties the encoder relies on, against brute force over every combination where it is small.
namespace Ovni.Encoding.Tests;

public sealed class ShotHullTests
{
    /// <summary>A shot: a noisy concave curve VMAF(CRF) and bytes halving every ~6 CRF, scaled by the shot's complexity.</summary>
    private static List<ShotPoint> Shot(Random random, int frames, double complexity, int points = 6)
    {
        var list = new List<ShotPoint>();
        for (int i = 0; i < points; i++)
        {
            double crf = 14 + i * 4 + random.NextDouble();
            double mean = Math.Clamp(100 - complexity * Math.Exp((crf - 14) / 12) * 3 + random.NextDouble() * 1.5, 20, 100);
            long bytes = (long)(frames * 20000 * complexity * Math.Pow(2, -(crf - 14) / 6) * (0.9 + 0.2 * random.NextDouble()));
            // Frames alternate a spread either side of the mean (busier shots spread more): what harmonic pooling sees.
            double spread = Math.Min(3 * complexity, mean), inverse = 0;
            for (int f = 0; f < frames; f++) inverse += 1 / (Math.Clamp(mean + (f % 2 == 0 ? spread : -spread), 0, 100) + 1);
            list.Add(new ShotPoint(crf, bytes, mean * frames, frames, mean - 3, inverse));
        }
        return list;
    }

    private static List<IReadOnlyList<ShotPoint>> Shots(int seed, int count, int points = 6)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (IReadOnlyList<ShotPoint>)Shot(random, random.Next(24, 90), 0.3 + random.NextDouble() * 3, points)).ToList();
    }

    /// <summary>The hull's quality at <paramref name="bytes"/>, linear between its points (flat past the last one).</summary>
    private static double Envelope(IReadOnlyList<ShotPoint> hull, long bytes)
    {
        if (bytes >= hull[^1].Bytes) return hull[^1].VmafSum;
        for (int i = 0; i + 1 < hull.Count; i++)
            if (bytes <= hull[i + 1].Bytes)
                return hull[i].VmafSum + (hull[i + 1].VmafSum - hull[i].VmafSum) * (bytes - hull[i].Bytes) / (double)(hull[i + 1].Bytes - hull[i].Bytes);
        return hull[^1].VmafSum;
    }

    [Fact]
    public void The_hull_is_increasing_concave_and_no_point_lies_above_it()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var points = Shot(random, 48, 0.5 + random.NextDouble() * 2, points: 8);
            points.Add(points[2] with { Bytes = points[2].Bytes * 3, Crf = 99 }); // dominated: more bytes, same quality
            IReadOnlyList<ShotPoint> hull = ShotHull.Lower(points);

            Assert.NotEmpty(hull);
            Assert.All(hull, p => Assert.Contains(p, points));
            Assert.Equal(points.Min(p => p.Bytes), hull[0].Bytes);
            Assert.Equal(points.Max(p => p.VmafSum), hull[^1].VmafSum);
            for (int i = 1; i < hull.Count; i++)
            {
                Assert.True(hull[i].Bytes > hull[i - 1].Bytes && hull[i].VmafSum > hull[i - 1].VmafSum, $"seed {seed}: the hull must rise in bytes and quality");
                if (i >= 2)
                {
                    double before = (hull[i - 1].VmafSum - hull[i - 2].VmafSum) / (hull[i - 1].Bytes - hull[i - 2].Bytes);
                    double after = (hull[i].VmafSum - hull[i - 1].VmafSum) / (hull[i].Bytes - hull[i - 1].Bytes);
                    Assert.True(after < before, $"seed {seed}: quality per byte must fall along the hull ({before} then {after})");
                }
            }
            foreach (ShotPoint p in points)
                Assert.True(p.VmafSum <= Envelope(hull, p.Bytes) + 1e-6 || p.Bytes < hull[0].Bytes, $"seed {seed}: CRF {p.Crf} lies above the hull");
            Assert.DoesNotContain(hull, p => p.Crf == 99);
        }
    }

    [Fact]
    public void The_allocation_meets_the_target_and_nothing_of_as_much_quality_is_smaller()
    {
        for (int seed = 0; seed < 60; seed++)
        {
            var shots = Shots(seed, 4, points: 4);
            double best = shots.Sum(s => s.Max(p => p.VmafSum)) / shots.Sum(s => s[0].Frames);
            double target = best - 1 - seed % 5;
            HullAllocation a = ShotHull.ForTarget(shots, target);

            Assert.True(a.Met);
            Assert.True(a.PooledVmaf >= target, $"seed {seed}: pooled {a.PooledVmaf} < target {target}");
            Assert.Equal(a.Chosen.Sum(p => p.Bytes), a.Bytes);
            Assert.Equal(a.Chosen.Sum(p => p.VmafSum) / a.Chosen.Sum(p => p.Frames), a.PooledVmaf, 9);
            // Brute force over all 4^4 combinations: none reaches the allocation's quality in fewer bytes (one slope is optimal).
            foreach (var combo in Combinations(shots))
            {
                double pooled = combo.Sum(p => p.VmafSum) / combo.Sum(p => p.Frames);
                if (pooled >= a.PooledVmaf) Assert.True(combo.Sum(p => p.Bytes) >= a.Bytes, $"seed {seed}: a combination of {pooled} is smaller");
            }
            // And the same CRF for every shot, the single-CRF encode, is never cheaper at the target.
            var grid = shots[0].Select((_, i) => shots.Select(s => s[i]).ToArray()).Where(c => c.Sum(p => p.VmafSum) / c.Sum(p => p.Frames) >= a.PooledVmaf);
            foreach (var uniform in grid) Assert.True(uniform.Sum(p => p.Bytes) >= a.Bytes);
        }
    }

    [Fact]
    public void The_allocation_takes_the_smallest_slope_that_meets_the_target()
    {
        for (int seed = 0; seed < 60; seed++)
        {
            var shots = Shots(seed, 6);
            double best = shots.Sum(s => s.Max(p => p.VmafSum)) / shots.Sum(s => s[0].Frames);
            HullAllocation a = ShotHull.ForTarget(shots, best - 2);
            HullAllocation easier = ShotHull.ForTarget(shots, best - 4);
            Assert.True(easier.Bytes <= a.Bytes && easier.Lambda <= a.Lambda);
            // The shot that moved up at the chosen slope, moved one hull point back down, misses the target: the slope is the smallest.
            var hulls = shots.Select(ShotHull.Lower).ToArray();
            int moved = 0;
            for (int s = 0; s < shots.Count; s++)
            {
                int k = hulls[s].ToList().IndexOf(a.Chosen[s]);
                Assert.True(k >= 0, "every choice is a hull point");
                if (k == 0) continue;
                double cost = (hulls[s][k].Bytes - hulls[s][k - 1].Bytes) / (hulls[s][k].VmafSum - hulls[s][k - 1].VmafSum);
                Assert.True(cost <= a.Lambda, "every shot sits where its next step costs more than the slope");
                if (cost != a.Lambda) continue;
                moved++;
                double lower = (a.Chosen.Sum(p => p.VmafSum) - hulls[s][k].VmafSum + hulls[s][k - 1].VmafSum) / a.Chosen.Sum(p => p.Frames);
                Assert.True(lower < best - 2, $"seed {seed}: a cheaper allocation would still meet the target");
            }
            Assert.Equal(1, moved);
        }
    }

    [Fact]
    public void No_shot_is_given_a_point_below_the_floor()
    {
        // One cheap, static shot whose quality falls steeply at high CRF and busy shots: without a floor the static shot
        // takes its cheapest point far below the rest.
        var random = new Random(7);
        var shots = Enumerable.Range(0, 5).Select(_ => (IReadOnlyList<ShotPoint>)Shot(random, 60, 2.5)).ToList();
        shots.Add([new ShotPoint(40, 1000, 70 * 60, 60, 60), new ShotPoint(30, 50_000_000, 88 * 60, 60, 80),
            new ShotPoint(24, 60_000_000, 93 * 60, 60, 90), new ShotPoint(18, 70_000_000, 97 * 60, 60, 95)]);
        const double target = 85;
        HullAllocation free = ShotHull.ForTarget(shots, target);
        Assert.True(free.Met);
        Assert.True(free.Chosen.Min(p => p.MeanVmaf) < target - 6, "the case must tempt the allocation below the floor");

        HullAllocation floored = ShotHull.ForTarget(shots, target, minShotVmaf: target - 6);
        Assert.True(floored.Met && floored.PooledVmaf >= target);
        Assert.All(floored.Chosen, p => Assert.True(p.MeanVmaf >= target - 6, $"CRF {p.Crf}: {p.MeanVmaf} below the floor {target - 6}"));
        Assert.True(floored.Bytes >= free.Bytes);
    }

    [Fact]
    public void A_shot_that_cannot_reach_the_floor_gets_its_best_point()
    {
        IReadOnlyList<ShotPoint> poor = [new ShotPoint(30, 100, 60 * 10, 10, 50), new ShotPoint(20, 400, 80 * 10, 10, 70)];
        IReadOnlyList<ShotPoint> good = [new ShotPoint(30, 100, 95 * 10, 10, 90), new ShotPoint(20, 400, 99 * 10, 10, 95)];
        HullAllocation a = ShotHull.ForTarget([poor, good], 50, minShotVmaf: 85);
        Assert.Equal(20, a.Chosen[0].Crf);
        Assert.Equal(30, a.Chosen[1].Crf);
    }

    [Fact]
    public void A_budget_is_respected_and_nothing_as_small_is_better()
    {
        for (int seed = 0; seed < 60; seed++)
        {
            var shots = Shots(seed, 4, points: 4);
            long cheapest = shots.Sum(s => s.Min(p => p.Bytes)), dearest = shots.Sum(s => s.Max(p => p.Bytes));
            long budget = cheapest + (long)((dearest - cheapest) * (0.1 + 0.8 * (seed % 7) / 7.0));
            HullAllocation a = ShotHull.ForBudget(shots, budget);
            Assert.True(a.Met);
            Assert.True(a.Bytes <= budget, $"seed {seed}: {a.Bytes} > {budget}");
            foreach (var combo in Combinations(shots))
                if (combo.Sum(p => p.Bytes) <= a.Bytes)
                    Assert.True(combo.Sum(p => p.VmafSum) / combo.Sum(p => p.Frames) <= a.PooledVmaf + 1e-9, $"seed {seed}: a combination as small is better");
        }
    }

    [Fact]
    public void An_unreachable_target_or_budget_says_so_and_gives_the_closest()
    {
        var shots = Shots(3, 5);
        double best = shots.Sum(s => s.Max(p => p.VmafSum)) / shots.Sum(s => s[0].Frames);
        HullAllocation a = ShotHull.ForTarget(shots, best + 1);
        Assert.False(a.Met);
        Assert.Equal(best, a.PooledVmaf, 9);
        HullAllocation b = ShotHull.ForBudget(shots, 1);
        Assert.False(b.Met);
        Assert.Equal(shots.Sum(s => s.Min(p => p.Bytes)), b.Bytes);
        Assert.Throws<ArgumentException>(() => ShotHull.ForTarget([], 90));
    }

    private static double Harmonic(IReadOnlyCollection<ShotPoint> chosen) => chosen.Sum(p => p.Frames) / chosen.Sum(p => p.InverseSum) - 1;

    [Fact]
    public void Harmonic_pooling_meets_its_target_and_nothing_of_as_much_harmonic_quality_is_smaller()
    {
        int differs = 0;
        for (int seed = 0; seed < 60; seed++)
        {
            var shots = Shots(seed, 4, points: 4);
            double best = Harmonic(shots.Select(s => s.MinBy(p => p.InverseSum)!).ToArray());
            double target = best - 1 - seed % 5;
            HullAllocation a = ShotHull.ForTarget(shots, target, pooling: VmafPooling.HarmonicMean);
            Assert.True(a.Met);
            Assert.Equal(Harmonic(a.Chosen.ToArray()), a.PooledVmaf, 9);
            Assert.True(a.PooledVmaf >= target, $"seed {seed}: harmonic {a.PooledVmaf} < target {target}");
            foreach (var combo in Combinations(shots))
                if (Harmonic(combo) >= a.PooledVmaf) Assert.True(combo.Sum(p => p.Bytes) >= a.Bytes, $"seed {seed}: a combination of harmonic {Harmonic(combo)} is smaller");
            // Allocating for the mean instead gives other choices where weak frames matter.
            if (!ShotHull.ForTarget(shots, target).Chosen.SequenceEqual(a.Chosen)) differs++;
        }
        Assert.True(differs > 0, "harmonic pooling never changed a choice: it is not being used");
    }

    [Fact]
    public void Min_pooling_gives_every_shot_its_cheapest_point_whose_worst_frame_reaches_the_target()
    {
        for (int seed = 0; seed < 30; seed++)
        {
            var shots = Shots(seed, 5);
            double target = shots.Min(s => s.Max(p => p.MinVmaf)) - seed % 4;
            HullAllocation a = ShotHull.ForTarget(shots, target, pooling: VmafPooling.Min);
            Assert.True(a.Met);
            Assert.Equal(a.Chosen.Min(p => p.MinVmaf), a.PooledVmaf);
            for (int s = 0; s < shots.Count; s++)
                Assert.Same(shots[s].Where(p => p.MinVmaf >= target).MinBy(p => p.Bytes), a.Chosen[s]);

            HullAllocation b = ShotHull.ForBudget(shots, a.Bytes, pooling: VmafPooling.Min);
            Assert.True(b.Met && b.Bytes <= a.Bytes && b.PooledVmaf >= a.PooledVmaf);
        }
    }

    [Fact]
    public void Pooling_that_does_not_separate_into_shots_is_refused()
    {
        var shots = Shots(1, 3);
        Assert.Throws<ArgumentException>(() => ShotHull.ForTarget(shots, 80, pooling: VmafPooling.Percentile5));
        IReadOnlyList<ShotPoint> unmeasured = [new ShotPoint(20, 100, 900, 10, 85), new ShotPoint(30, 50, 800, 10, 75)];
        Assert.Throws<ArgumentException>(() => ShotHull.ForTarget([unmeasured], 80, pooling: VmafPooling.HarmonicMean));
    }

    private static IEnumerable<ShotPoint[]> Combinations(IReadOnlyList<IReadOnlyList<ShotPoint>> shots)
    {
        IEnumerable<ShotPoint[]> all = [[]];
        foreach (var shot in shots) all = all.SelectMany(c => shot.Select(p => c.Append(p).ToArray())).ToList();
        return all;
    }
}
