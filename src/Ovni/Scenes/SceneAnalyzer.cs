// The per-frame half of scene detection, streaming: each frame's luma grid is compared with the frame before (the
// content difference), and across frames 2 to 6 apart ("bridges" over a candidate cut) so that a flash, whose frames
// before and after look alike, can be told from a cut, after which nothing looks like what came before. Only the last
// seven grids are kept; the decision (Decide) runs on the per-frame numbers at the end.
namespace Ovni.Scenes;

internal sealed class SceneAnalyzer
{
    private const int Reach = 3; // frames each side of a candidate that a bridge may span
    private const int RingSize = 2 * Reach + 1;
    private const int PeakReach = 4;
    private const int SideReach = 6;          // how far SideLevel looks past repeated frames
    private const float RepeatLevel = 0.5f;   // below half a code value on average a frame repeats the one before
    private const float SpanFactor = 1.25f;   // span/difference at most this: the pictures either side are unrelated
    private const double RelatedScale = 0.7;  // then a lower adaptive ratio is enough
    private readonly LumaThumbnail _thumbnail = new();
    private readonly float[][] _ring = new float[RingSize][];
    private readonly float[] _bridgeScratch = new float[RingSize];
    private readonly List<float> _differences = [];
    private readonly List<float> _luma = [];
    private readonly List<float> _bridges = [];
    private readonly List<float> _spans = [];
    private readonly List<TimeSpan> _times = [];
    private double? _firstSeconds;

    internal SceneAnalyzer()
    {
        for (int i = 0; i < RingSize; i++) _ring[i] = [];
    }

    internal long FrameCount => _differences.Count;

    internal void Add(GpuFrame frame)
    {
        int j = _differences.Count;
        ref float[] grid = ref _ring[j % RingSize];
        _thumbnail.Compute(frame, ref grid);
        _luma.Add(LumaThumbnail.Mean(grid));
        _differences.Add(j == 0 ? 0 : _thumbnail.Difference(_ring[(j - 1) % RingSize], grid));
        _bridges.Add(float.MaxValue);
        _spans.Add(float.NaN);

        double seconds = frame.TimeBase.IsValid ? frame.Pts * frame.TimeBase.ToDouble() : j / 25.0;
        _firstSeconds ??= seconds;
        _times.Add(TimeSpan.FromSeconds(Math.Max(0, seconds - _firstSeconds.Value)));

        // Differences between this frame and each of the six before it.
        for (int b = Math.Max(0, j - 2 * Reach); b < j; b++)
            _bridgeScratch[b % RingSize] = _thumbnail.Difference(_ring[b % RingSize], grid);
        // The span over a candidate at i = j-1: frame i-2 against frame i+1. Across a cut it is no larger than the cut's own
        // difference (both compare unrelated pictures); across a jump in motion (a dropped frame) it is about twice as large.
        if (j >= 3) _spans[j - 1] = _bridgeScratch[(j - 3) % RingSize];
        // A candidate cut at i is bridged by pairs (b before i, a = j at or after i), except the pair (i-1, i) itself.
        for (int i = Math.Max(1, j - Reach); i <= j; i++)
        {
            for (int b = Math.Max(0, i - Reach); b < i; b++)
            {
                if (b == i - 1 && j == i) continue;
                float d = _bridgeScratch[b % RingSize];
                if (d < _bridges[i]) _bridges[i] = d;
            }
        }
    }

