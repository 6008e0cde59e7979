using Microsoft.Extensions.Logging;
using Ovni.Interop;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Joins video segments encoded with the same settings into one file without re-encoding (stream copy, in process
/// with libavformat), as chunked encoding needs: the video packets of each segment in turn, timestamps rebuilt so
/// the result plays and seeks like a file encoded in one go, and audio, subtitles, chapters and container metadata
/// taken from the original source. The result appears at its destination only when complete: it is written to a
/// fixed temporary name beside it (a join killed half-way leaves only that, which the next join replaces) and
/// renamed atomically after its data reached the disk.
/// </summary>
/// <example>
/// <code>
/// VideoTimeline source = VideoTimeline.Read("in.mkv");
/// await MediaConcatenator.ConcatenateAsync(["c0.mkv", "c1.mkv"], "out.mkv",
///     new ConcatenationOptions { Timeline = source, StreamsFrom = "in.mkv" });
/// </code>
/// </example>
public static unsafe class MediaConcatenator
{
    private const long NoPts = long.MinValue;
    private const int MediaTypeVideo = 0;

    /// <summary>
    /// Joins <paramref name="segments"/> (in order) into <paramref name="output"/>.
    /// </summary>
    /// <param name="segments">Files with one video stream each, same codec, size and codec headers.</param>
    /// <param name="output">The joined file (replaced if it exists).</param>
    /// <param name="options">Timestamps and what to copy from the source.</param>
    /// <param name="progress">Fraction of video packets written, 0 to 1.</param>
    /// <param name="cancellationToken">Stops the join; nothing is left at <paramref name="output"/>.</param>
    /// <exception cref="OvniException">A segment is missing, unreadable or does not match the first; the frame counts
    /// do not match <see cref="ConcatenationOptions.Timeline"/>; the output cannot be written.</exception>
    public static Task<ConcatenationResult> ConcatenateAsync(IReadOnlyList<string> segments, string output, ConcatenationOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentException.ThrowIfNullOrEmpty(output);
        options ??= new ConcatenationOptions();
        return Task.Factory.StartNew(() => Concatenate(segments, output, options, progress, cancellationToken), cancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The fixed temporary name a join of <paramref name="output"/> writes to before renaming.</summary>
    public static string TemporaryPathFor(string output)
    {
        string full = Path.GetFullPath(output);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}.ovni-join.partial{Path.GetExtension(full)}");
    }

    private sealed record SegmentInfo(string Path, int CodecId, int Width, int Height, byte[] Extradata, Rational TimeBase, long[] DecodeOrderPts);

    private static ConcatenationResult Concatenate(IReadOnlyList<string> segments, string output, ConcatenationOptions options,
        IProgress<double>? progress, CancellationToken token)
    {
        if (segments.Count == 0) throw new OvniException($"Nothing to join into '{output}': no segments were given.") { FilePath = output };
        _ = FFmpegRuntime.Layout;
        string fullOutput = Path.GetFullPath(output);
        foreach (string segment in segments)
            if (string.Equals(Path.GetFullPath(segment), fullOutput, StringComparison.Ordinal))
                throw new OvniException($"Segment '{segment}' is also the output; Ovni never overwrites its inputs.") { FilePath = segment };
        if (options.StreamsFrom is string from && string.Equals(Path.GetFullPath(from), fullOutput, StringComparison.Ordinal))
            throw new OvniException($"The source '{from}' is also the output; Ovni never overwrites its source.") { FilePath = from };
        string directory = Path.GetDirectoryName(fullOutput)!;
        if (!Directory.Exists(directory))
            throw new OvniException($"Cannot write '{output}': the folder '{directory}' does not exist.") { FilePath = output };
        void* outputFormat = GuessFormat(fullOutput, options.Container);

        // Pass 1: what each segment holds, and that they can follow one another in one stream.
        var infos = new SegmentInfo[segments.Count];
        for (int s = 0; s < segments.Count; s++)
        {
            token.ThrowIfCancellationRequested();
            infos[s] = Describe(segments[s], token);
            SegmentInfo first = infos[0], info = infos[s];
            if (info.CodecId != first.CodecId || info.Width != first.Width || info.Height != first.Height)
                throw new OvniException($"Segment '{info.Path}' ({CodecName(info.CodecId)} {info.Width}x{info.Height}) does not match the first segment " +
                    $"'{first.Path}' ({CodecName(first.CodecId)} {first.Width}x{first.Height}); only segments encoded with the same settings can be joined.") { FilePath = info.Path };
            if (!info.Extradata.AsSpan().SequenceEqual(first.Extradata))
                throw new OvniException($"Segment '{info.Path}' carries different codec headers than '{first.Path}' (encoded with other settings?); " +
                    "joined without re-encoding, a player would decode it with the wrong headers.") { FilePath = info.Path };
        }

        (Rational timeBase, long[] pts, long[] dts, long[] durations) = Retime(infos, options.Timeline, output);
        long total = pts.Length;

        string temp = TemporaryPathFor(fullOutput);
        DeleteQuietly(temp);
        OutputFormatContextHandle? outputHandle = null;
        StreamCopier? copier = null;
        var skipped = new List<string>();
        OvniConfiguration configuration = options.Configuration ?? OvniConfiguration.Default;
        try
        {
            FFmpegLayout l = FFmpegRuntime.Layout;
            void* context = null;
            byte[] tempName = Utf8.ToNullTerminated(temp);
            fixed (byte* t = tempName)
                FFmpegErrors.Check(FFmpegApi.avformat_alloc_output_context2(&context, outputFormat, null, t), "Creating the joined container", output);
            outputHandle = new OutputFormatContextHandle(context);

            byte* video = (byte*)FFmpegApi.avformat_new_stream(context, null);
            if (video == null) throw new OutOfMemoryException("avformat_new_stream failed.");
            CopyVideoParameters(infos[0].Path, video, output);
            *(Rational*)(video + l.StreamTimeBase) = timeBase;
            int videoIndex = *(int*)(video + l.StreamIndex);
            if (FFmpegApi.avformat_query_codec(outputFormat, infos[0].CodecId, 0) != 1)
                throw new OvniException($"The {CodecName(infos[0].CodecId)} video of the segments cannot be stored in '{output}'; choose another container (.mkv holds every codec).") { FilePath = output };

            if (options.StreamsFrom is string source)
            {
                CopySourceVideoTags(source, video, options.Timeline is not null, options.CopyRotation ? outputFormat : null, output, configuration.Logger, skipped);
                if (options.CopyAudio || options.CopySubtitles)
                {
                    var copyOptions = new MediaWriterOptions
                    {
                        CopyAudio = options.CopyAudio, CopySubtitles = options.CopySubtitles, CopyChapters = false, CopyRotation = false,
                        CopyTiming = CopiedStreamTiming.SourceTimestamps,
                    };
                    var plan = StreamCopier.Plan(source, outputFormat, copyOptions, output, configuration.Logger, skipped, out _);
                    // An AAC track in MP4 starts with a priming packet before 0 (an edit list hides it). Matroska and WebM
                    // cannot store a time below 0: FFmpeg would shift every stream, the video's first frame to 0.064 s, and
                    // the join would no longer be frame-exact. There the packets shown before 0 are left out, as a
                    // transcode leaves out those before its first frame; every packet from 0 on is carried.
                    bool negativeTimes = (*(int*)((byte*)outputFormat + l.OutputFormatFlags) & 0x40000) != 0; // AVFMT_TS_NEGATIVE
                    long? audioFrom = negativeTimes ? null : 0;
                    copier = new StreamCopier(source, context, outputFormat, plan, copyOptions,
                        OutputTimeline.SourceTimes(audioFrom), output, configuration.Logger);
                }
                if (options.CopyChapters) CopyChaptersAndMetadata(source, (byte*)context);
            }

            fixed (byte* t = tempName)
                FFmpegErrors.Check(FFmpegApi.avio_open((void**)((byte*)context + l.FormatPb), t, 2 /* AVIO_FLAG_WRITE */), "Creating the joined file", output);
            using (var header = new AvDictionary())
            {
                if (options.FastStart && ContainerSupport.IsMovFamily(outputFormat)) header.Set("movflags", "+faststart");
                FFmpegErrors.Check(FFmpegApi.avformat_write_header(context, header.Address), "Writing the container header", output);
            }
            Rational streamTimeBase = MediaProbe.StreamTimeBase(video); // the muxer may have chosen another

            // Pass 2: every segment's video packets with their new timestamps, source streams interleaved by time.
            long written = 0;
            using var packetHandle = new PacketHandle();
            byte* packet = (byte*)packetHandle.Pointer;
            for (int s = 0; s < infos.Length; s++)
            {
                using InputFormatContextHandle input = MediaReader.OpenContainer(infos[s].Path);
                int segmentVideo = MediaReader.FindVideoStream(input.Pointer, null);
                long expected = infos[s].DecodeOrderPts.Length, seen = 0;
                while (true)
                {
                    int read = FFmpegApi.av_read_frame(input.Pointer, packet);
                    if (read == AvError.Eof) break;
                    if (read < 0) throw FFmpegErrors.Create("Reading a segment", read, infos[s].Path);
                    if (*(int*)(packet + l.PacketStreamIndex) != segmentVideo)
                    {
                        FFmpegApi.av_packet_unref(packet);
                        continue;
                    }
                    if (seen == expected)
                    {
                        FFmpegApi.av_packet_unref(packet);
                        throw new OvniException($"Segment '{infos[s].Path}' changed while it was being joined (more packets than on the first read).") { FilePath = infos[s].Path };
                    }
                    long k = written;
                    *(long*)(packet + l.PacketPts) = pts[k];
                    *(long*)(packet + l.PacketDts) = dts[k];
                    *(long*)(packet + l.PacketDuration) = durations[k];
                    *(int*)(packet + l.PacketStreamIndex) = videoIndex;
                    FFmpegApi.av_packet_rescale_ts(packet, timeBase, streamTimeBase);
                    copier?.CopyUntil(context, FrameTiming.ToTicks(dts[k], timeBase));
                    int result = FFmpegApi.av_interleaved_write_frame(context, packet); // takes the packet's reference
                    if (result < 0) throw FFmpegErrors.Create("Writing joined video packets", result, output);
                    seen++;
                    written++;
                    if ((written & 63) == 0)
                    {
                        token.ThrowIfCancellationRequested();
                        progress?.Report((double)written / total);
                    }
                }
                if (seen != expected)
                    throw new OvniException($"Segment '{infos[s].Path}' changed while it was being joined ({seen} packets, {expected} on the first read).") { FilePath = infos[s].Path };
            }
            copier?.Finish(context);
            FFmpegErrors.Check(FFmpegApi.av_write_trailer(context), "Finishing the joined container", output);
            copier?.Dispose();
            copier = null;
            outputHandle.Dispose(); // closes the file
            outputHandle = null;
            token.ThrowIfCancellationRequested();
            FlushToDisk(temp);
            File.Move(temp, fullOutput, overwrite: true);
            progress?.Report(1.0);
            return new ConcatenationResult(fullOutput, written, infos.Length, skipped);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            copier?.Dispose();
            outputHandle?.Dispose();
            DeleteQuietly(temp);
            throw new OvniException($"Could not write the joined file '{output}': {e.Message}", e) { FilePath = output };
        }
        catch
        {
            copier?.Dispose();
            outputHandle?.Dispose();
            DeleteQuietly(temp);
            throw;
        }
    }

    /// <summary>
    /// New presentation times (the timeline's, or each segment's spacing placed end to end) and decode times that
    /// strictly increase across segment borders: dts[k] = k-th smallest pts − the largest reorder lead of any packet.
    /// </summary>
    private static (Rational TimeBase, long[] Pts, long[] Dts, long[] Durations) Retime(SegmentInfo[] infos, VideoTimeline? timeline, string output)
    {
        long total = infos.Sum(i => (long)i.DecodeOrderPts.Length);
        var pts = new long[total];
        Rational timeBase;
        if (timeline is not null)
        {
            if (timeline.Count != total)
                throw new OvniException($"The segments hold {total} video frames together, but the timeline of '{timeline.Path}' has {timeline.Count}: " +
                    "the join would not be frame-exact, so it was not written.") { FilePath = output };
            timeBase = timeline.TimeBase;
            long offset = 0;
            foreach (SegmentInfo info in infos)
            {
                int[] rank = Ranks(info);
                for (int j = 0; j < rank.Length; j++) pts[offset + j] = timeline.Timestamps[(int)(offset + rank[j])];
                offset += rank.Length;
            }
        }
        else
        {
            timeBase = infos[0].TimeBase;
            long offset = 0, nextStart = 0;
            foreach (SegmentInfo info in infos)
            {
                long[] own = info.DecodeOrderPts.Select(p => FFmpegApi.av_rescale_q(p, info.TimeBase, timeBase)).ToArray();
                long min = own.Min(), max = own.Max();
                long[] sorted = own.Order().ToArray();
                long step = sorted.Length > 1 ? sorted[^1] - sorted[^2] : 1;
                long delta = offset == 0 ? 0 : nextStart - min;
                for (int j = 0; j < own.Length; j++) pts[offset + j] = own[j] + delta;
                nextStart = max + delta + Math.Max(1, step);
                offset += own.Length;
            }
        }
        long[] presentation = pts.Order().ToArray();
        for (int i = 1; i < presentation.Length; i++)
            if (presentation[i] == presentation[i - 1])
                throw new OvniException($"Two joined frames would share the time {presentation[i] * timeBase.ToDouble():0.######} s; the segments overlap.") { FilePath = output };
        long shift = 0;
        for (int k = 0; k < total; k++) shift = Math.Max(shift, presentation[k] - pts[k]);
        var dts = new long[total];
        for (int k = 0; k < total; k++) dts[k] = presentation[k] - shift;
        // Duration of each packet = the gap to the next frame shown; the last frame repeats the gap before it.
        var durationByTime = new Dictionary<long, long>(presentation.Length);
        for (int i = 0; i < presentation.Length; i++)
            durationByTime[presentation[i]] = i + 1 < presentation.Length ? presentation[i + 1] - presentation[i] : presentation.Length > 1 ? presentation[i] - presentation[i - 1] : 1;
        long[] durations = pts.Select(p => durationByTime[p]).ToArray();
        return (timeBase, pts, dts, durations);
    }

    private static int[] Ranks(SegmentInfo info)
    {
        long[] own = info.DecodeOrderPts;
        int[] order = Enumerable.Range(0, own.Length).ToArray();
        Array.Sort(order, (a, b) => own[a].CompareTo(own[b]));
        var rank = new int[own.Length];
        for (int r = 0; r < order.Length; r++) rank[order[r]] = r;
        return rank;
    }

    private static SegmentInfo Describe(string path, CancellationToken token)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        using InputFormatContextHandle input = MediaReader.OpenContainer(path);
        int videoIndex = MediaReader.FindVideoStream(input.Pointer, null);
        if (videoIndex < 0) throw new OvniException($"Segment '{path}' has no video stream.") { FilePath = path };
        byte* stream = MediaProbe.Stream(input.Pointer, videoIndex);
        byte* par = MediaProbe.CodecPar(stream);
        byte* extradata = *(byte**)(par + l.ParExtradata);
        int extradataSize = *(int*)(par + l.ParExtradataSize);
        byte[] headers = extradata == null || extradataSize <= 0 ? [] : new ReadOnlySpan<byte>(extradata, extradataSize).ToArray();
        Rational timeBase = MediaProbe.StreamTimeBase(stream);
        var timestamps = new List<long>(1024);
        using var packetHandle = new PacketHandle();
        byte* packet = (byte*)packetHandle.Pointer;
        while (true)
        {
            int read = FFmpegApi.av_read_frame(input.Pointer, packet);
            if (read == AvError.Eof) break;
            if (read < 0) throw FFmpegErrors.Create("Reading a segment", read, path);
            try
            {
                if (*(int*)(packet + l.PacketStreamIndex) != videoIndex) continue;
                long pts = *(long*)(packet + l.PacketPts);
                if (pts == NoPts) pts = *(long*)(packet + l.PacketDts);
                if (pts == NoPts) throw new OvniException($"Video packet {timestamps.Count} of segment '{path}' has no timestamp; its frame order is unknown.") { FilePath = path };
                timestamps.Add(pts);
            }
            finally
            {
                FFmpegApi.av_packet_unref(packet);
            }
            if ((timestamps.Count & 255) == 0) token.ThrowIfCancellationRequested();
        }
        if (timestamps.Count == 0) throw new OvniException($"Segment '{path}' holds no video frames.") { FilePath = path };
        return new SegmentInfo(Path.GetFullPath(path), *(int*)(par + l.ParCodecId), *(int*)(par + l.ParWidth), *(int*)(par + l.ParHeight),
            headers, timeBase, timestamps.ToArray());
    }

    private static void CopyVideoParameters(string segment, byte* target, string output)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        using InputFormatContextHandle input = MediaReader.OpenContainer(segment);
        int index = MediaReader.FindVideoStream(input.Pointer, null);
        byte* stream = MediaProbe.Stream(input.Pointer, index);
        byte* outPar = MediaProbe.CodecPar(target);
        FFmpegErrors.Check(FFmpegApi.avcodec_parameters_copy(outPar, MediaProbe.CodecPar(stream)), "Copying the video stream parameters", output);
        *(uint*)(outPar + l.ParCodecTag) = 0; // the muxer picks its own tag
        *(Rational*)(target + l.StreamAvgFrameRate) = *(Rational*)(stream + l.StreamAvgFrameRate);
    }

    /// <summary>
    /// The source video's language, title and disposition, (with a timeline from it) its frame rate, and its display rotation
    /// when <paramref name="rotationFor"/> (the output's format) is given.
    /// </summary>
    private static void CopySourceVideoTags(string source, byte* target, bool sameRate, void* rotationFor, string output, ILogger logger, List<string> skipped)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        using InputFormatContextHandle input = MediaReader.OpenContainer(source);
        int index = MediaReader.FindVideoStream(input.Pointer, null);
        if (index < 0) return;
        byte* stream = MediaProbe.Stream(input.Pointer, index);
        void* metadata = *(void**)(stream + l.StreamMetadata);
        if (metadata != null) FFmpegApi.av_dict_copy((void**)(target + l.StreamMetadata), metadata, 0);
        *(int*)(target + l.StreamDisposition) = *(int*)(stream + l.StreamDisposition);
        Rational rate = *(Rational*)(stream + l.StreamAvgFrameRate);
        if (sameRate && rate.IsValid) *(Rational*)(target + l.StreamAvgFrameRate) = rate;
        if (rotationFor != null) DisplayRotation.ForOutput(input.Pointer, source, rotationFor, logger, skipped)?.AddTo(target, output);
    }

    private static void CopyChaptersAndMetadata(string source, byte* target)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        using InputFormatContextHandle input = MediaReader.OpenContainer(source);
        byte* context = (byte*)input.Pointer;
        void* metadata = *(void**)(context + l.FormatMetadata);
        if (metadata != null) FFmpegApi.av_dict_copy((void**)(target + l.FormatMetadata), metadata, 0);
        uint count = *(uint*)(context + l.FormatNbChapters);
        byte** chapters = *(byte***)(context + l.FormatChapters);
        for (uint i = 0; i < count; i++)
        {
            byte* chapter = chapters[i];
            byte* copy = (byte*)FFmpegApi.av_mallocz((nuint)l.ChapterSize);
            if (copy == null) throw new OutOfMemoryException("av_mallocz failed.");
            *(long*)(copy + l.ChapterId) = *(long*)(chapter + l.ChapterId);
            *(Rational*)(copy + l.ChapterTimeBase) = *(Rational*)(chapter + l.ChapterTimeBase);
            *(long*)(copy + l.ChapterStart) = *(long*)(chapter + l.ChapterStart);
            *(long*)(copy + l.ChapterEnd) = *(long*)(chapter + l.ChapterEnd);
            void* chapterMetadata = *(void**)(chapter + l.ChapterMetadata);
            if (chapterMetadata != null) FFmpegApi.av_dict_copy((void**)(copy + l.ChapterMetadata), chapterMetadata, 0);
            // The output context owns the array and each chapter (avformat_free_context frees them).
            FFmpegApi.av_dynarray_add(target + l.FormatChapters, (int*)(target + l.FormatNbChapters), copy);
        }
    }

    private static void* GuessFormat(string fullPath, string? container)
    {
        void* format;
        byte[] file = Utf8.ToNullTerminated(fullPath);
        byte[]? name = container is null ? null : Utf8.ToNullTerminated(container);
        fixed (byte* f = file, c = name) format = FFmpegApi.av_guess_format(c, name is null ? f : null, null);
        if (format == null)
            throw new OvniException(container is null
                ? $"Cannot tell the container format from the name '{fullPath}'; use an extension such as .mkv, .mp4 or .webm."
                : $"Unknown container '{container}' for '{fullPath}'.") { FilePath = fullPath };
        return format;
    }

    private static string CodecName(int codecId) => Utf8.ToString(FFmpegApi.avcodec_get_name(codecId)) ?? "?";

    private static void FlushToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }

    private static void DeleteQuietly(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
