namespace Ovni.Interop.FFmpeg;

/// <summary>
/// Byte offsets of the few FFmpeg struct fields Ovni reads or writes directly, for one library major.
/// Everything else goes through functions and AVOptions. Offsets were measured per release
/// (shared/reference/ffmpeg-abi-offsets.txt) and are checked at start-up against
/// <c>av_opt_find(...)->offset</c> for the fields that have an AVOption.
/// </summary>
internal sealed record FFmpegLayout
{
    public required string Release { get; init; }
    public required int AvCodecMajor { get; init; }

    // AVFrame (data/linesize/width/height/format/key_frame/pict_type/sar/pts/pkt_dts/time_base are stable).
    public int FrameData => 0;
    public int FrameLinesize => 64;
    public int FrameWidth => 104;
    public int FrameHeight => 108;
    public int FrameFormat => 116;
    public int FrameKeyFrame => 120;
    public int FramePictType => 124;
    public int FramePts => 136;
    public int FrameTimeBase => 152;
    public required int FrameColorRange { get; init; }
    public required int FrameColorPrimaries { get; init; }
    public required int FrameColorTrc { get; init; }
    public required int FrameColorSpace { get; init; }
    public required int FrameBestEffortTimestamp { get; init; }
    public required int FrameDuration { get; init; }
    public required int FrameHwFramesCtx { get; init; }
    public required int FrameBuf { get; init; }
    public int FrameExtendedData => 96;
    public int FrameNbSamples => 112;
    public required int FrameSampleRate { get; init; }
    public required int FrameChLayout { get; init; }
    /// <summary>AVFrame.flags (AV_FRAME_FLAG_CORRUPT = 1) and decode_error_flags: how a decoder marks a damaged picture.</summary>
    public int FrameFlags { get; init; } = 316;
    public int FrameDecodeErrorFlags { get; init; } = 376;

    // AVPacket: stable across 5.1–7.1.
    public int PacketPts => 8;
    public int PacketDts => 16;
    public int PacketSize => 32;
    public int PacketStreamIndex => 36;
    public int PacketFlags => 40;
    public int PacketDuration => 64;

    // AVCodecContext.
    public int CodecCtxOpaque => 48;
    public int CodecCtxBitRate => 56;
    public required int CodecCtxFlags { get; init; }
    public required int CodecCtxTimeBase { get; init; }
    public int CodecCtxWidth => 116;
    public int CodecCtxHeight => 120;
    public required int CodecCtxGopSize { get; init; }
    public required int CodecCtxPixFmt { get; init; }
    public required int CodecCtxSampleAspectRatio { get; init; }
    public required int CodecCtxColorPrimaries { get; init; }
    public required int CodecCtxColorTrc { get; init; }
    public required int CodecCtxColorSpace { get; init; }
    public required int CodecCtxColorRange { get; init; }
    public required int CodecCtxThreadCount { get; init; }
    public required int CodecCtxFramerate { get; init; }
    public required int CodecCtxPktTimebase { get; init; }
    public required int CodecCtxHwDeviceCtx { get; init; }
    public required int CodecCtxHwFramesCtx { get; init; }
    public required int CodecCtxGetFormat { get; init; }
    public required int CodecCtxSampleRate { get; init; }
    public required int CodecCtxSampleFmt { get; init; }
    public required int CodecCtxFrameSize { get; init; }
    public required int CodecCtxChLayout { get; init; }

    // AVStream.
    public required int StreamIndex { get; init; }
    public required int StreamCodecPar { get; init; }
    public required int StreamTimeBase { get; init; }
    public required int StreamStartTime { get; init; }
    public required int StreamDuration { get; init; }
    public required int StreamNbFrames { get; init; }
    public required int StreamDisposition { get; init; }
    public required int StreamMetadata { get; init; }
    public required int StreamAvgFrameRate { get; init; }
    public required int StreamRFrameRate { get; init; }

    // AVFormatContext.
    public int FormatIFormat => 8;
    public int FormatOFormat => 16;
    public int FormatPb => 32;
    public int FormatNbStreams => 44;
    public int FormatStreams => 48;
    public required int FormatDuration { get; init; }
    public required int FormatBitRate { get; init; }
    public required int FormatFlags { get; init; }
    public required int FormatProbeSize { get; init; }
    public required int FormatNbChapters { get; init; }
    public required int FormatChapters { get; init; }
    public required int FormatMetadata { get; init; }

