// Device memory: a pitched 2-D block (rows padded by the driver for coalesced access) or a linear one
// (height 1). Copies to and from host spans go through cuMemcpy2D, honouring both sides' pitches.
using System.Runtime.InteropServices;
using Ovni.Interop.Cuda;

namespace Ovni.Devices.Cuda;

/// <summary>A block of CUDA device memory owned by this object.</summary>
internal sealed unsafe class CudaDeviceBuffer : SafeHandle
{
    private CudaDeviceBuffer(CudaContext context, ulong pointer, long pitch, int widthInBytes, int height) : base(0, ownsHandle: true)
    {
        Context = context;
        DevicePointer = pointer;
        Pitch = pitch;
        WidthInBytes = widthInBytes;
        Height = height;
        SetHandle((nint)pointer);
    }

    /// <summary>The context the memory was allocated in.</summary>
    public CudaContext Context { get; }

    /// <summary>The device address of row 0.</summary>
    public ulong DevicePointer { get; }

    /// <summary>Bytes from the start of one row to the next (≥ <see cref="WidthInBytes"/>).</summary>
    public long Pitch { get; }

    /// <summary>Usable bytes per row.</summary>
    public int WidthInBytes { get; }

    /// <summary>Number of rows (1 for a linear buffer).</summary>
    public int Height { get; }

    /// <summary>Bytes the allocation spans: <see cref="Pitch"/> x <see cref="Height"/>.</summary>
    public long SizeInBytes => Pitch * Height;

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>Allocates a linear buffer of <paramref name="bytes"/> bytes.</summary>
    public static CudaDeviceBuffer Allocate(CudaContext context, int bytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        return Create(context, bytes, 1, pitched: false);
    }

