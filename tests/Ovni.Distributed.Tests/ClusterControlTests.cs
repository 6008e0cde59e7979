using System.Diagnostics;
using System.Text.Json;

namespace Ovni.Distributed.Tests;

/// <summary>Pause, resume, cancel and retry from the CLI; a chunk that fails three times; bad input.</summary>
[Collection("cluster")]
public class ClusterControlTests(PostgresServer postgres)
{
    private static (int Code, string Out, string Err) Ovni(params string[] args) => OvniProcess.Run(args);

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what, OvniRun? process = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"waited {timeout} for {what}{(process is null ? "" : ": " + process.All)}");
            if (process is { HasExited: true } && !condition()) throw new InvalidOperationException($"ovni ended before {what}: {process.All}");
            Thread.Sleep(100);
        }
    }

    /// <summary>`ovni chunked --cluster` of the two-scene clip with no worker yet: its job is created and waits in its queue.</summary>
    private static (OvniRun Coordinator, long Job) StartJobWithoutWorkers(string source, TempDirectory temp, string cs, ClusterDb db)
    {
        File.Copy(ChunkingInputs.TwoScenes(), source);
        OvniRun coordinator = OvniRun.Start(ClusterTests.Chunked(source, temp.File("out.mkv"), cs, "--work-dir", temp.Path));
        try
        {
            WaitFor(() => db.LatestJob() > 0 && db.JobState(db.LatestJob()) == "running", ClusterTests.Long, "the job to be created", coordinator);
        }
        catch
        {
            coordinator.Dispose();
            throw;
        }
        return (coordinator, db.LatestJob());
    }

    [Fact]
    public void A_paused_job_is_not_touched_until_resumed_and_a_cancelled_one_publishes_nothing()
    {
        string cs = postgres.NewDatabase();
        using var temp = new TempDirectory();
        string source = temp.File("in.mkv");
        var db = new ClusterDb(cs);

        // No worker yet: the job waits in its queue; pause it before any worker exists.
        var (coordinator, job) = StartJobWithoutWorkers(source, temp, cs, db);
        using var coordinatorProcess = coordinator;
        var paused = Ovni("job", "pause", $"{job}", "--cluster", cs);
        Assert.True(paused.Code == 0, paused.Err);
        Assert.Equal("paused", db.JobState(job));

        using OvniRun worker = ClusterTests.StartWorker(cs, "W");
        Thread.Sleep(5000);
        Assert.All(db.Chunks(job), c => Assert.Equal((c.Chunk, "paused", 0), (c.Chunk, c.State, c.Runs)));

        var resumed = Ovni("job", "resume", $"{job}", "--cluster", cs);
        Assert.True(resumed.Code == 0, resumed.Err);
        Assert.True(coordinator.WaitForExit(ClusterTests.Long, () => $"[worker W]\n{worker.All}\n{db.Report(job)}") == 0, coordinator.All);
        Assert.Equal("done", db.JobState(job));
        Assert.True(File.Exists(temp.File("out.mkv")));

        // Cancel while a chunk runs: the coordinator stops with the reason and nothing is published.
        using var second = OvniRun.Start(ClusterTests.Chunked(source, temp.File("out2.mkv"), cs, 33, "96,168", "--work-dir", temp.Path));
        WaitFor(() => db.LatestJob() > job && db.Running(db.LatestJob()).Count > 0, ClusterTests.Long, "a chunk of the second job to run", second);
        long job2 = db.LatestJob();
        var cancelled = Ovni("job", "cancel", $"{job2}", "--cluster", cs);
        Assert.True(cancelled.Code == 0, cancelled.Err);
        Assert.Equal(1, second.WaitForExit(ClusterTests.Long, () => $"[worker W]\n{worker.All}\n{db.Report(job2)}"));
        Assert.Contains($"Job {job2} was cancelled", second.Errors);
        Assert.False(File.Exists(temp.File("out2.mkv")));
        WaitFor(() => db.Running(job2).Count == 0, TimeSpan.FromSeconds(30), "the running chunk to stop");
        var again = Ovni("job", "pause", $"{job2}", "--cluster", cs);
        Assert.Equal(1, again.Code);
        Assert.Contains("is cancelled", again.Err);
        worker.Stop(TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task A_worker_that_saw_the_job_paused_does_not_park_a_chunk_that_a_resume_has_queued_again()
    {
        string cs = postgres.NewDatabase();
        using var temp = new TempDirectory();
        var db = new ClusterDb(cs);
        var (coordinator, job) = StartJobWithoutWorkers(temp.File("in.mkv"), temp, cs, db);
        using var coordinatorProcess = coordinator;
        Assert.Equal(0, Ovni("job", "pause", $"{job}", "--cluster", cs).Code);
        Assert.Equal(0, Ovni("job", "resume", $"{job}", "--cluster", cs).Code);

        // A worker that fetched a chunk while the job was paused parks it only after the resume has committed (the
        // race): the chunk must stay queued, or it would sit paused in a running job and the job would never finish.
        await using (var database = new ClusterDatabase(new ClusterOptions { ConnectionString = cs }))
        {
            var store = new ClusterStore(database);
            foreach (var chunk in db.Chunks(job)) store.Park(job, chunk.Chunk);
        }
        Assert.All(db.Chunks(job), c => Assert.Equal((c.Chunk, "queued"), (c.Chunk, c.State)));

        using OvniRun worker = ClusterTests.StartWorker(cs, "W");
        Assert.True(coordinator.WaitForExit(ClusterTests.Long, () => $"[worker W]\n{worker.All}\n{db.Report(job)}") == 0, coordinator.All);
        Assert.Equal("done", db.JobState(job));
        worker.Stop(TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void A_chunk_failing_three_times_fails_the_job_naming_it_and_retry_finishes_it()
    {
        string cs = postgres.NewDatabase();
        using var temp = new TempDirectory();
        string share = Directory.CreateDirectory(temp.File("share")).FullName;
        string source = Path.Combine(share, "in.mkv"), output = Path.Combine(share, "out.mkv");
        File.Copy(ChunkingInputs.TwoScenes(), source);
        var db = new ClusterDb(cs);

        // The coordinator plans while the source is there; then the share "loses" it before any worker starts.
        using var coordinator = OvniRun.Start(ClusterTests.Chunked(source, output, cs, "--work-dir", share));
        WaitFor(() => db.LatestJob() > 0, ClusterTests.Long, "the job to be created", coordinator);
        long job = db.LatestJob();
        File.Move(source, source + ".away");
        using OvniRun worker = ClusterTests.StartWorker(cs, "W");
        Assert.Equal(1, coordinator.WaitForExit(ClusterTests.Long, () => $"[worker W]\n{worker.All}\n{db.Report(job)}"));
        Assert.Matches(@"Job \d+ failed: chunk \d+ failed 3 times; last error: The source '.*in\.mkv' is not reachable from worker W", coordinator.Errors);
        Assert.False(File.Exists(output));
        Assert.Contains(db.Chunks(job), c => c is { State: "failed", Attempts: 3 });

        // The share is back: retry from the CLI, then the same command attaches and finishes.
        File.Move(source + ".away", source);
        var retried = Ovni("job", "retry", $"{job}", "--cluster", cs);
        Assert.True(retried.Code == 0, retried.Err);
        using var again = OvniRun.Start(ClusterTests.Chunked(source, output, cs, "--work-dir", share));
        Assert.True(again.WaitForExit(ClusterTests.Long, () => $"[worker W]\n{worker.All}\n{db.Report(job)}") == 0, again.All);
        Assert.True(JsonDocument.Parse(again.Output).RootElement.GetProperty("attached").GetBoolean());
        Assert.True(VideoTimeline.Read(source, TestContext.Current.CancellationToken)
            .Matches(VideoTimeline.Read(output, TestContext.Current.CancellationToken), out string? why), why);
        worker.Stop(TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void A_worker_whose_FFmpeg_lacks_the_encoder_never_claims_the_jobs_chunks()
    {
        string cs = postgres.NewDatabase();
        using var temp = new TempDirectory();
        string source = temp.File("in.mkv");
        File.Copy(ChunkingInputs.TwoScenes(), source);
        var db = new ClusterDb(cs);
        Assert.False(VideoEncoderOptions.IsAvailable("h264_nvenc")); // no NVIDIA driver here: this FFmpeg cannot use NVENC

        using OvniRun worker = ClusterTests.StartWorker(cs, "cpu-only");
        Assert.DoesNotContain("nvenc", worker.Output);
        using var coordinator = OvniRun.Start(["chunked", source, temp.File("out.mkv"), "--encoder", "h264_nvenc", "--cluster", cs, "--work-dir", temp.Path]);
        WaitFor(() => db.LatestJob() > 0, ClusterTests.Long, "the job to be created", coordinator);
        long job = db.LatestJob();
        WaitFor(() => coordinator.Errors.Contains("No worker serves queue gpu-h264_nvenc", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the coordinator's warning");
        Assert.All(db.Chunks(job), c => Assert.Equal(("queued", 0), (c.State, c.Runs)));
        Assert.DoesNotContain(db.Events(job), e => e.Kind == "chunk-started");

        var onlyGpu = Ovni("worker", "--cluster", cs, "--queues", "gpu");
        Assert.Equal(1, onlyGpu.Code);
        Assert.Contains("none of the encoders for work of kind gpu", onlyGpu.Err);
        Assert.True(Ovni("job", "cancel", $"{job}", "--cluster", cs).Code == 0);
        Assert.Equal(1, coordinator.WaitForExit(ClusterTests.Long));
        worker.Stop(TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void Unreachable_or_wrong_databases_and_a_missing_shared_folder_are_one_clear_line()
    {
        string cs = postgres.NewDatabase();
        using var temp = new TempDirectory();
        var refused = Ovni("worker", "--cluster", "Host=127.0.0.1;Port=1;Username=ovni;Database=ovni;Timeout=5");
        Assert.Equal(1, refused.Code);
        Assert.StartsWith("ovni: error: Cluster database 127.0.0.1:1/ovni: cannot connect", refused.Err);

        string wrongDb = cs[..cs.LastIndexOf("Database=", StringComparison.Ordinal)] + "Database=no_such_db";
        var missing = Ovni("job", "list", "--cluster", wrongDb);
        Assert.Equal(1, missing.Code);
        Assert.Contains("no_such_db: that database does not exist", missing.Err);

        var garbage = Ovni("job", "list", "--cluster", "this is not a connection string");
        Assert.Equal(1, garbage.Code);
        Assert.Contains("connection string is not valid", garbage.Err);

        string source = temp.File("in.mkv");
        File.Copy(ChunkingInputs.TwoScenes(), source);
        var noShare = Ovni(ClusterTests.Chunked(source, temp.File("out.mkv"), cs, "--work-dir", "/mnt/not-mounted/ovni"));
        Assert.Equal(1, noShare.Code);
        Assert.Contains("The shared chunk folder '/mnt/not-mounted/ovni' does not exist", noShare.Err);
        Assert.DoesNotContain("   at ", refused.Err + missing.Err + noShare.Err);
        Assert.False(File.Exists(temp.File("out.mkv")));
    }
}
