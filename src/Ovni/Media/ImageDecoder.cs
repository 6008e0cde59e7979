using Ovni.Interop;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Decodes the first picture of an image file with FFmpeg's demuxers and decoders. Separate from
/// <see cref="MediaReader"/> because a reader probes the stream by reading packets and seeking back, and
/// image demuxers (png_pipe, webp_pipe, …) cannot seek back: the only packet would be gone.
/// </summary>
internal static unsafe class ImageDecoder
{
    private const int MediaTypeVideo = 0;

    /// <summary>The decoded picture in the decoder's own format; the caller owns it.</summary>
    internal static GpuFrame DecodeFirst(string path)
    {
        using InputFormatContextHandle format = MediaReader.OpenContainer(path);
        void* context = format.Pointer;

        void* codec = null;
        int index = FFmpegApi.av_find_best_stream(context, MediaTypeVideo, -1, -1, &codec, 0);
        if (index < 0 || codec == null) throw new OvniException($"'{path}' holds no picture this FFmpeg ({FFmpegRuntime.VersionText}) can decode.") { FilePath = path };
        byte* stream = MediaProbe.Stream(context, index);

        void* decoderContext = FFmpegApi.avcodec_alloc_context3(codec);
        if (decoderContext == null) throw new OutOfMemoryException("avcodec_alloc_context3 failed.");
        using var decoder = new FrameDecoder(context, index, new CodecContextHandle(decoderContext), path, "image", skipCorruptPackets: false);
        FFmpegErrors.Check(FFmpegApi.avcodec_parameters_to_context(decoderContext, MediaProbe.CodecPar(stream)), "Configuring the image decoder", path);
        FFmpegErrors.Check(FFmpegApi.avcodec_open2(decoderContext, codec, null), "Opening the image decoder", path);

        GpuFrame frame = GpuFrame.Rent();
        try
        {
            if (!decoder.Decode(frame)) throw new OvniException($"'{path}' holds no decodable picture.") { FilePath = path };
            return frame;
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }
}
