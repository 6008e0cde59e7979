// CUDA frames of one software format and size: an FFmpeg AVHWFramesContext on the device's shared hw
// device, whose memory comes from a capped pool of Ovni's own (CudaDeviceMemoryPool). The frames it hands
// out are ordinary AV_PIX_FMT_CUDA AVFrames, so FFmpeg's transfers, NVDEC and NVENC accept them unchanged.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ovni.Interop.FFmpeg;

namespace Ovni.Devices.Cuda;

/// <summary>A pool of device frames (one sw_format, width and height) on a <see cref="CudaDevice"/>.</summary>
internal sealed unsafe class CudaFramePool : IDisposable
{
    private readonly CudaDevice _device;
    private readonly CudaDeviceMemoryPool _memory;
    private void* _framesRef;
    private bool _layoutChecked;

    public CudaFramePool(CudaDevice device, int softwareFormat, int width, int height, int capacity)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        _device = device;
        SoftwareFormat = PixelFormatInfo.FromNative(softwareFormat);
        Width = width;
        Height = height;
        // hwcontext_cuda lays a buffer's planes out with the device's texture alignment (doubled for yuv420p,
        // whose chroma rows are half the luma pitch); our buffers must be sized with the same rule.
        int alignment = device.TextureAlignment * (SoftwareFormat.Format == PixelFormat.Yuv420P ? 2 : 1);
        int bytes = FFmpegApi.av_image_get_buffer_size(softwareFormat, width, height, alignment);
        if (bytes <= 0) throw FFmpegErrors.Create($"Sizing {SoftwareFormat.Name} {width}x{height} CUDA frames", bytes, null);

        _framesRef = FFmpegApi.av_hwframe_ctx_alloc(device.HwDeviceRef);
        if (_framesRef == null) throw new OutOfMemoryException("av_hwframe_ctx_alloc failed.");
        byte* frames = *(byte**)((byte*)_framesRef + 8); // AVBufferRef.data
        *(int*)(frames + l.HwFramesFormat) = PixelFormatInfo.ToNative(PixelFormat.Cuda);
        *(int*)(frames + l.HwFramesSwFormat) = softwareFormat;
        *(int*)(frames + l.HwFramesWidth) = width;
        *(int*)(frames + l.HwFramesHeight) = height;
        *(void**)(frames + l.HwFramesPool) = CudaDeviceMemoryPool.CreatePool(device.Context, (nuint)bytes, capacity, out _memory);
        // FFmpeg frees only pools it made itself; this callback releases ours with the frames context.
        *(delegate* unmanaged[Cdecl]<void*, void>*)(frames + l.HwFramesFree) = &FramesContextFreed;
        int result = FFmpegApi.av_hwframe_ctx_init(_framesRef);
        if (result < 0)
        {
            void* doomed = _framesRef;
            _framesRef = null;
            FFmpegApi.av_buffer_unref(&doomed);
            throw FFmpegErrors.Create($"Creating a CUDA frame pool for {SoftwareFormat.Name} {width}x{height} on {device.Name}", result, null);
        }
    }

    /// <summary>Layout of the frames' planes.</summary>
    public PixelFormatInfo SoftwareFormat { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Device buffers alive (in frames, in the encoder's hands, or parked for reuse).</summary>
    public int LiveBuffers => _memory.LiveBuffers;

    /// <summary>The AVBufferRef of the AVHWFramesContext, for encoders' hw_frames_ctx.</summary>
    internal void* FramesRef => _framesRef != null ? _framesRef : throw new ObjectDisposedException(nameof(CudaFramePool));

    /// <summary>A device frame with uninitialised pixels.</summary>
    public GpuFrame Rent()
    {
        GpuFrame frame = GpuFrame.Rent();
        int result = FFmpegApi.av_hwframe_get_buffer(FramesRef, frame.Native, 0);
        if (result < 0)
        {
            frame.Dispose();
            throw new OvniException($"No CUDA frame available for {SoftwareFormat.Name} {Width}x{Height} on {_device.Name}: {_memory.DescribeLastFailure()}.");
        }
        frame.Device = _device;
        if (!_layoutChecked) CheckLayout(frame);
        return frame;
    }

    /// <summary>
    /// FFmpeg lays the planes out inside our buffer by its own alignment rule; if a future FFmpeg changes that
    /// rule, planes would run past the buffer. Checked once per pool, on the first frame.
    /// </summary>
    private void CheckLayout(GpuFrame frame)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* native = (byte*)frame.Native;
        byte* buffer = *(byte**)((byte*)((void**)(native + l.FrameBuf))[0] + 8);   // AVBufferRef.data
        nuint size = *(nuint*)((byte*)((void**)(native + l.FrameBuf))[0] + 16);   // AVBufferRef.size
        for (int plane = 0; plane < SoftwareFormat.PlaneCount; plane++)
        {
            byte* start = (byte*)frame.GetPlanePointer(plane);
            long end = (long)(start - buffer) + (long)frame.GetPitch(plane) * SoftwareFormat.PlaneHeight(plane, Height);
            if (start < buffer || end > (long)size)
            {
                frame.Dispose();
                throw new OvniException($"FFmpeg ({FFmpegRuntime.VersionText}) lays out {SoftwareFormat.Name} {Width}x{Height} CUDA frames beyond the {size}-byte buffers Ovni allocates; this FFmpeg's CUDA frame layout is not supported.");
            }
        }
        _layoutChecked = true;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void FramesContextFreed(void* frames)
    {
        FFmpegApi.av_buffer_pool_uninit((void**)((byte*)frames + FFmpegRuntime.Layout.HwFramesPool));
    }

    /// <summary>Drops the pool's reference; frames still out keep their memory until disposed.</summary>
    public void Dispose()
    {
        void* framesRef = _framesRef;
        _framesRef = null;
        if (framesRef != null) FFmpegApi.av_buffer_unref(&framesRef);
    }
}
