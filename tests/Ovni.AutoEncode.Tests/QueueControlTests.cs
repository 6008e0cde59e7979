using Ovni.Encoding.Library;

namespace Ovni.AutoEncode.Tests;

/// <summary>Pause (now and after the current files), resume, guards, schedule, retries, ETA, keep-awake, watch mode.</summary>
public class QueueControlTests
{
    private static readonly string[] Two = ["Movies/Animation/bunny.mp4", "Movies/Live/people.mkv"];

    [Fact]
    public async Task Pause_now_stops_the_running_encode_cleanly_and_resume_restarts_it_from_the_start()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, Two);
        AutoEncodeOptions options = TestLibrary.Options(root, temp.File("queue.db")) with { Preset = "medium" };
        var firstProgress = new TaskCompletionSource();
        var events = new List<AutoEncodeEvent>();
        await using var run = new AutoEncoder(options)
        {
            Events = new SynchronousProgress<AutoEncodeEvent>(e =>
            {
                lock (events) events.Add(e);
                if (e.Kind == AutoEncodeEventKind.Progress) firstProgress.TrySetResult();
            }),
        };
        Task<AutoEncodeReport> running = run.RunAsync(TestContext.Current.CancellationToken);
        await firstProgress.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        using (EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath)) queue.Pause(now: true);
        AutoEncodeReport report = await running;

        Assert.StartsWith("paused (now)", report.StopReason, StringComparison.Ordinal);
        using (EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath))
        {
            Assert.Equal(2, queue.List(JobState.Pending).Count); // the interrupted file went back, the other never started
            Assert.Contains(queue.List(), e => e.Reason?.Contains("starts again from the beginning", StringComparison.Ordinal) == true);
            Assert.Empty(Directory.EnumerateFileSystemEntries(root, ".ovni-tmp-*", SearchOption.AllDirectories));
            Assert.Equal("now", queue.Stats().Pause);
            queue.Resume();
        }
        await using var resumed = new AutoEncoder(options with { Preset = "ultrafast" });
        AutoEncodeReport second = await resumed.RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, second.Encoded);
    }

    [Fact]
    public async Task Pause_after_current_lets_the_running_file_finish_and_starts_nothing_new()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, Two);
        AutoEncodeOptions options = TestLibrary.Options(root, temp.File("queue.db"));
        var firstPhase = new TaskCompletionSource();
        await using var run = new AutoEncoder(options)
        {
            Events = new SynchronousProgress<AutoEncodeEvent>(e => { if (e.Kind == AutoEncodeEventKind.Phase && e.State == JobState.Encoding) firstPhase.TrySetResult(); }),
        };
        Task<AutoEncodeReport> running = run.RunAsync(TestContext.Current.CancellationToken);
        await firstPhase.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        using (EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath)) queue.Pause(now: false);
        AutoEncodeReport report = await running;
        Assert.StartsWith("paused (after-current)", report.StopReason, StringComparison.Ordinal);
        Assert.Equal(1, report.Encoded);
        using EncodeQueue after = EncodeQueue.Open(options.ResolvedDatabasePath);
        Assert.Single(after.List(JobState.Pending));
    }

    [Fact]
    public async Task Guards_and_the_schedule_hold_new_work_back_and_say_why()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, Two);
        var resources = new FakeResources { Memory = 100L << 20 };
        AutoEncodeOptions options = TestLibrary.Options(root, temp.File("queue.db")) with
        {
            Guards = new ResourceGuards { MinAvailableMemoryBytes = 1L << 30, MaxLoadPerCore = 0.9 },
            Schedule = ScheduleWindow.Parse("01:00-07:00"),
        };
        var held = new List<string>();
        var clock = new DateTime(2026, 1, 1, 12, 0, 0);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await using var run = new AutoEncoder(options)
        {
            Resources = resources,
            Clock = () => clock,
            Events = new SynchronousProgress<AutoEncodeEvent>(e =>
            {
                if (e.Kind != AutoEncodeEventKind.Held || e.JobId is not null) return;
                lock (held) held.Add(e.Message!);
                // Each hold lifts the next obstacle: first the schedule, then memory, then CPU load.
                if (e.Message!.StartsWith("outside the schedule", StringComparison.Ordinal)) clock = new DateTime(2026, 1, 2, 2, 0, 0);
                else if (e.Message.StartsWith("low memory", StringComparison.Ordinal)) { resources.Memory = 8L << 30; resources.Load = 3.0; }
                else if (e.Message.StartsWith("CPU busy", StringComparison.Ordinal)) resources.Load = 0.2;
            }),
        };
        AutoEncodeReport report = await run.RunAsync(cancel.Token);
        Assert.Equal(2, report.Encoded);
        Assert.Equal(3, held.Count);
        Assert.StartsWith("outside the schedule window 01:00-07:00 (opens in 13 h 00 min)", held[0], StringComparison.Ordinal);
        Assert.StartsWith("low memory: 100.0 MiB available < 1.00 GiB", held[1], StringComparison.Ordinal);
        Assert.StartsWith("CPU busy: load 3.00 per core > 0.90", held[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_are_retried_after_a_back_off_then_excluded()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, ["Movies/Live/people.mkv"]);
        AutoEncodeOptions options = TestLibrary.Options(root, temp.File("queue.db")) with { MaxAttempts = 2, RetryBackoff = TimeSpan.FromMilliseconds(300) };
        var encoder = new AlwaysFails();
        await using (var run = new AutoEncoder(options) { FileEncoder = encoder })
        {
            AutoEncodeReport first = await run.RunAsync(TestContext.Current.CancellationToken);
            Assert.Contains("wait for a retry", first.StopReason, StringComparison.Ordinal);
        }
        using EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath);
        QueueEntry failed = queue.List().Single();
        Assert.Equal((JobState.Failed, 1), (failed.State, failed.Attempts));
        Assert.Contains("attempt 1 of 2", failed.Reason, StringComparison.Ordinal);
        await Task.Delay(400, TestContext.Current.CancellationToken);
        await using (var run = new AutoEncoder(options) { FileEncoder = encoder }) await run.RunAsync(TestContext.Current.CancellationToken);
        QueueEntry excluded = queue.List().Single();
        Assert.Equal(JobState.Excluded, excluded.State);
        Assert.StartsWith("gave up after 2 attempts:", excluded.Reason, StringComparison.Ordinal);
        Assert.Equal(2, encoder.Calls);
        Assert.True(queue.Retry(excluded.Id));
        Assert.Equal((JobState.Pending, 0), (queue.List().Single().State, queue.List().Single().Attempts));
    }

    [Fact]
    public void The_eta_model_smooths_what_it_learns_and_keeps_it_in_the_database()
    {
        using var temp = new TempDirectory();
        string db = temp.File("q.db");
        string key = EtaModel.Key("libx265", "medium", 1920, 1080, "mid");
        using (JobStore store = JobStore.Open(db))
        {
            var eta = new EtaModel(store);
            var (prior, guess) = eta.SecondsPerFrame(key, "libx265", 1920, 1080);
            Assert.True(guess);
            Assert.Equal(2.0736 * 0.06, prior, 6);
            Assert.Equal(0.5, eta.Learn(key, 100, TimeSpan.FromSeconds(50)), 9);
            Assert.Equal(0.3 * 0.2 + 0.7 * 0.5, eta.Learn(key, 100, TimeSpan.FromSeconds(20)), 9);
        }
        using (JobStore store = JobStore.Open(db))
        {
            var (learned, guess) = new EtaModel(store).SecondsPerFrame(key, "libx265", 1920, 1080);
            Assert.False(guess);
            Assert.Equal(0.41, learned, 9);
            Assert.Equal(2, store.LoadEta()[key].Samples);
        }
        Assert.Equal("libx265|medium|1080p|mid", key);
    }

    [Fact]
    public void Keep_awake_holds_an_inhibitor_while_working_and_releases_it_when_idle()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("the inhibitor stand-in is a shell script");
        using var temp = new TempDirectory();
        string log = temp.File("inhibit.log");
        string fake = temp.File("fake-inhibit");
        File.WriteAllText(fake, $"#!/bin/sh\necho \"start $*\" >> {log}\n\"$5\"\necho stop >> {log}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var notes = new List<string>();
        using var awake = new KeepAwake(notes.Add, fake);
        awake.Acquire();
        Assert.True(awake.IsHeld);
        awake.Acquire(); // idempotent
        Thread.Sleep(300);
        awake.Release();
        Assert.False(awake.IsHeld);
        string[] lines = File.ReadAllLines(log);
        Assert.Equal(["start --what=sleep:idle --who=ovni --why=re-encoding a media library --mode=block cat", "stop"], lines);
        Assert.Empty(notes);

        using var missing = new KeepAwake(notes.Add, temp.File("no-such-inhibitor"));
        missing.Acquire();
        missing.Acquire();
        Assert.Single(notes); // said once, then the queue carries on
        Assert.StartsWith("cannot keep the machine awake", notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_mode_queues_a_new_file_only_once_its_size_is_stable()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, ["tiny.mp4"]);
        AutoEncodeOptions options = TestLibrary.Options(root, temp.File("queue.db")) with
        {
            Watch = true, StableFor = TimeSpan.FromSeconds(1.5), RescanInterval = TimeSpan.FromHours(1),
        };
        var finished = new TaskCompletionSource<AutoEncodeEvent>();
        var queued = new List<DateTime>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await using var run = new AutoEncoder(options)
        {
            Events = new SynchronousProgress<AutoEncodeEvent>(e =>
            {
                if (e.Kind == AutoEncodeEventKind.Scanned && e.Path is not null) lock (queued) queued.Add(DateTime.UtcNow);
                if (e.Kind == AutoEncodeEventKind.Finished && e.Path?.EndsWith("arrived.mkv", StringComparison.Ordinal) == true) finished.TrySetResult(e);
            }),
        };
        Task<AutoEncodeReport> running = run.RunAsync(cancel.Token);
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        // A slow copy: the file grows for about 2 s; it must not be picked before it stopped growing.
        byte[] clip = File.ReadAllBytes(Path.Combine(TestLibrary.CreateIn(temp.File("src"), ["Movies/Live/people.mkv"]), "Movies/Live/people.mkv"));
        string target = Path.Combine(root, "New", "arrived.mkv");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        DateTime lastWrite = DateTime.MinValue;
        await using (FileStream stream = new(target, FileMode.CreateNew))
        {
            for (int offset = 0; offset < clip.Length; offset += clip.Length / 8 + 1)
            {
                await stream.WriteAsync(clip.AsMemory(offset, Math.Min(clip.Length / 8 + 1, clip.Length - offset)), TestContext.Current.CancellationToken);
                await stream.FlushAsync(TestContext.Current.CancellationToken);
                lastWrite = DateTime.UtcNow;
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }
        AutoEncodeEvent done = await finished.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await cancel.CancelAsync();
        AutoEncodeReport report = await running;
        Assert.Equal(JobState.Done, done.State);
        Assert.Single(queued);
        Assert.True(queued[0] >= lastWrite.AddSeconds(1.4), "queued before the file was stable");
        Assert.Equal("cancelled", report.StopReason);
    }

    private sealed class FakeResources : ISystemResources
    {
        internal long Memory = 8L << 30;
        internal double Load = 0.1;
        public long AvailableMemoryBytes() => Memory;
        public long FreeBytes(string folder) => 1L << 40;
        public double? LoadPerCore() => Load;
        public long? FreeVramBytes() => null;
    }

    private sealed class AlwaysFails : IFileEncoder
    {
        internal int Calls;

        public Task<EncodeOutcome> EncodeAsync(string source, string output, EncodeSettings settings, long sizeLimit, IProgress<EncodeProgress>? progress, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            throw new OvniException($"Encoding video failed for '{source}': Invalid argument (FFmpeg error -22)");
        }
    }
}
