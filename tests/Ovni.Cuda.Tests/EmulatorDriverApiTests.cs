// Driver calls the emulator implements beyond those Ovni's wrappers use (events, memsets, page-locked
// host memory, streams, JIT log sizes, error names), called through the exports as FFmpeg would.
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Ovni.Devices.Cuda;
using Ovni.Interop.Cuda;

namespace Ovni.Cuda.Tests;

public sealed unsafe partial class EmulatorDriverApiTests
{
    private static nint Export(string name) => NativeLibrary.GetExport(CudaLibrary.TryLoad(), name);

    [Fact]
    public void Exports_every_symbol_FFmpegs_CUDA_loader_requires()
    {
        CudaTestEnvironment.RequireEmulator();
        const string header = "/usr/include/ffnvcodec/dynlink_loader.h";
        if (!File.Exists(header))
        {
            Assert.Skip($"{header} (package libffmpeg-nvenc-dev) is not installed");
        }
        string text = File.ReadAllText(header);
        int start = text.IndexOf("cuda_load_functions(", StringComparison.Ordinal);
        int end = text.IndexOf("GENERIC_LOAD_FUNC_FINALE(cuda)", start, StringComparison.Ordinal);
        string loader = Regex.Replace(text[start..end], @"#if defined\(_WIN32\).*?#endif", string.Empty, RegexOptions.Singleline);

        string[] required = RequiredSymbol().Matches(loader).Select(match => match.Groups[1].Value).ToArray();

        Assert.True(required.Length > 50, $"parsed only {required.Length} symbols from {header}");
        string[] missing = required.Where(name => !NativeLibrary.TryGetExport(CudaLibrary.TryLoad(), name, out _)).ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void Error_names_follow_the_driver_naming_for_every_code()
    {
        CudaTestEnvironment.RequireEmulator();
        foreach (CudaResult code in Enum.GetValues<CudaResult>())
        {
            (string? name, string? text) = CudaCheck.Describe(code);
            string expected = code == CudaResult.Success ? "CUDA_SUCCESS" : "CUDA_ERROR_" + Screaming(code.ToString());
            Assert.Equal(expected, name);
            Assert.False(string.IsNullOrWhiteSpace(text));
        }
        var getName = (delegate* unmanaged<CudaResult, byte**, CudaResult>)Export("cuGetErrorName");
        byte* unknown = (byte*)1;
        Assert.Equal(CudaResult.InvalidValue, getName((CudaResult)12345, &unknown));
        Assert.True(unknown == null);
    }

    [Fact]
    public void Events_measure_elapsed_time_and_reject_unrecorded_or_untimed_events()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaContextScope scope = context.Push();
        var create = (delegate* unmanaged<nint*, uint, CudaResult>)Export("cuEventCreate");
        var record = (delegate* unmanaged<nint, nint, CudaResult>)Export("cuEventRecord");
        var elapsed = (delegate* unmanaged<float*, nint, nint, CudaResult>)Export("cuEventElapsedTime");
        var query = (delegate* unmanaged<nint, CudaResult>)Export("cuEventQuery");
        var destroy = (delegate* unmanaged<nint, CudaResult>)Export("cuEventDestroy_v2");
        nint start, end, untimed;
        Assert.Equal(CudaResult.Success, create(&start, 0));
        Assert.Equal(CudaResult.Success, create(&end, 0));
        Assert.Equal(CudaResult.Success, create(&untimed, 2));
        float milliseconds;

        Assert.Equal(CudaResult.InvalidHandle, elapsed(&milliseconds, start, end));
        Assert.Equal(CudaResult.Success, record(start, 0));
        Thread.Sleep(30);
        Assert.Equal(CudaResult.Success, record(end, 0));
        Assert.Equal(CudaResult.Success, record(untimed, 0));
        Assert.Equal(CudaResult.Success, elapsed(&milliseconds, start, end));
        Assert.InRange(milliseconds, 25f, 5000f);
        Assert.Equal(CudaResult.InvalidHandle, elapsed(&milliseconds, start, untimed));
        Assert.Equal(CudaResult.Success, query(end));
        Assert.Equal(CudaResult.Success, destroy(start));
        Assert.Equal(CudaResult.InvalidHandle, destroy(start));
        Assert.Equal(CudaResult.Success, destroy(end));
        Assert.Equal(CudaResult.Success, destroy(untimed));
    }

    [Fact]
    public void Memsets_of_8_16_and_32_bit_values_fill_exactly_the_requested_elements()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaDeviceBuffer buffer = CudaDeviceBuffer.AllocatePitched(context, 64, 4);
        buffer.Fill(0);
        var d16 = (delegate* unmanaged<ulong, ushort, nuint, CudaResult>)Export("cuMemsetD16_v2");
        var d32 = (delegate* unmanaged<ulong, uint, nuint, CudaResult>)Export("cuMemsetD32_v2");
        var d2d32 = (delegate* unmanaged<ulong, nuint, uint, nuint, nuint, CudaResult>)Export("cuMemsetD2D32_v2");
        var host = new byte[64 * 4];

        using (context.Push())
        {
            Assert.Equal(CudaResult.Success, d16(buffer.DevicePointer, 0xBEEF, 3));
            Assert.Equal(CudaResult.Success, d2d32(buffer.DevicePointer + (ulong)buffer.Pitch + 8, (nuint)buffer.Pitch, 0x01020304, 2, 3));
            Assert.Equal(CudaResult.InvalidValue, d32(buffer.DevicePointer + 2, 7, 1));
        }
        buffer.CopyToHost(host, 64);

