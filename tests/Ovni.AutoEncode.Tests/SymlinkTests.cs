using Ovni.Encoding.Library;

namespace Ovni.AutoEncode.Tests;

/// <summary>
/// Found by trying a library that links to files elsewhere (as download managers and pooled drives make them): a link was
/// measured by its own size, the length of its target's name (21 B), so it failed the size filter, or with the filter off
/// came out "923,533 % of the source" and was skipped. A link is now measured by the file it points to; with a source
/// action other than keep it is skipped with the reason, since replacing a link frees nothing.
/// </summary>
public sealed class SymlinkTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private (string Root, string Link, string Target) LinkedLibrary()
    {
        string elsewhere = Directory.CreateDirectory(_temp.File("elsewhere")).FullName;
        string target = Path.Combine(elsewhere, "film.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-pix_fmt", "yuv420p",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "12", target);
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddMinutes(-10));
        string root = Directory.CreateDirectory(_temp.File("library")).FullName;
        string link = Path.Combine(root, "film.mp4");
        File.CreateSymbolicLink(link, "../elsewhere/film.mp4");
        return (root, link, target);
    }

    [Fact]
    public async Task A_linked_file_is_measured_by_the_file_it_points_to_and_encoded_beside_the_link()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Symbolic links need privileges on Windows.");
        var (root, link, target) = LinkedLibrary();
        string before = TestLibrary.Hash(target);
        AutoEncodeOptions options = TestLibrary.Options(root, _temp.File("queue.db")) with { MinSaving = 0 };

        await using (var run = new AutoEncoder(options)) await run.RunAsync(TestContext.Current.CancellationToken);

        using EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath);
        QueueEntry entry = Assert.Single(queue.List());
        Assert.Equal(new FileInfo(target).Length, entry.Size);
        Assert.True(entry.State == JobState.Done, entry.Reason);
        Assert.Equal("hevc", MediaReader.Probe(Path.Combine(root, "film.ovni.mkv")).Video!.Codec);
        Assert.Equal(before, TestLibrary.Hash(target));
        Assert.Equal("../elsewhere/film.mp4", new FileInfo(link).LinkTarget);
        Assert.Equal(0, queue.Rescan(options, TestContext.Current.CancellationToken).Changed); // measured the same way on a rescan
    }

    [Fact]
    public async Task With_replace_a_linked_file_is_skipped_with_the_reason_and_nothing_moves()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Symbolic links need privileges on Windows.");
        var (root, link, target) = LinkedLibrary();
        string before = TestLibrary.Hash(target);
        AutoEncodeOptions options = TestLibrary.Options(root, _temp.File("queue.db")) with { SourceAction = SourceAction.Replace, MinSaving = 0 };

        await using (var run = new AutoEncoder(options)) await run.RunAsync(TestContext.Current.CancellationToken);

        using EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath);
        QueueEntry entry = Assert.Single(queue.List());
        Assert.Equal(JobState.Skipped, entry.State);
        Assert.Contains("symbolic link", entry.Reason);
        Assert.Equal("../elsewhere/film.mp4", new FileInfo(link).LinkTarget);
        Assert.Equal(before, TestLibrary.Hash(target));
        Assert.Equal(["film.mp4"], Directory.GetFileSystemEntries(root).Select(p => Path.GetFileName(p)!).Where(n => !n.StartsWith('.')));
    }

    [Fact]
    public void A_folder_reached_by_a_loop_or_a_second_link_is_scanned_once()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Symbolic links need privileges on Windows.");
        var (root, _, _) = LinkedLibrary();
        Directory.CreateSymbolicLink(Path.Combine(root, "loop"), "."); // a link to the folder it is in
        Directory.CreateSymbolicLink(Path.Combine(root, "again"), "../elsewhere"); // the linked file's folder, under a second name
        AutoEncodeOptions options = TestLibrary.Options(root, _temp.File("queue.db"));

        using EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath, create: true);
        ScanResult scan = queue.Rescan(options, TestContext.Current.CancellationToken);

        // Before, the loop queued film.mp4 again under loop/, loop/loop/, … until the path was too long.
        Assert.Equal(1, scan.Added);
        Assert.Equal(Path.Combine(root, "film.mp4"), Assert.Single(queue.List()).Path);
    }
}
