// PTX modules and kernel launches through the emulator's host kernels library, plus the checks that
// run before a launch reaches the driver.
using Ovni.Devices.Cuda;
using Ovni.Interop.Cuda;

namespace Ovni.Cuda.Tests;

public sealed class CudaModuleTests
{
    private static readonly CudaDim3 Block = new(16, 16);

    [Fact]
    public void Good_PTX_loads_and_its_entry_is_found_but_unknown_names_are_not()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();

        using CudaModule module = CudaModule.Load(context, TestPtx.AddOne);
        CudaFunction function = module.GetFunction("add_one");
        CudaException missing = Assert.Throws<CudaException>(() => module.GetFunction("add_two"));

        Assert.Equal("add_one", function.Name);
        Assert.Equal(CudaResult.NotFound, missing.Result);
        Assert.Contains("add_two", missing.Message);
    }

    [Fact]
    public void Garbage_PTX_fails_with_the_JIT_error_log_in_the_exception()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();

        CudaException error = Assert.Throws<CudaException>(() => CudaModule.Load(context, TestPtx.Garbage));

        Assert.Equal(CudaResult.InvalidPtx, error.Result);
        Assert.Contains("JIT error log", error.Message);
        Assert.Contains("no .version directive", error.Detail);
    }

    [Fact]
    public void PTX_without_entries_fails_and_says_so()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();

        CudaException error = Assert.Throws<CudaException>(() => CudaModule.Load(context, TestPtx.NoEntries));

        Assert.Equal(CudaResult.InvalidPtx, error.Result);
        Assert.Contains("no .entry", error.Detail);
    }

    [Fact]
    public void Launch_runs_the_kernel_on_every_pixel_of_a_pitched_plane()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaStream stream = CudaStream.Create(context);
        using CudaModule module = CudaModule.Load(context, TestPtx.AddOne);
        CudaFunction addOne = module.GetFunction("add_one");
        const int width = 101, height = 50;
        byte[] input = CudaDeviceBufferTests.RandomBytes(width * height, seed: 5);
        using CudaDeviceBuffer plane = CudaDeviceBuffer.AllocatePitched(context, width, height);
        plane.CopyFromHost(input, width);
        long launchesBefore = CudaTestEnvironment.KernelLaunches();

        CudaKernelCall call = addOne.CreateCall(TestKernels.AddOne);
        call.AddPlane(plane, width, height, bytesPerPixel: 1);
        call.AddInt32(width);
        call.AddInt32(height);
        addOne.Launch(ref call, CudaDim3.GridFor(width, height, Block), Block, stream);
        stream.Synchronize();
        var output = new byte[width * height];
        plane.CopyToHost(output, width);

        Assert.Equal(launchesBefore + 1, CudaTestEnvironment.KernelLaunches());
        for (int i = 0; i < input.Length; i++)
        {
            Assert.Equal((byte)(input[i] + 1), output[i]);
        }
    }

    [Fact]
    public void An_entry_the_host_kernels_library_lacks_fails_the_launch_with_not_found()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaModule module = CudaModule.Load(context, TestPtx.NotInHostLibrary);
        CudaFunction function = module.GetFunction("missing_on_host");
        using CudaDeviceBuffer buffer = CudaDeviceBuffer.Allocate(context, 256);

        CudaKernelCall call = function.CreateCall(new CudaKernelSignature("not_in_host_library", "missing_on_host", [CudaKernelParameterKind.DevicePointer]));
        call.AddBuffer(buffer);
        CudaException error = Assert.Throws<CudaException>(() => function.Launch(ref call, new CudaDim3(1), new CudaDim3(1), null));

        Assert.Equal(CudaResult.NotFound, error.Result);
        Assert.Contains("missing_on_host", error.Message);
    }

    [Fact]
    public void A_pitch_smaller_than_a_row_is_rejected_before_launch()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaDeviceBuffer plane = CudaDeviceBuffer.AllocatePitched(context, 600, 4);
        using CudaModule module = CudaModule.Load(context, TestPtx.AddOne);

        CudaKernelCall call = module.GetFunction("add_one").CreateCall(TestKernels.AddOne);
        OvniException error = Assert.Throws<OvniException>(() => call.AddPlane(plane, 600, 4, bytesPerPixel: 4));

        Assert.Contains("Pitch", error.Message);
        Assert.Equal(0, call.Added);
    }

    [Fact]
    public void Odd_sizes_are_rejected_where_the_format_subsamples_chroma()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaDeviceBuffer plane = CudaDeviceBuffer.AllocatePitched(context, 1920, 1081);

        plane.ValidatePlane(1920, 1081, 1);
        OvniException error = Assert.Throws<OvniException>(() => plane.ValidatePlane(1920, 1081, 1, requireEvenDimensions: true));

        Assert.Contains("even", error.Message);
    }

    [Fact]
    public void A_buffer_from_another_context_is_rejected_before_launch()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext primary = CudaContext.RetainPrimary();
        using CudaContext other = CudaContext.Create();
        using CudaModule module = CudaModule.Load(primary, TestPtx.AddOne);
        CudaFunction addOne = module.GetFunction("add_one");
        using CudaDeviceBuffer foreign = CudaDeviceBuffer.AllocatePitched(other, 64, 2);
        long launchesBefore = CudaTestEnvironment.KernelLaunches();

        CudaKernelCall call = addOne.CreateCall(TestKernels.AddOne);
        OvniException error = Assert.Throws<OvniException>(() =>
        {
            call.AddPlane(foreign, 64, 2, 1);
            call.AddInt32(64);
            call.AddInt32(2);
            addOne.Launch(ref call, new CudaDim3(4), Block, null);
        });

        Assert.Contains("another CUDA context", error.Message);
        Assert.Equal(launchesBefore, CudaTestEnvironment.KernelLaunches());
    }

    [Fact]
    public void Steady_state_launches_and_copies_allocate_no_managed_memory()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaStream stream = CudaStream.Create(context);
        using CudaModule module = CudaModule.Load(context, TestPtx.AddOne);
        CudaFunction addOne = module.GetFunction("add_one");
        using CudaDeviceBuffer plane = CudaDeviceBuffer.AllocatePitched(context, 64, 8);
        byte[] host = new byte[64 * 8];
        LaunchAndCopy(addOne, plane, stream, host);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            LaunchAndCopy(addOne, plane, stream, host);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void LaunchAndCopy(CudaFunction function, CudaDeviceBuffer plane, CudaStream stream, byte[] host)
    {
        plane.CopyFromHost(host, 64, stream);
        CudaKernelCall call = function.CreateCall(TestKernels.AddOne);
        call.AddPlane(plane, 64, 8, 1);
        call.AddInt32(64);
        call.AddInt32(8);
        function.Launch(ref call, new CudaDim3(4, 1), new CudaDim3(16, 8), stream);
        plane.CopyToHost(host, 64, stream);
    }

    [Fact]
    public void Ten_thousand_alloc_launch_free_cycles_leave_no_allocation_behind()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaModule module = CudaModule.Load(context, TestPtx.AddOne);
        CudaFunction addOne = module.GetFunction("add_one");
        long allocationsBefore = CudaTestEnvironment.LiveAllocations();
        long launchesBefore = CudaTestEnvironment.KernelLaunches();
        byte[] row = new byte[64];

        for (int i = 0; i < 10_000; i++)
        {
            using CudaDeviceBuffer plane = CudaDeviceBuffer.AllocatePitched(context, 32, 2);
            CudaKernelCall call = addOne.CreateCall(TestKernels.AddOne);
            call.AddPlane(plane, 32, 2, 1);
            call.AddInt32(32);
            call.AddInt32(2);
            addOne.Launch(ref call, new CudaDim3(1), new CudaDim3(32, 2), null);
            if (i == 9_999)
            {
                plane.Fill(41);
                addOne.Launch(ref call, new CudaDim3(1), new CudaDim3(32, 2), null);
                plane.CopyToHost(row.AsSpan(), 32);
            }
        }

        Assert.Equal(allocationsBefore, CudaTestEnvironment.LiveAllocations());
        Assert.Equal(launchesBefore + 10_001, CudaTestEnvironment.KernelLaunches());
        Assert.All(row, b => Assert.Equal(42, b));
    }
}