        Assert.Equal(new byte[] { 0xEF, 0xBE, 0xEF, 0xBE, 0xEF, 0xBE, 0, 0 }, host[..8]);
        for (int row = 1; row < 4; row++)
        {
            byte[] expected = [0, 0, 0, 0, 0, 0, 0, 0, 4, 3, 2, 1, 4, 3, 2, 1, 0, 0];
            Assert.Equal(expected, host.AsSpan(row * 64, 18).ToArray());
        }
    }

    [Fact]
    public void Page_locked_host_memory_is_counted_copied_from_and_freed_only_as_host_memory()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaDeviceBuffer device = CudaDeviceBuffer.Allocate(context, 1024);
        var allocHost = (delegate* unmanaged<void**, nuint, CudaResult>)Export("cuMemAllocHost_v2");
        var freeHost = (delegate* unmanaged<void*, CudaResult>)Export("cuMemFreeHost");
        long before = CudaTestEnvironment.LiveAllocations();
        long bytesBefore = CudaTestEnvironment.LiveBytes();
        var back = new byte[1024];

        using (context.Push())
        {
            void* pinned;
            Assert.Equal(CudaResult.Success, allocHost(&pinned, 1024));
            Assert.Equal(before + 1, CudaTestEnvironment.LiveAllocations());
            Assert.Equal(bytesBefore, CudaTestEnvironment.LiveBytes());
            new Span<byte>(pinned, 1024).Fill(0x77);
            Assert.Equal(CudaResult.Success, CudaApi.cuMemcpyHtoD_v2(device.DevicePointer, pinned, 1024));
            Assert.Equal(CudaResult.InvalidValue, freeHost((void*)device.DevicePointer));
            Assert.Equal(CudaResult.Success, freeHost(pinned));
        }
        device.CopyToHost(back, 1024);

        Assert.Equal(before, CudaTestEnvironment.LiveAllocations());
        Assert.All(back, b => Assert.Equal(0x77, b));
    }

    [Fact]
    public void A_destroyed_stream_is_an_invalid_handle()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        var query = (delegate* unmanaged<nint, CudaResult>)Export("cuStreamQuery");
        CudaStream stream = CudaStream.Create(context);
        nint handle = stream.DangerousGetHandle();

        Assert.Equal(CudaResult.Success, query(handle));
        stream.Dispose();

        Assert.Equal(CudaResult.InvalidHandle, query(handle));
        Assert.Equal(CudaResult.InvalidHandle, CudaApi.cuStreamSynchronize(handle));
    }

    [Fact]
    public void The_JIT_error_log_size_option_returns_the_bytes_written()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaContextScope scope = context.Push();
        byte* log = stackalloc byte[64];
        CudaJitOption* options = stackalloc CudaJitOption[2];
        void** values = stackalloc void*[2];
        options[0] = CudaJitOption.ErrorLogBuffer;
        values[0] = log;
        options[1] = CudaJitOption.ErrorLogBufferSizeBytes;
        values[1] = (void*)64;
        byte[] garbage = [.. TestPtx.Garbage, 0];
        nint module;

        fixed (byte* image = garbage)
        {
            Assert.Equal(CudaResult.InvalidPtx, CudaApi.cuModuleLoadDataEx(&module, image, 2, options, values));
        }

        string text = Marshal.PtrToStringUTF8((nint)log)!;
        Assert.Equal(63, text.Length);  // truncated to the buffer, NUL included
        Assert.Equal(64, (int)(nint)values[1]);
        Assert.StartsWith("ovni-cuda-emu ptx: fatal", text);
    }

    [Fact]
    public void The_current_context_is_per_thread()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.Create();
        nint seenOnOtherThread = -1;

        using (context.Push())
        {
            var thread = new Thread(() =>
            {
                nint current;
                CudaApi.cuCtxGetCurrent(&current);
                seenOnOtherThread = current;
            });
            thread.Start();
            thread.Join();
        }

        Assert.Equal(0, seenOnOtherThread);
    }

    [Fact]
    public void Launch_limits_and_unsupported_calls_return_driver_errors()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaModule module = CudaModule.Load(context, TestPtx.AddOne);
        CudaFunction addOne = module.GetFunction("add_one");
        var texObjectCreate = (delegate* unmanaged<CudaResult>)Export("cuTexObjectCreate");
        using CudaDeviceBuffer plane = CudaDeviceBuffer.AllocatePitched(context, 64, 32);
        CudaKernelCall call = addOne.CreateCall(TestKernels.AddOne);
        call.AddPlane(plane, 64, 32, 1);
        call.AddInt32(64);
        call.AddInt32(32);

        CudaException tooManyThreads = Assert.Throws<CudaException>(() => addOne.Launch(ref call, new CudaDim3(1), new CudaDim3(64, 32), null));

        Assert.Equal(CudaResult.InvalidValue, tooManyThreads.Result);
        Assert.Equal(CudaResult.NotSupported, texObjectCreate());
    }

    private static string Screaming(string pascal) => string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    [GeneratedRegex("""LOAD_SYMBOL\(\s*\w+\s*,\s*\w+\s*,\s*"(\w+)"\s*\)""")]
    private static partial Regex RequiredSymbol();
}
