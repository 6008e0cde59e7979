using CommunityToolkit.HighPerformance;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// One video picture owned by a compute device: its planes (pointer + pitch; pitch ≥ row width,
/// always index <c>y * pitch + x</c>), its format and its timestamp. A frame has one owner: whoever
/// receives a frame disposes it, which returns its memory to the pool it came from.
/// </summary>
/// <remarks>
/// Internally a frame wraps an FFmpeg AVFrame, so decoded pictures are handed over without a copy and
/// encoders take them without a copy; pixel memory comes from reference-counted buffer pools.
/// </remarks>
public sealed unsafe partial class GpuFrame : IDisposable
{
    private const int MaxPooledShells = 256;
    private static readonly FrameShellPool s_shells = new(MaxPooledShells);

    private void* _native;
    private int _rented;

    private GpuFrame()
    {
        _native = FFmpegApi.av_frame_alloc();
        if (_native == null) throw new OutOfMemoryException("av_frame_alloc failed.");
    }

    /// <summary>A frame shell with no picture, from the shell pool.</summary>
    internal static GpuFrame Rent()
    {
        if (!s_shells.TryRent(out GpuFrame? frame) || frame is null) frame = new GpuFrame();
        frame._rented = 1;
        frame.Device = ComputeDevice.Cpu;
        frame.Configuration = OvniConfiguration.Default;
        frame.Index = 0;
        frame.TimeBase = new Rational(1, 1);
        frame.Color = ColorInfo.Unspecified;
        frame.SourcePath = null;
        return frame;
    }

    internal void* Native => _rented != 0 ? _native : throw new ObjectDisposedException(nameof(GpuFrame), "This frame was disposed and returned to its pool.");

    private static FFmpegLayout L => FFmpegRuntime.Layout;

    /// <summary>The device whose memory holds the planes.</summary>
    public ComputeDevice Device { get; internal set; } = ComputeDevice.Cpu;

    /// <summary>The configuration the frame's source was opened with: operations on it rent from its pools.</summary>
    internal OvniConfiguration Configuration { get; set; } = OvniConfiguration.Default;

    /// <summary>Width in pixels.</summary>
    public int Width => *(int*)((byte*)Native + L.FrameWidth);

    /// <summary>Height in pixels.</summary>
    public int Height => *(int*)((byte*)Native + L.FrameHeight);

    /// <summary>Memory layout of the planes (for a device frame, the layout of its device planes, e.g. nv12).</summary>
    internal PixelFormatInfo FormatInfo => PixelFormatInfo.FromNative(SoftwareNativeFormat);

    /// <summary>The pixel format.</summary>
    public PixelFormat Format => FormatInfo.Format;

    internal int NativeFormat => *(int*)((byte*)Native + L.FrameFormat);

    /// <summary>The AVHWFramesContext buffer of a device frame; null for host frames.</summary>
    internal void* HwFramesRef => *(void**)((byte*)Native + L.FrameHwFramesCtx);

    /// <summary>AVFrame.format, or for a device frame its frames context's sw_format (the planes' layout; rgb0/bgr0 contexts hold RGBA/BGRA).</summary>
    internal int SoftwareNativeFormat
    {
        get
        {
            void* frames = HwFramesRef;
            return frames == null ? NativeFormat : Devices.Cuda.CudaFrameFormats.FromDevicePool(*(int*)(*(byte**)((byte*)frames + 8) + L.HwFramesSwFormat));
        }
    }

    /// <summary>Presentation timestamp in <see cref="TimeBase"/> units.</summary>
    public long Pts
    {
        get => *(long*)((byte*)Native + L.FramePts);
        set => *(long*)((byte*)Native + L.FramePts) = value;
    }

    /// <summary>Unit of <see cref="Pts"/>, usually the source stream's time base.</summary>
    public Rational TimeBase { get; set; }

    /// <summary>Position of this frame in its source (0-based, in presentation order).</summary>
    public long Index { get; set; }

    /// <summary>Presentation time.</summary>
    public TimeSpan Timestamp => TimeSpan.FromSeconds(Pts * TimeBase.ToDouble());

