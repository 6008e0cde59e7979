namespace Ovni.Distributed;

/// <summary>
/// Queues by capability: a chunk job waits in the queue of its encoder and the kind of machine it needs
/// ("cpu-libsvtav1", "gpu-hevc_nvenc"); a worker listens only to the queues of encoders its own FFmpeg can run, so a
/// machine without an encoder never takes a chunk it would fail.
/// </summary>
public static class ChunkQueues
{
    /// <summary>Encoders a worker offers when present in its FFmpeg.</summary>
    public static IReadOnlyList<string> KnownEncoders { get; } =
        ["libsvtav1", "libaom-av1", "librav1e", "libx265", "libx264", "libvpx-vp9", "h264_nvenc", "hevc_nvenc", "av1_nvenc"];

    /// <summary>"gpu" for hardware encoders, "cpu" for the rest.</summary>
    public static string ClassOf(string encoder) => encoder.EndsWith("_nvenc", StringComparison.Ordinal) ? "gpu" : "cpu";

    /// <summary>The queue chunk jobs for <paramref name="encoder"/> wait in.</summary>
    public static string For(string encoder)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoder);
        string name = new string(encoder.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        return $"{ClassOf(encoder)}-{name}";
    }

    /// <summary>The queue the coordinator of plan <paramref name="planId"/> runs that job's join from.</summary>
    public static string JoinQueue(string planId) => "join-" + planId[..Math.Min(16, planId.Length)].ToLowerInvariant();

    /// <summary>
    /// The queues a worker listens to: every known encoder that is available here and whose class is among
    /// <paramref name="classes"/> (e.g. ["cpu"], ["gpu"], ["cpu", "gpu"]).
    /// </summary>
    public static IReadOnlyList<string> ForThisMachine(IEnumerable<string> classes, Func<string, bool>? isAvailable = null)
    {
        isAvailable ??= VideoEncoderOptions.IsAvailable;
        var wanted = classes.Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).ToHashSet();
        return KnownEncoders.Where(e => wanted.Contains(ClassOf(e)) && isAvailable(e)).Select(For).ToArray();
    }
}
