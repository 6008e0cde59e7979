using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Ovni.Tests.Safety;

/// <summary>
/// Seeded mutation fuzzing of the read → decode → transcode path over small real clips of every container family
/// (mp4, mkv, webm, mov, ts, y4m): byte flips in the header and in the data, truncations, zeroed and duplicated ranges.
/// Every case must end in a clean <see cref="OvniException"/> or a valid output, within a time limit, and leave nothing
/// behind. <c>OVNI_FUZZ_CASES</c> and <c>OVNI_FUZZ_SEED</c> change the campaign (scripts/fuzz-campaign.sh runs 10×);
/// <c>OVNI_FUZZ_CASE=N</c> replays one case.
/// </summary>
public class MutationFuzzTests
{
    private const int DefaultCases = 312;            // 52 per container family
    private const int DefaultSeed = 20250612;
    private static readonly TimeSpan s_caseLimit = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private enum Mutation { HeaderFlips, DataFlips, Truncation, ZeroedRange, DuplicatedRange }

    private sealed record Seed(string Family, string Path, byte[] Bytes);

    private sealed record Outcome(int Case, string Family, Mutation Mutation, string Result, string? Failure);

    [Fact]
    public async Task Mutated_clips_of_every_container_family_fail_cleanly_or_give_valid_output()
    {
        int cases = Setting("OVNI_FUZZ_CASES", DefaultCases);
        int seed = Setting("OVNI_FUZZ_SEED", DefaultSeed);
        int? only = Environment.GetEnvironmentVariable("OVNI_FUZZ_CASE") is string one ? int.Parse(one, CultureInfo.InvariantCulture) : null;
        using var temp = new TempDirectory();
        IReadOnlyList<Seed> seeds = MakeSeeds(temp);

        var outcomes = new ConcurrentBag<Outcome>();
        var clock = Stopwatch.StartNew();
        IEnumerable<int> indices = only is int single ? [single] : Enumerable.Range(0, cases);
        await Parallel.ForEachAsync(indices, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = Ct },
            async (index, token) => outcomes.Add(await RunCase(index, seed, seeds, temp.Path, token)));

