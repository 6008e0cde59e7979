using Microsoft.Extensions.Logging;
using Ovni.IO;
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
    /// <param name="output">Destination; it appears only when the job succeeds, and is never the input under another name (a link).</param>
    /// <param name="encoding">Video encoder settings.</param>
    /// <param name="options">Container settings; by default audio and subtitles are copied from <paramref name="input"/>.</param>
    /// <param name="transform">Optional per-frame work between decode and encode (takes ownership of its input frame).</param>
    /// <param name="progress">Receives progress about four times a second, counted in frames the encoder delivered.</param>
    /// <param name="readerOptions">How the input is decoded (e.g. <see cref="MediaReaderOptions.Strict"/>); its configuration defaults to <paramref name="options"/>'.</param>
    /// <param name="cancellationToken">Stops the job at any stage, encoder drain included; nothing is left at <paramref name="output"/>.</param>
    /// <returns>What was written, with the input's <see cref="DecodeReport"/> (damage is logged as a warning too).</returns>
    public static async Task<TranscodeResult> TranscodeAsync(string input, string output, VideoEncoderOptions? encoding = null,
        MediaWriterOptions? options = null, Func<IAsyncEnumerable<GpuFrame>, IAsyncEnumerable<GpuFrame>>? transform = null,
        IProgress<PipelineProgress>? progress = null, MediaReaderOptions? readerOptions = null, CancellationToken cancellationToken = default)
    {
        options ??= new MediaWriterOptions();
        readerOptions ??= new MediaReaderOptions();
        if (readerOptions.Configuration is null) readerOptions = readerOptions with { Configuration = options.Configuration };
        if (options.CopyStreamsFrom is null) options = options with { CopyStreamsFrom = input };
        // By file identity, not by name: a symlink, a symlinked folder or a hard link to the input is the input.
        SourceGuard.EnsureNotAnInput(Path.GetFullPath(output), input);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        OvniConfiguration configuration = readerOptions.Configuration ?? OvniConfiguration.Default;
        ComputeDevice device = readerOptions.Device ?? ComputeDevice.Select(configuration);
        await using MediaReader reader = MediaReader.Open(input, readerOptions with { Configuration = configuration, Device = device });
        await using MediaWriter writer = MediaWriter.Create(output, encoding, options, reader.Video);
        writer.SourceDescription = () => (input, WhyNoFrames(reader.GetDecodeReport()));
        IAsyncEnumerable<GpuFrame> frames = reader.ReadFramesAsync(cancellationToken);
        if (transform is not null) frames = transform(frames);
        // Frames decoded to a GPU stay there through the work; a software encoder takes them from host memory.
        if (device.Kind != DeviceKind.Cpu && !NvencLibrary.IsNvencEncoder((encoding ?? new VideoEncoderOptions()).Encoder))
            frames = frames.Apply(static frame => frame.Download(), cancellationToken);
        await writer.WriteAsync(frames, progress, reader.Video.EstimatedFrameCount, cancellationToken).ConfigureAwait(false);
        var result = new TranscodeResult(output, writer.FramesWritten, clock.Elapsed, writer.SkippedStreams) { Input = reader.GetDecodeReport() };
        ILogger logger = (options.Configuration ?? OvniConfiguration.Default).Logger;
        foreach (string warning in result.Warnings.Except(writer.SkippedStreams)) logger.LogWarning("{Warning}", warning);
        return result;
    }

    private static string WhyNoFrames(DecodeReport report) =>
        report.ErrorCount > 0 ? $"{report.ErrorCount} decode error{(report.ErrorCount == 1 ? "" : "s")}, the first: {report.Errors[0]}"
        : report.EndedEarly ? "the data ends before the first complete frame"
        : "its video stream holds no decodable frame";
}
