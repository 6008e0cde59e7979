namespace Ovni.Encoding;

/// <summary>Cut points given by the caller (an edit decision list, a scene list from another tool, or a test's known cuts).</summary>
public sealed class KnownCutPoints : ICutPointSource
{
    private readonly int[] _frames;

    /// <summary>Cuts at these frame indices.</summary>
    public KnownCutPoints(IEnumerable<int> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        _frames = frames.Distinct().Order().ToArray();
        if (_frames.Length > 0 && _frames[0] < 0) throw new ArgumentOutOfRangeException(nameof(frames), "Cut frames must not be negative.");
    }

    /// <inheritdoc />
    public string Description => "known:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.ASCII.GetBytes(string.Join(',', _frames))))[..16];

    /// <inheritdoc />
    public Task<SceneStarts> FindScenesAsync(string source, VideoTimeline timeline, CancellationToken cancellationToken)
    {
        int outside = Array.FindIndex(_frames, f => f >= timeline.Count);
        if (outside >= 0)
            throw new OvniException($"Cut at frame {_frames[outside]} is past the end of '{source}' ({timeline.Count} frames).") { FilePath = source };
        return Task.FromResult(new SceneStarts(_frames));
    }

    /// <summary>Reads cut frames from text: numbers separated by commas, spaces or new lines ('#' starts a comment).</summary>
    public static KnownCutPoints Parse(string text)
    {
        var frames = new List<int>();
        foreach (string line in text.Split('\n'))
        {
            string content = line.Split('#')[0];
            foreach (string token in content.Split([',', ' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(token, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int frame) || frame < 0)
                    throw new OvniException($"'{token}' is not a frame index (cut lists hold whole frame numbers ≥ 0).");
                frames.Add(frame);
            }
        }
        return new KnownCutPoints(frames);
    }
}
