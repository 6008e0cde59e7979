using System.Diagnostics;
using System.Text.Json;

namespace Ovni.Distributed.Tests;

/// <summary>
/// A coordinator and two `ovni worker` processes on a real PostgreSQL: kill -9 of a worker in the middle of a chunk,
/// several times; both ways of moving chunks; job pick-up latency.
/// </summary>
[Collection("cluster")]
public class ClusterTests(PostgresServer postgres, ITestOutputHelper log)
{
    internal static readonly TimeSpan Long = TimeSpan.FromMinutes(8);

    internal static OvniRun StartWorker(string cs, string name, int lease = 4)
    {
        OvniRun worker = OvniRun.Start("worker", "--cluster", cs, "--queues", "cpu", "--name", name, "--lease", $"{lease}");
        Assert.True(worker.WaitForOutput("ovni worker ready", TimeSpan.FromMinutes(2)), worker.All);
        return worker;
    }

    /// <summary>`ovni chunked` of <see cref="ChunkingInputs.TwoScenes"/> (cuts 96, 168) or, with <paramref name="cuts"/>, another input.</summary>
    /// <summary>The workers' output and the latest job's rows, for a timeout's message.</summary>
    internal static string Diagnose(IEnumerable<OvniRun> workers, ClusterDb db) =>
        string.Join("\n", workers.Select(w => $"[worker {string.Join(' ', w.Args.Skip(5).Take(2))}]\n{w.All}")) + "\n" + db.Report(db.LatestJob());

    internal static string[] Chunked(string source, string output, string cs, params string[] extra) => Chunked(source, output, cs, 26, "96,168", extra);

    internal static string[] Chunked(string source, string output, string cs, int crf, string cuts, params string[] extra) =>
        ["chunked", source, output, "--encoder", "libx264", "--preset", "veryslow", "--crf", $"{crf}", "--max-chunk", "2", "--cuts", cuts,
         "--cluster", cs, "--lease", "4", "--json", .. extra];

    [Fact]
    public void Shared_folder_mode_survives_kill_9_of_a_worker_mid_chunk_and_joins_exactly_once()
    {
        string cs = postgres.NewDatabase();
        using var temp = new TempDirectory();
        string share = Directory.CreateDirectory(temp.File("share")).FullName;
        string source = Path.Combine(share, "in.mkv"), output = Path.Combine(share, "out.mkv");
        File.Copy(ChunkingInputs.Long(), source);
        var db = new ClusterDb(cs);

        var workers = new List<OvniRun> { StartWorker(cs, "A"), StartWorker(cs, "B") };
        using var coordinator = OvniRun.Start(Chunked(source, output, cs, 26, "192,384", "--work-dir", share));
        try
        {
            int kills = 0;
            var killedChunks = new List<int>();
            var clock = Stopwatch.StartNew();
            while (kills < 3 && !coordinator.HasExited && clock.Elapsed < Long)
            {
                long job = db.LatestJob();
                // A worker in the middle of encoding: it holds a chunk and that chunk's output is being written.
                var encoding = (job == 0 ? [] : db.Running(job))
                    .Where(r => Directory.GetFiles(share, $".chunk-{r.Chunk:D5}.*partial*").Length > 0).ToList();
                if (encoding.Count == 0)
                {
                    Thread.Sleep(20);
                    continue;
                }
                var (chunk, name, _) = encoding[0];
                OvniRun victim = workers.Single(w => w.Args.Contains(name) && !w.HasExited);
                victim.Kill9();
                kills++;
                killedChunks.Add(chunk);
                log.WriteLine($"kill -9 worker {name} (pid {victim.Pid}) while it encoded chunk {chunk}");
                workers.Add(StartWorker(cs, name));
            }
            Assert.Equal(3, kills);
            int code = coordinator.WaitForExit(Long, () => Diagnose(workers, db));
            Assert.True(code == 0, coordinator.All);
            long id = JsonDocument.Parse(coordinator.Output).RootElement.GetProperty("job").GetInt64();

            // Every chunk done exactly once (the killed ones by a later run), the join enqueued, run and finished once.
            var events = db.Events(id);
            var chunks = db.Chunks(id);
            Assert.All(chunks, c => Assert.Equal(1, events.Count(e => e.Kind == "chunk-done" && e.Chunk == c.Chunk)));
            foreach (int killed in killedChunks)
                Assert.True(chunks.Single(c => c.Chunk == killed).Runs >= 2, $"chunk {killed} was killed mid-encode and must have run again");
            Assert.Equal(1, events.Count(e => e.Kind == "join-enqueued"));
            Assert.Equal(1, events.Count(e => e.Kind == "join-started"));
            Assert.Equal(1, events.Count(e => e.Kind == "join-done"));
            Assert.All(chunks, c => Assert.Equal("done", c.State));
            Assert.All(chunks, c => Assert.Equal(0, c.Attempts)); // a crash is not a failure

            // The output is frame-exact, and nothing but it is left in the share.
            VideoTimeline expected = VideoTimeline.Read(source, TestContext.Current.CancellationToken);
            Assert.True(expected.Matches(VideoTimeline.Read(output, TestContext.Current.CancellationToken), out string? why), why);
            Assert.Equal(FFmpegCli.CountFrames(source), FFmpegCli.CountFrames(output));
            Assert.Equal(["in.mkv", "out.mkv"], Directory.GetFiles(share).Select(Path.GetFileName).Order());
        }
        finally
        {
            foreach (OvniRun w in workers) { w.Stop(TimeSpan.FromSeconds(40)); w.Dispose(); }
        }
    }

