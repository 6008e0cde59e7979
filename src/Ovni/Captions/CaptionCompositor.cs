using Ovni.Devices.Cuda;
using Ovni.Kernels;
using Ovni.Operations;

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

    internal unsafe void Composite(GpuFrame frame, CaptionFrame captions)
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
        CudaDevice? cuda = OperationFrames.Cuda(frame);
        if (cuda is not null && (_deviceMasks is null || !_deviceMasks.Holds(layer, cuda)))
        {
            _deviceMasks?.Dispose();
            _deviceMasks = new DeviceCaptionMasks(layer, cuda);
            DeviceUploads += _deviceMasks.Uploads;
        }
        for (int i = 0; i < layer.Parts.Length; i++)
        {
            CaptionLayer.Part part = layer.Parts[i];
            Blend(frame, 0, frame.Width, frame.Height, part.X, part.Y, part.Width, part.Height, 1, part.ColorY, part.ColorY, part.LumaAlpha, cuda, i, chroma: false);
            if (interleaved)
            {
                Blend(frame, 1, chromaWidth, chromaHeight, part.ChromaX, part.ChromaY, part.ChromaWidth, part.ChromaHeight, 2, part.ColorU, part.ColorV, part.ChromaAlpha, cuda, i, chroma: true);
            }
            else
            {
                Blend(frame, 1, chromaWidth, chromaHeight, part.ChromaX, part.ChromaY, part.ChromaWidth, part.ChromaHeight, 1, part.ColorU, part.ColorU, part.ChromaAlpha, cuda, i, chroma: true);
                Blend(frame, 2, chromaWidth, chromaHeight, part.ChromaX, part.ChromaY, part.ChromaWidth, part.ChromaHeight, 1, part.ColorV, part.ColorV, part.ChromaAlpha, cuda, i, chroma: true);
            }
        }
    }

    private unsafe void Blend(GpuFrame frame, int plane, int planeWidth, int planeHeight, int x, int y, int w, int h, int samples,
        byte even, byte odd, byte[] mask, CudaDevice? cuda, int part, bool chroma)
    {
        if (cuda is null)
        {
            fixed (byte* m = mask)
                AlphaMaskBlend.BlendAlphaMask(OperationFrames.Host(frame, plane), frame.GetPitch(plane), planeWidth, planeHeight,
                    m, w * samples, x, y, w, h, samples, even, odd);
            return;
        }
        CudaDeviceBuffer buffer = _deviceMasks!.Mask(part, chroma);
        CudaKernelCall call = OperationFrames.Call(cuda, KernelCatalog.BlendAlphaMask);
        call.AddPlane(frame, plane);
        call.AddInt32(planeWidth);
        call.AddInt32(planeHeight);
        call.AddBuffer(buffer);
        call.AddInt32((int)buffer.Pitch);
        call.AddInt32(x);
        call.AddInt32(y);
        call.AddInt32(w);
        call.AddInt32(h);
        call.AddInt32(samples);
        call.AddInt32(even);
        call.AddInt32(odd);
        OperationFrames.Launch(cuda, ref call, w * samples, h);
    }

    public void Dispose()
    {
        _deviceMasks?.Dispose();
        _deviceMasks = null;
    }
}
