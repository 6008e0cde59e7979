using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Ovni.IO;

namespace Ovni.Tests.Safety;

/// <summary>
/// Issue 12, item 3: SIGKILL left hidden ".NAME.ovni-&lt;guid&gt;.partial.EXT" files that nothing removed; item 6: output names
/// of 209–255 bytes failed as "folder not writable" because the temporary name was 47 bytes longer.
/// </summary>
public partial class TemporaryFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static GpuFrame Frame(long index)
    {
        GpuFrame frame = FrameSources.SolidColor(64, 48, new RgbaColor(200, 30, 30, 255), TimeSpan.FromSeconds(1), new Rational(10, 1))
            .ToBlockingEnumerable().First();
        frame.Pts = index;
        frame.TimeBase = new Rational(1, 10);
        return frame;
    }

    [Fact]
    public async Task While_writing_the_folder_shows_no_file_at_all_on_linux()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("O_TMPFILE is Linux's.");
        using var temp = new TempDirectory();
        await using (MediaWriter writer = MediaWriter.Create(temp.File("out.mp4"), new VideoEncoderOptions { Preset = "ultrafast" }))
        {
            for (int i = 0; i < 5; i++)
                using (GpuFrame frame = Frame(i)) writer.WriteFrame(frame);
            Assert.Empty(Directory.GetFileSystemEntries(temp.Path)); // hidden files included
            await writer.CompleteAsync(Ct);
        }
        Assert.Equal([temp.File("out.mp4")], Directory.GetFileSystemEntries(temp.Path));
        Assert.Equal(5, FFmpegCli.CountFrames(temp.File("out.mp4")));
    }

    [Fact]
    public void Named_temporary_file_carries_its_owner_and_is_locked()
    {
        using var temp = new TempDirectory();
        string name = TemporaryOutputFile.HiddenName(temp.File("out.mp4"));
        Assert.StartsWith(".out.mp4.ovni-", name);
        Assert.EndsWith(".partial", name);
        Assert.Contains($"-{Environment.ProcessId}-", name);
    }

    [Fact]
    public void Sweeper_removes_files_of_dead_owners_and_keeps_live_and_foreign_ones()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("Reads process start times from /proc.");
        using var temp = new TempDirectory();
        ProcessStamp me = ProcessStamp.Current;

        ProcessStamp dead = DeadProcess.Stamp();
        var previousBoot = me with { Boot = "00000000" };
        var otherMachine = me with { Host = "ffffffff" };
        var reusedPid = me with { StartTime = me.StartTime + 1 };   // same pid, another start time: not us

        string Make(ProcessStamp owner, string stem)
        {
            string path = temp.File($".{stem}.ovni-{owner.Format()}-0badcafe.partial");
            File.WriteAllText(path, "partial data");
            return path;
        }
        string deadFile = Make(dead, "dead.mp4"), bootFile = Make(previousBoot, "boot.mp4"), reusedFile = Make(reusedPid, "reused.mp4");
        string liveFile = Make(me, "live.mp4"), foreignFile = Make(otherMachine, "foreign.mp4");
        string legacyOld = temp.File(".old.ovni-0123456789abcdef0123456789abcdef.partial.mp4");
        string legacyNew = temp.File(".new.ovni-fedcba9876543210fedcba9876543210.partial.mkv");
        File.WriteAllText(legacyOld, "x");
        File.WriteAllText(legacyNew, "x");
        File.SetLastWriteTimeUtc(legacyOld, DateTime.UtcNow.AddDays(-2));
        string userFile = temp.File("holiday.mp4");
        File.WriteAllText(userFile, "not ours");

        IReadOnlyList<string> removed = AbandonedFileSweeper.Sweep(temp.Path, NullLogger.Instance);

        Assert.Equal(new[] { bootFile, deadFile, legacyOld, reusedFile }.Order(), removed.Order());
        Assert.True(File.Exists(liveFile));
        Assert.True(File.Exists(foreignFile));     // another machine's run on a shared folder: not ours to judge yet
        Assert.True(File.Exists(legacyNew));       // an older Ovni may still be writing it
        Assert.True(File.Exists(userFile));

        File.SetLastWriteTimeUtc(foreignFile, DateTime.UtcNow.AddHours(-2));
        Assert.Equal([foreignFile], AbandonedFileSweeper.Sweep(temp.Path, NullLogger.Instance));
    }

    [Fact]
    public async Task A_writer_sweeps_its_folder_before_it_starts()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("Reads process start times from /proc.");
        using var temp = new TempDirectory();
        ProcessStamp me = ProcessStamp.Current;
        string leftover = temp.File($".earlier.mp4.ovni-{(me with { Boot = "00000000" }).Format()}-12345678.partial");
        File.WriteAllText(leftover, "left by a run killed before a reboot");
        await using (MediaWriter.Create(temp.File("out.mp4"))) { }
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData(209)]
    [InlineData(255)]
    public async Task Output_names_up_to_the_file_system_limit_are_written(int bytes)
    {
        using var temp = new TempDirectory();
        // Multi-byte characters too: the limit is in bytes, and a cut must not split a character.
        string stem = new string('é', (bytes - 4) / 2) + new string('a', (bytes - 4) % 2);
        string output = temp.File(stem + ".mp4");
        Assert.Equal(bytes, System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(output)));
        foreach (bool anonymous in new[] { true, false })
        {
            using (TemporaryOutputFile named = TemporaryOutputFile.Create(output, allowAnonymous: anonymous))
                Assert.True(named.IsAnonymous || System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(named.NamedPath!)) <= 255);
        }
        await using (MediaWriter writer = MediaWriter.Create(output, new VideoEncoderOptions { Preset = "ultrafast" }))
        {
            using (GpuFrame frame = Frame(0)) writer.WriteFrame(frame);
            await writer.CompleteAsync(Ct);
        }
        Assert.Equal([output], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_name_longer_than_any_file_system_allows_is_refused_before_any_work()
    {
        using var temp = new TempDirectory();
        string output = temp.File(new string('a', 252) + ".mp4");
        var e = Assert.Throws<OvniException>(() => MediaWriter.Create(output));
        Assert.Contains("256 bytes long", e.Message);
        Assert.DoesNotContain("not writable", e.Message);
    }

    [Fact]
    public async Task Named_fallback_leaves_nothing_after_success_or_failure()
    {
        using var temp = new TempDirectory();
        string output = temp.File("out.mp4");
        using (TemporaryOutputFile file = TemporaryOutputFile.Create(output, allowAnonymous: false))
        {
            Assert.False(file.IsAnonymous);
            Assert.True(File.Exists(file.NamedPath));
            Assert.StartsWith("file:", file.Url);
        }
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));

        // While it is written the owner's lock keeps every other opener (a sweeper in another process) away.
        TemporaryOutputFile kept = TemporaryOutputFile.Create(output, allowAnonymous: false);
        Assert.ThrowsAny<IOException>(() => new FileStream(kept.NamedPath!, FileMode.Open, FileAccess.Read, FileShare.None).Dispose());
        kept.Commit(() => { });
        Assert.Equal([output], Directory.GetFileSystemEntries(temp.Path));
        await using (new FileStream(output, FileMode.Open, FileAccess.Read, FileShare.None)) { } // released after the rename
    }
    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>
    /// A stop's CI failed once hashing a chunk just published: "being used by another process". A process that another
    /// thread starts holds a copy of every descriptor from fork until its exec, and the copy of the temporary file's
    /// (flock-ed) descriptor kept the lock on the published file. A dup is that copy, made on purpose.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_copy_of_the_descriptor_in_a_starting_process_does_not_keep_the_published_file_locked(bool anonymous)
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("The flock and descriptor semantics are Linux's.");
        using var temp = new TempDirectory();
        string output = temp.File("chunk.mkv");
        TemporaryOutputFile file = TemporaryOutputFile.Create(output, allowAnonymous: anonymous);
        Assert.Equal(anonymous, file.IsAnonymous);
        string target = anonymous ? "" : Path.GetFullPath(file.NamedPath!);
        int descriptor = anonymous
            ? int.Parse(file.Url["file:/proc/self/fd/".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : Directory.GetFiles("/proc/self/fd").Select(link => (link, to: new FileInfo(link).LinkTarget))
                .Where(l => l.to == target).Select(l => int.Parse(Path.GetFileName(l.link), System.Globalization.CultureInfo.InvariantCulture)).First();
        int copy = Dup(descriptor);
        Assert.True(copy >= 0);
        try
        {
            file.Commit(() => { });
            using (new FileStream(output, FileMode.Open, FileAccess.Read, FileShare.Read)) { }
            using (new FileStream(output, FileMode.Open, FileAccess.Read, FileShare.None)) { }
        }
        finally
        {
            Close(copy);
        }
    }
}
