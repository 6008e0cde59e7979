using System.Globalization;
using Ovni.Scenes;

namespace Ovni.Encoding;

/// <summary>
/// Cuts where Ovni's scene detector (<see cref="SceneDetector"/>) finds hard cuts and fades; its per-frame luma
/// difference is the activity the planner splits long scenes by (the calmest frame within reach).
/// </summary>
public sealed class SceneDetectorCutPoints : ICutPointSource
{
    private readonly SceneDetectionOptions _options;

    /// <summary>Detects scenes with <paramref name="options"/> (defaults when null).</summary>
    public SceneDetectorCutPoints(SceneDetectionOptions? options = null) => _options = options ?? new SceneDetectionOptions();

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"scenes:t={_options.AdaptiveThreshold},d={_options.MinimumDifference},w={_options.Window},min={_options.MinimumSceneLength.TotalSeconds},fades={_options.DetectFades},black={_options.BlackLevel},fast={_options.FastDecode}");

    /// <inheritdoc />
    public async Task<SceneStarts> FindScenesAsync(string source, VideoTimeline timeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        SceneDetectionResult result = await SceneDetector.DetectAsync(source, _options, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.FrameCount == timeline.Count)
            return new SceneStarts(result.Cuts.Select(c => (int)c.Frame).ToArray(), Smooth(result.Differences));

        // The detector decoded a different number of frames than the timeline lists (a damaged frame the decoder
        // dropped): place each cut at the timeline frame nearest its time and let the planner measure activity itself.
        long first = timeline.Timestamps[0];
        double tick = timeline.TimeBase.ToDouble();
        var frames = new List<int>(result.Cuts.Count);
        foreach (SceneCut cut in result.Cuts)
        {
            long pts = first + (long)Math.Round(cut.Time.TotalSeconds / tick);
            frames.Add(Nearest(timeline, pts));
        }
        return new SceneStarts(frames);
    }

    // A border between frames f-1 and f is calm when f and its neighbours barely change (the same window as the
    // planner's packet-size measure).
    private static double[] Smooth(IReadOnlyList<float> differences)
    {
        int n = differences.Count;
        var activity = new double[n];
        for (int i = 0; i < n; i++)
            activity[i] = differences[Math.Max(0, i - 1)] + differences[i] + differences[Math.Min(n - 1, i + 1)];
        return activity;
    }

    private static int Nearest(VideoTimeline timeline, long pts)
    {
        int lo = 0, hi = timeline.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (timeline.Timestamps[mid] < pts) lo = mid + 1;
            else hi = mid;
        }
        if (lo > 0 && pts - timeline.Timestamps[lo - 1] < timeline.Timestamps[lo] - pts) lo--;
        return lo;
    }
}
