using System.Text;

namespace Ovni.Interop.FFmpeg;

/// <summary>FFmpeg's negative error codes and their text.</summary>
internal static unsafe class AvError
{
    private static int Tag(char a, char b, char c, char d) => -(a | (b << 8) | (c << 16) | (d << 24));

    internal static readonly int Eof = Tag('E', 'O', 'F', ' ');
    internal static readonly int InvalidData = Tag('I', 'N', 'D', 'A');
    internal static readonly int EncoderNotFound = -(0xF8 | ('E' << 8) | ('N' << 16) | ('C' << 24));
    internal static readonly int OptionNotFound = -(0xF8 | ('O' << 8) | ('P' << 16) | ('T' << 24));
    internal static int Again => OperatingSystem.IsWindows() ? -11 : -11; // EAGAIN is 11 on Linux and in MSVC's errno.h
    internal const int NoMemory = -12;
    internal const int InvalidArgument = -22;

    /// <summary>av_strerror's text for a code, e.g. "Invalid data found when processing input".</summary>
    internal static string Describe(int error)
    {
        byte* buffer = stackalloc byte[256];
        if (FFmpegApi.av_strerror(error, buffer, 256) < 0)
            return $"FFmpeg error {error}";
        return Utf8.ToString(buffer) ?? $"FFmpeg error {error}";
    }
}