    [Fact]
    public void Http_mode_needs_no_shared_folder_workers_read_ranges_and_upload_checked_chunks()
    {
        string cs = postgres.NewDatabase();
        using var temp = new TempDirectory();
        string coordinatorFolder = Directory.CreateDirectory(temp.File("coordinator")).FullName;
        string source = Path.Combine(coordinatorFolder, "in.mkv"), output = Path.Combine(coordinatorFolder, "out.mkv");
        File.Copy(ChunkingInputs.TwoScenes(), source);
        var db = new ClusterDb(cs);
        var workers = new List<OvniRun> { StartWorker(cs, "A"), StartWorker(cs, "B") };
        using var coordinator = OvniRun.Start(["chunked", source, output, "--encoder", "libx264", "--preset", "veryslow", "--crf", "26", "--max-chunk", "2",
            "--cuts", "96,168", "--cluster", cs, "--lease", "4", "--transfer", "http", "--json"]);
        try
        {
            // A worker is killed mid-chunk here too: its chunk is fetched and uploaded again by another.
            var clock = Stopwatch.StartNew();
            bool killed = false;
            while (!killed && !coordinator.HasExited && clock.Elapsed < Long)
            {
                long job = db.LatestJob();
                var running = job == 0 ? [] : db.Running(job);
                if (running.Count > 0)
                {
                    OvniRun victim = workers.Single(w => w.Args.Contains(running[0].Worker) && !w.HasExited);
                    victim.Kill9();
                    killed = true;
                    log.WriteLine($"kill -9 worker {running[0].Worker} mid-chunk {running[0].Chunk} (http mode)");
                    workers.Add(StartWorker(cs, running[0].Worker));
                }
                else Thread.Sleep(10);
            }
            Assert.True(killed, "no worker was ever seen running a chunk: " + coordinator.All);
            int code = coordinator.WaitForExit(Long, () => Diagnose(workers, db));
            Assert.True(code == 0, coordinator.All);
            long id = JsonDocument.Parse(coordinator.Output).RootElement.GetProperty("job").GetInt64();
            var chunks = db.Chunks(id);
            string detail = db.EventDetail(id, "join-done")!;
            log.WriteLine(detail);
            // The coordinator served the source in byte ranges and received one checked upload per finished chunk run.
            var match = System.Text.RegularExpressions.Regex.Match(detail, @"http: (\d+) source requests \((\d+) with a byte range\), (\d+) uploads");
            Assert.True(match.Success, detail);
            Assert.True(long.Parse(match.Groups[2].Value) > 0, "workers must read the source with range requests");
            Assert.True(long.Parse(match.Groups[3].Value) >= chunks.Count);
            var events = db.Events(id);
            Assert.All(chunks, c => Assert.Equal(1, events.Count(e => e.Kind == "chunk-done" && e.Chunk == c.Chunk)));
            Assert.Equal(1, events.Count(e => e.Kind == "join-done"));
            Assert.True(VideoTimeline.Read(source, TestContext.Current.CancellationToken)
                .Matches(VideoTimeline.Read(output, TestContext.Current.CancellationToken), out string? why), why);
        }
        finally
        {
            foreach (OvniRun w in workers) { w.Stop(TimeSpan.FromSeconds(40)); w.Dispose(); }
        }
    }

