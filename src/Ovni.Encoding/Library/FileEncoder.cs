namespace Ovni.Encoding.Library;

/// <summary>
/// Encodes one file with the public MediaReader/MediaWriter API: video re-encoded, every audio and subtitle stream
/// copied with its language and disposition. The writer's own temporary file lives in the job's work folder, so the
/// bytes written so far are the folder's size: once a quarter of the file is done, an output projected past the size
/// limit (with 10 % slack for the rate control's early swings) is stopped there instead of at the end.
/// </summary>
internal sealed class FileEncoder : IFileEncoder
{
    private const double EarliestProjection = 0.25, Slack = 1.10;

    public async Task<EncodeOutcome> EncodeAsync(string source, string output, EncodeSettings settings, long sizeLimit,
        IProgress<EncodeProgress>? progress, CancellationToken cancellationToken)
    {
        string folder = Path.GetDirectoryName(output)!;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long projectedAtStop = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var watcher = new InlineProgress<PipelineProgress>(p =>
        {
            long written = FolderBytes(folder);
            if (p.Fraction >= EarliestProjection && sizeLimit > 0)
            {
                long projected = (long)(written / p.Fraction);
                if (projected > sizeLimit * Slack && Interlocked.CompareExchange(ref projectedAtStop, projected, 0) == 0) stop.Cancel();
            }
            progress?.Report(new EncodeProgress(p.Fraction, p.FramesPerSecond, written, p.Eta));
        });
        await using MediaReader reader = MediaReader.Open(source);
        await using MediaWriter writer = MediaWriter.Create(output, settings.ToEncoderOptions(),
            new MediaWriterOptions { Container = settings.Muxer, CopyStreamsFrom = source }, reader.Video);
        try
        {
            await writer.WriteAsync(reader.ReadFramesAsync(stop.Token), watcher, reader.Video.EstimatedFrameCount, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && Interlocked.Read(ref projectedAtStop) > 0)
        {
            throw new SizeLimitExceededException(Interlocked.Read(ref projectedAtStop), sizeLimit, early: true);
        }
        return new EncodeOutcome(writer.FramesWritten, clock.Elapsed, writer.SkippedStreams);
    }

    internal static long FolderBytes(string folder)
    {
        long total = 0;
        try
        {
            foreach (FileInfo file in new DirectoryInfo(folder).EnumerateFiles()) total += file.Length;
        }
        catch (IOException)
        {
            // A file renamed or removed while we list: the next report counts it.
        }
        return total;
    }
}