    internal SceneDetectionResult Decide(SceneDetectionOptions options)
    {
        int n = _differences.Count;
        var boundaries = new List<SceneCut>();
        for (int i = 1; i < n; i++)
        {
            float d = _differences[i];
            if (d < options.MinimumDifference) continue;
            if (d < _differences[i - 1] || (i + 1 < n && d < _differences[i + 1])) continue; // the peak only
            // The calmer side sets the level, so a cut into (or out of) fast motion still stands out; and the cut must also
            // stand well above every difference nearby, so periodic changes (a 10 fps source shown at 25 fps changes every
            // few frames, with repeats between) and shaky motion are not taken for cuts.
            double before = SideLevel(i, -1, options.Window), after = SideLevel(i, +1, options.Window);
            double level = double.IsNaN(before) ? (double.IsNaN(after) ? 0 : after) : double.IsNaN(after) ? before : Math.Min(before, after);
            level = Math.Max(level, 0.5 * NearbyPeak(i));
            double ratio = d / Math.Max(level, 0.25);
            bool unrelated = !float.IsNaN(_spans[i]) && _spans[i] <= SpanFactor * d;
            if (ratio < (unrelated ? options.AdaptiveThreshold * RelatedScale : options.AdaptiveThreshold)) continue;
            if (_bridges[i] < 0.5f * d) continue; // what came before comes back: a flash, not a cut
            boundaries.Add(new SceneCut(i, _times[i], SceneCutKind.Cut, Math.Round(ratio, 3)));
        }
        if (options.DetectFades) AddFades(boundaries, options.BlackLevel);
        boundaries.Sort((a, b) => a.Frame.CompareTo(b.Frame));

        var kept = new List<SceneCut>();
        TimeSpan last = TimeSpan.Zero;
        foreach (SceneCut cut in boundaries)
        {
            if (cut.Time - last < options.MinimumSceneLength) continue;
            kept.Add(cut);
            last = cut.Time;
        }

        TimeSpan frameDuration = n > 1 ? (_times[n - 1] - _times[0]) / (n - 1) : TimeSpan.Zero;
        TimeSpan end = n > 0 ? _times[n - 1] + frameDuration : TimeSpan.Zero;
        var scenes = new List<Scene>();
        long start = 0;
        TimeSpan startTime = TimeSpan.Zero;
        foreach (SceneCut cut in kept)
        {
            scenes.Add(new Scene(scenes.Count, start, cut.Frame - start, startTime, cut.Time - startTime));
            start = cut.Frame;
            startTime = cut.Time;
        }
        if (n > 0) scenes.Add(new Scene(scenes.Count, start, n - start, startTime, end - startTime));
        return new SceneDetectionResult
        {
            Cuts = kept, Scenes = scenes, FrameCount = n, Duration = end,
            Differences = _differences.ToArray(), MeanLuma = _luma.ToArray(), FrameTimes = _times.ToArray(),
        };
    }

    // Mean difference of up to `window` frames on one side of frame i, leaving out repeated frames (a 20 fps source shown
    // at 25 fps repeats every fourth frame; the repeats would make every real change stand out). NaN when there are none.
    private double SideLevel(int i, int direction, int window)
    {
        double sum = 0;
        int count = 0;
        for (int k = 1; k <= SideReach && count < window; k++)
        {
            int j = i + direction * k;
            if (j < 1 || j >= _differences.Count) break;
            if (_differences[j] < RepeatLevel) continue;
            sum += _differences[j];
            count++;
        }
        return count > 0 ? sum / count : double.NaN;
    }

    // The largest difference within PeakReach frames of i, i itself left out.
    private double NearbyPeak(int i)
    {
        float peak = 0;
        for (int j = Math.Max(1, i - PeakReach); j <= Math.Min(_differences.Count - 1, i + PeakReach); j++)
            if (j != i && _differences[j] > peak) peak = _differences[j];
        return peak;
    }

    // A fade through black: a dark stretch with picture on both sides; the boundary goes to its middle unless a hard
    // cut already sits at its edge (a cut to black, or a cut from black to the next scene).
    private void AddFades(List<SceneCut> boundaries, double blackLevel)
    {
        int n = _luma.Count;
        int i = 0;
        while (i < n)
        {
            if (_luma[i] > blackLevel) { i++; continue; }
            int s = i;
            while (i < n && _luma[i] <= blackLevel) i++;
            int e = i - 1;
            if (s == 0 || e == n - 1) continue;
            if (boundaries.Exists(c => c.Frame >= s && c.Frame <= e + 1)) continue;
            int middle = (s + e + 1) / 2;
            boundaries.Add(new SceneCut(middle, _times[middle], SceneCutKind.Fade, e - s + 1));
        }
    }
}