    /// <summary>Allocates <paramref name="height"/> rows of <paramref name="widthInBytes"/> bytes with a driver-chosen pitch.</summary>
    public static CudaDeviceBuffer AllocatePitched(CudaContext context, int widthInBytes, int height)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthInBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return Create(context, widthInBytes, height, pitched: true);
    }

    /// <summary>Copies <see cref="Height"/> rows from host memory whose rows are <paramref name="sourcePitch"/> bytes apart.</summary>
    public void CopyFromHost(ReadOnlySpan<byte> source, int sourcePitch, CudaStream? stream = null)
    {
        CheckHostSpan(source.Length, sourcePitch, nameof(source));
        fixed (byte* pointer = source)
        {
            var copy = new CudaMemcpy2D
            {
                SrcMemoryType = CudaMemoryType.Host,
                SrcHost = (nint)pointer,
                SrcPitch = (nuint)sourcePitch,
                DstMemoryType = CudaMemoryType.Device,
                DstDevice = DevicePointer,
                DstPitch = (nuint)Pitch,
                WidthInBytes = (nuint)WidthInBytes,
                Height = (nuint)Height,
            };
            Copy(&copy, stream);
        }
    }

    /// <summary>Copies <see cref="Height"/> rows to host memory whose rows are <paramref name="destinationPitch"/> bytes apart.</summary>
    public void CopyToHost(Span<byte> destination, int destinationPitch, CudaStream? stream = null)
    {
        CheckHostSpan(destination.Length, destinationPitch, nameof(destination));
        fixed (byte* pointer = destination)
        {
            var copy = new CudaMemcpy2D
            {
                SrcMemoryType = CudaMemoryType.Device,
                SrcDevice = DevicePointer,
                SrcPitch = (nuint)Pitch,
                DstMemoryType = CudaMemoryType.Host,
                DstHost = (nint)pointer,
                DstPitch = (nuint)destinationPitch,
                WidthInBytes = (nuint)WidthInBytes,
                Height = (nuint)Height,
            };
            Copy(&copy, stream);
        }
    }

    /// <summary>Copies the rows of another buffer of the same width and height (device to device).</summary>
    public void CopyFrom(CudaDeviceBuffer source, CudaStream? stream = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.WidthInBytes != WidthInBytes || source.Height != Height)
        {
            throw new OvniException($"Cannot copy a {source.WidthInBytes}x{source.Height}-byte buffer into a {WidthInBytes}x{Height}-byte one.");
        }
        var copy = new CudaMemcpy2D
        {
            SrcMemoryType = CudaMemoryType.Device,
            SrcDevice = source.DevicePointer,
            SrcPitch = (nuint)source.Pitch,
            DstMemoryType = CudaMemoryType.Device,
            DstDevice = DevicePointer,
            DstPitch = (nuint)Pitch,
            WidthInBytes = (nuint)WidthInBytes,
            Height = (nuint)Height,
        };
        Copy(&copy, stream);
    }

    /// <summary>Sets every usable byte to <paramref name="value"/>.</summary>
    public void Fill(byte value)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        using CudaContextScope scope = Context.Push();
        CudaCheck.ThrowIfFailed(CudaApi.cuMemsetD2D8_v2(DevicePointer, (nuint)Pitch, value, (nuint)WidthInBytes, (nuint)Height));
    }

    /// <summary>
    /// Checks that this buffer holds a <paramref name="width"/> x <paramref name="height"/> plane of
    /// <paramref name="bytesPerPixel"/>-byte pixels, with even dimensions where the pixel format subsamples chroma.
    /// </summary>
    /// <exception cref="OvniException">The plane does not fit, the pitch is too small, or a dimension is odd.</exception>
    public void ValidatePlane(int width, int height, int bytesPerPixel, bool requireEvenDimensions = false)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        CudaPlaneValidation.Validate(Pitch, Height, width, height, bytesPerPixel, requireEvenDimensions);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        CudaResult result = Context.WithCurrent(DevicePointer, &Free);
        Context.DangerousRelease();
        return result == CudaResult.Success;
    }

    private static CudaResult Free(ulong pointer) => CudaApi.cuMemFree_v2(pointer);

    private static CudaDeviceBuffer Create(CudaContext context, int widthInBytes, int height, bool pitched)
    {
        bool added = false;
        context.DangerousAddRef(ref added);
        try
        {
            using CudaContextScope scope = context.Push();
            ulong pointer;
            nuint pitch = (nuint)widthInBytes;
            if (pitched)
            {
                // 16-byte elements ask for the strictest row alignment the driver offers.
                CudaCheck.ThrowIfFailed(CudaApi.cuMemAllocPitch_v2(&pointer, &pitch, (nuint)widthInBytes, (nuint)height, 16));
            }
            else
            {
                CudaCheck.ThrowIfFailed(CudaApi.cuMemAlloc_v2(&pointer, (nuint)widthInBytes));
            }
            added = false;
            return new CudaDeviceBuffer(context, pointer, (long)pitch, widthInBytes, height);
        }
        finally
        {
            if (added)
            {
                context.DangerousRelease();
            }
        }
    }

    private void CheckHostSpan(int length, int pitch, string name)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        if (pitch < WidthInBytes)
        {
            throw new OvniException($"Host pitch {pitch} is smaller than the row width {WidthInBytes} bytes.");
        }
        long needed = (long)(Height - 1) * pitch + WidthInBytes;
        if (length < needed)
        {
            throw new OvniException($"Host span '{name}' holds {length} bytes; {Height} rows of {WidthInBytes} bytes at pitch {pitch} need {needed}.");
        }
    }

    private void Copy(CudaMemcpy2D* copy, CudaStream? stream)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        using CudaContextScope scope = Context.Push();
        if (stream is null)
        {
            CudaCheck.ThrowIfFailed(CudaApi.cuMemcpy2D_v2(copy));
            return;
        }
        // Host spans do not outlive this call, so an async copy is waited for before returning.
        CudaCheck.ThrowIfFailed(CudaApi.cuMemcpy2DAsync_v2(copy, stream.DangerousGetHandle()));
        CudaCheck.ThrowIfFailed(CudaApi.cuStreamSynchronize(stream.DangerousGetHandle()));
    }
}
