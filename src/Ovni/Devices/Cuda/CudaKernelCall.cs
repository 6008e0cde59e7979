// The arguments of one launch, checked as they are added: each must match the kernel's declared parameter
// at that position, and every frame plane must be on the launcher's device with a pitch and size the kernel
// can index safely. A wrong frame therefore fails here, with the frame and the kernel named, and never as a
// fault on the GPU.
namespace Ovni.Devices.Cuda;

/// <summary>Arguments for one launch of a <see cref="CudaKernelSignature"/>; get one from <see cref="CudaKernelLauncher.CreateCall"/>.</summary>
public struct CudaKernelCall
{
    internal CudaKernelArguments Arguments;
    private readonly CudaDevice? _device;
    private int _next;

    internal CudaKernelCall(CudaKernelSignature kernel, CudaDevice device)
    {
        Kernel = kernel;
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
        CudaDevice device = Expect(CudaKernelParameterKind.Plane);
        string kernel = Kernel!.EntryName;
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

    internal readonly void EnsureComplete()
    {
        if (Kernel is null || _device is null)
            throw new OvniException("This CudaKernelCall was not created by CudaKernelLauncher.CreateCall.");
        if (_next != Kernel.Parameters.Count)
            throw new OvniException($"Kernel {Kernel.EntryName} takes {Kernel.Parameters.Count} parameters ({string.Join(", ", Kernel.Parameters)}), but {_next} were added.");
    }

    private readonly CudaDevice Expect(CudaKernelParameterKind kind)
    {
        if (Kernel is null || _device is null)
            throw new OvniException("This CudaKernelCall was not created by CudaKernelLauncher.CreateCall.");
        if (_next >= Kernel.Parameters.Count)
            throw new OvniException($"Kernel {Kernel.EntryName} takes {Kernel.Parameters.Count} parameters; a {kind} is one too many.");
        CudaKernelParameterKind declared = Kernel.Parameters[_next];
        if (declared != kind)
            throw new OvniException($"Kernel {Kernel.EntryName}: parameter {_next} is declared {declared}, not {kind}.");
        return _device;
    }
}
