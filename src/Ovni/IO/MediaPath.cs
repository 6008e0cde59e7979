using System.Text.RegularExpressions;

namespace Ovni.IO;

/// <summary>
/// Paths are files. What a user passes is a local file name unless it starts with the scheme of a network
/// protocol they clearly meant (<c>https://…</c>, <c>rtmp://…</c>, <c>srt://…</c>, …): FFmpeg itself would read
/// <c>take1:final.mp4</c> as protocol "take1" and <c>file:a.mp4</c> as <c>a.mp4</c>, so local names are handed to
/// it as explicit <c>file:</c> URLs of their full path.
/// </summary>
internal static partial class MediaPath
{
    private static readonly HashSet<string> s_networkSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        "http", "https", "rtmp", "rtmps", "rtmpe", "rtmpt", "rtmpte", "rtmpts", "rtsp", "rtsps", "srt", "udp", "tcp", "rtp", "tls",
        "ftp", "sftp", "hls", "icecast", "mmsh", "mmst", "rist", "gopher", "gophers", "zmq", "amqp", "ipfs", "ipns",
    };

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*)://", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePrefix();

    /// <summary>True unless <paramref name="input"/> is a network URL with one of the schemes above.</summary>
    internal static bool IsLocalFile(string input) =>
        !(SchemePrefix().Match(input) is { Success: true } m && s_networkSchemes.Contains(m.Groups[1].Value));

    /// <summary>The local path as the user meant it (relative to the current folder when not absolute).</summary>
    internal static string LocalPath(string input) => Path.GetFullPath(input);

    /// <summary>What to hand to FFmpeg: <c>file:</c> + the full path for a file, the URL unchanged for a network stream.</summary>
    /// <param name="input">A path or URL.</param>
    /// <param name="forceUrl">Hand <paramref name="input"/> to FFmpeg as it is, whatever its form (an explicit choice of the caller).</param>
    internal static string ToFFmpegUrl(string input, bool forceUrl = false) =>
        forceUrl || !IsLocalFile(input) ? input : "file:" + LocalPath(input);
}
