// Convex-hull encoding with its probe encodes as chunk jobs: a coordinator (this process, through the library) and real
// `ovni worker` processes on a real PostgreSQL. Same encoder settings (threads included) must give the same bytes, so
// the per-shot points and the choice must equal a local run's exactly; a cancelled run must leave nothing anywhere.
using System.Security.Cryptography;
using System.Text.Json;
using Ovni.Encoding.Tests;

namespace Ovni.Distributed.Tests;

[Collection("cluster")]
public class ClusterHullTests(PostgresServer postgres, ITestOutputHelper log)
{
    private static VmafModelCatalog Models => VmafModelCatalog.FromDirectory(Path.GetDirectoryName(TestMedia.RequireShared("vmaf/models/vmaf_v0.6.1.json"))!);

    private static ShotHullOptions Options() => new()
    {
        TargetVmaf = 93, Encoder = "libx264", Preset = "veryfast", CoarseCrfs = [18, 24, 30, 36], RefineRounds = 0, Parallelism = 2, BestEffort = true,
        Plan = new ChunkPlanOptions { MinSeconds = 0.5, MaxSeconds = 4 }, CutPoints = new KnownCutPoints(ShotInputs.Cuts), Models = Models,
    };

    private static ClusterCoordinatorOptions Cluster(string cs, ChunkTransferMode transfer) =>
        new() { Cluster = new ClusterOptions { ConnectionString = cs, Lease = TimeSpan.FromSeconds(4) }, Transfer = transfer };

    [Fact]
    public async Task Probes_on_workers_match_a_local_run_probe_by_probe_and_the_output_is_verified()
    {
        string cs = postgres.NewDatabase();
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string share = Directory.CreateDirectory(temp.File("share")).FullName;
        string source = Path.Combine(share, "in.mkv");
        File.Copy(ShotInputs.SixShots(), source);
        string localOut = temp.File("local.mkv"), clusterOut = Path.Combine(share, "cluster.mkv");

        ShotHullResult local = await ShotHullEncoder.EncodeAsync(source, localOut, Options(), cancellationToken: ct);

        var workers = new List<OvniRun> { ClusterTests.StartWorker(cs, "A"), ClusterTests.StartWorker(cs, "B") };
        ShotHullResult cluster;
        var seen = new List<ClusterJobInfo>();
        try
        {
            cluster = await ClusterShotHull.EncodeAsync(source, clusterOut, Options(), Cluster(cs, ChunkTransferMode.SharedFolder),
                clusterProgress: new SynchronousProgress<ClusterJobInfo>(seen.Add), cancellationToken: ct);
        }
        finally
        {
            foreach (OvniRun w in workers) { w.Stop(TimeSpan.FromSeconds(40)); w.Dispose(); }
        }
        log.WriteLine($"local: {local.ProbeEncodes} probes, {local.OutputBytes} bytes, VMAF {local.MeasuredVmaf:0.000}; " +
                      $"cluster: {cluster.ProbeEncodes} probes, {cluster.OutputBytes} bytes, VMAF {cluster.MeasuredVmaf:0.000}");

        // Every probe made on a worker is the local one at the same CRF, to the byte and to the VMAF: the same settings
        // (threads included) give the same bitstream in any process (Ovni keeps x264 off its AVX-512 code, which read
        // memory it had not written and made a long-lived process's encodes differ by up to 0.5 %; see X264Repeatability).
        // So the hull, the choice and the allocation are the local run's exactly.
        Assert.Equal(local.Shots.Count, cluster.Shots.Count);
        Assert.Equal(local.Shots.Count * 4, cluster.ProbeEncodes);
        for (int s = 0; s < local.Shots.Count; s++)
        {
            Assert.Equal(local.Shots[s].Probes.Select(p => p.Crf), cluster.Shots[s].Probes.Select(p => p.Crf));
            foreach (var (l, c) in local.Shots[s].Probes.Zip(cluster.Shots[s].Probes))
            {
                Assert.True(c.Bytes == l.Bytes, $"shot {s} CRF {l.Crf}: {c.Bytes} bytes on the cluster, {l.Bytes} here");
                Assert.True(c.VmafSum == l.VmafSum, $"shot {s} CRF {l.Crf}: VMAF {c.MeanVmaf:0.000000} on the cluster, {l.MeanVmaf:0.000000} here");
                Assert.Equal(l.Frames, c.Frames);
            }
            Assert.Equal(local.Shots[s].Chosen.Crf, cluster.Shots[s].Chosen.Crf);
        }
        Assert.Equal(local.Allocation.Bytes, cluster.Allocation.Bytes);
        Assert.Equal(clusterOut, cluster.Output);
        Assert.Contains(cluster.Outcome, new[] { TargetQualityOutcome.Published, TargetQualityOutcome.PublishedBelowTarget });
        Assert.Equal(local.Outcome, cluster.Outcome);
        Assert.True(Math.Abs(cluster.MeasuredVmaf - local.MeasuredVmaf) <= 1e-9, $"measured {cluster.MeasuredVmaf:0.000000} on the cluster, {local.MeasuredVmaf:0.000000} here");

        // The output is verified and frame-exact, and nothing of the run is left in the share.
        Assert.True(cluster.MeasuredVmaf >= 93 - 1, $"measured {cluster.MeasuredVmaf:0.000}");
        Assert.True(VideoTimeline.Read(source, ct).Matches(VideoTimeline.Read(clusterOut, ct), out string? why), why);
        Assert.Equal(["cluster.mkv", "in.mkv"], Directory.GetFileSystemEntries(share).Select(Path.GetFileName).Order());

        // The probes really ran on the workers, as chunk jobs of a probe job (one per batch: here the coarse grid only).
        var db = new ClusterDb(cs);
        var rows = db.Query("SELECT j.kind, c.worker, c.state FROM ovni.chunks c JOIN ovni.jobs j ON j.id = c.job_id",
            r => (Kind: r.GetString(0), Worker: r.IsDBNull(1) ? null : r.GetString(1), State: r.GetString(2)));
        Assert.Equal(cluster.ProbeEncodes, rows.Count);
        Assert.All(rows, r => Assert.Equal(("probe", "done"), (r.Kind, r.State)));
        Assert.All(rows, r => Assert.Contains(r.Worker, new[] { "A", "B" }));
        Assert.Equal(1, db.Query("SELECT count(*)::int FROM ovni.jobs WHERE kind = 'probe' AND state = 'done'", r => r.GetInt32(0)).Single());
        Assert.Contains(seen, j => j.Chunks.Any(c => c.State == "running"));
    }

