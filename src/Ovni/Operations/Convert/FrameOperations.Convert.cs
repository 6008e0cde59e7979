// Pixel format conversion and fitting a picture into a canvas: what a pipeline of clips from different sources needs
// before they can be cross-faded, concatenated or encoded together.
using Ovni.Operations;

namespace Ovni;

public static partial class FrameOperations
{
    /// <summary>
    /// A new frame of <paramref name="format"/> with the same picture, timing and colour tags (a yuvj target is tagged
    /// full range; leaving yuvj for a plain layout gives limited range). To and from RGBA (yuv420p, yuvj420p, nv12, p010,
    /// yuv444p, yuvj444p) and between yuv420p and yuv444p (or their yuvj forms) the conversion runs on the frame's
    /// device with Ovni's kernels, the same pixels on CPU and CUDA (<see cref="ToRgba(GpuFrame)"/>,
    /// <see cref="FromRgba"/>; 4:2:0 ↔ 4:4:4 copies luma exactly and resamples chroma: bilinear up, 2x2 mean down).
    /// Every other pair FFmpeg knows (nv12 ↔ yuv420p, yuv420p10le, yuv422p, yuvj ↔ yuv, bgra, gray, …) is converted on
    /// the host by libswscale (bicubic, accurate rounding, the frame's matrix and range; interleaving is exact). The
    /// same format gives a shared copy (<see cref="GpuFrame.Share"/>). The input is not changed; dispose the result.
    /// </summary>
    /// <exception cref="FrameOperationException">
    /// The target is <see cref="PixelFormat.Other"/> or <see cref="PixelFormat.Cuda"/>, a 4:2:0 target of odd size, or a
    /// pair without kernels on a CUDA frame (<see cref="GpuFrame.Download"/> it first).
    /// </exception>
    public static GpuFrame ConvertTo(this GpuFrame frame, PixelFormat format)
    {
        using var converter = new PixelFormatConverter();
        return converter.Convert(frame, format);
    }

    /// <summary>
    /// A new <paramref name="width"/> x <paramref name="height"/> frame holding the picture fitted by
    /// <paramref name="mode"/>: <see cref="FitMode.Pad"/> scales it to fit inside keeping its shape and centres it on
    /// <paramref name="background"/> (black by default); <see cref="FitMode.Crop"/> scales it to cover the canvas and
    /// cuts off the overhang evenly (crop first, then scale); <see cref="FitMode.Stretch"/> scales to the canvas.
    /// Sizes and offsets are rounded to even pixels for 4:2:0. A frame already of that size gives a shared copy.
    /// 8-bit YUV; RGBA for crop and stretch. The input is not changed; dispose the result.
    /// </summary>
    /// <exception cref="FrameOperationException">The canvas is out of range or odd for 4:2:0, or the format is not taken.</exception>
    public static GpuFrame Fit(this GpuFrame frame, int width, int height, FitMode mode = FitMode.Pad, RgbaColor? background = null,
        ScaleFilter filter = ScaleFilter.Bicubic) =>
        FitOperation.Apply(frame, width, height, mode, background ?? RgbaColor.Black, filter);
}
