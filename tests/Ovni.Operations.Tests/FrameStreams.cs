// Test helpers that turn frame lists into asynchronous streams and back, as pipelines see them.
namespace Ovni.Operations.Tests;

internal static class FrameStreams
{
    /// <summary>The frames as a stream, each passed through <paramref name="make"/> (share, upload, …) as it is pulled.</summary>
    public static async IAsyncEnumerable<GpuFrame> Of(List<GpuFrame> frames, Func<GpuFrame, GpuFrame> make)
    {
        foreach (GpuFrame frame in frames)
        {
            await Task.Yield();
            yield return make(frame);
        }
    }

    /// <summary>Every frame of the stream, to dispose.</summary>
    public static async Task<List<GpuFrame>> Collect(IAsyncEnumerable<GpuFrame> frames)
    {
        var list = new List<GpuFrame>();
        await foreach (GpuFrame frame in frames.WithCancellation(TestContext.Current.CancellationToken))
            list.Add(frame);
        return list;
    }
}
