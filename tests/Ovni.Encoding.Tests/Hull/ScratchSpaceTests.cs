// A per-shot run keeps a lossless copy of every shot and every probe until it publishes: on a long film, far more than
// many disks have free. It must stop early with the figures, not run the disk full hours in; the disk's free space is
// stood in for (for this test's async flow only), the writing and the projection are real.
namespace Ovni.Encoding.Tests;

public sealed class ScratchSpaceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ShotHullOptions Options => new()
    {
        TargetVmaf = 93, Encoder = "libx264", Preset = "veryfast", CoarseCrfs = [20, 26, 32], RefineRounds = 1,
        Plan = new ChunkPlanOptions { MinSeconds = 0.5, MaxSeconds = 4 }, CutPoints = new KnownCutPoints(ShotInputs.Cuts),
        Models = VmafModelCatalog.FromDirectory(Path.GetDirectoryName(TestMedia.RequireShared("vmaf/models/vmaf_v0.6.1.json"))!),
    };

    [Fact]
    public async Task A_disk_that_cannot_hold_the_shots_lossless_copies_stops_the_run_while_they_are_made()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        var probed = new List<string>();
        var progress = new SynchronousProgress<TargetQualityProgress>(p => { if (p.Phase == "probe") lock (probed) probed.Add(p.Message); });
        ScratchSpaceGuard.FreeBytesForTests.Value = _ => ScratchSpaceGuard.Headroom + 64 * 1024;

        var e = await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(source, output, Options, progress, TestContext.Current.CancellationToken));

        TestContext.Current.SendDiagnosticMessage(e.Message);
        Assert.Contains("lossless copies", e.Message);
        Assert.Contains($"the disk of '{_temp.Path}' has 256 MiB free", e.Message); // the output's folder, not the hidden scratch one
        Assert.Equal(source, e.FilePath);
        Assert.Empty(probed);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task A_disk_that_cannot_hold_the_probes_stops_the_run_at_the_first_probes()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        var probed = new List<string>();
        var progress = new SynchronousProgress<TargetQualityProgress>(p => { if (p.Phase == "probe") lock (probed) probed.Add(p.Message); });
        // Room for the lossless copies; from the first probe on, 64 KiB above the headroom.
        ScratchSpaceGuard.FreeBytesForTests.Value = folder =>
            Directory.EnumerateFiles(folder, "probe-*").Any() ? ScratchSpaceGuard.Headroom + 64 * 1024 : long.MaxValue / 2;

        var e = await Assert.ThrowsAsync<OvniException>(() => ShotHullEncoder.EncodeAsync(source, output, Options, progress, TestContext.Current.CancellationToken));

        TestContext.Current.SendDiagnosticMessage(e.Message);
        Assert.Contains("probe encodes", e.Message);
        Assert.Equal(source, e.FilePath);
        // Stopped in the coarse round (its 18 probes were not all made), before any refinement.
        Assert.InRange(probed.Count, 1, 17);
        Assert.All(probed, m => Assert.StartsWith("coarse:", m));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task With_room_enough_the_guard_lets_the_run_publish()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        long smallest = long.MaxValue;
        // What the run needs is far below this, and the guard must never refuse it.
        ScratchSpaceGuard.FreeBytesForTests.Value = _ => { smallest = Math.Min(smallest, ScratchSpaceGuard.Headroom + (64L << 20)); return smallest; };

        ShotHullResult result = await ShotHullEncoder.EncodeAsync(source, output, Options, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(TargetQualityOutcome.Published, result.Outcome);
        Assert.True(File.Exists(output));
        Assert.NotEqual(long.MaxValue, smallest); // the guard was asked
    }
}
