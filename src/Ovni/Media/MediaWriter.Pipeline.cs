using System.Threading.Channels;

namespace Ovni;

// The asynchronous face of MediaWriter: a dedicated encoder thread fed through a bounded channel.
public sealed partial class MediaWriter
{
    /// <summary>
    /// Encodes every frame of <paramref name="frames"/> on a dedicated encoder thread while the caller's side keeps
    /// producing (decode and user work overlap encoding), disposes each frame after encoding, then completes the file.
    /// </summary>
    public async Task WriteAsync(IAsyncEnumerable<GpuFrame> frames, IProgress<PipelineProgress>? progress = null, long totalFrames = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var channel = Channel.CreateBounded<GpuFrame>(new BoundedChannelOptions(Math.Max(1, _configuration.PipelineDepth))
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task encoder = Task.Factory.StartNew(() => EncodeLoop(channel.Reader, progress, totalFrames, clock, stop.Token), stop.Token,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await channel.Writer.WriteAsync(frame, stop.Token).ConfigureAwait(false);
                }
                catch
                {
                    frame.Dispose();
                    throw;
                }
            }
            channel.Writer.TryComplete();
            await encoder.ConfigureAwait(false);
        }
        catch (ChannelClosedException) when (encoder.IsFaulted)
        {
            await encoder.ConfigureAwait(false); // rethrows the encoder's own error
        }
        catch
        {
            stop.Cancel();
            channel.Writer.TryComplete();
            try { await encoder.ConfigureAwait(false); } catch { /* the first error wins */ }
            while (channel.Reader.TryRead(out GpuFrame? leftover)) leftover.Dispose();
            Abort();
            throw;
        }
        await CompleteAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new PipelineProgress(FramesWritten, totalFrames, clock.Elapsed, LastPosition));
    }

    private TimeSpan LastPosition => _lastPts == long.MinValue ? TimeSpan.Zero : TimeSpan.FromSeconds(_lastPts * _encoderTimeBase.ToDouble());

    private void EncodeLoop(ChannelReader<GpuFrame> reader, IProgress<PipelineProgress>? progress, long total, System.Diagnostics.Stopwatch clock, CancellationToken token)
    {
        Exception? error = null;
        try
        {
            long lastReport = 0;
            while (true)
            {
                if (!reader.TryRead(out GpuFrame? frame))
                {
                    ValueTask<bool> wait = reader.WaitToReadAsync(token);
                    bool more = wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
                    if (!more) break;
                    continue;
                }
                using (frame) WriteFrame(frame);
                if (progress is not null && clock.ElapsedMilliseconds - lastReport >= 250)
                {
                    lastReport = clock.ElapsedMilliseconds;
                    progress.Report(new PipelineProgress(FramesWritten, total, clock.Elapsed, LastPosition));
                }
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        if (error is not null)
        {
            while (reader.TryRead(out GpuFrame? leftover)) leftover.Dispose();
            throw error;
        }
    }

}
