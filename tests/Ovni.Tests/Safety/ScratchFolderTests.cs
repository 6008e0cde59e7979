using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Ovni.IO;

namespace Ovni.Tests.Safety;

/// <summary>
/// A search killed with SIGKILL (or a machine that lost power) left its samples in /tmp/ovni-tq-&lt;guid&gt; for good: 20–130 MB a
/// time found on this machine after killed runs. Working folders now carry their owner and are swept by the next run.
/// </summary>
public class ScratchFolderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_scratch_folder_is_locked_while_it_lives_and_gone_when_disposed()
    {
        using var temp = new TempDirectory();
        string path;
        using (ScratchFolder scratch = ScratchFolder.Create("tq", temp.Path))
        {
            path = scratch.Path;
            Assert.True(Directory.Exists(path));
            Assert.Equal(temp.Path, Path.GetDirectoryName(path));
            Assert.StartsWith($"ovni-tq.{ProcessStamp.Current.Format()}.", Path.GetFileName(path));
            File.WriteAllText(Path.Combine(path, "sample-0.mkv"), "frames");
            if (OperatingSystem.IsLinux())
                Assert.ThrowsAny<IOException>(() => new FileStream(Path.Combine(path, ".owner"), FileMode.Open, FileAccess.Read, FileShare.None));
            Assert.Empty(ScratchFolder.Sweep(temp.Path, NullLogger.Instance)); // its owner lives
        }
        Assert.False(Directory.Exists(path));
        Assert.Throws<ArgumentException>(() => ScratchFolder.Create("../tq", temp.Path));
        Assert.Throws<ArgumentException>(() => ScratchFolder.Create("", temp.Path));
        string notAFolder = temp.File("a-file");
        File.WriteAllText(notAFolder, "x");
        OvniException e = Assert.Throws<OvniException>(() => ScratchFolder.Create("tq", notAFolder));
        Assert.Contains("a-file", e.Message);
    }

    [Fact]
    public void The_sweep_removes_folders_of_dead_owners_and_keeps_everything_else()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("Reads process start times from /proc.");
        using var temp = new TempDirectory();
        ProcessStamp me = ProcessStamp.Current;
        ProcessStamp dead = DeadProcess.Stamp();

        string Make(string name, bool ownerFile = true)
        {
            string folder = Directory.CreateDirectory(temp.File(name)).FullName;
            File.WriteAllText(Path.Combine(folder, "sample-0.mkv"), "frames");
            if (ownerFile) File.WriteAllText(Path.Combine(folder, ".owner"), "");
            return folder;
        }
        string deadRun = Make($"ovni-tq.{dead.Format()}.0badcafe0bad");
        string deadBeforeLock = Make($"ovni-chunk-tq.{dead.Format()}.0badcafe0bae", ownerFile: false);
        string previousBoot = Make($"ovni-ladder.{(me with { Boot = "00000000" }).Format()}.0badcafe0baf");
        string reusedPid = Make($"ovni-tq.{(me with { StartTime = me.StartTime + 1 }).Format()}.0badcafe0bb0");
        string live = Make($"ovni-tq.{me.Format()}.0badcafe0bb1");
        string foreign = Make($"ovni-tq.{(me with { Host = "ffffffff" }).Format()}.0badcafe0bb2");
        string lockedElsewhere = Make($"ovni-tq.{dead.Format()}.0badcafe0bb3"); // an owner in another PID namespace holds it
        string legacyOld = Make("ovni-tq-0123456789abcdef0123456789abcdef", ownerFile: false);
        string legacyNew = Make("ovni-ladder-fedcba9876543210fedcba9876543210", ownerFile: false);
        string notOurs = Make("ovni-holiday-videos", ownerFile: false);
        DateTime twoDaysAgo = DateTime.UtcNow.AddDays(-2);
        File.SetLastWriteTimeUtc(Path.Combine(legacyOld, "sample-0.mkv"), twoDaysAgo);
        Directory.SetLastWriteTimeUtc(legacyOld, twoDaysAgo);
        File.SetLastWriteTimeUtc(Path.Combine(notOurs, "sample-0.mkv"), twoDaysAgo);
        Directory.SetLastWriteTimeUtc(notOurs, twoDaysAgo);

        IReadOnlyList<string> removed;
        using (new FileStream(Path.Combine(lockedElsewhere, ".owner"), FileMode.Open, FileAccess.Read, FileShare.None))
            removed = ScratchFolder.Sweep(temp.Path, NullLogger.Instance);

        Assert.Equal(new[] { deadRun, deadBeforeLock, previousBoot, reusedPid, legacyOld }.Order(), removed.Order());
        foreach (string kept in new[] { live, foreign, lockedElsewhere, legacyNew, notOurs })
            Assert.True(Directory.Exists(kept), $"{Path.GetFileName(kept)} was removed");
        foreach (string gone in removed) Assert.False(Directory.Exists(gone));

        // Once the lock is free, the dead owner's folder goes with the next folder made there.
        using (ScratchFolder.Create("tq", temp.Path)) Assert.False(Directory.Exists(lockedElsewhere));
    }

    [Fact]
    public void Beside_an_output_the_folder_is_hidden_and_the_chunk_folders_of_resumable_runs_are_never_swept()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("Reads process start times from /proc.");
        using var temp = new TempDirectory();
        string output = temp.File(new string('n', 240) + ".mkv"); // a long name: the folder's must still fit in 255 bytes
        var dead = new ProcessStamp(ProcessStamp.Current.Host, ProcessStamp.Current.Boot, 4_000_000, 1); // above any pid in use here
        string deadHull = Directory.CreateDirectory(temp.File($".out.mkv.ovni-hull.{dead.Format()}.0badcafe0bad")).FullName;
        File.WriteAllText(Path.Combine(deadHull, "ref-00000.mkv"), "lossless reference");
        string legacyHull = Directory.CreateDirectory(temp.File(".out.mkv.ovni-hull-0123456789abcdef0123456789abcdef")).FullName;
        Directory.SetLastWriteTimeUtc(legacyHull, DateTime.UtcNow.AddDays(-3));
        string chunks = Directory.CreateDirectory(temp.File(".out.mkv.ovni-chunks")).FullName; // a chunked encode to resume
        Directory.SetLastWriteTimeUtc(chunks, DateTime.UtcNow.AddDays(-3));
        string job = Directory.CreateDirectory(temp.File(".ovni-tmp-17")).FullName;
        Directory.SetLastWriteTimeUtc(job, DateTime.UtcNow.AddDays(-3));

        using (ScratchFolder scratch = ScratchFolder.CreateBeside(output, "tq"))
        {
            string name = Path.GetFileName(scratch.Path);
            Assert.Equal(temp.Path, Path.GetDirectoryName(scratch.Path));
            Assert.StartsWith("." + new string('n', 48) + ".ovni-tq.", name);
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(name) <= 255);
            Assert.False(Directory.Exists(deadHull));
            Assert.False(Directory.Exists(legacyHull));
            Assert.True(Directory.Exists(chunks));
            Assert.True(Directory.Exists(job));
        }
        Assert.Equal(new[] { ".out.mkv.ovni-chunks", ".ovni-tmp-17" }, Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_search_killed_with_sigkill_leaves_its_samples_for_the_next_run_to_remove()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("SIGKILL and /proc are Linux's.");
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        using var temp = new TempDirectory();
        string tmp = Directory.CreateDirectory(temp.File("tmp")).FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ovni.Cli.dll"));
        foreach (string a in new[] { "crf-search", clip, "--target-vmaf", "93", "--encoder", "libx264", "--preset", "ultrafast", "--cache", "none" })
            start.ArgumentList.Add(a);
        start.Environment["TMPDIR"] = tmp;
        using Process p = Process.Start(start)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync(Ct);
        bool killed = false;
        string? line;
        while ((line = await p.StandardError.ReadLineAsync(Ct)) is not null)
        {
            if (!killed && line.StartsWith("ovni: probe", StringComparison.Ordinal))
            {
                p.Kill(entireProcessTree: true); // SIGKILL: no finally block runs
                killed = true;
            }
        }
        await p.WaitForExitAsync(Ct);
        _ = await stdout;
        Assert.True(killed, "the search never reached a probe");
        string[] left = Directory.GetDirectories(tmp, "ovni-tq.*"); // the samples (in memory when small) and the probe's encode
        Assert.Single(left);

        IReadOnlyList<string> removed = ScratchFolder.Sweep(tmp, NullLogger.Instance);
        Assert.Equal(left, removed);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(tmp).Select(Path.GetFileName), n => n!.StartsWith("ovni", StringComparison.Ordinal)); // .NET's own diagnostics sockets stay
    }
}
