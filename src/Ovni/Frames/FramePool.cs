using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Hands out CPU frames of one format and size whose pixel memory comes from reference-counted
/// buffer pools: a frame's memory returns to the pool when the last reference (the frame, an encoder
/// still holding it) lets go, so a long pipeline allocates nothing per frame in steady state.
/// Rows are padded to 64 bytes so SIMD loops and encoders get aligned, padded rows.
/// </summary>
internal sealed unsafe class FramePool : IDisposable
{
    private const int Alignment = 64;
    private readonly void*[] _planePools;
    private readonly int[] _pitches;
    private readonly int _native;
    private int _disposed;

    /// <summary>Creates a pool for <paramref name="width"/>×<paramref name="height"/> frames of <paramref name="format"/>.</summary>
    public FramePool(PixelFormat format, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Frame size {width}x{height} must be positive.");
        _native = PixelFormatInfo.ToNative(format);
        Info = PixelFormatInfo.FromNative(_native);
        if (Info.IsHardware) throw new ArgumentException("FramePool allocates host memory; CUDA frames come from a CUDA frame pool.", nameof(format));
        Width = width;
        Height = height;
        _planePools = new void*[Info.PlaneCount];
        _pitches = new int[Info.PlaneCount];
        for (int p = 0; p < Info.PlaneCount; p++)
        {
            int pitch = (Info.PlaneWidthBytes(p, width) + Alignment - 1) / Alignment * Alignment;
            _pitches[p] = pitch;
            // One spare row of padding: scalers and SIMD tails may read a little past the last row.
            nuint size = (nuint)(pitch * (Info.PlaneHeight(p, height) + 1) + Alignment);
            _planePools[p] = FFmpegApi.av_buffer_pool_init(size, null);
            if (_planePools[p] == null) throw new OutOfMemoryException("av_buffer_pool_init failed.");
        }
    }

    /// <summary>Format of the frames.</summary>
    public PixelFormatInfo Info { get; }

    /// <summary>Width of the frames.</summary>
    public int Width { get; }

    /// <summary>Height of the frames.</summary>
    public int Height { get; }

    /// <summary>A frame with uninitialised pixels; dispose it to give its memory back.</summary>
    public GpuFrame Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        FFmpegLayout layout = FFmpegRuntime.Layout;
        GpuFrame frame = GpuFrame.Rent();
        byte* native = (byte*)frame.Native;
        *(int*)(native + layout.FrameWidth) = Width;
        *(int*)(native + layout.FrameHeight) = Height;
        *(int*)(native + layout.FrameFormat) = _native;
        void** bufs = (void**)(native + layout.FrameBuf);
        byte** data = (byte**)(native + layout.FrameData);
        int* linesize = (int*)(native + layout.FrameLinesize);
        for (int p = 0; p < _planePools.Length; p++)
        {
            void* buffer = FFmpegApi.av_buffer_pool_get(_planePools[p]);
            if (buffer == null)
            {
                frame.Dispose();
                throw new OutOfMemoryException("av_buffer_pool_get failed.");
            }
            bufs[p] = buffer;
            byte* bufferData = *(byte**)((byte*)buffer + 8); // AVBufferRef.data
            data[p] = (byte*)(((nint)bufferData + Alignment - 1) & ~(nint)(Alignment - 1));
            linesize[p] = _pitches[p];
        }
        return frame;
    }

    /// <summary>Releases the pools; frames still out keep their memory until disposed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        for (int p = 0; p < _planePools.Length; p++)
        {
            void* pool = _planePools[p];
            FFmpegApi.av_buffer_pool_uninit(&pool);
        }
    }
}
