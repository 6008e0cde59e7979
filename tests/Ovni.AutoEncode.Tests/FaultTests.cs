using System.Diagnostics;
using Ovni.Encoding.Library;

namespace Ovni.AutoEncode.Tests;

/// <summary>A full destination, a read-only destination, a source that vanishes mid-encode: a clear failure on that file, the queue goes on, nothing lost.</summary>
public class FaultTests
{
    private static readonly string[] Two = ["Movies/Animation/bunny.mp4", "Movies/Live/people.mkv", "tiny.mp4"];

    [Fact]
    public async Task A_full_destination_fails_that_file_clearly_and_the_queue_goes_on()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, Two);
        Dictionary<string, string> before = TestLibrary.Hashes(root);
        string destination = temp.File("small-disk");
        Directory.CreateDirectory(destination);
        // people's output (~20 KB) fits in 96 KiB, bunny's (~136 KB) does not.
        using var disk = Mount.Tmpfs(destination, "size=96k");
        AutoEncodeOptions options = TestLibrary.Options(root, temp.File("queue.db")) with
        {
            OutputFolder = destination,
            Guards = new ResourceGuards { MinAvailableMemoryBytes = 0, DiskHeadroom = 0 }, // let it try: the write itself must fail cleanly
        };
        await using (var run = new AutoEncoder(options)) await run.RunAsync(TestContext.Current.CancellationToken);

        using EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath);
        QueueEntry bunny = queue.Find(Path.Combine(root, "Movies/Animation/bunny.mp4"))!;
        Assert.Equal(JobState.Failed, bunny.State);
        Assert.Contains("destination is full", bunny.Reason, StringComparison.Ordinal);
        Assert.Contains("bunny.mp4", bunny.Reason, StringComparison.Ordinal);
        Assert.NotNull(bunny.NotBefore); // retried after a back-off, when space may have been freed
        Assert.Equal(JobState.Done, queue.Find(Path.Combine(root, "Movies/Live/people.mkv"))!.State);
        Assert.Equal(JobState.Skipped, queue.Find(Path.Combine(root, "tiny.mp4"))!.State);
        Assert.Equal(before, TestLibrary.Hashes(root));
        string[] left = Directory.EnumerateFileSystemEntries(destination, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(destination, p)).Order().ToArray();
        Assert.Equal(["Movies", "Movies/Animation", "Movies/Live", "Movies/Live/people.ovni.mkv"], left); // no temporary file, no partial output
    }

    [Fact]
    public async Task Low_disk_space_holds_the_file_back_instead_of_starting_it()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, Two);
        string destination = temp.File("small-disk");
        Directory.CreateDirectory(destination);
        using var disk = Mount.Tmpfs(destination, "size=300k");
        AutoEncodeOptions options = TestLibrary.Options(root, temp.File("queue.db")) with { OutputFolder = destination };
        await using (var run = new AutoEncoder(options)) await run.RunAsync(TestContext.Current.CancellationToken);
        using EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath);
        QueueEntry bunny = queue.Find(Path.Combine(root, "Movies/Animation/bunny.mp4"))!;
        Assert.Equal(JobState.Pending, bunny.State); // 344 KiB source: 0.85 × 1.2 × that cannot fit in 300 KiB
        Assert.Contains("low disk space on the destination", bunny.Reason, StringComparison.Ordinal);
        Assert.Equal(JobState.Done, queue.Find(Path.Combine(root, "Movies/Live/people.mkv"))!.State);
    }

    [Fact]
    public async Task A_simulated_write_failure_is_reported_on_that_file_only()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, Two);
        Dictionary<string, string> before = TestLibrary.Hashes(root);
        AutoEncodeOptions options = TestLibrary.Options(root, temp.File("queue.db"));
        var encoder = new FailingEncoder("bunny.mp4");
        await using (var run = new AutoEncoder(options) { FileEncoder = encoder }) await run.RunAsync(TestContext.Current.CancellationToken);
        using EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath);
        QueueEntry bunny = queue.Find(Path.Combine(root, "Movies/Animation/bunny.mp4"))!;
        Assert.Equal(JobState.Failed, bunny.State);
        Assert.Contains("destination is full", bunny.Reason, StringComparison.Ordinal);
        Assert.Equal(JobState.Done, queue.Find(Path.Combine(root, "Movies/Live/people.mkv"))!.State);
        Assert.Equal(before.Keys.Append("Movies/Live/people.ovni.mkv").Order(), TestLibrary.Hashes(root).Keys.Order());
        Assert.Empty(Directory.EnumerateFileSystemEntries(root, ".ovni-tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_read_only_destination_names_the_folder_and_the_queue_goes_on()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, Two);
        string locked = Path.Combine(root, "Movies/Animation");
        using var readOnly = Mount.ReadOnlyBind(locked);
        AutoEncodeOptions options = TestLibrary.Options(root, temp.File("queue.db"));
        await using (var run = new AutoEncoder(options)) await run.RunAsync(TestContext.Current.CancellationToken);
        using EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath);
        QueueEntry bunny = queue.Find(Path.Combine(root, "Movies/Animation/bunny.mp4"))!;
        Assert.Equal(JobState.Failed, bunny.State);
        Assert.Contains($"Cannot write in the destination folder '{locked}'", bunny.Reason, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", bunny.Reason, StringComparison.Ordinal);
        Assert.Equal(JobState.Done, queue.Find(Path.Combine(root, "Movies/Live/people.mkv"))!.State);
    }

    [Fact]
    public async Task A_source_that_disappears_mid_encode_fails_clearly_and_nothing_is_published()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, Two);
        AutoEncodeOptions options = TestLibrary.Options(root, temp.File("queue.db"));
        string bunnyPath = Path.Combine(root, "Movies/Animation/bunny.mp4");
        var encoder = new VanishingSourceEncoder(bunnyPath);
        await using (var run = new AutoEncoder(options) { FileEncoder = encoder }) await run.RunAsync(TestContext.Current.CancellationToken);
        Assert.True(encoder.Deleted);
        using EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath);
        QueueEntry bunny = queue.Find(bunnyPath)!;
        Assert.Equal(JobState.Failed, bunny.State);
        Assert.Contains($"'{bunnyPath}' disappeared during the encode; the output was discarded", bunny.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root, "Movies/Animation/bunny.ovni.mkv")));
        Assert.Equal(JobState.Done, queue.Find(Path.Combine(root, "Movies/Live/people.mkv"))!.State);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root, ".ovni-tmp-*", SearchOption.AllDirectories));
    }

    /// <summary>Writes part of the output, then fails the way a full disk does.</summary>
    private sealed class FailingEncoder(string failOn) : IFileEncoder
    {
        private readonly FileEncoder _real = new();

        public async Task<EncodeOutcome> EncodeAsync(string source, string output, EncodeSettings settings, long sizeLimit, IProgress<EncodeProgress>? progress, CancellationToken cancellationToken)
        {
            if (!source.EndsWith(failOn, StringComparison.Ordinal)) return await _real.EncodeAsync(source, output, settings, sizeLimit, progress, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(Path.GetDirectoryName(output)!, ".partial-output"), new byte[4096], cancellationToken);
            throw new IOException("No space left on device : '" + output + "'", 28);
        }
    }

    /// <summary>Deletes the source once the encode is under way (the open file still reads to the end, as on Linux).</summary>
    private sealed class VanishingSourceEncoder(string victim) : IFileEncoder
    {
        private readonly FileEncoder _real = new();
        internal bool Deleted { get; private set; }

        public Task<EncodeOutcome> EncodeAsync(string source, string output, EncodeSettings settings, long sizeLimit, IProgress<EncodeProgress>? progress, CancellationToken cancellationToken)
        {
            var spy = new Spy(p =>
            {
                if (source == victim && !Deleted && p.Fraction > 0) { File.Delete(victim); Deleted = true; }
                progress?.Report(p);
            });
            return _real.EncodeAsync(source, output, settings, sizeLimit, spy, cancellationToken);
        }

        private sealed class Spy(Action<EncodeProgress> report) : IProgress<EncodeProgress>
        {
            public void Report(EncodeProgress value) => report(value);
        }
    }

    /// <summary>Mounts for the fault tests (root only, as in CI); a machine that cannot mount skips with the reason.</summary>
    private sealed class Mount : IDisposable
    {
        private readonly string _path;

        private Mount(string path) => _path = path;

        internal static Mount Tmpfs(string path, string options)
        {
            Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
            return new Mount(path);
        }

        internal static Mount ReadOnlyBind(string path)
        {
            Run("mount", "--bind", path, path);
            try { Run("mount", "-o", "remount,bind,ro", path); }
            catch { Run("umount", path); throw; }
            return new Mount(path);
        }

        private static void Run(params string[] args)
        {
            var start = new ProcessStartInfo(args[0]) { RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in args.Skip(1)) start.ArgumentList.Add(a);
            using Process p = Process.Start(start)!;
            string error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
                Assert.Skip($"cannot {string.Join(' ', args)} here ({error.Trim()}); the simulated write-failure test covers the same path");
        }

        public void Dispose() => Run("umount", "-l", _path);
    }
}