    [Fact]
    public void The_cli_runs_the_probes_on_a_worker_over_http_and_shows_which_worker_holds_them()
    {
        string cs = postgres.NewDatabase();
        using var temp = new TempDirectory();
        string folder = Directory.CreateDirectory(temp.File("coordinator")).FullName;
        string source = Path.Combine(folder, "in.mkv"), output = Path.Combine(folder, "out.mkv"), table = temp.File("hull.json");
        File.Copy(ShotInputs.SixShots(), source);
        string models = Path.GetDirectoryName(TestMedia.RequireShared("vmaf/models/vmaf_v0.6.1.json"))!;

        OvniRun worker = ClusterTests.StartWorker(cs, "A");
        try
        {
            using var coordinator = OvniRun.Start("encode", source, output, "--target-vmaf", "92", "--encoder", "libx264", "--preset", "veryfast",
                "--optimize", "shots", "--coarse-crfs", "18,24,30,36", "--refine-rounds", "1", "--min-shot", "0.5", "--models", models,
                "--shot-variant", "ssim:tune=ssim",
                "--cluster", cs, "--transfer", "http", "--lease", "4", "--hull-json", table);
            // A stop's CI once timed out here with the worker idle and 14 of 48 probes queued: the worker's side and the
            // job's rows go with any timeout.
            int code = coordinator.WaitForExit(ClusterTests.Long, () => ClusterTests.Diagnose([worker], new ClusterDb(cs)));
            Assert.True(code == 0, coordinator.All);
            Assert.Contains($"published {output}", coordinator.Output);
            Assert.Contains("ovni: cluster: probe job", coordinator.Errors);
            Assert.Contains("running on A", coordinator.Errors);
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(table));
            Assert.Equal("published", json.RootElement.GetProperty("outcome").GetString());
            Assert.True(json.RootElement.GetProperty("measured_vmaf").GetDouble() >= 92 - 0.25, coordinator.All);
            // The variant's probes ran on the worker too: every shot has the coarse grid in both settings.
            foreach (JsonElement shot in json.RootElement.GetProperty("shots").EnumerateArray())
            {
                var probes = shot.GetProperty("probes").EnumerateArray().Select(p => (Variant: p.GetProperty("variant").GetString(), Crf: p.GetProperty("crf").GetDouble())).ToArray();
                foreach (string variant in new[] { "default", "ssim" })
                    Assert.Equal([18.0, 24, 30, 36], probes.Where(p => p.Variant == variant).Select(p => p.Crf).Intersect([18.0, 24, 30, 36]).Order());
                Assert.Contains(shot.GetProperty("variant").GetString(), new[] { "default", "ssim" });
            }
            Assert.Equal(FFmpegCli.CountFrames(source), FFmpegCli.CountFrames(output));
            Assert.Equal(["in.mkv", "out.mkv"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order());
        }
        finally
        {
            worker.Stop(TimeSpan.FromSeconds(40));
            worker.Dispose();
        }
    }

    [Fact]
    public async Task Cancelling_mid_probe_cancels_the_probe_job_and_leaves_nothing_behind()
    {
        string cs = postgres.NewDatabase();
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string folder = Directory.CreateDirectory(temp.File("coordinator")).FullName;
        string source = Path.Combine(folder, "in.mkv");
        File.Copy(ShotInputs.SixShots(), source);
        byte[] before = SHA256.HashData(File.ReadAllBytes(source));
        string output = Path.Combine(folder, "out.mkv");

        OvniRun worker = ClusterTests.StartWorker(cs, "A");
        try
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            // The first probe scored here: others are queued or running on the worker at that moment.
            var progress = new SynchronousProgress<TargetQualityProgress>(p => { if (p.Phase == "probe") cancel.Cancel(); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                ClusterShotHull.EncodeAsync(source, output, Options(), Cluster(cs, ChunkTransferMode.Http), progress, cancellationToken: cancel.Token));

            Assert.Equal(["in.mkv"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
            Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(source)));
            var db = new ClusterDb(cs);
            long job = db.LatestJob();
            Assert.Equal("cancelled", db.JobState(job));
            Assert.Empty(db.Running(job));
            Assert.Contains(db.Chunks(job), c => c.State != "done"); // it was stopped, not finished
            Assert.False(worker.HasExited, worker.All); // the worker lives on for the next job
        }
        finally
        {
            worker.Stop(TimeSpan.FromSeconds(40));
            worker.Dispose();
        }
    }
}
