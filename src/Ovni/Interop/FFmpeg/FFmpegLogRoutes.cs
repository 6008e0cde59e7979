using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ovni.Interop.FFmpeg;

/// <summary>
/// Which Ovni object a line of FFmpeg's (process-wide) log belongs to, so that it reaches that object's
/// configured <see cref="ILogger"/> and, for a reader, its damage report (an <see cref="IFFmpegLogListener"/>). A codec context carries
/// its route's tag in AVCodecContext.opaque (frame-threading copies of a decoder copy the field, so their lines are
/// recognised too); a format context is recognised by its address.
/// </summary>
internal static unsafe class FFmpegLogRoutes
{
    /// <summary>Where a context's lines go.</summary>
    internal sealed class Route(ILogger logger, IFFmpegLogListener? listener) : IDisposable
    {
        internal ILogger Logger { get; } = logger;
        internal IFFmpegLogListener? Listener { get; } = listener;
        internal nint Tag { get; set; }
        internal nint Format { get; set; }

        public void Dispose()
        {
            if (Tag != 0) s_byTag.TryRemove(Tag, out _);
            if (Format != 0) s_byFormat.TryRemove(Format, out _);
        }
    }

    private static readonly ConcurrentDictionary<nint, Route> s_byTag = new();
    private static readonly ConcurrentDictionary<nint, Route> s_byFormat = new();
    private static long s_nextTag;
    private static nint s_codecClass;

    /// <summary>Routes a codec context's lines; call before avcodec_open2 so that threading copies carry the tag.</summary>
    internal static void AddCodecContext(void* context, Route route)
    {
        if (s_codecClass == 0) s_codecClass = (nint)FFmpegApi.avcodec_get_class();
        route.Tag = (nint)Interlocked.Increment(ref s_nextTag);
        s_byTag[route.Tag] = route;
        *(nint*)((byte*)context + FFmpegRuntime.Layout.CodecCtxOpaque) = route.Tag;
    }

    /// <summary>Routes a demuxer's or muxer's lines.</summary>
    internal static void AddFormatContext(void* context, Route route)
    {
        route.Format = (nint)context;
        s_byFormat[route.Format] = route;
    }

    /// <summary>The route of the object that logged, and whether it was a format (demuxer/muxer) context.</summary>
    internal static Route? Find(void* avcl, out bool fromFormat)
    {
        fromFormat = false;
        if (avcl == null) return null;
        if (s_byFormat.TryGetValue((nint)avcl, out Route? format))
        {
            fromFormat = true;
            return format;
        }
        if (s_codecClass != 0 && *(nint*)avcl == s_codecClass && !s_byTag.IsEmpty
            && s_byTag.TryGetValue(*(nint*)((byte*)avcl + FFmpegRuntime.Layout.CodecCtxOpaque), out Route? codec))
            return codec;
        return null;
    }
}
