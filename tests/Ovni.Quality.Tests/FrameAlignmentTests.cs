// Pairing by presentation time (FFmpeg's libvmaf filter pairing) on clips cut from real footage by the ffmpeg tool:
// a dropped frame, a duplicated frame, a shifted start and a frame-rate change. The expected scores come from the
// same frames put in one-to-one order by FFmpeg itself (lossless FFV1) and scored in decode order.
using System.Globalization;
using System.Text.Json;

namespace Ovni.Quality.Tests;

public sealed class FrameAlignmentTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _source;

    public FrameAlignmentTests()
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        _source = _temp.File("source.mkv");
        Ffmpeg("-i", clip, "-vf", "scale=320:180,fps=30", "-frames:v", "60", "-an", "-c:v", "ffv1", _source);
    }

    public void Dispose() => _temp.Dispose();

    private static void Ffmpeg(params string[] args) => FFmpegCli.Run("ffmpeg", ["-v", "error", "-y", .. args]);

    private static QualityOptions Options(FrameAlignment alignment) => new()
    {
        Model = VmafModel.Load(SharedData.ModelPath("vmaf_v0.6.1.json")), Metrics = QualityMetrics.Vmaf | QualityMetrics.Psnr, Alignment = alignment,
    };

    private static Task<QualityResult> Score(string reference, string distorted, FrameAlignment alignment) =>
        QualityScorer.ScoreFilesAsync(reference, distorted, Options(alignment), cancellationToken: TestContext.Current.CancellationToken);

    private static void AssertSameScores(QualityResult expected, QualityResult actual)
    {
        Assert.Equal(expected.Frames.Count, actual.Frames.Count);
        for (int i = 0; i < expected.Frames.Count; i++)
        {
            Assert.True(expected.Frames[i].Vmaf == actual.Frames[i].Vmaf, $"frame {i}: expected VMAF {expected.Frames[i].Vmaf}, got {actual.Frames[i].Vmaf}");
            Assert.Equal(expected.Frames[i].PsnrY, actual.Frames[i].PsnrY);
        }
        Assert.Equal(expected.Vmaf.Mean, actual.Vmaf.Mean);
    }

    [Fact]
    public async Task A_dropped_frame_against_its_CFR_reencode_scores_like_libvmaf_on_the_CFR_aligned_pair()
    {
        // Two frames removed without re-timing leave a gap of three frame durations, as after editing.
        string gap = _temp.File("gap.mkv");
        Ffmpeg("-i", _source, "-vf", "select='not(between(n\\,20\\,21))'", "-fps_mode", "passthrough", "-c:v", "ffv1", gap);
        // A CFR encode of it (FFmpeg's fps filter) fills the gap with duplicates of the frame shown before it.
        string encode = _temp.File("encode.mp4");
        Ffmpeg("-i", gap, "-vf", "fps=30", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "28", encode);
        // libvmaf-style: the reference made CFR the same way, then frames paired one to one.
        string gapCfr = _temp.File("gap-cfr.mkv");
        Ffmpeg("-i", gap, "-vf", "fps=30", "-c:v", "ffv1", gapCfr);
        Assert.Equal(58, FFmpegCli.CountFrames(gap));
        Assert.Equal(60, FFmpegCli.CountFrames(encode));

        QualityResult expected = await Score(gapCfr, encode, FrameAlignment.Index);
        QualityResult byTime = await Score(gap, encode, FrameAlignment.Time);
        QualityResult byIndex = await Score(gap, encode, FrameAlignment.Index);

        AssertSameScores(expected, byTime);
        Assert.NotNull(byTime.Alignment);
        Assert.Equal(60, byTime.Alignment.PairedFrames);
        Assert.Equal(2, byTime.Alignment.RepeatedFrames);
        Assert.Equal(0, byTime.Alignment.DroppedFrames);
        Assert.Equal(0, byTime.Alignment.UnmatchedDistortedFrames);
        // Decode order is off by two frames after the gap: the score falls, and the two extra frames are unmatched.
        Assert.True(byIndex.Vmaf.Mean < byTime.Vmaf.Mean - 3, $"index {byIndex.Vmaf.Mean}, time {byTime.Vmaf.Mean}");
        Assert.Equal(2, byIndex.Alignment!.UnmatchedDistortedFrames);
    }

    [Fact]
    public async Task A_duplicated_source_frame_dropped_by_the_encode_is_counted_and_skipped()
    {
        string duplicated = _temp.File("dup.mkv");
        Ffmpeg("-i", _source, "-vf", "loop=loop=1:size=1:start=30,setpts=N/30/TB", "-r", "30", "-c:v", "ffv1", duplicated);
        Assert.Equal(61, FFmpegCli.CountFrames(duplicated));
        // The encoder drops the duplicate (VFR output keeps the others' timestamps).
        string encode = _temp.File("encode.mkv");
        Ffmpeg("-i", duplicated, "-vf", "select='not(eq(n\\,31))'", "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "28", encode);
        string withoutDuplicate = _temp.File("dup-removed.mkv");
        Ffmpeg("-i", duplicated, "-vf", "select='not(eq(n\\,31))'", "-fps_mode", "passthrough", "-c:v", "ffv1", withoutDuplicate);

        QualityResult expected = await Score(withoutDuplicate, encode, FrameAlignment.Index);
        QualityResult byTime = await Score(duplicated, encode, FrameAlignment.Time);

        AssertSameScores(expected, byTime);
        Assert.Equal(1, byTime.Alignment!.DroppedFrames);
        Assert.Equal(0, byTime.Alignment.RepeatedFrames);
        Assert.Equal(60, byTime.Alignment.PairedFrames);
    }

    [Fact]
    public async Task Different_start_times_pair_from_a_common_start_with_align_start()
    {
        string shifted = _temp.File("shifted.mkv");
        Ffmpeg("-i", _source, "-vf", "setpts=PTS+0.5/TB", "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "28", shifted);

        QualityResult byIndex = await Score(_source, shifted, FrameAlignment.Index);
        QualityResult fromStart = await Score(_source, shifted, FrameAlignment.Start);
        QualityResult byTime = await Score(_source, shifted, FrameAlignment.Time);

        AssertSameScores(byIndex, fromStart);
        Assert.True(fromStart.Alignment!.IsClean, fromStart.Alignment.Describe());
        // Taken literally the timestamps say the encode is half a second late: 15 of its frames outlast the reference.
        Assert.Equal(15, byTime.Alignment!.UnmatchedDistortedFrames);
        Assert.Equal(15, byTime.Alignment.UnmatchedReferenceFrames);
        Assert.Equal(45, byTime.Alignment.PairedFrames);
    }

    [Fact]
    public async Task A_distorted_file_at_25_fps_pairs_each_frame_with_the_reference_frame_shown_at_its_time()
    {
        string encode = _temp.File("25fps.mp4");
        Ffmpeg("-i", _source, "-r", "25", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "28", encode);
        int frames = FFmpegCli.CountFrames(encode);
        // The reference frame shown at k/25 s: the latest j with j/30 <= k/25 + half a reference frame; a distorted frame
        // past the reference's last frame (its last frame held longer) has none.
        int[] shown = Enumerable.Range(0, frames).Select(k => (int)Math.Floor((k / 25.0 + 1 / 60.0) * 30 + 1e-9)).Where(j => j < 60).ToArray();
        Assert.InRange(frames - shown.Length, 0, 3);
        string picked = _temp.File("picked.mkv");
        string expression = string.Join("+", shown.Distinct().Select(j => string.Create(CultureInfo.InvariantCulture, $"eq(n\\,{j})")));
        Ffmpeg("-i", _source, "-vf", $"select='{expression}'", "-fps_mode", "passthrough", "-c:v", "ffv1", picked);

        QualityResult expected = await Score(picked, encode, FrameAlignment.Index);
        QualityResult byTime = await Score(_source, encode, FrameAlignment.Time);

        AssertSameScores(expected, byTime);
        Assert.Equal(shown.Length, byTime.Alignment!.PairedFrames);
        Assert.Equal(frames - shown.Length, byTime.Alignment.UnmatchedDistortedFrames);
        Assert.Equal(60 - shown.Length, byTime.Alignment.DroppedFrames + byTime.Alignment.UnmatchedReferenceFrames);
        Assert.Equal(0, byTime.Alignment.RepeatedFrames);
    }

    [Fact]
    public async Task The_json_keeps_libvmafs_layout_for_old_readers_and_adds_the_alignment()
    {
        string gap = _temp.File("gap.mkv");
        Ffmpeg("-i", _source, "-vf", "select='not(between(n\\,20\\,21))'", "-fps_mode", "passthrough", "-c:v", "ffv1", gap);
        string encode = _temp.File("encode.mp4");
        Ffmpeg("-i", gap, "-vf", "fps=30", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "28", encode);
        QualityResult result = await Score(gap, encode, FrameAlignment.Time);
        string path = _temp.File("scores.json");
        LibvmafJsonWriter.Write(result, path);

        // What a reader of libvmaf's files does: frames[].frameNum/metrics.vmaf and pooled_metrics.vmaf.mean.
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement frames = json.RootElement.GetProperty("frames");
        Assert.Equal(60, frames.GetArrayLength());
        Assert.Equal(59, frames[59].GetProperty("frameNum").GetInt32());
        Assert.Equal(result.Frames[59].Vmaf, frames[59].GetProperty("metrics").GetProperty("vmaf").GetDouble(), 5);
        Assert.Equal(result.Vmaf.Mean, json.RootElement.GetProperty("pooled_metrics").GetProperty("vmaf").GetProperty("mean").GetDouble(), 5);
        JsonElement alignment = json.RootElement.GetProperty("alignment");
        Assert.Equal("time", alignment.GetProperty("mode").GetString());
        Assert.Equal(2, alignment.GetProperty("repeated_frames").GetInt32());
    }
}
