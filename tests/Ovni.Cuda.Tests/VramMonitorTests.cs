// The VRAM monitor against the emulator, whose free memory is exactly its configured size minus what
// is allocated: crossings are reported once per direction, with hysteresis on the way back up.
using Ovni.Devices.Cuda;

namespace Ovni.Cuda.Tests;

public sealed class VramMonitorTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Reports_falling_below_and_rising_back_above_a_threshold_once_each()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        long threshold = context.GetMemoryInfo().FreeBytes - 300 * MiB;
        var seen = new List<VramThresholdCrossing>();
        var options = new VramMonitorOptions { Interval = TimeSpan.FromHours(1), FreeBytesThresholds = [threshold], HysteresisBytes = 64 * MiB };
        await using var monitor = new VramMonitor(context, options);
        monitor.ThresholdCrossed += (_, crossing) => { lock (seen) { seen.Add(crossing); } };

        monitor.Sample();
        CudaDeviceBuffer big = CudaDeviceBuffer.Allocate(context, (int)(320 * MiB));
        monitor.Sample();
        monitor.Sample();
        big.Dispose();
        monitor.Sample();

        lock (seen)
        {
            Assert.Equal(2, seen.Count);
            Assert.Equal(VramThresholdDirection.FellBelow, seen[0].Direction);
            Assert.True(seen[0].Sample.FreeBytes < threshold);
            Assert.Equal(VramThresholdDirection.RoseAbove, seen[1].Direction);
            Assert.Equal(threshold, seen[1].ThresholdBytes);
        }
    }

    [Fact]
    public async Task Does_not_report_rising_above_until_free_memory_clears_the_hysteresis()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        long threshold = context.GetMemoryInfo().FreeBytes - 300 * MiB;
        var seen = new List<VramThresholdDirection>();
        var options = new VramMonitorOptions { Interval = TimeSpan.FromHours(1), FreeBytesThresholds = [threshold], HysteresisBytes = 100 * MiB };
        await using var monitor = new VramMonitor(context, options);
        monitor.ThresholdCrossed += (_, crossing) => { lock (seen) { seen.Add(crossing.Direction); } };

        CudaDeviceBuffer base250 = CudaDeviceBuffer.Allocate(context, (int)(250 * MiB));
        CudaDeviceBuffer extra100 = CudaDeviceBuffer.Allocate(context, (int)(100 * MiB));
        monitor.Sample();                 // 350 MiB used: below
        extra100.Dispose();
        monitor.Sample();                 // 250 MiB used: above the threshold by 50 MiB, inside the hysteresis
        lock (seen)
        {
            Assert.Equal([VramThresholdDirection.FellBelow], seen);
        }
        base250.Dispose();
        monitor.Sample();                 // nothing used: 300 MiB above, clears it

        lock (seen)
        {
            Assert.Equal([VramThresholdDirection.FellBelow, VramThresholdDirection.RoseAbove], seen);
        }
    }

    [Fact]
    public async Task Periodic_sampling_notifies_observers_and_completes_them_on_dispose()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        long threshold = context.GetMemoryInfo().FreeBytes - 100 * MiB;
        var observer = new RecordingObserver();
        var options = new VramMonitorOptions { Interval = TimeSpan.FromMilliseconds(20), FreeBytesThresholds = [threshold] };
        var monitor = new VramMonitor(context, options);
        using IDisposable subscription = monitor.Subscribe(observer);

        using (CudaDeviceBuffer.Allocate(context, (int)(200 * MiB)))
        {
            VramThresholdCrossing crossing = await observer.First.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            Assert.Equal(VramThresholdDirection.FellBelow, crossing.Direction);
        }
        await monitor.DisposeAsync();

        Assert.True(observer.Completed);
        Assert.NotNull(monitor.LastSample);
    }

    private sealed class RecordingObserver : IObserver<VramThresholdCrossing>
    {
        public TaskCompletionSource<VramThresholdCrossing> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Completed { get; private set; }

        public void OnCompleted() => Completed = true;

        public void OnError(Exception error) => First.TrySetException(error);

        public void OnNext(VramThresholdCrossing value) => First.TrySetResult(value);
    }
}
