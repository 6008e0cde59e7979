using System.Diagnostics;
using Ovni.Encoding.Library;

namespace Ovni.AutoEncode.Tests;

/// <summary>
/// kill -9 at 20 random moments of a --replace run (the mode that renames over sources), restarting after each:
/// no source lost or changed, no partial or unverified file anywhere visible, no temporary file left, every finished
/// file published exactly once, and the final queue equal to an uninterrupted run's.
/// </summary>
public class CrashSafetyTests
{
    private static readonly string[] Files =
    [
        "Movies/Animation/bunny.mp4", "Movies/Live/people.mkv", "Shows/S01/hdr10bit.mkv", "Shows/S01/subs-two-audio.mkv",
        "Movies/lowrate.mp4", "Movies/sintel_av1.mp4", "tiny.mp4", "Broken/corrupt.mp4",
    ];

    private static readonly Dictionary<string, string> Copies = new()
    {
        ["Extra/A/bunny2.mp4"] = "Movies/Animation/bunny.mp4",
        ["Extra/B/people2.mkv"] = "Movies/Live/people.mkv",
        ["Extra/C/bunny3.mp4"] = "Movies/Animation/bunny.mp4",
        ["Extra/D/subs2.mkv"] = "Shows/S01/subs-two-audio.mkv",
        ["Extra/E/hdr2.mkv"] = "Shows/S01/hdr10bit.mkv",
        ["Extra/F/people3.mkv"] = "Movies/Live/people.mkv",
    };

