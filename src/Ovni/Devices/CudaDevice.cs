// The CUDA backend's device: one context (the GPU's primary context, which NVDEC, NVENC and anything
// else in the process share), one non-blocking stream, and an FFmpeg CUDA hw device built on that same
// context and stream, so frames decoded, transferred, processed and encoded never cross contexts.
// It also keeps the frame pools (device and host staging) per format and size.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ovni.Devices.Cuda;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// An NVIDIA GPU. Get the shared instance with <see cref="ComputeDevice.Get"/> / <see cref="ComputeDevice.Select"/>,
/// or a private one with <see cref="Open(int)"/> (dispose it after the frames, readers and writers that use it).
/// </summary>
public sealed unsafe class CudaDevice : ComputeDevice, IDisposable
{
    private static readonly Lock s_sharedGate = new();
    private static readonly Dictionary<int, CudaDevice> s_shared = new();

    private readonly CudaDeviceOptions _options;
    private readonly Lock _poolGate = new();
    private readonly Dictionary<(int Format, int Width, int Height), CudaFramePool> _devicePools = new();
    private readonly Dictionary<(int Format, int Width, int Height), FramePool> _hostPools = new();
    private readonly LinkedList<(int Format, int Width, int Height)> _recentDevicePools = new();
    private void* _hwDeviceRef;
    private CudaKernels? _kernels;
    private int _disposed;

    private CudaDevice(int ordinal, CudaDeviceOptions options, bool shared)
    {
        _options = options;
        IsShared = shared;
        Info = CudaDriver.GetDevice(ordinal);
        IsEmulator = CudaDriver.IsEmulator;
        TextureAlignment = QueryTextureAlignment(ordinal);
        Context = CudaContext.RetainPrimary(ordinal);
        try
        {
            Stream = CudaStream.Create(Context);
            _hwDeviceRef = CreateHwDevice(Context, Stream);
        }
        catch
        {
            Stream?.Dispose();
            Context.Dispose();
            throw;
        }
        Name = $"CUDA {ordinal}: {Info.Name} (sm_{Info.ComputeCapability.Major}{Info.ComputeCapability.Minor}, {Info.TotalMemoryBytes / (1024 * 1024)} MiB{(IsEmulator ? ", emulator" : "")})";
    }

    /// <inheritdoc />
    public override DeviceKind Kind => DeviceKind.Cuda;

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The device's index, name, compute capability and memory.</summary>
    internal CudaDeviceInfo Info { get; }

    /// <summary>The device's primary context, shared with FFmpeg's decoders and encoders.</summary>
    internal CudaContext Context { get; }

    /// <summary>The non-blocking stream transfers and kernels are queued on.</summary>
    internal CudaStream Stream { get; }

    /// <summary>True when the driver is Ovni's host-memory emulator (CI), not a GPU.</summary>
    public bool IsEmulator { get; }

    /// <summary>True for the process-wide instance from <see cref="ComputeDevice.Get"/>; disposing it does nothing.</summary>
    public bool IsShared { get; }

    /// <summary>CU_DEVICE_ATTRIBUTE_TEXTURE_ALIGNMENT, the row alignment of CUDA frames.</summary>
    internal int TextureAlignment { get; }

    private static int QueryTextureAlignment(int ordinal)
    {
        int device, alignment;
        CudaCheck.ThrowIfFailed(Interop.Cuda.CudaApi.cuDeviceGet(&device, ordinal));
        CudaCheck.ThrowIfFailed(Interop.Cuda.CudaApi.cuDeviceGetAttribute(&alignment, Interop.Cuda.CudaDeviceAttribute.TextureAlignment, device));
        return alignment;
    }

