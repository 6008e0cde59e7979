using System.Diagnostics;
using System.Text.Json;

namespace Ovni.Chunking.Tests;

/// <summary>
/// kill -9 of `ovni chunked` while chunks encode and while they are joined, five times each: every rerun keeps the
/// chunks already done (their files are never rewritten), nothing is published before the end, and the last run gives
/// a frame-exact file.
/// </summary>
public class KillResumeTests
{
    [Fact]
    public void Killed_five_times_while_encoding_and_five_times_while_joining_it_still_finishes_correctly()
    {
        string source = ChunkingInputs.Long();
        using var temp = new TempDirectory();
        string output = temp.File("out.mkv"), work = temp.File("work");
        string[] args = ["chunked", source, output, "--encoder", "libx264", "--preset", "veryslow", "--crf", "24", "--workers", "2",
            "--max-chunk", "2", "--cuts", "192,384", "--work-dir", work, "--keep-chunks", "--json"];
        var doneFiles = new Dictionary<string, DateTime>();

        for (int kill = 0; kill < 5; kill++)
        {
            int doneBefore = DoneCount(work);
            using Process p = Process.Start(OvniProcess.StartInfo(args))!;
            // Wait for one more finished chunk and an encode in progress, then pull the plug.
            bool killed = WaitAndKill(p, () => DoneCount(work) > doneBefore && Directory.GetFiles(work, "*.partial*").Length > 0);
            Assert.True(killed, $"run {kill} ended before it could be killed mid-chunk: {p.StandardError.ReadToEnd()}");
            Assert.False(File.Exists(output));
            AssertDoneChunksUntouched(work, doneFiles);
        }

        for (int kill = 0; kill < 5;)
        {
            using Process p = Process.Start(OvniProcess.StartInfo(args))!;
            bool killed = WaitAndKill(p, () => Directory.GetFiles(temp.Path, "*ovni-join*").Length > 0);
            if (!killed)
            {
                // The whole join finished between two looks; undo it and try again (it is not a kill during the join).
                Assert.Equal(0, p.ExitCode);
                File.Delete(output);
                continue;
            }
            kill++;
            Assert.False(File.Exists(output), "nothing may be published by a join that was killed");
            AssertDoneChunksUntouched(work, doneFiles);
        }

        var (code, stdout, stderr) = OvniProcess.Run(args);
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        int chunks = json.RootElement.GetProperty("chunks").GetInt32();
        Assert.Equal(0, json.RootElement.GetProperty("chunks_encoded").GetInt32());
        Assert.Equal(chunks, json.RootElement.GetProperty("chunks_reused").GetInt32());
        AssertDoneChunksUntouched(work, doneFiles);
        Assert.Equal(chunks, doneFiles.Count);
        Assert.True(VideoTimeline.Read(source, TestContext.Current.CancellationToken).Matches(VideoTimeline.Read(output, TestContext.Current.CancellationToken), out string? why), why);
        Assert.Equal(FFmpegCli.CountFrames(source), FFmpegCli.CountFrames(output));
        Assert.Empty(Directory.GetFiles(temp.Path, "*ovni-join*"));
    }

    private static int DoneCount(string work)
    {
        string log = Path.Combine(work, "done.log");
        if (!File.Exists(log)) return 0;
        try
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n').Count(l => l.StartsWith("{\"chunk\"", StringComparison.Ordinal) && l.Contains('\t'));
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Polls every millisecond; kills the process (SIGKILL) as soon as the condition holds. False if it exited first.</summary>
    private static bool WaitAndKill(Process p, Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (condition())
            {
                p.Kill();
                p.WaitForExit();
                return true;
            }
            if (p.HasExited) return false;
            Thread.Sleep(1);
        }
        p.Kill();
        throw new TimeoutException("ovni chunked neither reached the kill point nor ended in 3 minutes.");
    }

    /// <summary>Every chunk recorded done keeps its file (same write time): resuming never encodes it again.</summary>
    private static void AssertDoneChunksUntouched(string work, Dictionary<string, DateTime> known)
    {
        foreach (var (file, written) in known)
            Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        string log = Path.Combine(work, "done.log");
        foreach (string line in File.ReadAllLines(log).Skip(1).Where(l => l.Contains('\t')))
        {
            string name = JsonDocument.Parse(line[..line.LastIndexOf('\t')]).RootElement.GetProperty("file").GetString()!;
            string path = Path.Combine(work, name);
            if (File.Exists(path)) known.TryAdd(path, File.GetLastWriteTimeUtc(path));
        }
    }
}
