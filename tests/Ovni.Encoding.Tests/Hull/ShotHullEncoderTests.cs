// The convex-hull encoder end to end on real footage: six shots of different films, x264 veryfast, a coarse grid and one
// refinement round so it runs in CI time. It checks what the issue promises: the floor, the join (frame-exact, nothing
// re-encoded), the verified VMAF near the prediction, nothing left behind, and bad input and cancellation handled.
namespace Ovni.Encoding.Tests;

public sealed class ShotHullEncoderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static VmafModelCatalog Models => VmafModelCatalog.FromDirectory(Path.GetDirectoryName(TestMedia.RequireShared("vmaf/models/vmaf_v0.6.1.json"))!);

    private static ShotHullOptions Options(double target) => new()
    {
        TargetVmaf = target, Encoder = "libx264", Preset = "veryfast", CoarseCrfs = [18, 24, 30, 36], RefineRounds = 1,
        Plan = new ChunkPlanOptions { MinSeconds = 0.5, MaxSeconds = 4 }, CutPoints = new KnownCutPoints(ShotInputs.Cuts), Models = Models,
    };

    [Fact]
    public async Task The_joined_file_meets_the_target_near_its_prediction_with_no_shot_below_the_floor()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        const double target = 93;
        ShotHullResult result = await ShotHullEncoder.EncodeAsync(source, output, Options(target), cancellationToken: TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"measured {result.MeasuredVmaf:0.000000}, predicted {result.PredictedVmaf:0.000000}, {result.Allocation.Bytes} bytes");

        Assert.Equal(6, result.Shots.Count);
        Assert.True(result.Allocation.Met);
        Assert.Equal(target - 6, result.MinShotVmaf);
        Assert.All(result.Shots, s => Assert.True(s.Chosen.MeanVmaf >= target - 6, $"shot {s.Index}: {s.Chosen.MeanVmaf:0.00} below the floor"));
        // The default floor binds on this footage: over the same probes, without it some shot would go below it.
        HullAllocation free = ShotHull.ForTarget(result.Shots.Select(s => s.Probes).ToList(), target);
        Assert.True(free.Chosen.Any(p => p.MeanVmaf < target - 6),
            $"without the floor (CRF:VMAF) {string.Join(", ", free.Chosen.Select(p => $"{p.Crf}:{p.MeanVmaf:0.0}"))}: the case tests nothing");
        Assert.All(result.Shots, s => Assert.Contains(s.Chosen, s.Hull));
        // Each shot was scored with the source frame either side (motion across the cuts), so the joined file, measured whole,
        // scores exactly what was predicted (scored alone, this file's shots predicted about 0.8 below what their join measured).
        Assert.Equal(result.PredictedVmaf, result.MeasuredVmaf, 6);
        Assert.True(double.IsNaN(result.FirstMeasuredVmaf), "the first join was published: nothing to correct");
        Assert.True(result.MeasuredVmaf >= target, $"measured {result.MeasuredVmaf:0.000} < {target}");
        // The shots did not all get the same CRF: that is the point of the hull.
        Assert.True(result.Shots.Select(s => s.Chosen.Crf).Distinct().Count() > 1);
        // The output is the chosen probes joined: its video is their bytes (plus container overhead), not a new encode.
        long chosen = result.Shots.Sum(s => s.Chosen.Bytes);
        Assert.InRange(result.OutputBytes, chosen * 0.9, chosen * 1.05);
        VideoTimeline timeline = VideoTimeline.Read(source, TestContext.Current.CancellationToken);
        Assert.True(timeline.Matches(VideoTimeline.Read(output, TestContext.Current.CancellationToken), out string? why), why);
        Assert.Equal([output], Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task A_raised_floor_lifts_the_weakest_shots_and_a_budget_is_kept()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("floor.mkv");
        ShotHullResult floored = await ShotHullEncoder.EncodeAsync(source, output, Options(90) with { MinShotVmaf = 89.5, Verify = VerifyMode.None },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(floored.Shots, s => Assert.True(s.Chosen.MeanVmaf >= 89.5 || s.Chosen.VmafSum == s.Probes.Max(p => p.VmafSum),
            $"shot {s.Index}: {s.Chosen.MeanVmaf:0.00} below the floor though a probe reached it"));
        // The footage must tempt the allocation: over the same probes, without the floor some shot goes below it.
        HullAllocation free = ShotHull.ForTarget(floored.Shots.Select(s => s.Probes).ToList(), 90);
        Assert.True(free.Chosen.Any(p => p.MeanVmaf < 89.5), $"without the floor every shot is at {free.Chosen.Min(p => p.MeanVmaf):0.00} or more: the case tests nothing");
        // And the published file keeps it: every shot scores in the joined output (where motion crosses the cuts) exactly
        // what its probe scored.
        IReadOnlyList<double> frames = await TargetQualityEncoder.MeasureFramesAsync(source, output, Models.For(320, 180), VerifyMode.Full, TestContext.Current.CancellationToken);
        Assert.Equal(floored.Shots.Sum(s => s.FrameCount), frames.Count);
        Assert.All(floored.Shots, s => Assert.Equal(s.Chosen.MeanVmaf, frames.Skip(s.StartFrame).Take(s.FrameCount).Average(), 6));

        long budget = floored.Allocation.Bytes * 7 / 10;
        string work = _temp.File("work");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "mine.txt"), "the user's");
        ShotHullResult budgeted = await ShotHullEncoder.EncodeAsync(source, _temp.File("budget.mkv"),
            Options(90) with { BudgetBytes = budget, Verify = VerifyMode.None, WorkDirectory = work }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["mine.txt"], Directory.GetFiles(work).Select(f => Path.GetFileName(f)));
        Assert.True(budgeted.Allocation.Met);
        Assert.True(budgeted.Allocation.Bytes <= budget);
        Assert.True(budgeted.PredictedVmaf < floored.PredictedVmaf);
    }

    [Fact]
    public async Task Harmonic_pooling_is_probed_allocated_and_verified_as_the_harmonic_mean()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("harmonic.mkv");
        const double target = 92;
        ShotHullResult result = await ShotHullEncoder.EncodeAsync(source, output, Options(target) with { Pooling = VmafPooling.HarmonicMean },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(result.Shots.SelectMany(s => s.Probes), p => Assert.True(p.InverseSum > 0 && p.InverseSum < p.Frames));
        var chosen = result.Shots.Select(s => s.Chosen).ToArray();
        Assert.Equal(chosen.Sum(p => p.Frames) / chosen.Sum(p => p.InverseSum) - 1, result.PredictedVmaf, 9);
        Assert.True(result.Allocation.Met && result.PredictedVmaf >= target);
        // Verified as the harmonic mean of the published file's frames, which is below their mean (the frames differ).
        IReadOnlyList<double> frames = await TargetQualityEncoder.MeasureFramesAsync(source, output, Models.For(320, 180), VerifyMode.Full, TestContext.Current.CancellationToken);
        double harmonic = frames.Count / frames.Sum(v => 1 / (v + 1)) - 1;
        Assert.Equal(harmonic, result.MeasuredVmaf, 6);
        Assert.True(harmonic < frames.Average());
        Assert.Equal(result.PredictedVmaf, result.MeasuredVmaf, 6);
    }

    [Fact]
    public async Task Bad_input_is_refused_and_cancellation_leaves_nothing()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        var ct = TestContext.Current.CancellationToken;
        await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(_temp.File("missing.mkv"), output, Options(93), cancellationToken: ct));
        await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(source, output, Options(120), cancellationToken: ct));
        await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(source, output, Options(93) with { MinShotVmaf = 96 }, cancellationToken: ct));
        await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(source, source, Options(93), cancellationToken: ct));
        await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(source, output, Options(93) with { Encoder = "libnotanencoder" }, cancellationToken: ct));
        await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(source, output, Options(93) with { BudgetBytes = -5 }, cancellationToken: ct));

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = new SynchronousProgress<TargetQualityProgress>(p => { if (p.Phase == "probe") cancel.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ShotHullEncoder.EncodeAsync(source, output, Options(93), progress, cancel.Token));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }
}
