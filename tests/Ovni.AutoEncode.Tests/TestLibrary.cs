using System.Security.Cryptography;
using Ovni.Encoding.Library;

namespace Ovni.AutoEncode.Tests;

/// <summary>
/// A small media library made from ../shared/media clips by the ffmpeg tool: nested folders, a 10-bit HDR (PQ/BT.2020)
/// file, a file with two audio tracks and subtitles, an already-AV1 and an HEVC file, a tiny file, a corrupt file and a
/// file too efficient to shrink. The clips are made once per test run (cached) and copied into each test's folder.
/// </summary>
internal static class TestLibrary
{
    private static readonly Lock Gate = new();
    private static string? _cache;

    /// <summary>Relative path → what the queue must decide about it.</summary>
    internal static readonly IReadOnlyDictionary<string, (JobState State, string ReasonPart)> Expected = new Dictionary<string, (JobState, string)>
    {
        ["Movies/Animation/bunny.mp4"] = (JobState.Done, "published"),
        ["Movies/Live/people.mkv"] = (JobState.Done, "published"),
        ["Shows/S01/hdr10bit.mkv"] = (JobState.Done, "published"),
        ["Shows/S01/subs-two-audio.mkv"] = (JobState.Done, "published"),
        ["Shows/S02/chapters-attachment.mkv"] = (JobState.Done, "published"),
        ["Movies/sintel_av1.mp4"] = (JobState.Skipped, "already av1"),
        ["Movies/hdr_hevc.mp4"] = (JobState.Skipped, "already hevc"),
        ["tiny.mp4"] = (JobState.Skipped, "shorter than the minimum duration"),
        ["Broken/corrupt.mp4"] = (JobState.Failed, "cannot read"),
        ["Movies/lowrate.mp4"] = (JobState.Skipped, "no worthwhile saving"),
    };

