// Accuracy of the scene detector on hard cuts (±1 frame), as F1, on two sets: clips of the shared footage joined at known
// frames (including two cuts between similar shots of one clip, a fade through black and a two-frame flash that is not a
// cut), and Tears of Steel's battle clip, whose 25 cuts were labelled by eye (frames extracted and looked at; the
// explosion at frame 1665 is the same shot brightening, not a cut).
using Ovni.Scenes;

namespace Ovni.Tests.Scenes;

public class SceneDetectorTests
{
    private static readonly long[] s_tearsCuts =
        [52, 122, 158, 221, 309, 715, 788, 872, 901, 987, 1127, 1157, 1203, 1234, 1246, 1284, 1345, 1378, 1430, 1472, 1525, 1571, 1618, 1650, 1689];

    // (file, start s, duration s, extra filter); every piece lies inside one shot of its source.
    private static readonly (string File, double Start, double Duration, string? Filter)[] s_pieces =
    [
        ("cockatoo.mp4", 0, 3, null),
        ("cockatoo.mp4", 6, 2.5, null),                                    // similar shot of the same clip
        ("people_static_camera_432p.mp4", 20, 4, null),                    // 10 fps source: repeated frames
        ("tears-of-steel-battle-clip-medium.webm", 13, 3, "eq=brightness=0.45:enable='between(n,25,26)'"), // a flash
        ("internal_emulator_transformer_output.mp4", 0, 2, null),
        ("internal_emulator_transformer_output.mp4", 3, 2, null),          // similar shot of the same clip
        ("tears-of-steel-battle-clip-medium.webm", 38, 3, "fade=t=out:st=2.4:d=0.6"),
        ("tears-of-steel-battle-clip-medium.webm", 57.5, 2, "fade=t=in:st=0:d=0.6"),
        ("cockatoo.mp4", 10, 3, null),
        ("people_static_camera_432p.mp4", 80, 4, null),
        ("tears-of-steel-battle-clip-medium.webm", 20, 3, null),
        ("sintel_1080_10s_av1.mp4", 0.5, 1.5, null),
    ];

    private static (int TruePositives, int FalsePositives, int Misses, double F1) Score(IEnumerable<long> found, IReadOnlyList<long> truth)
    {
        var matched = new HashSet<long>();
        int tp = 0, fp = 0;
        foreach (long frame in found)
        {
            long? hit = truth.Where(t => Math.Abs(t - frame) <= 1 && !matched.Contains(t)).Select(t => (long?)t).FirstOrDefault();
            if (hit is long t) { matched.Add(t); tp++; }
            else fp++;
        }
        int fn = truth.Count - tp;
        return (tp, fp, fn, 2.0 * tp / (2.0 * tp + fp + fn));
    }

    [Fact]
    public async Task Hard_cuts_of_clips_joined_at_known_frames_are_found_with_F1_at_least_097_and_the_fade_and_flash_are_told_apart()
    {
        using var temp = new TempDirectory();
        var list = new List<string>();
        var truth = new List<long>();
        long frames = 0;
        long fade = -1;
        for (int i = 0; i < s_pieces.Length; i++)
        {
            var (file, start, duration, filter) = s_pieces[i];
            string source = TestMedia.Require(file);
            string piece = temp.File($"piece{i:00}.mkv");
            string chain = "scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=25,setpts=PTS-STARTPTS"
                + (filter is null ? "" : "," + filter) + ",format=yuv420p";
            FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-ss", Invariant(start), "-t", Invariant(duration), "-i", source, "-an", "-vf", chain, "-c:v", "ffv1", piece);
            if (i > 0)
            {
                if (s_pieces[i].Filter?.StartsWith("fade=t=in", StringComparison.Ordinal) == true) fade = frames;
                else truth.Add(frames);
            }
            frames += FFmpegCli.CountFrames(piece);
            list.Add($"file '{piece}'");
        }
        string listFile = temp.File("list.txt");
        File.WriteAllLines(listFile, list);
        string joined = temp.File("joined.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", listFile, "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", joined);

        SceneDetectionResult result = await SceneDetector.DetectAsync(joined, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(frames, result.FrameCount);
        var cuts = result.Cuts.Where(c => c.Kind == SceneCutKind.Cut).Select(c => c.Frame).ToList();
        var score = Score(cuts, truth);
        Assert.True(score.F1 >= 0.97, $"F1 {score.F1:0.000}: {score.TruePositives} found, {score.FalsePositives} false, {score.Misses} missed; cuts {string.Join(",", cuts)}; truth {string.Join(",", truth)}");
        Assert.Contains(result.Cuts, c => c.Kind == SceneCutKind.Fade && Math.Abs(c.Frame - fade) <= 15);
        long flash = truth[2] + 25; // the fourth piece brightens its frames 25 and 26
        Assert.DoesNotContain(result.Cuts, c => Math.Abs(c.Frame - flash) <= 2);
        Assert.Equal(result.Cuts.Count + 1, result.Scenes.Count);
        Assert.Equal(frames, result.Scenes.Sum(s => s.FrameCount));
    }

    [Fact]
    public async Task Cuts_of_tears_of_steel_labelled_by_eye_are_found_with_F1_at_least_097()
    {
        string clip = TestMedia.Require("tears-of-steel-battle-clip-medium.webm");
        SceneDetectionResult result = await SceneDetector.DetectAsync(clip, cancellationToken: TestContext.Current.CancellationToken);
        var cuts = result.Cuts.Where(c => c.Kind == SceneCutKind.Cut).Select(c => c.Frame).ToList();
        var score = Score(cuts, s_tearsCuts);
        Assert.True(score.F1 >= 0.97, $"F1 {score.F1:0.000}: {score.TruePositives} found, {score.FalsePositives} false, {score.Misses} missed; cuts {string.Join(",", cuts)}");
        Assert.Equal(1691, result.FrameCount);
        Assert.Equal(TimeSpan.FromSeconds(52 / 24.0).TotalSeconds, result.Cuts[0].Time.TotalSeconds, 2);
    }

    [Fact]
    public async Task Bad_input_is_a_clear_OvniException()
    {
        var missing = await Assert.ThrowsAsync<OvniException>(() => SceneDetector.DetectAsync("/nonexistent/film.mkv", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("/nonexistent/film.mkv", missing.Message);
        using var temp = new TempDirectory();
        string audio = temp.File("audio.m4a");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=d=1", audio);
        var noVideo = await Assert.ThrowsAsync<OvniException>(() => SceneDetector.DetectAsync(audio, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("no video", noVideo.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SceneDetector.DetectAsync(audio, new SceneDetectionOptions { AdaptiveThreshold = 0.5 }, cancellationToken: TestContext.Current.CancellationToken));
    }

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
