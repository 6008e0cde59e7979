using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Ovni.Encoding;

/// <summary>
/// Encodes one chunk as a closed unit: its frames are decoded from the source with an accurate seek (never cut by
/// stream copy, which can only start at key frames), checked one by one against the plan's timestamps, and encoded by
/// a fresh encoder into a file that appears only when complete (temporary file + rename) and is flushed to disk
/// before it is reported done.
/// </summary>
public static class ChunkEncoder
{
    /// <summary>Encodes <paramref name="chunk"/> of <paramref name="source"/> into <paramref name="output"/>.</summary>
    /// <param name="source">The source file or an http(s) URL to it.</param>
    /// <param name="chunk">Which frames.</param>
    /// <param name="timeline">The source's full video timeline (the frames the chunk must contain, exactly).</param>
    /// <param name="encoding">Encoder settings for this chunk.</param>
    /// <param name="output">The chunk file (Matroska); replaced if it exists.</param>
    /// <param name="framesDone">Frames encoded so far in this chunk, about four times a second.</param>
    /// <param name="readerOptions">Decoder settings (threads).</param>
    /// <param name="cancellationToken">Stops the encode; nothing is left at <paramref name="output"/>.</param>
    /// <returns>The record for the done-log.</returns>
    /// <exception cref="OvniException">The source does not deliver exactly the planned frames, or decoding/encoding fails.</exception>
    public static Task<ChunkRecord> EncodeAsync(string source, ChunkSpan chunk, VideoTimeline timeline, VideoEncoderOptions encoding,
        string output, IProgress<long>? framesDone = null, MediaReaderOptions? readerOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(timeline);
        if (chunk.EndFrame > timeline.Count)
            throw new OvniException($"Chunk {chunk.Index} (frames {chunk.StartFrame}..{chunk.EndFrame - 1}) is past the end of '{source}' ({timeline.Count} frames).") { FilePath = source };
        return EncodeAsync(source, chunk, timeline.Timestamps.Skip(chunk.StartFrame).Take(chunk.FrameCount).ToArray(), timeline.TimeBase,
            encoding, output, framesDone, readerOptions, cancellationToken);
    }

    /// <summary>
    /// Encodes <paramref name="chunk"/> given only its own frames' timestamps (what a distributed worker receives; it
    /// never needs the whole source's timeline).
    /// </summary>
    /// <param name="source">The source file or an http(s) URL to it.</param>
    /// <param name="chunk">Which frames.</param>
    /// <param name="timestamps">The presentation timestamps of the chunk's frames, in order.</param>
    /// <param name="timeBase">Their time base (the source video stream's).</param>
    /// <param name="encoding">Encoder settings for this chunk.</param>
    /// <param name="output">The chunk file (Matroska); replaced if it exists.</param>
    /// <param name="framesDone">Frames encoded so far in this chunk, about four times a second.</param>
    /// <param name="readerOptions">Decoder settings (threads).</param>
    /// <param name="cancellationToken">Stops the encode; nothing is left at <paramref name="output"/>.</param>
    public static async Task<ChunkRecord> EncodeAsync(string source, ChunkSpan chunk, IReadOnlyList<long> timestamps, Rational timeBase,
        VideoEncoderOptions encoding, string output, IProgress<long>? framesDone = null, MediaReaderOptions? readerOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(encoding);
        if (timestamps.Count != chunk.FrameCount || timestamps.Count == 0)
            throw new ArgumentException($"Chunk {chunk.Index} has {chunk.FrameCount} frames but {timestamps.Count} timestamps were given.", nameof(timestamps));
        var clock = Stopwatch.StartNew();
        long typical = timestamps.Count > 1 ? Math.Max(1, (timestamps[^1] - timestamps[0]) / (timestamps.Count - 1)) : 1;
        await using (MediaReader reader = MediaReader.Open(source, readerOptions))
        {
            if (reader.Video.TimeBase != timeBase)
                throw new OvniException($"'{source}' is not the file the chunk plan was made from (time base {reader.Video.TimeBase}, plan {timeBase}).") { FilePath = source };
            if (timestamps[0] > reader.Video.StartPts)
            {
                // Half a frame early, so rounding between time units can never skip the first frame; earlier frames are dropped below.
                long target = timestamps[0] - Math.Max(1, typical / 2) - reader.Video.StartPts;
                reader.Seek(TimeSpan.FromSeconds(Math.Max(0, target) * timeBase.ToDouble()));
            }
            await using MediaWriter writer = MediaWriter.Create(output, encoding,
                new MediaWriterOptions { Container = "matroska", CopyAudio = false, CopySubtitles = false, Configuration = readerOptions?.Configuration },
                reader.Video);
            IProgress<PipelineProgress>? progress = framesDone is null ? null : new InlineProgress<PipelineProgress>(p => framesDone.Report(p.Frames));
            await writer.WriteAsync(ExactFrames(reader, chunk, timestamps, timeBase, source, cancellationToken), progress, chunk.FrameCount, cancellationToken)
                .ConfigureAwait(false);
        }
        return Describe(chunk, output, clock.Elapsed.TotalSeconds, encoding);
    }

    /// <summary>Checks a finished chunk file (frame count) and records its size and checksum after flushing it to disk.</summary>
    internal static ChunkRecord Describe(ChunkSpan chunk, string output, double seconds, VideoEncoderOptions encoding)
    {
        AtomicFile.FlushFile(output);
        int frames = VideoTimeline.Read(output).Count;
        if (frames != chunk.FrameCount)
        {
            File.Delete(output);
            throw new OvniException($"Chunk {chunk.Index} came out with {frames} frames instead of {chunk.FrameCount}; the encoder dropped or added frames.") { FilePath = output };
        }
        return new ChunkRecord(chunk.Index, Path.GetFileName(output), new FileInfo(output).Length, FileChecksum.Sha256(output), frames, seconds, Describe(encoding));
    }

    /// <summary>The settings in words, for the done-log.</summary>
    internal static string Describe(VideoEncoderOptions encoding) =>
        $"{encoding.Encoder}{(encoding.Crf is int crf ? $" crf {crf}" : "")}{(encoding.Preset is string p ? $" preset {p}" : "")}";

    private static async IAsyncEnumerable<GpuFrame> ExactFrames(MediaReader reader, ChunkSpan chunk, IReadOnlyList<long> timestamps, Rational timeBase, string source,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int delivered = 0;
        await foreach (GpuFrame frame in reader.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (frame.Pts < timestamps[0])
            {
                frame.Dispose();
                continue;
            }
            if (delivered == chunk.FrameCount)
            {
                frame.Dispose();
                break;
            }
            long expected = timestamps[delivered];
            if (frame.Pts != expected)
            {
                long got = frame.Pts;
                frame.Dispose();
                throw new OvniException($"Chunk {chunk.Index}: frame {chunk.StartFrame + delivered} of '{source}' should be shown at " +
                    $"{expected * timeBase.ToDouble():0.######} s but the decoder delivered {got * timeBase.ToDouble():0.######} s " +
                    "(a damaged or undecodable frame); the chunk would not be frame-exact.") { FilePath = source };
            }
            delivered++;
            yield return frame;
        }
        if (delivered != chunk.FrameCount)
            throw new OvniException($"Chunk {chunk.Index}: the decoder delivered {delivered} of {chunk.FrameCount} frames of '{source}' from " +
                $"{timestamps[0] * timeBase.ToDouble():0.######} s (damaged or undecodable frames); the chunk would not be frame-exact.") { FilePath = source };
    }
}