    [Fact]
    public void A_chunk_longer_than_the_lease_runs_once_while_an_idle_worker_waits()
    {
        string cs = postgres.NewDatabase();
        using var temp = new TempDirectory();
        string source = temp.File("in.mkv");
        File.Copy(ChunkingInputs.TwoScenes(), source);
        var db = new ClusterDb(cs);
        // Lease 2 s: without the heartbeat (sliding invisibility + Ovni's lease) the idle worker would take the chunk over after 2 s.
        // (1 s held on a quiet machine, but at load 48 on 2 cores Hangfire's own invisibility heartbeat once came late.)
        var workers = new List<OvniRun> { StartWorker(cs, "A", lease: 2), StartWorker(cs, "B", lease: 2) };
        try
        {
            using var coordinator = OvniRun.Start(["chunked", source, temp.File("out.mkv"), "--encoder", "libx264", "--preset", "placebo", "--crf", "18",
                // A wide motion search on top of placebo: the one chunk must outlast the lease threefold on a fast idle machine
                // too (placebo alone took 5.4 s there).
                "--encoder-option", "x264-params=merange=64",
                "--max-chunk", "10", "--cuts", "", "--cluster", cs, "--lease", "2", "--work-dir", temp.Path, "--json"]);
            Assert.True(coordinator.WaitForExit(Long, () => Diagnose(workers, db)) == 0, coordinator.All);
            long id = JsonDocument.Parse(coordinator.Output).RootElement.GetProperty("job").GetInt64();
            var (chunk, state, runs, _) = Assert.Single(db.Chunks(id));
            double seconds = db.Query("SELECT extract(epoch FROM finished_at - started_at)::float8 FROM ovni.chunks WHERE job_id = @j", r => r.GetDouble(0), ("j", id)).Single();
            log.WriteLine($"one chunk of 216 frames encoded in {seconds:0.0} s under a 2 s lease");
            Assert.True(seconds > 6, $"the chunk took only {seconds:0.0} s: too short to prove anything about a 2 s lease");
            Assert.Equal(("done", 1), (state, runs));
            Assert.Single(db.Events(id), e => e.Kind == "chunk-started");
            int processing = db.Query("SELECT count(*)::int FROM hangfire.state WHERE name = 'Processing' AND jobid = (SELECT hangfire_id::bigint FROM ovni.chunks WHERE job_id = @j)",
                r => r.GetInt32(0), ("j", id)).Single();
            Assert.Equal(1, processing); // Hangfire never handed the job to a second worker
        }
        finally
        {
            foreach (OvniRun w in workers) { w.Stop(TimeSpan.FromSeconds(40)); w.Dispose(); }
        }
    }

    [Fact]
    public void Idle_workers_pick_up_new_work_in_under_a_second()
    {
        string cs = postgres.NewDatabase();
        using var temp = new TempDirectory();
        string source = temp.File("in.mkv");
        File.Copy(ChunkingInputs.TwoScenes(), source);
        var db = new ClusterDb(cs);
        var workers = new List<OvniRun> { StartWorker(cs, "A"), StartWorker(cs, "B") };
        try
        {
            var pickups = new List<double>();
            for (int run = 0; run < 4; run++)
            {
                // A fresh job each time (another CRF = another plan); the workers are idle and waiting when it is enqueued.
                Thread.Sleep(1500);
                string[] args = ["chunked", source, temp.File($"out{run}.mkv"), "--encoder", "libx264", "--preset", "ultrafast", "--crf", $"{30 + run}",
                    "--cluster", cs, "--lease", "4", "--work-dir", temp.Path, "--json"];
                using var coordinator = OvniRun.Start(args);
                Assert.True(coordinator.WaitForExit(Long, () => Diagnose(workers, db)) == 0, coordinator.All);
                long id = JsonDocument.Parse(coordinator.Output).RootElement.GetProperty("job").GetInt64();
                if (run > 0) pickups.Add(db.PickupSeconds(id)); // the first run warms up the workers
            }
            pickups.Sort();
            double median = pickups[pickups.Count / 2];
            log.WriteLine($"pick-up latency after enqueue (s): {string.Join(", ", pickups.Select(p => p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))}; median {median:0.000}");
            Console.WriteLine($"ovni cluster pick-up latency: median {median:0.000} s over {pickups.Count} jobs (min {pickups[0]:0.000}, max {pickups[^1]:0.000})");
            Assert.True(median < 1.0, $"median pick-up {median:0.000} s");
        }
        finally
        {
            foreach (OvniRun w in workers) { w.Stop(TimeSpan.FromSeconds(40)); w.Dispose(); }
        }
    }
}
