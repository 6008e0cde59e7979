// A shot's probe scored on its own must score what its frames score in the joined file: VMAF's motion looks at the
// reference frames either side, so the shot's reference carries the source frame before and after it.
using Ovni.Quality;

namespace Ovni.Encoding.Tests;

public sealed class ShotScorerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static VmafModel Model => VmafModelCatalog.FromDirectory(Path.GetDirectoryName(TestMedia.RequireShared("vmaf/models/vmaf_v0.6.1.json"))!).For(320, 180);

    private static VideoEncoderOptions X264(int crf) => new() { Encoder = "libx264", Preset = "veryfast", ExtraOptions = new Dictionary<string, string> { ["crf"] = $"{crf}" } };

    private static ChunkSpan Shot(VideoTimeline timeline, int index, int start, int count) =>
        new(index, start, count, timeline.Timestamps[start], timeline.Timestamps[start + count - 1]);

    [Fact]
    public async Task A_middle_shot_scores_frame_for_frame_what_it_scores_inside_the_whole_encode()
    {
        var ct = TestContext.Current.CancellationToken;
        (string source, VideoTimeline timeline, ChunkSpan shot, string reference) = await SecondShotAsync(ct);
        string probe = _temp.File("probe.mkv"), whole = _temp.File("whole.mkv");
        await ChunkEncoder.EncodeAsync(source, shot, timeline, X264(30), probe, cancellationToken: ct);
        // The whole source kept losslessly: the probe's frames are spliced into it in place of the shot's (see JoinedScoresAsync).
        await ChunkEncoder.EncodeAsync(source, Shot(timeline, 0, 0, timeline.Count), timeline, new VideoEncoderOptions { Encoder = "ffv1" }, whole, cancellationToken: ct);
        var quality = new QualityOptions { Model = Model, Metrics = QualityMetrics.Vmaf };

        IReadOnlyList<double> scored = await ShotScorer.ScoreAsync(reference, probe, shot, timeline.Count, quality, ct);
        QualityResult alone = await QualityScorer.ScoreFilesAsync(reference, probe, quality with { Alignment = FrameAlignment.Index },
            distortedOffset: -1, cancellationToken: ct);
        IReadOnlyList<double> inFile = await JoinedScoresAsync(whole, probe, shot, quality, ct);

        Assert.Equal(shot.FrameCount, scored.Count);
        for (int i = 0; i < shot.FrameCount; i++) Assert.Equal(inFile[i], scored[i], 9);
        // Without the frame before it, the shot's first frame has no motion and scores lower: the case tests something.
        Assert.True(alone.Frames[0].Vmaf < scored[0] - 1, $"alone {alone.Frames[0].Vmaf:0.00}, in the file {scored[0]:0.00}");
    }

    [Fact]
    public async Task A_probe_with_a_frame_missing_is_refused_rather_than_scored_out_of_step()
    {
        var ct = TestContext.Current.CancellationToken;
        (string source, VideoTimeline timeline, ChunkSpan shot, string reference) = await SecondShotAsync(ct);
        string probe = _temp.File("short.mkv");
        await ChunkEncoder.EncodeAsync(source, shot with { FrameCount = shot.FrameCount - 1 }, timeline, X264(30), probe, cancellationToken: ct);

        var e = await Assert.ThrowsAsync<OvniException>(() => ShotScorer.ScoreAsync(reference, probe, shot, timeline.Count,
            new QualityOptions { Model = Model, Metrics = QualityMetrics.Vmaf }, ct));
        Assert.Contains("35 frames, the shot 36", e.Message);
    }

    // The second shot (Big Buck Bunny, moving), between two cuts, and its reference: the source frame either side included.
    private async Task<(string Source, VideoTimeline Timeline, ChunkSpan Shot, string Reference)> SecondShotAsync(CancellationToken ct)
    {
        string source = ShotInputs.SixShots();
        VideoTimeline timeline = VideoTimeline.Read(source, ct);
        ChunkSpan shot = Shot(timeline, 1, ShotInputs.ShotFrames, ShotInputs.ShotFrames);
        ChunkSpan span = ShotScorer.ReferenceSpan(shot, timeline);
        Assert.Equal((shot.StartFrame - 1, shot.FrameCount + 2), (span.StartFrame, span.FrameCount));
        string reference = _temp.File("ref.mkv");
        await ChunkEncoder.EncodeAsync(source, span, timeline, new VideoEncoderOptions { Encoder = "ffv1" }, reference, cancellationToken: ct);
        return (source, timeline, shot, reference);
    }

    // The shot's frames as they score in a file where the probe's frames sit between the source's own (lossless) frames.
    private static async Task<IReadOnlyList<double>> JoinedScoresAsync(string whole, string probe, ChunkSpan shot, QualityOptions quality, CancellationToken ct)
    {
        await using MediaReader reference = MediaReader.Open(whole);
        await using MediaReader lossless = MediaReader.Open(whole);
        await using MediaReader encoded = MediaReader.Open(probe);
        QualityResult result = await QualityScorer.ScoreStreamsAsync(reference.ReadFramesAsync(ct), Spliced(lossless, encoded, shot), quality with { Alignment = FrameAlignment.Index },
            cancellationToken: ct);
        return result.Frames.Skip(shot.StartFrame).Take(shot.FrameCount).Select(f => f.Vmaf).ToArray();
    }

    private static async IAsyncEnumerable<GpuFrame> Spliced(MediaReader lossless, MediaReader encoded, ChunkSpan shot)
    {
        for (int i = 0; lossless.ReadFrame() is { } frame; i++)
        {
            if (i >= shot.StartFrame && i < shot.EndFrame)
            {
                frame.Dispose();
                yield return encoded.ReadFrame()!;
            }
            else
            {
                yield return frame;
            }
        }
        await Task.CompletedTask;
    }
}