    [Fact]
    public void Kill_9_at_20_random_moments_loses_nothing_and_ends_as_an_uninterrupted_run()
    {
        using var temp = new TempDirectory();
        // The uninterrupted reference.
        string referenceRoot = Make(temp.File("reference"), out string referenceConfig);
        var clock = Stopwatch.StartNew();
        var (code, _, err) = CliRunner.Run("auto-encode", "--config", referenceConfig, "--json");
        Assert.True(code == 0, err);
        TestContext.Current.SendDiagnosticMessage($"uninterrupted run: {clock.Elapsed.TotalSeconds:0.0} s");
        // Kills land within a few per cent of an uninterrupted run's length, so twenty of them fit before the work is done
        // on a fast, quiet machine as on a loaded one (at most 1.6 s, as on the machine the test was written on).
        int workDelayMax = (int)Math.Clamp(clock.Elapsed.TotalMilliseconds * 0.06, 200, 1600);
        Dictionary<string, (JobState, string)> expected = Outcome(referenceRoot);

        string root = Make(temp.File("crash"), out string config);
        Dictionary<string, string> originals = TestLibrary.Hashes(root);
        var random = new Random(20261206);
        int kills = 0, runs = 0;
        var phasesHit = new HashSet<string>();
        while (kills < 20 && runs < 60)
        {
            runs++;
            using Process process = CliRunner.Start("auto-encode", "--config", config, "--json");
            var lastPhase = "";
            using var scanned = new ManualResetEventSlim();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                if (e.Data.Contains("\"event\":\"scanned\"", StringComparison.Ordinal)) scanned.Set();
                if (e.Data.Contains("\"state\":\"", StringComparison.Ordinal)) lastPhase = State(e.Data);
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            // One kill in ten (and the first, so start-up is always hit) lands during start-up: within 150 ms of the process
            // starting, before the runtime has even reached reclaim and scan. The others land at a random moment of the work
            // that follows the scan.
            bool startUp = runs == 1 || random.NextDouble() < 0.1;
            int delay = startUp ? (int)(random.NextDouble() * 150) : (int)(random.NextDouble() * workDelayMax);
            if (!startUp) scanned.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            if (!process.WaitForExit(delay))
            {
                process.Kill(entireProcessTree: true); // SIGKILL
                process.WaitForExit();
                kills++;
                phasesHit.Add(lastPhase);
            }
            else process.WaitForExit();
            AssertNothingLostOrPartial(root, originals, $"after run {runs} ({kills} kills)");
        }
        Assert.Equal(20, kills);

        (code, _, err) = CliRunner.Run("auto-encode", "--config", config, "--json");
        Assert.True(code == 0, err);
        AssertNothingLostOrPartial(root, originals, "at the end");
        Assert.Empty(Directory.EnumerateFileSystemEntries(root, ".ovni-tmp-*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(root, "*.partial*", SearchOption.AllDirectories));
        Assert.Equal(expected, Outcome(root));
        using EncodeQueue queue = EncodeQueue.Open(Path.Combine(root, ".ovni", "queue.db"));
        var outputs = queue.Outputs();
        Assert.Equal(outputs.Count, outputs.Select(o => o.Job).Distinct().Count()); // each finished file published exactly once
        Assert.Equal(expected.Count(e => e.Value.Item1 == JobState.Done), outputs.Count);
        // Verifying and publishing last milliseconds on these clips: PublishRecoveryTests kill every publish step on purpose.
        TestContext.Current.SendDiagnosticMessage($"{kills} kills in {runs} runs; last phase seen at the kills: {string.Join(", ", phasesHit.Select(p => p.Length == 0 ? "start-up" : p))}");
        Assert.Contains("", phasesHit); // start-up (reclaim, scan)
        Assert.Contains("encoding", phasesHit);
    }

    private static readonly HashSet<(string, string)> Verified = new();

    /// <summary>Every original still exists byte for byte (in place or in quarantine); every other visible file is a verified output.</summary>
    private static void AssertNothingLostOrPartial(string root, Dictionary<string, string> originals, string when)
    {
        string quarantine = Path.Combine(root, ".ovni-quarantine");
        foreach (var (relative, hash) in originals)
        {
            string inPlace = Path.Combine(root, relative), kept = Path.Combine(quarantine, relative);
            bool ok = (File.Exists(inPlace) && TestLibrary.Hash(inPlace) == hash) || (File.Exists(kept) && TestLibrary.Hash(kept) == hash);
            Assert.True(ok, $"{relative} lost or changed {when}");
        }
        foreach (var (relative, hash) in TestLibrary.Hashes(root))
        {
            if (originals.TryGetValue(relative, out string? original) && original == hash) continue;
            string path = Path.Combine(root, relative);
            if (Verified.Contains((relative, hash))) continue;
            string source = Path.Combine(root, Files.Concat(Copies.Keys).First(f => Path.ChangeExtension(f, null) == Path.ChangeExtension(relative, null)));
            string reference = File.Exists(Path.Combine(quarantine, Path.GetRelativePath(root, source))) ? Path.Combine(quarantine, Path.GetRelativePath(root, source)) : source;
            List<string> problems = OutputVerifier.Check(MediaReader.Probe(reference), path, FFmpegCli.CountFrames(reference), CancellationToken.None, out _);
            Assert.True(problems.Count == 0, $"{relative} is visible but not a verified output {when}: {string.Join("; ", problems)}");
            Verified.Add((relative, hash));
        }
    }

    private static Dictionary<string, (JobState, string)> Outcome(string root)
    {
        using EncodeQueue queue = EncodeQueue.Open(Path.Combine(root, ".ovni", "queue.db"));
        return queue.List().ToDictionary(e => Path.GetRelativePath(root, e.Path).Replace('\\', '/'),
            e => (e.State, e.State == JobState.Done ? Path.GetRelativePath(root, e.OutputPath!) : (e.Reason ?? "").Split(':')[0].Replace(root, "", StringComparison.Ordinal)));
    }

    private static string State(string json)
    {
        int i = json.IndexOf("\"state\":", StringComparison.Ordinal) + 8;
        return json[i..].Split(',')[0].Trim('"');
    }

    private static string Make(string folder, out string config)
    {
        string root = TestLibrary.CreateIn(folder, Files, Copies);
        config = Path.Combine(folder, "ovni.json");
        File.WriteAllText(config, $$"""
            {
              "roots": ["{{root}}"],
              "source": "replace",
              "encoder": "libx265", "preset": "ultrafast", "crf": 28, "encoder_threads": 2,
              "stable_for_s": 0, "keep_awake": false, "max_attempts": 3,
              "filters": { "min_duration_s": 0.8, "min_size_mb": 0.001, "min_bitrate_kbps": { "sd": 0, "720p": 0, "1080p": 0, "4k": 0 } },
              "guards": { "min_free_memory_mb": 0 }
            }
            """);
        return root;
    }
}
