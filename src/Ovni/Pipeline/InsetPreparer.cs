// Why: picture-in-picture must give the same pixels on CPU and CUDA frames, so the inset goes through Ovni's
// own kernels (which both backends run) rather than libswscale, which only the CPU has.
using Ovni.Operations;

namespace Ovni;

/// <summary>Turns inset frames into the main stream's device, layout and inset size.</summary>
internal sealed class InsetPreparer : IDisposable
{
    private static readonly PixelFormat[] s_supported = [PixelFormat.Yuv420P, PixelFormat.Yuvj420P, PixelFormat.Nv12, PixelFormat.Yuv444P, PixelFormat.Yuvj444P];
    private readonly ComputeDevice _device;
    private readonly PixelFormat _format;
    private readonly int _width, _height;
    private FrameConverter? _converter;

    public InsetPreparer(GpuFrame main, GpuFrame inset, PictureInPictureOptions options)
    {
        if (Array.IndexOf(s_supported, main.Format) < 0)
            throw new OvniException($"Picture-in-picture supports yuv420p, nv12 and yuv444p main streams; frame {main.Index} is {main.FormatInfo.Name}.");
        _device = main.Device;
        _format = main.Format;
        int width = Even(main.Width * options.Scale);
        int height = Even(width * (double)inset.Height / inset.Width);
        _width = Math.Max(2, Math.Min(width, main.Width & ~1));
        _height = Math.Max(2, Math.Min(height, main.Height & ~1));
    }

    /// <summary>The inset frame ready to paste (a new frame; <paramref name="inset"/> is left to the caller).</summary>
    public GpuFrame Prepare(GpuFrame inset)
    {
        GpuFrame? converted = null, moved = null;
        try
        {
            GpuFrame current = inset;
            if (current.Format != _format)
            {
                if (current.Device.Kind != DeviceKind.Cpu)
                    throw new OvniException($"Picture-in-picture: inset frame {inset.Index} is {inset.FormatInfo.Name} on {inset.Device.Name}; " +
                        $"convert it to the main stream's {PixelFormatInfo.Get(_format).Name} first (layout conversion of device frames is CPU-only).");
                _converter ??= new FrameConverter(_format);
                current = converted = _converter.Convert(current);
            }
            if (current.Device != _device)
                current = moved = current.ToDevice(_device);
            // Bicubic does not widen its taps for reductions (see Scale), so strong reductions average areas instead.
            ScaleFilter filter = current.Width >= 2 * _width && current.Height >= 2 * _height ? ScaleFilter.Area : ScaleFilter.Bicubic;
            return current.Scale(_width, _height, filter);
        }
        finally
        {
            moved?.Dispose();
            converted?.Dispose();
        }
    }

    public void Dispose() => _converter?.Dispose();

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2);
}