    // AVChapter (stable 5.1–7.1): int64 id, AVRational time_base, int64 start, int64 end, AVDictionary* metadata.
    public int ChapterId => 0;
    public int ChapterTimeBase => 8;
    public int ChapterStart => 16;
    public int ChapterEnd => 24;
    public int ChapterMetadata => 32;
    public int ChapterSize => 40;

    // AVCodecParameters.extradata / extradata_size: stable across 5.1–7.1.
    public int ParExtradata => 16;
    public int ParExtradataSize => 24;

    // AVCodecParameters.
    public int ParCodecType => 0;
    public int ParCodecId => 4;
    public int ParCodecTag => 8;
    public required int ParFormat { get; init; }
    public required int ParBitRate { get; init; }
    public required int ParBitsPerRawSample { get; init; }
    public required int ParProfile { get; init; }
    public required int ParWidth { get; init; }
    public required int ParHeight { get; init; }
    public required int ParColorRange { get; init; }
    public required int ParColorPrimaries { get; init; }
    public required int ParColorTrc { get; init; }
    public required int ParColorSpace { get; init; }
    public required int ParChromaLocation { get; init; }
    /// <summary>codecpar->video_delay (pictures the decoder holds back to reorder them): the int after chroma_location in 5.1–7.1.</summary>
    public int ParVideoDelay => ParChromaLocation + 4;
    public required int ParSampleRate { get; init; }
    public required int ParChannelCount { get; init; }
    /// <summary>codecpar->coded_side_data (FFmpeg ≥ 6.1); -1 where display matrices live on the stream instead.</summary>
    public required int ParCodedSideData { get; init; }
    public required int ParNbCodedSideData { get; init; }

    // AVInputFormat / AVOutputFormat: name is the first field in every release; flags follow the codec ids.
    public int IoFormatName => 0;
    public int IoFormatLongName => 8;
    public int OutputFormatFlags => 44;

    // AVHWFramesContext / AVHWDeviceContext (libavutil; FFmpeg 7 dropped their `internal` pointer).
    public required int HwFramesDeviceRef { get; init; }
    public required int HwFramesFree { get; init; }
    public required int HwFramesPool { get; init; }
    public required int HwFramesInitialPoolSize { get; init; }
    public required int HwFramesFormat { get; init; }
    public required int HwFramesSwFormat { get; init; }
    public required int HwFramesWidth { get; init; }
    public required int HwFramesHeight { get; init; }
    public required int HwDeviceType { get; init; }
    public required int HwDeviceHwctx { get; init; }
    public required int HwDeviceFree { get; init; }
    public required int HwDeviceUserOpaque { get; init; }

    // AVCUDADeviceContext: stable across 5.1–7.1.
    public int CudaDeviceCtxCudaCtx => 0;
    public int CudaDeviceCtxStream => 8;

    // AVCodec: supported_samplerates (0-terminated) and sample_fmts (-1-terminated), stable across 5.1–7.1.
    public int CodecSupportedSampleRates => 48;
    public int CodecSampleFormats => 56;

    // AVCodec.priv_class (the encoder's private options, e.g. NVENC's preset/tune/rc).
    public required int CodecPrivClass { get; init; }

    // AVOption: name, help, then the field offset.
    public int OptionOffset => 16;

    internal static readonly FFmpegLayout FFmpeg51 = new()
    {
        Release = "5.1", AvCodecMajor = 59,
        FrameColorRange = 320, FrameColorPrimaries = 324, FrameColorTrc = 328, FrameColorSpace = 332,
        FrameBestEffortTimestamp = 344, FrameDuration = 360 /* pkt_duration */, FrameHwFramesCtx = 392, FrameBuf = 224,
        FrameSampleRate = 208, FrameChLayout = 448,
        CodecCtxFlags = 76, CodecCtxTimeBase = 100, CodecCtxGopSize = 132, CodecCtxPixFmt = 136,
        CodecCtxSampleAspectRatio = 216, CodecCtxColorPrimaries = 324, CodecCtxColorTrc = 328, CodecCtxColorSpace = 332,
        CodecCtxColorRange = 336, CodecCtxThreadCount = 636, CodecCtxFramerate = 712, CodecCtxPktTimebase = 724,
        CodecCtxHwDeviceCtx = 872, CodecCtxHwFramesCtx = 848, CodecCtxGetFormat = 152,
        CodecCtxSampleRate = 352, CodecCtxSampleFmt = 360, CodecCtxFrameSize = 364, CodecCtxChLayout = 920,
        StreamIndex = 0, StreamCodecPar = 208, StreamTimeBase = 16, StreamStartTime = 24, StreamDuration = 32,
        StreamNbFrames = 40, StreamDisposition = 48, StreamMetadata = 64, StreamAvgFrameRate = 72, StreamRFrameRate = 200,
        FormatDuration = 72, FormatBitRate = 80, FormatFlags = 96, FormatProbeSize = 104, FormatNbChapters = 164, FormatChapters = 168, FormatMetadata = 176,
        ParFormat = 28, ParBitRate = 32, ParBitsPerRawSample = 44, ParProfile = 48, ParWidth = 56, ParHeight = 60,
        ParColorRange = 76, ParColorPrimaries = 80, ParColorTrc = 84, ParColorSpace = 88, ParChromaLocation = 92,
        ParSampleRate = 116, ParChannelCount = 148, ParCodedSideData = -1, ParNbCodedSideData = -1,
        HwFramesDeviceRef = 16, HwFramesFree = 40, HwFramesPool = 56, HwFramesInitialPoolSize = 64, HwFramesFormat = 68, HwFramesSwFormat = 72,
        HwFramesWidth = 76, HwFramesHeight = 80, HwDeviceType = 16, HwDeviceHwctx = 24, HwDeviceFree = 32, HwDeviceUserOpaque = 40,
        CodecPrivClass = 72,
    };

