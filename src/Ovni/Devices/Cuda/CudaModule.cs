// A loaded PTX module. The driver JIT-compiles PTX for the device at load time; when that fails, its
// error log is the only useful diagnostic, so it is captured and put into the exception.
using System.Runtime.InteropServices;
using System.Text;
using Ovni.Interop.Cuda;

namespace Ovni.Devices.Cuda;

/// <summary>A CUDA module (<c>CUmodule</c>) loaded from PTX text.</summary>
internal sealed unsafe class CudaModule : SafeHandle
{
    private const int LogCapacity = 8192;

    private CudaModule(CudaContext context, nint module, string infoLog) : base(0, ownsHandle: true)
    {
        Context = context;
        InfoLog = infoLog;
        SetHandle(module);
    }

    /// <summary>The context the module is loaded in; its functions launch only there.</summary>
    public CudaContext Context { get; }

    /// <summary>The JIT compiler's informational log from loading.</summary>
    public string InfoLog { get; }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>Loads PTX text (UTF-8, NUL terminator optional) into a context.</summary>
    /// <exception cref="CudaException">The driver rejected the PTX; the message holds the JIT error log.</exception>
    public static CudaModule Load(CudaContext context, ReadOnlySpan<byte> ptx)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ptx.IsEmpty)
        {
            throw new OvniException("Cannot load an empty PTX image.");
        }
        // The driver reads the image up to its NUL terminator; a one-off copy guarantees there is one.
        byte[] image = new byte[ptx.Length + 1];
        ptx.CopyTo(image);
        byte* errorLog = stackalloc byte[LogCapacity];
        byte* infoLog = stackalloc byte[LogCapacity];
        errorLog[0] = 0;
        infoLog[0] = 0;
        CudaJitOption* options = stackalloc CudaJitOption[4];
        void** values = stackalloc void*[4];
        options[0] = CudaJitOption.ErrorLogBuffer;
        values[0] = errorLog;
        options[1] = CudaJitOption.ErrorLogBufferSizeBytes;
        values[1] = (void*)LogCapacity;
        options[2] = CudaJitOption.InfoLogBuffer;
        values[2] = infoLog;
        options[3] = CudaJitOption.InfoLogBufferSizeBytes;
        values[3] = (void*)LogCapacity;

        bool added = false;
        context.DangerousAddRef(ref added);
        try
        {
            using CudaContextScope scope = context.Push();
            nint module;
            CudaResult result;
            fixed (byte* imagePointer = image)
            {
                result = CudaApi.cuModuleLoadDataEx(&module, imagePointer, 4, options, values);
            }
            if (result != CudaResult.Success)
            {
                string log = ReadLog(errorLog);
                throw CudaCheck.Failure(result, "cuModuleLoadDataEx(&module, image, 4, options, values)",
                    log.Length > 0 ? "JIT error log: " + log : null);
            }
            added = false;
            return new CudaModule(context, module, ReadLog(infoLog));
        }
        finally
        {
            if (added)
            {
                context.DangerousRelease();
            }
        }
    }

    /// <summary>Looks up a kernel by its PTX entry name.</summary>
    /// <exception cref="CudaException">No entry of that name (<see cref="CudaResult.NotFound"/>).</exception>
    public CudaFunction GetFunction(string entryName)
    {
        ArgumentException.ThrowIfNullOrEmpty(entryName);
        ObjectDisposedException.ThrowIf(IsClosed, this);
        int length = Encoding.UTF8.GetByteCount(entryName);
        Span<byte> name = length < 512 ? stackalloc byte[length + 1] : new byte[length + 1];
        Encoding.UTF8.GetBytes(entryName, name);
        name[length] = 0;
        nint function;
        using CudaContextScope scope = Context.Push();
        fixed (byte* namePointer = name)
        {
            CudaResult result = CudaApi.cuModuleGetFunction(&function, handle, namePointer);
            if (result != CudaResult.Success)
            {
                throw CudaCheck.Failure(result, $"cuModuleGetFunction(&function, module, \"{entryName}\")", null);
            }
        }
        return new CudaFunction(this, function, entryName);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        CudaResult result = Context.WithCurrent(handle, &Unload);
        Context.DangerousRelease();
        return result == CudaResult.Success;
    }

    private static CudaResult Unload(nint module) => CudaApi.cuModuleUnload(module);

    private static string ReadLog(byte* log) => (Marshal.PtrToStringUTF8((nint)log) ?? string.Empty).Trim();
}
