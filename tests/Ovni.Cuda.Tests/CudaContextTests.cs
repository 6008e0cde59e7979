// Contexts: primary retain/release, private contexts, and the push scope on thread-pool threads.
using Ovni.Devices.Cuda;
using Ovni.Interop.Cuda;

namespace Ovni.Cuda.Tests;

public sealed class CudaContextTests
{
    [Fact]
    public void The_primary_context_is_one_shared_context_and_private_contexts_are_distinct()
    {
        CudaTestEnvironment.RequireEmulator();

        using CudaContext first = CudaContext.RetainPrimary();
        using CudaContext second = CudaContext.RetainPrimary();
        using CudaContext own = CudaContext.Create();

        Assert.True(first.IsPrimary);
        Assert.Equal(first.DangerousGetHandle(), second.DangerousGetHandle());
        Assert.False(own.IsPrimary);
        Assert.NotEqual(first.DangerousGetHandle(), own.DangerousGetHandle());
        Assert.Equal(0, Current());
    }

    [Fact]
    public void Push_makes_the_context_current_until_the_scope_ends()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.Create();

        using (context.Push())
        {
            Assert.Equal(context.DangerousGetHandle(), Current());
        }

        Assert.Equal(0, Current());
    }

    [Fact]
    public async Task Work_on_thread_pool_threads_runs_inside_a_pushed_scope()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        byte[] data = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();

        byte[][] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            using CudaDeviceBuffer buffer = CudaDeviceBuffer.Allocate(context, data.Length);
            buffer.CopyFromHost(data, data.Length);
            var back = new byte[data.Length];
            buffer.CopyToHost(back, back.Length);
            return back;
        }, TestContext.Current.CancellationToken)));

        Assert.All(results, result => Assert.Equal(data, result));
    }

    [Fact]
    public unsafe void Destroying_a_private_context_frees_what_was_allocated_in_it()
    {
        CudaTestEnvironment.RequireEmulator();
        long before = CudaTestEnvironment.LiveAllocations();
        CudaContext context = CudaContext.Create();
        ulong pointer;
        using (context.Push())
        {
            Assert.Equal(CudaResult.Success, CudaApi.cuMemAlloc_v2(&pointer, 1 << 20));
        }
        Assert.Equal(before + 1, CudaTestEnvironment.LiveAllocations());

        context.Dispose();

        Assert.Equal(before, CudaTestEnvironment.LiveAllocations());
    }

    private static unsafe nint Current()
    {
        nint context;
        Assert.Equal(CudaResult.Success, CudaApi.cuCtxGetCurrent(&context));
        return context;
    }
}