    internal static readonly FFmpegLayout FFmpeg6 = FFmpeg51 with
    {
        Release = "6.x", AvCodecMajor = 60,
        FrameDuration = 472,
        CodecCtxFramerate = 704, CodecCtxPktTimebase = 716, CodecCtxHwDeviceCtx = 864, CodecCtxHwFramesCtx = 840, CodecCtxChLayout = 912,
        StreamIndex = 8, StreamCodecPar = 16, StreamTimeBase = 32, StreamStartTime = 40, StreamDuration = 48,
        StreamNbFrames = 56, StreamDisposition = 64, StreamMetadata = 80, StreamAvgFrameRate = 88, StreamRFrameRate = 216,
    };

    internal static readonly FFmpegLayout FFmpeg7 = FFmpeg6 with
    {
        Release = "7.x", AvCodecMajor = 61,
        FrameColorRange = 296, FrameColorPrimaries = 300, FrameColorTrc = 304, FrameColorSpace = 308,
        FrameBestEffortTimestamp = 320, FrameDuration = 432, FrameHwFramesCtx = 352, FrameBuf = 200,
        FrameSampleRate = 192, FrameChLayout = 408,
        FrameFlags = 292, FrameDecodeErrorFlags = 344,
        CodecCtxFlags = 64, CodecCtxTimeBase = 84, CodecCtxGopSize = 332, CodecCtxPixFmt = 140,
        CodecCtxSampleAspectRatio = 132, CodecCtxColorPrimaries = 148, CodecCtxColorTrc = 152, CodecCtxColorSpace = 156,
        CodecCtxColorRange = 160, CodecCtxThreadCount = 656, CodecCtxFramerate = 100, CodecCtxPktTimebase = 92,
        CodecCtxHwDeviceCtx = 560, CodecCtxHwFramesCtx = 552, CodecCtxGetFormat = 192,
        CodecCtxSampleRate = 344, CodecCtxSampleFmt = 348, CodecCtxFrameSize = 376, CodecCtxChLayout = 352,
        FormatDuration = 104, FormatBitRate = 112, FormatFlags = 128, FormatProbeSize = 136, FormatNbChapters = 72, FormatChapters = 80, FormatMetadata = 192,
        ParFormat = 44, ParBitRate = 48, ParBitsPerRawSample = 60, ParProfile = 64, ParWidth = 72, ParHeight = 76,
        ParColorRange = 100, ParColorPrimaries = 104, ParColorTrc = 108, ParColorSpace = 112, ParChromaLocation = 116,
        ParSampleRate = 152, ParChannelCount = 132, ParCodedSideData = 32, ParNbCodedSideData = 40,
        HwFramesDeviceRef = 8, HwFramesFree = 32, HwFramesPool = 48, HwFramesInitialPoolSize = 56, HwFramesFormat = 60, HwFramesSwFormat = 64,
        HwFramesWidth = 68, HwFramesHeight = 72, HwDeviceType = 8, HwDeviceHwctx = 16, HwDeviceFree = 24, HwDeviceUserOpaque = 32,
        CodecPrivClass = 64,
    };

    internal static FFmpegLayout? ForAvCodecMajor(int major) => major switch
    {
        59 => FFmpeg51,
        60 => FFmpeg6,
        61 => FFmpeg7,
        _ => null,
    };
}
