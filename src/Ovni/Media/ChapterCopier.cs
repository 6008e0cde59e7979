using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Carries the chapters (times and titles) of a copy source into an output being muxed. FFmpeg keeps chapters in the format
/// context, and the Matroska, MP4 and MOV muxers write whatever is there; a source is opened once more for them (reading
/// its header only), so the stream copier stays as it is.
/// </summary>
internal static unsafe class ChapterCopier
{
    /// <summary>Adds every chapter of <paramref name="sourcePath"/> to <paramref name="output"/> (before its header is written); returns how many.</summary>
    internal static int Copy(string sourcePath, void* output)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        void* context = null;
        byte[] url = Utf8.ToNullTerminated(sourcePath);
        int opened;
        fixed (byte* p = url) opened = FFmpegApi.avformat_open_input(&context, p, null, null);
        if (opened < 0) throw FFmpegErrors.Create("Opening the source to copy its chapters", opened, sourcePath);
        using var source = new InputFormatContextHandle(context);
        uint count = *(uint*)((byte*)context + l.FormatNbChapters);
        byte** chapters = *(byte***)((byte*)context + l.FormatChapters);
        for (uint i = 0; i < count; i++)
        {
            byte* from = chapters[i];
            byte* to = (byte*)FFmpegApi.av_mallocz((nuint)l.ChapterSize);
            if (to == null) throw new OutOfMemoryException("av_mallocz failed for a chapter.");
            *(long*)(to + l.ChapterId) = *(long*)(from + l.ChapterId);
            *(Rational*)(to + l.ChapterTimeBase) = *(Rational*)(from + l.ChapterTimeBase);
            *(long*)(to + l.ChapterStart) = *(long*)(from + l.ChapterStart);
            *(long*)(to + l.ChapterEnd) = *(long*)(from + l.ChapterEnd);
            void* metadata = *(void**)(from + l.ChapterMetadata);
            if (metadata != null) FFmpegApi.av_dict_copy((void**)(to + l.ChapterMetadata), metadata, 0);
            // The output context owns the chapter from here: avformat_free_context frees it and its metadata.
            int* outputCount = (int*)((byte*)output + l.FormatNbChapters);
            int before = *outputCount;
            FFmpegApi.av_dynarray_add((byte*)output + l.FormatChapters, outputCount, to);
            if (*outputCount != before + 1)
            {
                FFmpegApi.av_dict_free((void**)(to + l.ChapterMetadata));
                FFmpegApi.av_free(to);
                throw new OutOfMemoryException("av_dynarray_add failed for a chapter.");
            }
        }
        return (int)count;
    }
}
