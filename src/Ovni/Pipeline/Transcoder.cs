using Ovni.Operations;

namespace Ovni;

/// <summary>
/// The whole decode → encode → mux job in one call, with the source's audio and subtitles copied.
/// Decoding, the optional per-frame work and encoding run on three threads joined by bounded queues.
/// <see cref="MediaWriterOptions.Configuration"/> applies to the whole job: its device decodes (and runs the work),
/// its logger receives Ovni's and FFmpeg's lines.
/// </summary>
public static class Transcoder
{
    /// <summary>Transcodes <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="input">Source file.</param>
    /// <param name="output">Destination; it appears only when the job succeeds.</param>
    /// <param name="encoding">Video encoder settings.</param>
    /// <param name="options">Container settings; by default audio and subtitles are copied from <paramref name="input"/>.</param>
    /// <param name="transform">Optional per-frame work between decode and encode (takes ownership of its input frame).</param>
    /// <param name="progress">Receives progress about four times a second.</param>
    /// <param name="cancellationToken">Stops the job; nothing is left at <paramref name="output"/>.</param>
    public static async Task<TranscodeResult> TranscodeAsync(string input, string output, VideoEncoderOptions? encoding = null,
        MediaWriterOptions? options = null, Func<IAsyncEnumerable<GpuFrame>, IAsyncEnumerable<GpuFrame>>? transform = null,
        IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new MediaWriterOptions();
        if (options.CopyStreamsFrom is null) options = options with { CopyStreamsFrom = input };
        if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
            throw new OvniException($"Input and output are the same file ('{input}'); Ovni never overwrites its source.") { FilePath = input };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        OvniConfiguration configuration = options.Configuration ?? OvniConfiguration.Default;
        ComputeDevice device = ComputeDevice.Select(configuration);
        await using MediaReader reader = MediaReader.Open(input, new MediaReaderOptions { Configuration = configuration, Device = device });
        await using MediaWriter writer = MediaWriter.Create(output, encoding, options, reader.Video);
        IAsyncEnumerable<GpuFrame> frames = reader.ReadFramesAsync(cancellationToken);
        if (transform is not null) frames = transform(frames);
        // Frames decoded to a GPU stay there through the work; a software encoder takes them from host memory.
        if (device.Kind != DeviceKind.Cpu && !NvencLibrary.IsNvencEncoder((encoding ?? new VideoEncoderOptions()).Encoder))
            frames = frames.Apply(static frame => frame.Download(), cancellationToken);
        await writer.WriteAsync(frames, progress, reader.Video.EstimatedFrameCount, cancellationToken).ConfigureAwait(false);
        return new TranscodeResult(output, writer.FramesWritten, clock.Elapsed, writer.SkippedStreams);
    }
}
