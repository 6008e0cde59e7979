using Ovni.Devices.Cuda;

namespace Ovni.Captions;

/// <summary>
/// Blends rendered captions into 8-bit YUV frames (planar 4:2:0/4:2:2/4:4:4, their full-range "j" variants, and
/// NV12), clipping layers to the frame, with the alpha-mask kernel: its CPU twin for host frames, the CUDA kernel for
/// device frames (same pixels). Keeps the prepared <see cref="CaptionLayer"/> between frames and rebuilds it only when
/// the captions' version changes; on a device the masks are uploaded once per change, not per frame.
/// One compositor per stream.
/// </summary>
internal sealed class CaptionCompositor : IDisposable
{
    private CaptionLayer? _layer;
    private DeviceCaptionMasks? _deviceMasks;

    internal static bool Supports(PixelFormat format) => format is PixelFormat.Yuv420P or PixelFormat.Yuvj420P or PixelFormat.Nv12
        or PixelFormat.Yuv422P or PixelFormat.Yuvj422P or PixelFormat.Yuv444P or PixelFormat.Yuvj444P;

    /// <summary>True when the last call reused the prepared layer instead of rebuilding it.</summary>
    internal bool ReusedLayer { get; private set; }

    /// <summary>Masks uploaded to a device so far (two per part, once per caption change).</summary>
    internal int DeviceUploads { get; private set; }

    internal void Composite(GpuFrame frame, CaptionFrame captions)
    {
        if (captions.Bitmaps.Count == 0) return;
        PixelFormat format = frame.Format;
        if (!Supports(format))
            throw new OvniException($"Captions are composited into 8-bit YUV frames (yuv420p, nv12, yuv422p, yuv444p); frame {frame.Index} is {frame.FormatInfo.Name}. Convert it first.");
        PixelFormatInfo info = frame.FormatInfo;
        bool fullRange = format is PixelFormat.Yuvj420P or PixelFormat.Yuvj422P or PixelFormat.Yuvj444P || frame.Color.Range == ColorRange.Full;
        bool interleaved = format == PixelFormat.Nv12;
        ReusedLayer = _layer is not null && _layer.Fits(captions.Version, info.Log2ChromaWidth, info.Log2ChromaHeight, fullRange, interleaved);
        if (!ReusedLayer) _layer = new CaptionLayer(captions, info.Log2ChromaWidth, info.Log2ChromaHeight, fullRange, interleaved);
        CaptionLayer layer = _layer!;
        int chromaWidth = frame.GetPlaneWidth<byte>(1) / (interleaved ? 2 : 1);
        int chromaHeight = frame.GetPlaneHeight(1);
        for (int i = 0; i < layer.Parts.Length; i++)
        {
            CaptionLayer.Part part = layer.Parts[i];
            Blend(new CaptionMaskBlend(this, frame, 0, frame.Width, frame.Height, part.X, part.Y, part.Width, part.Height, 1, part.ColorY, part.ColorY, part.LumaAlpha, i, chroma: false));
            if (interleaved)
            {
                Blend(new CaptionMaskBlend(this, frame, 1, chromaWidth, chromaHeight, part.ChromaX, part.ChromaY, part.ChromaWidth, part.ChromaHeight, 2, part.ColorU, part.ColorV, part.ChromaAlpha, i, chroma: true));
            }
            else
            {
                Blend(new CaptionMaskBlend(this, frame, 1, chromaWidth, chromaHeight, part.ChromaX, part.ChromaY, part.ChromaWidth, part.ChromaHeight, 1, part.ColorU, part.ColorU, part.ChromaAlpha, i, chroma: true));
                Blend(new CaptionMaskBlend(this, frame, 2, chromaWidth, chromaHeight, part.ChromaX, part.ChromaY, part.ChromaWidth, part.ChromaHeight, 1, part.ColorV, part.ColorV, part.ChromaAlpha, i, chroma: true));
            }
        }
    }

    private static void Blend(CaptionMaskBlend blend) => blend.Frame.Device.Run(ref blend);

    /// <summary>
    /// The device copy of the current layer's luma or chroma mask of <paramref name="part"/> on <paramref name="device"/>,
    /// uploading the layer's masks when they are not there yet (once per caption change).
    /// </summary>
    internal CudaDeviceBuffer DeviceMask(CudaDevice device, int part, bool chroma)
    {
        CaptionLayer layer = _layer!;
        if (_deviceMasks is null || !_deviceMasks.Holds(layer, device))
        {
            _deviceMasks?.Dispose();
            _deviceMasks = new DeviceCaptionMasks(layer, device);
            DeviceUploads += _deviceMasks.Uploads;
        }
        return _deviceMasks.Mask(part, chroma);
    }

    public void Dispose()
    {
        _deviceMasks?.Dispose();
        _deviceMasks = null;
    }
}
