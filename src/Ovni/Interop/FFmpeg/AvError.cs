namespace Ovni.Interop.FFmpeg;

/// <summary>FFmpeg's negative error codes Ovni tells apart, and their text.</summary>
internal static unsafe class AvError
{
    private static int Tag(char a, char b, char c, char d) => -(a | (b << 8) | (c << 16) | (d << 24));

    internal static readonly int Eof = Tag('E', 'O', 'F', ' ');
    internal static readonly int InvalidData = Tag('I', 'N', 'D', 'A');

    /// <summary>AVERROR(EAGAIN): EAGAIN is 11 on Linux and in MSVC's errno.h (FFmpeg's Windows builds), 35 on macOS.</summary>
    internal static readonly int Again = OperatingSystem.IsMacOS() ? -35 : -11;

    /// <summary>Success, EAGAIN or EOF as a <see cref="CodecResult"/>; any other negative code as an <see cref="FFmpegException"/>.</summary>
    internal static CodecResult ToResult(int code, string operation, string? filePath) =>
        code >= 0 ? CodecResult.Success
        : code == Again ? CodecResult.Again
        : code == Eof ? CodecResult.Eof
        : throw FFmpegErrors.Create(operation, code, filePath);

    /// <summary>av_strerror's text for a code, e.g. "Invalid data found when processing input".</summary>
    internal static string Describe(int error)
    {
        byte* buffer = stackalloc byte[256];
        if (FFmpegApi.av_strerror(error, buffer, 256) < 0)
            return $"FFmpeg error {error}";
        return Utf8.ToString(buffer) ?? $"FFmpeg error {error}";
    }
}