    /// <summary>The AVBufferRef of FFmpeg's CUDA AVHWDeviceContext built on <see cref="Context"/>.</summary>
    internal void* HwDeviceRef
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return _hwDeviceRef;
        }
    }

    /// <summary>Opens a private instance of device <paramref name="ordinal"/>; dispose it after the frames, readers and writers that use it.</summary>
    /// <exception cref="OvniException">CUDA is unavailable or there is no such device.</exception>
    public static CudaDevice Open(int ordinal = 0) => Open(ordinal, null);

    /// <summary>Opens a private instance of device <paramref name="ordinal"/> with its own pool limits.</summary>
    internal static CudaDevice Open(int ordinal, CudaDeviceOptions? options)
    {
        CheckOrdinal(ordinal);
        return new CudaDevice(ordinal, options ?? new CudaDeviceOptions(), shared: false);
    }

    /// <summary>The process-wide instance of device <paramref name="ordinal"/>, opened on first use.</summary>
    internal static CudaDevice Shared(int ordinal)
    {
        lock (s_sharedGate)
        {
            if (s_shared.TryGetValue(ordinal, out CudaDevice? device)) return device;
            CheckOrdinal(ordinal);
            device = new CudaDevice(ordinal, new CudaDeviceOptions(), shared: true);
            s_shared[ordinal] = device;
            return device;
        }
    }

    private static void CheckOrdinal(int ordinal)
    {
        CudaDriver.EnsureInitialized();
        int count = CudaDriver.DeviceCount;
        if (ordinal < 0 || ordinal >= count)
            throw new OvniException($"CUDA device {ordinal} does not exist: the driver reports {count} device(s).");
    }

    /// <summary>Ovni.Kernels' catalog on this device: checked calls, launches, resident tables (modules load on first use).</summary>
    internal CudaKernels Kernels
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            if (_kernels is null) Interlocked.CompareExchange(ref _kernels, new CudaKernels(this), null);
            return _kernels;
        }
    }

    /// <summary>Free and total device memory in bytes, as the driver reports them now.</summary>
    public (long FreeBytes, long TotalBytes) GetMemoryInfo() => Context.GetMemoryInfo();

    /// <inheritdoc/>
    public override long? FreeMemoryBytes => GetMemoryInfo().FreeBytes;

    /// <summary>Starts a monitor that reports free-VRAM threshold crossings of this device; dispose it to stop.</summary>
    internal VramMonitor CreateVramMonitor(VramMonitorOptions options) => new(Context, options);

    /// <summary>Waits until the device's stream has finished its queued work.</summary>
    public void Synchronize() => Stream.Synchronize();

    /// <summary>
    /// A device frame from the pool of its format and size. Rented under the pool lock: the frame then holds its own
    /// reference to the frames context, so a concurrent eviction of the pool cannot pull it away.
    /// </summary>
    internal GpuFrame RentDeviceFrame(int softwareFormat, int width, int height)
    {
        lock (_poolGate) return GetFramePool(Devices.Cuda.CudaFrameFormats.ToDevicePool(softwareFormat), width, height).Rent();
    }

    /// <inheritdoc />
    internal override GpuFrame RentFrame(PixelFormat format, int width, int height, OvniConfiguration configuration) =>
        RentDeviceFrame(PixelFormatInfo.ToNative(format), width, height);

    /// <inheritdoc />
    internal override bool AttachDecoder(void* codecContext)
    {
        CudaDecoding.Attach(codecContext, this);
        return true;
    }

    /// <inheritdoc />
    internal override GpuFrame CopyFrom(GpuFrame frame)
    {
        if (frame.Device.Kind == DeviceKind.Cpu) return frame.Upload(this);
        using GpuFrame host = frame.Download();
        return host.Upload(this);
    }

    /// <inheritdoc />
    internal override GpuFrame CopyToHost(GpuFrame frame)
    {
        if (frame.HwFramesRef == null)
            throw new OvniException($"Frame {frame.Index} on {Name} has no CUDA frames context to download from.");
        GpuFrame target = RentHostFrame(frame.SoftwareNativeFormat, frame.Width, frame.Height);
        try
        {
            frame.DownloadInto(target);
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>The device frame pool for a software format and size (created on first use, least recently used evicted).</summary>
    private CudaFramePool GetFramePool(int softwareFormat, int width, int height)
    {
        var key = (softwareFormat, width, height);
        lock (_poolGate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            if (_devicePools.TryGetValue(key, out CudaFramePool? pool))
            {
                if (_recentDevicePools.First!.Value != key)
                {
                    _recentDevicePools.Remove(key);
                    _recentDevicePools.AddFirst(key);
                }
                return pool;
            }
            pool = new CudaFramePool(this, softwareFormat, width, height, _options.MaxFramesPerPool);
            _devicePools[key] = pool;
            _recentDevicePools.AddFirst(key);
            while (_recentDevicePools.Count > Math.Max(1, _options.MaxCachedPools))
            {
                var oldest = _recentDevicePools.Last!.Value;
                _recentDevicePools.RemoveLast();
                _devicePools.Remove(oldest, out CudaFramePool? evicted);
                evicted?.Dispose(); // frames still out keep their memory until disposed
                if (_hostPools.Remove(oldest, out FramePool? host)) host.Dispose();
            }
            return pool;
        }
    }

    /// <summary>A host frame to download into, from a pooled host frame pool (or a one-off pool once the device is disposed).</summary>
    internal GpuFrame RentHostFrame(int format, int width, int height)
    {
        var key = (format, width, height);
        lock (_poolGate)
        {
            if (_disposed != 0)
            {
                // The frame outlived its device: its memory is still valid, so a download still works.
                using var oneOff = new FramePool(PixelFormatInfo.FromNative(format).Format, width, height);
                return oneOff.Rent();
            }
            if (!_hostPools.TryGetValue(key, out FramePool? pool))
            {
                pool = new FramePool(PixelFormatInfo.FromNative(format).Format, width, height);
                if (_hostPools.Count >= Math.Max(1, _options.MaxCachedPools))
                {
                    foreach (var stale in _hostPools.Keys.Where(k => !_devicePools.ContainsKey(k)).ToList())
                        if (_hostPools.Remove(stale, out FramePool? old)) old.Dispose();
                }
                _hostPools[key] = pool;
            }
            return pool.Rent();
        }
    }

    /// <summary>Device buffers alive across this device's pools (in frames or parked for reuse).</summary>
    internal int LiveFrameBuffers
    {
        get
        {
            lock (_poolGate) return _devicePools.Values.Sum(p => p.LiveBuffers);
        }
    }

    /// <summary>Releases all pools; frames still out keep their memory until disposed.</summary>
    public void TrimPools()
    {
        lock (_poolGate)
        {
            foreach (CudaFramePool pool in _devicePools.Values) pool.Dispose();
            foreach (FramePool pool in _hostPools.Values) pool.Dispose();
            _devicePools.Clear();
            _hostPools.Clear();
            _recentDevicePools.Clear();
        }
    }

    private static void* CreateHwDevice(CudaContext context, CudaStream stream)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        int type;
        fixed (byte* name = "cuda\0"u8) type = FFmpegApi.av_hwdevice_find_type_by_name(name);
        if (type < 0) throw new OvniException($"This FFmpeg ({FFmpegRuntime.VersionText}) was built without CUDA hw device support.");
        void* deviceRef = FFmpegApi.av_hwdevice_ctx_alloc(type);
        if (deviceRef == null) throw new OutOfMemoryException("av_hwdevice_ctx_alloc(CUDA) failed.");

        // FFmpeg uses our context and stream but never destroys them (it did not create them); they must
        // outlive every frames context and codec holding the hw device, so the device holds a reference on
        // each, given back by its free callback when FFmpeg drops the last reference.
        var keepAlive = new HwDeviceKeepAlive(context, stream);
        byte* device = *(byte**)((byte*)deviceRef + 8);
        byte* cuda = *(byte**)(device + l.HwDeviceHwctx);
        *(nint*)(cuda + l.CudaDeviceCtxCudaCtx) = context.DangerousGetHandle();
        *(nint*)(cuda + l.CudaDeviceCtxStream) = stream.DangerousGetHandle();
        *(void**)(device + l.HwDeviceUserOpaque) = (void*)GCHandle.ToIntPtr(keepAlive.Handle);
        *(delegate* unmanaged[Cdecl]<void*, void>*)(device + l.HwDeviceFree) = &HwDeviceFreed;
        FFmpegLog.ClearLastError();
        int result = FFmpegApi.av_hwdevice_ctx_init(deviceRef);
        if (result < 0)
        {
            string? detail = FFmpegLog.TakeLastError();
            FFmpegApi.av_buffer_unref(&deviceRef);
            throw new OvniException($"FFmpeg could not attach its CUDA hw device to Ovni's context: {AvError.Describe(result)}{(detail is null ? "" : $" ({detail})")}.");
        }
        return deviceRef;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void HwDeviceFreed(void* device)
    {
        try
        {
            nint opaque = *(nint*)((byte*)device + FFmpegRuntime.Layout.HwDeviceUserOpaque);
            var handle = GCHandle.FromIntPtr(opaque);
            ((HwDeviceKeepAlive)handle.Target!).Release();
            handle.Free();
        }
        catch
        {
            // never unwind into FFmpeg
        }
    }

    /// <summary>Releases the pools, FFmpeg's hw device, the stream and the context (private instances only).</summary>
    public void Dispose()
    {
        if (IsShared || Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _kernels?.Dispose();
        TrimPools();
        void* deviceRef = _hwDeviceRef;
        _hwDeviceRef = null;
        if (deviceRef != null) FFmpegApi.av_buffer_unref(&deviceRef);
        Stream.Dispose();
        Context.Dispose();
    }

    private sealed class HwDeviceKeepAlive
    {
        private readonly CudaContext _context;
        private readonly CudaStream _stream;

        public HwDeviceKeepAlive(CudaContext context, CudaStream stream)
        {
            _context = context;
            _stream = stream;
            bool added = false;
            context.DangerousAddRef(ref added);
            added = false;
            stream.DangerousAddRef(ref added);
            Handle = GCHandle.Alloc(this);
        }

        public GCHandle Handle { get; }

        public void Release()
        {
            _stream.DangerousRelease();
            _context.DangerousRelease();
        }
    }
}