        var failures = outcomes.Where(o => o.Failure is not null).OrderBy(o => o.Case).ToList();
        string results = string.Join(", ", outcomes.GroupBy(o => o.Result).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
        string summary = FormattableString.Invariant(
            $"fuzz: {outcomes.Count} cases (seed {seed}) in {clock.Elapsed.TotalSeconds:0.0} s: {results}; {failures.Count} failed (crash/hang/unclean error/invalid output/debris)");
        TestContext.Current.SendDiagnosticMessage(summary);
        foreach (var family in outcomes.GroupBy(o => o.Family).OrderBy(g => g.Key))
            TestContext.Current.SendDiagnosticMessage($"fuzz {family.Key}: " + string.Join(", ", family.GroupBy(o => o.Result).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}")));
        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n", failures.Take(20).Select(f =>
            $"case {f.Case} ({f.Family}, {f.Mutation}; replay with OVNI_FUZZ_CASE={f.Case} OVNI_FUZZ_SEED={seed}): {f.Failure}")));
        if (only is null) Assert.True(outcomes.Count >= 300);
    }

    private static async Task<Outcome> RunCase(int index, int seed, IReadOnlyList<Seed> seeds, string root, CancellationToken token)
    {
        Seed clip = seeds[index % seeds.Count];
        var mutation = (Mutation)(index / seeds.Count % 5);
        var random = new Random(unchecked(seed * 1_000_003 + index)); // not HashCode.Combine: its seed changes per process
        string folder = Path.Combine(root, $"case{index:D5}");
        Directory.CreateDirectory(folder);
        string input = Path.Combine(folder, "input" + Path.GetExtension(clip.Path));
        await File.WriteAllBytesAsync(input, Mutate(clip.Bytes, mutation, random), token);
        string output = Path.Combine(folder, "output.mkv");

        string result;
        string? failure = null;
        try
        {
            Task<string> work = Exercise(input, output, token);
            if (await Task.WhenAny(work, Task.Delay(s_caseLimit, token)) != work)
                return new Outcome(index, clip.Family, mutation, "hang", $"no result within {s_caseLimit.TotalSeconds} s");
            result = await work;
        }
        catch (OvniException e)
        {
            result = "clean error";
            if (string.IsNullOrWhiteSpace(e.Message) || e.Message.Contains("   at ", StringComparison.Ordinal)) failure = "an OvniException without a readable message: " + e;
            else if (File.Exists(output)) failure = "failed, yet the output exists: " + e.Message;
        }
        catch (Exception e)
        {
            result = "unclean exception";
            failure = e.GetType().Name + ": " + e.Message;
        }

        string[] left = Directory.GetFileSystemEntries(folder).Select(p => Path.GetFileName(p)!).Order().ToArray();
        string[] expected = File.Exists(output) ? ["input" + Path.GetExtension(clip.Path), "output.mkv"] : ["input" + Path.GetExtension(clip.Path)];
        if (!left.SequenceEqual(expected)) failure ??= "left behind: " + string.Join(", ", left.Except(expected));
        if (failure is null || Environment.GetEnvironmentVariable("OVNI_FUZZ_KEEP") is null) Directory.Delete(folder, recursive: true);
        else CopyForInspection(folder, Environment.GetEnvironmentVariable("OVNI_FUZZ_KEEP")!);
        return new Outcome(index, clip.Family, mutation, result, failure);
    }

    /// <summary>Probe, decode everything, transcode; then the output must decode as many frames as were written.</summary>
    private static async Task<string> Exercise(string input, string output, CancellationToken token)
    {
        MediaInfo info = MediaReader.Probe(input);
        _ = info.Video?.Width;
        long decoded = 0;
        DecodeReport report;
        await using (MediaReader reader = MediaReader.Open(input))
        {
            await foreach (GpuFrame frame in reader.ReadFramesAsync(token))
                using (frame) decoded++;
            report = reader.GetDecodeReport();
        }
        if (report.FramesDecoded != decoded) throw new InvalidOperationException($"the report says {report.FramesDecoded} frames, {decoded} were decoded");

        TranscodeResult result = await Transcoder.TranscodeAsync(input, output, new VideoEncoderOptions { Preset = "ultrafast", Threads = 1 }, cancellationToken: token);
        await using (MediaReader check = MediaReader.Open(output))
        {
            long frames = 0;
            await foreach (GpuFrame frame in check.ReadFramesAsync(token))
                using (frame) frames++;
            if (frames != result.Frames || frames == 0) throw new InvalidOperationException($"the output holds {frames} frames, the result says {result.Frames}");
            // Gaps in time that the damaged input had stay in the output; errors or a cut-off file would be ours.
            DecodeReport written = check.GetDecodeReport();
            if (written.ErrorCount > 0 || written.EndedEarly || written.MissingFrames > 0)
                throw new InvalidOperationException("the output itself is damaged: " + written.Describe());
        }
        return report.IsClean ? "valid output, input clean" : "valid output, damage reported";
    }

    /// <summary>OVNI_FUZZ_KEEP=folder keeps failing cases there for a closer look.</summary>
    private static void CopyForInspection(string folder, string keep)
    {
        string target = Path.Combine(keep, Path.GetFileName(folder));
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(folder)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        Directory.Delete(folder, recursive: true);
    }

    private static byte[] Mutate(byte[] original, Mutation mutation, Random random)
    {
        byte[] bytes = (byte[])original.Clone();
        int header = Math.Min(bytes.Length, Math.Max(64, bytes.Length / 20));
        switch (mutation)
        {
            case Mutation.HeaderFlips:
                for (int i = random.Next(1, 9); i > 0; i--) bytes[random.Next(header)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case Mutation.DataFlips:
                for (int i = random.Next(1, 33); i > 0; i--) bytes[random.Next(header, bytes.Length)] ^= (byte)random.Next(1, 256);
                return bytes;
            case Mutation.Truncation:
                return bytes[..random.Next(1, bytes.Length)];
            case Mutation.ZeroedRange:
            {
                int start = random.Next(bytes.Length), length = Math.Min(bytes.Length - start, random.Next(1, 4096));
                Array.Clear(bytes, start, length);
                return bytes;
            }
            default:
            {
                int from = random.Next(bytes.Length), length = Math.Min(bytes.Length - from, random.Next(16, 8192));
                int to = random.Next(bytes.Length);
                return [.. bytes[..to], .. bytes.AsSpan(from, length).ToArray(), .. bytes[to..]];
            }
        }
    }

    /// <summary>Half-second clips of each family, made from the shared footage (generated pictures and tone without it).</summary>
    private static IReadOnlyList<Seed> MakeSeeds(TempDirectory temp)
    {
        string footage = Path.Combine(TestMedia.MediaDirectory, "big_buck_bunny_60s_360p.mp4");
        string[] source = File.Exists(footage)
            ? ["-ss", "20", "-t", "0.5", "-i", footage]
            : ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=24:duration=0.5", "-f", "lavfi", "-i", "sine=frequency=440:duration=0.5"];
        string[] video = ["-vf", "scale=128:72", "-pix_fmt", "yuv420p"];
        var families = new (string Family, string File, string[] Codecs)[]
        {
            ("mp4", "seed.mp4", ["-c:v", "libx264", "-preset", "ultrafast", "-g", "6", "-bf", "2", "-c:a", "aac", "-b:a", "32k", "-ac", "1"]),
            ("mkv", "seed.mkv", ["-c:v", "libx264", "-preset", "ultrafast", "-g", "6", "-bf", "2", "-c:a", "aac", "-b:a", "32k", "-ac", "1"]),
            ("webm", "seed.webm", ["-c:v", "libvpx", "-deadline", "realtime", "-b:v", "200k", "-g", "6", "-c:a", "libopus", "-b:a", "24k", "-ac", "1"]),
            ("mov", "seed.mov", ["-c:v", "libx264", "-preset", "ultrafast", "-g", "6", "-c:a", "aac", "-b:a", "32k", "-ac", "1"]),
            ("ts", "seed.ts", ["-c:v", "libx264", "-preset", "ultrafast", "-g", "6", "-c:a", "aac", "-b:a", "32k", "-ac", "1"]),
            ("y4m", "seed.y4m", ["-an"]),
        };
        var seeds = new List<Seed>();
        foreach (var (family, file, codecs) in families)
        {
            string path = temp.File(file);
            FFmpegCli.Run("ffmpeg", [.. new[] { "-v", "error" }, .. source, .. video, .. codecs, path]);
            seeds.Add(new Seed(family, path, File.ReadAllBytes(path)));
        }
        return seeds;
    }

    private static int Setting(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is string value && int.TryParse(value, CultureInfo.InvariantCulture, out int parsed) ? parsed : fallback;
}
