using System.Diagnostics;
using Ovni.Encoding.Library;

namespace Ovni.AutoEncode.Tests;

/// <summary>Scans: extensions, globs, hidden folders; rescans touch only what changed, fast on 10,000 files.</summary>
public class ScannerTests
{
    [Fact]
    public void Rescan_of_10000_unchanged_files_takes_under_2_seconds_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        string root = temp.File("lib");
        for (int i = 0; i < 10_000; i++)
        {
            string folder = Path.Combine(root, $"show{i / 1000:00}", $"season{i / 100 % 10}");
            if (i % 100 == 0) Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"episode{i:00000}.mkv"), [1]);
        }
        var options = new AutoEncodeOptions { Roots = [root], DatabasePath = temp.File("queue.db") };
        using EncodeQueue queue = EncodeQueue.Open(options.DatabasePath, create: true);
        ScanResult first = queue.Rescan(options, TestContext.Current.CancellationToken);
        Assert.Equal(10_000, first.Added);
        long walBefore = new FileInfo(options.DatabasePath + "-wal").Length;

        var clock = Stopwatch.StartNew();
        ScanResult again = queue.Rescan(options, TestContext.Current.CancellationToken);
        TimeSpan elapsed = clock.Elapsed;

        Assert.Equal((10_000, 0, 0, 10_000), (again.Seen, again.Added + again.Changed + again.Missing, again.Changed, again.Unchanged));
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"rescan took {elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(walBefore, new FileInfo(options.DatabasePath + "-wal").Length); // not one write
        TestContext.Current.SendDiagnosticMessage($"rescan of 10,000 unchanged files: {elapsed.TotalMilliseconds:0} ms");

        // One touched file and one new file: exactly those are queued again.
        string touched = Path.Combine(root, "show03", "season4", "episode03400.mkv");
        File.WriteAllBytes(touched, [1, 2]);
        File.WriteAllBytes(Path.Combine(root, "show09", "new.mkv"), [1]);
        File.Delete(Path.Combine(root, "show00", "season0", "episode00000.mkv"));
        ScanResult third = queue.Rescan(options, TestContext.Current.CancellationToken);
        Assert.Equal((1, 1, 1), (third.Added, third.Changed, third.Missing));
        Assert.Equal("the file is gone", queue.Find(Path.Combine(root, "show00", "season0", "episode00000.mkv"))!.Reason);
    }

    [Fact]
    public void Extensions_globs_and_hidden_folders_decide_what_is_queued()
    {
        using var temp = new TempDirectory();
        string root = temp.File("lib");
        foreach (string f in new[] { "a.mkv", "b.MP4", "c.txt", "Extras/d.mkv", "Films/e.mkv", "Films/e.sample.mkv", ".ovni-quarantine/f.mkv", "Films/.ovni-tmp-3/output.mkv", ".hidden.mkv" })
        {
            string path = Path.Combine(root, f);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, [1]);
        }
        var options = new AutoEncodeOptions { Roots = [root], DatabasePath = temp.File("q.db"), Exclude = ["Extras/**", "*.sample.*"] };
        using EncodeQueue queue = EncodeQueue.Open(options.DatabasePath, create: true);
        queue.Rescan(options, TestContext.Current.CancellationToken);
        Assert.Equal(["Films/e.mkv", "a.mkv", "b.MP4"], queue.List().Select(e => Path.GetRelativePath(root, e.Path)).Order(StringComparer.Ordinal));

        var only = options with { DatabasePath = temp.File("q2.db"), Exclude = [], Include = ["Films/**"] };
        using EncodeQueue second = EncodeQueue.Open(only.DatabasePath, create: true);
        second.Rescan(only, TestContext.Current.CancellationToken);
        Assert.Equal(["Films/e.mkv", "Films/e.sample.mkv"], second.List().Select(e => Path.GetRelativePath(root, e.Path)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_queue_never_wedges_while_another_process_reads_and_writes()
    {
        using var temp = new TempDirectory();
        string root = temp.File("lib");
        Directory.CreateDirectory(root);
        for (int i = 0; i < 200; i++) File.WriteAllBytes(Path.Combine(root, $"f{i}.mkv"), [1]);
        var options = new AutoEncodeOptions { Roots = [root], DatabasePath = temp.File("queue.db") };
        using EncodeQueue a = EncodeQueue.Open(options.DatabasePath, create: true);
        a.Rescan(options, TestContext.Current.CancellationToken);
        using EncodeQueue b = EncodeQueue.Open(options.DatabasePath);
        // Two connections hammering the same database (as `ovni queue` beside a run does): no "database is locked".
        Task writer = Task.Run(() => { for (int i = 0; i < 300; i++) { a.Pause(i % 2 == 0); a.Resume(); } }, TestContext.Current.CancellationToken);
        Task other = Task.Run(() => { for (int i = 0; i < 300; i++) { b.Remove(1 + i % 200); b.Retry(1 + i % 200); _ = b.Stats(); } }, TestContext.Current.CancellationToken);
        await Task.WhenAll(writer, other);
        Assert.Equal(200, b.List(JobState.Pending).Count);
    }
}
