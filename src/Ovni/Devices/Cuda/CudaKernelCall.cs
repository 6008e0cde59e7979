// The one way a kernel is launched: the arguments of one launch, checked as they are added. Each must match the
// kernel's declared parameter at that position, every frame plane must be on the launcher's device with a pitch and
// size the kernel can index safely, and every buffer must belong to the kernel's context. A wrong argument therefore
// fails here, with the argument and the kernel named, and never as a fault on the GPU.
namespace Ovni.Devices.Cuda;

/// <summary>
/// Arguments for one launch of a <see cref="CudaKernelSignature"/>; get one from <see cref="CudaKernelLauncher.CreateCall"/>
/// (frames of a device) or <see cref="CudaFunction.CreateCall"/> (buffers of a context), launch it with the same object.
/// </summary>
internal struct CudaKernelCall
{
    internal CudaKernelArguments Arguments;
    private readonly CudaContext? _context;
    private readonly CudaDevice? _device;
    private int _next;

    internal CudaKernelCall(CudaKernelSignature kernel, CudaContext context, CudaDevice? device)
    {
        Kernel = kernel;
        _context = context;
        _device = device;
    }

    /// <summary>The kernel these arguments are for.</summary>
    public CudaKernelSignature? Kernel { get; }

    /// <summary>Parameters added so far (a plane counts once).</summary>
    public readonly int Added => _next;

