using System.Security.Cryptography;

namespace Ovni.Chunking.Tests;

/// <summary>
/// Found by trying <c>--work-dir</c> as a newcomer would, on a folder of their own: the run removed every file named
/// chunk-*.mkv, plan.json* and done.log* there before it started, the source among them (it was named chunk-0000.mkv),
/// and then failed with "Media file not found". Ovni's files are now known by exact name, and only in a folder whose
/// plan is Ovni's.
/// </summary>
public class WorkFolderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChunkedEncodeOptions Options(string workDir) => QuickChunking.Options(workDir);

    private static string Clip(string path)
    {
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:duration=2", "-pix_fmt", "yuv420p",
            "-c:v", "libx264", "-preset", "ultrafast", path);
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static Dictionary<string, string> Snapshot(string folder) => Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), Hash);

    [Fact]
    public async Task A_folder_of_the_users_with_files_named_like_ovnis_is_refused_and_left_as_it_was()
    {
        using var temp = new TempDirectory();
        string folder = Directory.CreateDirectory(temp.File("mine")).FullName;
        string source = Clip(Path.Combine(folder, "chunk-0000.mkv"));
        File.Copy(source, Path.Combine(folder, "chunk-00000.mkv"));
        File.WriteAllText(Path.Combine(folder, "plan.json"), "{\"trip\": \"Lisbon\"}");
        File.WriteAllText(Path.Combine(folder, "done.log.txt"), "my notes");
        var before = Snapshot(folder);

        var e = await Assert.ThrowsAsync<OvniException>(() => ChunkedEncoder.EncodeAsync(source, temp.File("out.mkv"), Options(folder), cancellationToken: Ct));

        Assert.Contains("no chunk plan of Ovni's", e.Message);
        Assert.Contains("plan.json", e.Message);
        Assert.Equal(before, Snapshot(folder));
        Assert.False(File.Exists(temp.File("out.mkv")));
    }

    [Fact]
    public async Task Other_files_in_the_folder_are_kept_through_a_run_and_its_clean_up()
    {
        using var temp = new TempDirectory();
        string folder = Directory.CreateDirectory(temp.File("mine")).FullName;
        string source = Clip(Path.Combine(folder, "chunk-0000.mkv")); // not Ovni's name: four digits
        File.WriteAllText(Path.Combine(folder, "done.log.txt"), "my notes");
        File.WriteAllText(Path.Combine(folder, "plan.json.bak"), "{}");
        var before = Snapshot(folder);

        ChunkedEncodeResult result = await ChunkedEncoder.EncodeAsync(source, temp.File("out.mkv"), Options(folder), cancellationToken: Ct);

        Assert.True(result.Chunks >= 2, $"{result.Chunks} chunk(s)");
        Assert.Equal(before, Snapshot(folder)); // Ovni's own files removed, the rest kept
    }

    [Fact]
    public async Task A_source_kept_in_the_folder_under_one_of_ovnis_names_is_refused()
    {
        using var temp = new TempDirectory();
        string folder = Directory.CreateDirectory(temp.File("work")).FullName;
        string first = Clip(temp.File("first.mp4"));
        await ChunkedEncoder.EncodeAsync(first, temp.File("first.mkv"), Options(folder) with { KeepChunks = true }, cancellationToken: Ct);
        string chunk = Path.Combine(folder, "chunk-00000.mkv");
        string before = Hash(chunk);

        var e = await Assert.ThrowsAsync<OvniException>(() => ChunkedEncoder.EncodeAsync(chunk, temp.File("again.mkv"), Options(folder), cancellationToken: Ct));

        Assert.Contains("under a name Ovni uses for its own files", e.Message);
        Assert.Equal(before, Hash(chunk));
    }

    [Fact]
    public async Task An_mp4_whose_aac_track_starts_with_a_priming_packet_joins_frame_exactly_into_mkv()
    {
        // FFmpeg's mp4 muxer stores AAC's 1024 priming samples before time 0 (an edit list hides them); Matroska cannot
        // hold a negative time, so the join shifted every stream and refused its own output as not frame-exact.
        using var temp = new TempDirectory();
        string source = temp.File("phone.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:duration=2", "-f", "lavfi",
            "-i", "sine=frequency=440:sample_rate=16000:duration=2", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
            "-c:a", "aac", "-shortest", source);
        string first = FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", "a", "-show_entries", "packet=pts_time", "-of", "csv=p=0", "-read_intervals", "%+#1", source).Trim();
        Assert.StartsWith("-", first); // the priming packet this is about

        string output = temp.File("out.mkv");
        ChunkedEncodeResult result = await ChunkedEncoder.EncodeAsync(source, output, Options(temp.File("work")), cancellationToken: Ct);

        Assert.True(result.Chunks >= 2, $"{result.Chunks} chunk(s)");
        MediaInfo info = MediaReader.Probe(output);
        Assert.Equal("aac", Assert.Single(info.AudioStreams).Codec);
        string videoStart = FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "stream=start_time", "-of", "csv=p=0", output).Trim();
        Assert.Equal(0.0, double.Parse(videoStart, System.Globalization.CultureInfo.InvariantCulture), 3);
    }
}
