using System.Threading.Channels;

namespace Ovni;

// The asynchronous face of MediaWriter: a dedicated encoder thread fed through a bounded channel.
public sealed partial class MediaWriter
{
    /// <summary>
    /// Encodes every frame of <paramref name="frames"/> on a dedicated encoder thread while the caller's side keeps
    /// producing (decode and user work overlap encoding), disposes each frame after encoding, then completes the file.
    /// Progress counts frames the encoder has delivered into the file, so the bar and ETA stay honest while an
    /// encoder with a deep lookahead drains. Cancellation returns promptly at every stage, drain and mux included,
    /// and leaves nothing at the destination.
    /// </summary>
    public async Task WriteAsync(IAsyncEnumerable<GpuFrame> frames, IProgress<PipelineProgress>? progress = null, long totalFrames = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var channel = Channel.CreateBounded<GpuFrame>(new BoundedChannelOptions(Math.Max(1, _configuration.PipelineDepth))
        {
            SingleReader = true,
            SingleWriter = true,
        });
        _progress = progress;
        _progressTotal = totalFrames;
        _progressClock = System.Diagnostics.Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task encoder = Task.Factory.StartNew(() => EncodeLoop(channel, stop.Token), stop.Token,
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
            await encoder.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The encoder thread closed the queue because it failed: surface its error, not the symptom.
            await encoder.ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Never wait for an encoder call in progress: it may take seconds. The encoder thread stops after it,
            // disposes what is queued and releases the encoder; the temporary file is gone now.
            stop.Cancel();
            channel.Writer.TryComplete();
            Abort();
            Observe(encoder);
            throw;
        }
        catch
        {
            stop.Cancel();
            channel.Writer.TryComplete();
            try { await encoder.ConfigureAwait(false); } catch { /* the first error wins */ }
            Abort();
            throw;
        }
        await CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void EncodeLoop(Channel<GpuFrame> channel, CancellationToken token)
    {
        ChannelReader<GpuFrame> reader = channel.Reader;
        try
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
                if (!reader.TryRead(out GpuFrame? frame))
                {
                    ValueTask<bool> wait = reader.WaitToReadAsync(token);
                    bool more = wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
                    if (!more) break;
                    continue;
                }
                using (frame) WriteFrame(frame);
            }
        }
        catch (Exception e)
        {
            // Closing the queue wakes a producer blocked on a full queue; it then reports this error.
            channel.Writer.TryComplete(e);
            throw;
        }
        finally
        {
            // This thread is the queue's only reader: frames left in it are its to dispose.
            while (reader.TryRead(out GpuFrame? leftover)) leftover.Dispose();
        }
    }
}