    /// <summary>Adds a frame plane: its device address and pitch.</summary>
    /// <exception cref="OvniException">The frame is not on the launcher's device, or its plane's geometry is unusable.</exception>
    public void AddPlane(GpuFrame frame, int plane)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Expect(CudaKernelParameterKind.Plane);
        string kernel = Kernel!.EntryName;
        CudaDevice device = _device ?? throw new OvniException($"Kernel {kernel}: this call was made for a CUDA context, not a device, so it takes buffers, not frames.");
        if (frame.Device != device)
        {
            throw new OvniException(frame.Device.Kind == DeviceKind.Cpu
                ? $"Kernel {kernel}: frame {frame.Index} is in host memory; upload it to {device.Name} first."
                : $"Kernel {kernel}: frame {frame.Index} lives on {frame.Device.Name}, but the kernel runs on {device.Name}.");
        }
        PixelFormatInfo info = frame.FormatInfo;
        if ((uint)plane >= (uint)info.PlaneCount)
            throw new OvniException($"Kernel {kernel}: a {info.Name} frame has no plane {plane} (it has {info.PlaneCount}).");
        if ((info.Log2ChromaWidth != 0 && (frame.Width & 1) != 0) || (info.Log2ChromaHeight != 0 && (frame.Height & 1) != 0))
            throw new OvniException($"Kernel {kernel}: frame {frame.Index} is {frame.Width}x{frame.Height} {info.Name}; chroma-subsampled frames need even dimensions.");
        int pitch = frame.GetPitch(plane);
        int rowBytes = info.PlaneWidthBytes(plane, frame.Width);
        if (pitch < rowBytes)
            throw new OvniException($"Kernel {kernel}: frame {frame.Index} plane {plane} has pitch {pitch}, smaller than its {rowBytes}-byte rows.");
        if (pitch % info.BytesPerSample != 0)
            throw new OvniException($"Kernel {kernel}: frame {frame.Index} plane {plane} pitch {pitch} is not a multiple of its {info.BytesPerSample}-byte samples.");
        nint address = frame.GetPlanePointer(plane);
        if (address == 0)
            throw new OvniException($"Kernel {kernel}: frame {frame.Index} plane {plane} has no device memory.");
        Arguments.Add((ulong)address);
        Arguments.Add(pitch);
        _next++;
    }

    /// <summary>
    /// Adds a pitched buffer read as a <paramref name="width"/> x <paramref name="height"/> plane of
    /// <paramref name="bytesPerPixel"/>-byte pixels (address, then the buffer's pitch), after checking it holds them.
    /// </summary>
    /// <exception cref="OvniException">The plane does not fit the buffer, or the buffer belongs to another context.</exception>
    public void AddPlane(CudaDeviceBuffer buffer, int width, int height, int bytesPerPixel, bool requireEvenDimensions = false)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Expect(CudaKernelParameterKind.Plane);
        buffer.ValidatePlane(width, height, bytesPerPixel, requireEvenDimensions);
        CheckContext(buffer);
        Arguments.Add(buffer);
        Arguments.Add((int)buffer.Pitch);
        _next++;
    }

    /// <summary>
    /// Adds a buffer read as rows <paramref name="pitch"/> bytes apart: its own pitch, or for a linear buffer any row
    /// length within it (packed rows). The caller has checked the geometry against the kernel's size arguments.
    /// </summary>
    /// <exception cref="OvniException">The pitch does not fit the buffer, or the buffer belongs to another context.</exception>
    public void AddPlane(CudaDeviceBuffer buffer, int pitch)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Expect(CudaKernelParameterKind.Plane);
        long limit = buffer.Height == 1 ? buffer.WidthInBytes : buffer.Pitch;
        if (pitch <= 0 || pitch > limit)
            throw new OvniException($"Kernel {Kernel!.EntryName}: pitch {pitch} of argument {_next} does not fit its {buffer.WidthInBytes}-byte x {buffer.Height}-row buffer.");
        CheckContext(buffer);
        Arguments.Add(buffer);
        Arguments.Add(pitch);
        _next++;
    }

    /// <summary>
    /// Adds a plane given by its device address and pitch, for memory Ovni does not own as a buffer (a frame of FFmpeg's,
    /// a test's allocation). Only the address and pitch can be checked here.
    /// </summary>
    /// <exception cref="OvniException">The address is null or the pitch not positive.</exception>
    public void AddPlane(ulong address, int pitch)
    {
        Expect(CudaKernelParameterKind.Plane);
        if (address == 0 || pitch <= 0)
            throw new OvniException($"Kernel {Kernel!.EntryName}: argument {_next} has no device address or a pitch of {pitch}.");
        Arguments.Add(address);
        Arguments.Add(pitch);
        _next++;
    }

    /// <summary>Adds the address of a device buffer (a table the kernel reads), checked to be in the kernel's context.</summary>
    /// <exception cref="OvniException">The buffer belongs to another device's context.</exception>
    public void AddBuffer(CudaDeviceBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Expect(CudaKernelParameterKind.DevicePointer);
        CheckContext(buffer);
        Arguments.Add(buffer);
        _next++;
    }

    /// <summary>Adds a 32-bit integer.</summary>
    public void AddInt32(int value)
    {
        Expect(CudaKernelParameterKind.Int32);
        Arguments.Add(value);
        _next++;
    }

    /// <summary>Adds a 32-bit float.</summary>
    public void AddFloat32(float value)
    {
        Expect(CudaKernelParameterKind.Float32);
        Arguments.Add(value);
        _next++;
    }

    internal readonly void EnsureComplete(string entryName)
    {
        if (Kernel is null || _context is null)
            throw new OvniException("This CudaKernelCall was not created by CudaKernelLauncher.CreateCall or CudaFunction.CreateCall.");
        if (Kernel.EntryName != entryName)
            throw new OvniException($"Arguments for kernel {Kernel.EntryName} cannot launch {entryName}.");
        if (_next != Kernel.Parameters.Count)
            throw new OvniException($"Kernel {Kernel.EntryName} takes {Kernel.Parameters.Count} parameters ({string.Join(", ", Kernel.Parameters)}), but {_next} were added.");
    }

    private readonly void CheckContext(CudaDeviceBuffer buffer)
    {
        ObjectDisposedException.ThrowIf(buffer.IsClosed, buffer);
        if (buffer.Context != _context)
            throw new OvniException($"Kernel {Kernel!.EntryName}: buffer argument {_next} was allocated on another CUDA context than {(_device is null ? "the kernel's" : _device.Name + "'s")}.");
    }

    private readonly void Expect(CudaKernelParameterKind kind)
    {
        if (Kernel is null || _context is null)
            throw new OvniException("This CudaKernelCall was not created by CudaKernelLauncher.CreateCall or CudaFunction.CreateCall.");
        if (_next >= Kernel.Parameters.Count)
            throw new OvniException($"Kernel {Kernel.EntryName} takes {Kernel.Parameters.Count} parameters; a {kind} is one too many.");
        CudaKernelParameterKind declared = Kernel.Parameters[_next];
        if (declared != kind)
            throw new OvniException($"Kernel {Kernel.EntryName}: parameter {_next} is declared {declared}, not {kind}.");
    }
}
