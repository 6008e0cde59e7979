// Why: fills, fades and rectangles write one colour into every plane; which byte value each plane holds (Y on luma,
// U or V on planar chroma, U/V alternating on NV12's interleaved chroma) is decided once here.
namespace Ovni.Operations;

/// <summary>The even/odd byte values of a colour's (Y, U, V) on each plane of a frame.</summary>
internal static class PlaneValues
{
    /// <summary>(even, odd) byte values of <paramref name="plane"/>: Y on luma, U or V on planar chroma, U/V interleaved on NV12.</summary>
    public static (int Even, int Odd) Of(GpuFrame frame, int plane, (int Y, int U, int V) value) => plane switch
    {
        0 => (value.Y, value.Y),
        1 when frame.Format == PixelFormat.Nv12 => (value.U, value.V),
        1 => (value.U, value.U),
        _ => (value.V, value.V),
    };
}
