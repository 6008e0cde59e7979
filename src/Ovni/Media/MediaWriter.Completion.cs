using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Ovni.Interop.FFmpeg;

namespace Ovni;

// How a MediaWriter ends: the destination is checked and prepared before any work, the encoder is drained on a
// thread of its own so that cancellation never waits for it (x265 at a slow preset spends seconds per frame and
// cannot be interrupted mid-frame), and the temporary file becomes the output only in one atomic rename.
public sealed partial class MediaWriter
{
    private const int FileNameLimitBytes = 255;

    // Native objects are used by one thread at a time: the encoder thread, the draining thread, or whoever closes
    // them. A close requested while another thread is inside an encoder call happens when that call returns.
    private readonly Lock _nativeGate = new();
    private int _closeRequested;
    private int _aborted;
    // The commit decision: either the run is abandoned (cancelled) or the rename goes ahead, never both.
    private readonly Lock _commitGate = new();
    private bool _committing;
    private bool _abandoned;

    private FFmpegLogRoutes.Route? _encoderLogRoute;

    /// <summary>The encoder's and muxer's lines go to this writer's logger (FFmpegLog).</summary>
    private FFmpegLogRoutes.Route EncoderLogRoute => _encoderLogRoute ??= new FFmpegLogRoutes.Route(_configuration.Logger, null);

    /// <summary>What the encoder's own banner would have said, through the ILogger (x265's is silenced, see EncoderLogs).</summary>
    private void LogEncoderOpened() =>
        _configuration.Logger.LogInformation("Encoding '{Path}' with {Encoder}: {Width}x{Height} {Format}, preset {Preset}, crf {Crf}, {Rate} fps",
            _path, _encoding.Encoder, Width, Height, PixelFormatInfo.FromNative(_encoderFormat).Name, _encoding.Preset ?? "default",
            _encoding.Crf?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default", _sourceFrameRate.ToDouble());
    private long _lastPacketPts = long.MinValue;
    private IProgress<PipelineProgress>? _progress;
    private long _progressTotal;
    private Stopwatch? _progressClock;
    private long _lastReportMs = -1000;

    /// <summary>
    /// Where the frames come from, for messages that must name the input first (set by <see cref="Transcoder"/>):
    /// the input's path and why it gave no frames.
    /// </summary>
    internal Func<(string Path, string Cause)>? SourceDescription { get; set; }

    /// <summary>
    /// Checks everything about the destination before any decoding work: a name the file system can hold, not an
    /// input under another name, abandoned temporary files of killed runs swept away, a temporary file created.
    /// </summary>
    private static IO.TemporaryOutputFile PrepareDestination(string path, string fullPath, MediaWriterOptions options)
    {
        string directory = System.IO.Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
            throw new OvniException($"Cannot write '{path}': the folder '{directory}' does not exist.") { FilePath = path };
        int nameBytes = Encoding.UTF8.GetByteCount(System.IO.Path.GetFileName(fullPath));
        if (nameBytes > FileNameLimitBytes)
            throw new OvniException($"Cannot write '{path}': its file name is {nameBytes} bytes long and file systems allow at most {FileNameLimitBytes}.") { FilePath = path };
        IO.SourceGuard.EnsureNotAnInput(fullPath, options.CopyStreamsFrom);
        IO.AbandonedFileSweeper.Sweep(directory, (options.Configuration ?? OvniConfiguration.Default).Logger);
        try
        {
            return IO.TemporaryOutputFile.Create(fullPath);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new OvniException($"Cannot write '{path}': the folder '{directory}' is not writable ({e.Message}).", e) { FilePath = path };
        }
    }

    private string NoFramesMessage()
    {
        if (SourceDescription?.Invoke() is var (source, cause))
            return $"'{source}' gave no video frames to encode ({cause}); nothing was written to '{_path}'.";
        return $"No video frames were given to the writer, so nothing was written to '{_path}'.";
    }

    private async Task FinishAsync(CancellationToken cancellationToken)
    {
        Task finish = Task.Factory.StartNew(() => Finish(cancellationToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await finish.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !finish.IsCompleted)
        {
            if (!TryAbandon())
            {
                await finish.ConfigureAwait(false); // the rename is under way: the output is complete
                return;
            }
            // The drain goes on until the encoder returns from its current frame; its outcome no longer matters.
            _ = finish.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private unsafe void Finish(CancellationToken cancellationToken)
    {
        EnterNative();
        try
        {
            FFmpegErrors.Check(FFmpegApi.avcodec_send_frame(_encoder!.Pointer, null), "Flushing the encoder", _path);
            DrainPackets(cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            _copier?.Finish(_output!.Pointer);
            cancellationToken.ThrowIfCancellationRequested();
            FFmpegErrors.Check(FFmpegApi.av_write_trailer(_output!.Pointer), "Finishing the container", _path);
            CloseNative();
        }
        catch
        {
            Abort();
            throw;
        }
        finally
        {
            ExitNative();
        }

        lock (_commitGate)
        {
            if (_abandoned || cancellationToken.IsCancellationRequested)
            {
                _abandoned = true;
                Abort();
                throw new OperationCanceledException(cancellationToken);
            }
            _committing = true;
        }
        try
        {
            _temp.Commit(() => IO.SourceGuard.EnsureNotAnInput(_path, _options.CopyStreamsFrom));
        }
        catch (OvniException)
        {
            Abort();
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Abort();
            throw new OvniException($"Could not move the finished file into place at '{_path}': {e.Message}", e) { FilePath = _path };
        }
        _completed = true;
        ReportProgress(force: true);
    }

    /// <summary>Gives the run up unless its rename has begun; true when abandoned (nothing will appear at the destination).</summary>
    private bool TryAbandon()
    {
        lock (_commitGate)
        {
            if (_committing) return false;
            _abandoned = true;
        }
        Abort();
        return true;
    }

    private void EnterNative()
    {
        _nativeGate.Enter();
        if (Volatile.Read(ref _closeRequested) != 0)
        {
            _nativeGate.Exit();
            throw new OperationCanceledException("The writer was closed.");
        }
    }

    private void ExitNative()
    {
        _nativeGate.Exit();
        Interlocked.MemoryBarrier(); // the exit must be visible before the flag is read (see RequestClose)
        if (Volatile.Read(ref _closeRequested) != 0) CloseIfIdle();
    }

    /// <summary>Closes the native objects now if no thread is inside them, otherwise as soon as that thread leaves.</summary>
    private void RequestClose()
    {
        Interlocked.Exchange(ref _closeRequested, 1);
        CloseIfIdle();
    }

    private void CloseIfIdle()
    {
        if (!_nativeGate.TryEnter()) return; // the thread inside closes on its way out (ExitNative)
        try
        {
            CloseNative();
            // Only now, with no FFmpeg call left that could open its URL (/proc/self/fd/N, or a name FFmpeg would
            // create again), is the temporary file of an aborted writer released.
            if (Volatile.Read(ref _aborted) != 0) _temp.Discard();
        }
        finally { _nativeGate.Exit(); }
    }

    private void ReportProgress(bool force)
    {
        if (_progress is null || _progressClock is null) return;
        long now = _progressClock.ElapsedMilliseconds;
        if (!force && now - _lastReportMs < 250) return;
        _lastReportMs = now;
        _progress.Report(new PipelineProgress(FramesWritten, _progressTotal, _progressClock.Elapsed, LastPosition));
    }

    private TimeSpan LastPosition => _lastPacketPts == long.MinValue || !_encoderTimeBase.IsValid
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(_lastPacketPts * _encoderTimeBase.ToDouble());
}