    /// <summary>Copies the library into <paramref name="folder"/>/library and returns that root.</summary>
    /// <param name="folder">Where the library goes.</param>
    /// <param name="only">Which clips (relative paths of <see cref="Expected"/>); default all.</param>
    /// <param name="copies">Extra copies: target relative path → clip.</param>
    internal static string CreateIn(string folder, IEnumerable<string>? only = null, IReadOnlyDictionary<string, string>? copies = null)
    {
        string cache = Build();
        string root = Path.Combine(folder, "library");
        var all = (only ?? Expected.Keys).Select(r => (Target: r, Clip: r)).Concat(copies?.Select(kv => (kv.Key, kv.Value)) ?? []);
        foreach (var (relative, clip) in all)
        {
            string target = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(cache, clip), target);
            File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddMinutes(-10));
        }
        return root;
    }

    /// <summary>The options every library test starts from: x265 ultrafast, CRF 28, filters set for these small clips.</summary>
    internal static AutoEncodeOptions Options(string root, string database) => new()
    {
        Roots = [root],
        DatabasePath = database,
        Encoder = "libx265",
        Preset = "ultrafast",
        Crf = 28,
        EncoderThreads = 2,
        StableFor = TimeSpan.Zero,
        KeepAwake = false,
        Filters = new LibraryFilters
        {
            MinDuration = TimeSpan.FromSeconds(0.8),
            MinSizeBytes = 1000,
            MinBitRate = new Dictionary<ResolutionClass, long>(),
        },
        Guards = new ResourceGuards { MinAvailableMemoryBytes = 0 },
    };

    internal static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(p => !Path.GetRelativePath(root, p).Split(Path.DirectorySeparatorChar).Any(s => s.StartsWith('.')))
            .ToDictionary(p => Path.GetRelativePath(root, p).Replace('\\', '/'), Hash);

    internal static string Hash(string path)
    {
        using FileStream s = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(s));
    }

    private static string Build()
    {
        lock (Gate)
        {
            if (_cache is not null) return _cache;
            string bunny = TestMedia.Require("big_buck_bunny_60s_360p.mp4");
            string people = TestMedia.Require("people_static_camera_432p.mp4");
            string hdr = TestMedia.Require("hdr10-video-with-sdr-container.mp4");
            string sintel = TestMedia.Require("sintel_1080_10s_av1.mp4");
            string cache = Path.Combine(Path.GetTempPath(), "ovni-tests", "autoencode-library-v2");
            if (File.Exists(Path.Combine(cache, ".complete"))) return _cache = cache;
            if (Directory.Exists(cache)) Directory.Delete(cache, true);
            string F(string relative)
            {
                string path = Path.Combine(cache, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                return path;
            }
            string[] common = ["-y", "-v", "error"];
            FFmpegCli.Run("ffmpeg", [.. common, "-ss", "20", "-t", "4", "-i", bunny, "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-c:a", "aac", "-b:a", "96k", F("Movies/Animation/bunny.mp4")]);
            FFmpegCli.Run("ffmpeg", [.. common, "-ss", "30", "-t", "4", "-i", people, "-vf", "scale=640:360", "-c:v", "libx264", "-preset", "veryfast", "-crf", "14", F("Movies/Live/people.mkv")]);
            FFmpegCli.Run("ffmpeg", [.. common, "-i", hdr, "-vf", "scale=640:360", "-c:v", "libx264", "-preset", "veryfast", "-crf", "12", "-pix_fmt", "yuv420p10le",
                "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", "-c:a", "copy", F("Shows/S01/hdr10bit.mkv")]);
            string srt = F("work/subs.srt");
            File.WriteAllText(srt, "1\n00:00:00,200 --> 00:00:01,500\nHello there.\n\n2\n00:00:01,800 --> 00:00:02,800\nSecond line.\n");
            FFmpegCli.Run("ffmpeg", [.. common, "-ss", "40", "-t", "3", "-i", bunny, "-i", srt, "-map", "0:v", "-map", "0:a", "-map", "0:a", "-map", "1:s",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-c:a:0", "aac", "-c:a:1", "ac3", "-c:s", "srt",
                "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fre", "-metadata:s:s:0", "language=eng",
                "-disposition:a:1", "0", F("Shows/S01/subs-two-audio.mkv")]);
            string chapters = F("work/chapters.txt");
            File.WriteAllText(chapters, ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=Opening\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=3000\ntitle=Meadow\n");
            string notes = F("work/notes.txt");
            File.WriteAllText(notes, "an attachment, as a styled-subtitle font would be\n");
            FFmpegCli.Run("ffmpeg", [.. common, "-ss", "50", "-t", "3", "-i", bunny, "-f", "ffmetadata", "-i", chapters, "-map", "0:v", "-map", "0:a", "-map_chapters", "1",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-c:a", "aac", "-attach", notes, "-metadata:s:t", "mimetype=text/plain",
                F("Shows/S02/chapters-attachment.mkv")]);
            File.Copy(sintel, F("Movies/sintel_av1.mp4"));
            File.Copy(hdr, F("Movies/hdr_hevc.mp4"));
            FFmpegCli.Run("ffmpeg", [.. common, "-t", "0.3", "-i", bunny, "-vf", "scale=320:180", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", F("tiny.mp4")]);
            byte[] good = File.ReadAllBytes(F("tiny.mp4"));
            byte[] corrupt = new byte[Math.Max(4096, good.Length)];
            new Random(7).NextBytes(corrupt);
            File.WriteAllBytes(F("Broken/corrupt.mp4"), corrupt);
            FFmpegCli.Run("ffmpeg", [.. common, "-ss", "10", "-t", "3", "-i", bunny, "-c:v", "libx264", "-preset", "veryslow", "-crf", "45", "-an", F("Movies/lowrate.mp4")]);
            Directory.Delete(Path.Combine(cache, "work"), true);
            File.WriteAllText(Path.Combine(cache, ".complete"), "");
            return _cache = cache;
        }
    }
}
