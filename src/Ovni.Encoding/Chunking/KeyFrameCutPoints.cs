namespace Ovni.Encoding;

/// <summary>
/// Cuts where the source has key frames. Encoders such as x264 place a key frame at every scene change they see,
/// so this is a usable stand-in where no scene detector runs; its extra periodic key frames only add chunk borders
/// (harmless: each chunk is encoded as a closed unit anyway).
/// </summary>
public sealed class KeyFrameCutPoints : ICutPointSource
{
    /// <inheritdoc />
    public string Description => "source-keyframes";

    /// <inheritdoc />
    public Task<SceneStarts> FindScenesAsync(string source, VideoTimeline timeline, CancellationToken cancellationToken)
    {
        var cuts = new List<int>();
        for (int i = 0; i < timeline.Count; i++)
            if (timeline.KeyFrames[i]) cuts.Add(i);
        return Task.FromResult(new SceneStarts(cuts));
    }
}
