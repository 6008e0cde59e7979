namespace Ovni;

/// <summary>Resampling filter of <see cref="FrameOperations.Scale(GpuFrame, int, int, ScaleFilter)"/>.</summary>
public enum ScaleFilter
{
    /// <summary>Bilinear, 2x2 taps, centre-aligned grid (like swscale's bilinear for upscaling).</summary>
    Bilinear,
    /// <summary>Catmull-Rom bicubic, 4x4 taps.</summary>
    Bicubic,
    /// <summary>Lanczos-3, 6x6 taps from a fixed 256-phase table.</summary>
    Lanczos3,
    /// <summary>Exact area average, for reductions.</summary>
    Area,
}