    /// <summary>Colour tags (range, primaries, transfer, matrix).</summary>
    public ColorInfo Color
    {
        get
        {
            byte* p = (byte*)Native;
            return new ColorInfo((ColorRange)(*(int*)(p + L.FrameColorRange)), *(int*)(p + L.FrameColorPrimaries),
                *(int*)(p + L.FrameColorTrc), *(int*)(p + L.FrameColorSpace));
        }
        set
        {
            byte* p = (byte*)Native;
            *(int*)(p + L.FrameColorRange) = (int)value.Range;
            *(int*)(p + L.FrameColorPrimaries) = value.Primaries;
            *(int*)(p + L.FrameColorTrc) = value.Transfer;
            *(int*)(p + L.FrameColorSpace) = value.Matrix;
        }
    }

    /// <summary>True when the decoder marked this picture as a key frame.</summary>
    public bool IsKeyFrame => *(int*)((byte*)Native + L.FrameKeyFrame) != 0;

    /// <summary>Number of planes.</summary>
    public int PlaneCount => FormatInfo.PlaneCount;

    /// <summary>Address of a plane's first byte (host or device memory, see <see cref="Device"/>).</summary>
    public nint GetPlanePointer(int plane)
    {
        ValidatePlane(plane);
        return (nint)((byte**)((byte*)Native + L.FrameData))[plane];
    }

    /// <summary>Bytes from one row of a plane to the next.</summary>
    public int GetPitch(int plane)
    {
        ValidatePlane(plane);
        return ((int*)((byte*)Native + L.FrameLinesize))[plane];
    }

    /// <summary>Width in elements of <typeparamref name="T"/> of a plane's visible rows.</summary>
    public int GetPlaneWidth<T>(int plane) where T : unmanaged => FormatInfo.PlaneWidthBytes(plane, Width) / sizeof(T);

    /// <summary>Rows of a plane.</summary>
    public int GetPlaneHeight(int plane) => FormatInfo.PlaneHeight(plane, Height);

    /// <summary>
    /// A 2-D view of a plane in host memory: <c>byte</c> for 8-bit formats, <c>ushort</c> for 10/12-bit.
    /// Writing through it changes the frame; call <see cref="MakeWritable"/> first if the frame came from a decoder.
    /// </summary>
    public Span2D<T> GetPlane<T>(int plane) where T : unmanaged
    {
        if (Device.Kind != DeviceKind.Cpu)
            throw new OvniException($"Frame {Index} lives on {Device.Name}; download it to the CPU before reading its planes on the host.");
        int pitch = GetPitch(plane);
        if (pitch % sizeof(T) != 0)
            throw new OvniException($"Plane {plane} pitch {pitch} is not a multiple of {sizeof(T)} bytes.");
        int width = GetPlaneWidth<T>(plane);
        return new Span2D<T>((void*)GetPlanePointer(plane), GetPlaneHeight(plane), width, pitch / sizeof(T) - width);
    }

    /// <summary>
    /// Ensures no one else (a decoder's reference list, another frame) shares this frame's memory,
    /// copying the picture into fresh memory if needed, so writing into the planes is safe.
    /// </summary>
    public void MakeWritable() =>
        FFmpegErrors.Check(FFmpegApi.av_frame_make_writable(Native), "Making a frame writable");

    /// <summary>A second frame sharing this one's pixel memory (reference-counted, no copy).</summary>
    public GpuFrame Share()
    {
        GpuFrame copy = Rent();
        try
        {
            FFmpegErrors.Check(FFmpegApi.av_frame_ref(copy.Native, Native), "Referencing a frame");
        }
        catch
        {
            copy.Dispose();
            throw;
        }
        copy.CopyPropertiesFrom(this);
        return copy;
    }

    internal void CopyPropertiesFrom(GpuFrame source)
    {
        Device = source.Device;
        Configuration = source.Configuration;
        TimeBase = source.TimeBase;
        Index = source.Index;
        CopySourceFrom(source);
    }

    private void ValidatePlane(int plane)
    {
        if ((uint)plane >= (uint)PlaneCount)
            throw new ArgumentOutOfRangeException(nameof(plane), plane, $"A {FormatInfo.Name} frame has {PlaneCount} planes.");
    }

    /// <summary>Releases the pixel memory to its pool and the frame object to the shell pool.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 0) return;
        FFmpegApi.av_frame_unref(_native);
        if (!s_shells.TryReturn(this))
        {
            void* native = _native;
            _native = null;
            FFmpegApi.av_frame_free(&native);
        }
    }

    /// <inheritdoc />
    public override string ToString() => _rented == 0 ? "GpuFrame (disposed)" : $"GpuFrame #{Index} {Width}x{Height} {FormatInfo.Name} pts={Pts} ({Timestamp.TotalSeconds:0.###} s) on {Device.Name}";
}
