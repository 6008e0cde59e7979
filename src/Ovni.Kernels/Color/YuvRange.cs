// Why: the kernels take the range as an int (0/1); this enum names those values. (Ovni.ColorRange is the
// FFmpeg tag of a stream, with an "unspecified" value; this is the argument a kernel needs.)
namespace Ovni.Kernels;

/// <summary>The code-value range of the YUV samples. Values are the kernels' <c>fullRange</c> argument.</summary>
internal enum YuvRange
{
    /// <summary>Limited ("TV", MPEG) range: Y 16..235, U/V 16..240 at 8 bits (scaled by 4 at 10 bits).</summary>
    Limited = 0,

    /// <summary>Full ("PC", JPEG) range: Y, U, V 0..255 at 8 bits.</summary>
    Full = 1,
}
