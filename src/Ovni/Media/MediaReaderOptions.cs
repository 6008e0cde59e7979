namespace Ovni;

/// <summary>How a <see cref="MediaReader"/> decodes.</summary>
public sealed record MediaReaderOptions
{
    /// <summary>Decoder threads; 0 = one per core (FFmpeg's "auto").</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Device the frames are delivered on; null: the configuration's <see cref="OvniConfiguration.Device"/> (the CPU unless
    /// configured otherwise). With a <see cref="CudaDevice"/> the decoder
    /// uses NVDEC into device memory when it can; otherwise it decodes on the CPU and uploads each frame
    /// (see <see cref="MediaReader.HardwareDecodingFallbackReason"/>).
    /// </summary>
    public ComputeDevice? Device { get; init; }

    /// <summary>With a CUDA <see cref="Device"/>: fail instead of decoding on the CPU and uploading when NVDEC is unavailable.</summary>
    public bool RequireHardwareDecoding { get; init; }

    /// <summary>
    /// Further decoder options by FFmpeg name, e.g. ["skip_loop_filter"] = "all" or ["lowres"] = "2" for a fast, approximate
    /// decode (scene detection does this). Options the decoder does not know are ignored; <c>lowres</c> is capped by FFmpeg
    /// at what the decoder supports (0 for most modern codecs), and frames then come at the reduced size.
    /// </summary>
    public IReadOnlyDictionary<string, string>? DecoderOptions { get; init; }

    /// <summary>
    /// Hand the path to FFmpeg unchanged, as a URL of any protocol it knows (<c>pipe:</c>, <c>concat:</c>, <c>data:</c>, …).
    /// By default a path is a local file whatever characters its name holds (<c>take1:final.mp4</c>, <c>file:a.mp4</c>),
    /// and only network URLs (<c>http(s)://</c>, <c>rtmp://</c>, <c>rtsp://</c>, <c>srt://</c>, <c>udp://</c>, <c>tcp://</c>, …) are URLs.
    /// </summary>
    public bool TreatAsUrl { get; init; }

    /// <summary>
    /// Fail with an <see cref="OvniException"/> at the first decode error or when the data ends before the container says
    /// (its message is the <see cref="DecodeReport"/> so far, and <see cref="MediaReader.GetDecodeReport"/> still returns it),
    /// instead of concealing the damage and reporting it in <see cref="MediaReader.GetDecodeReport"/>.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Shared settings (device, logging, pipeline depth); <see cref="OvniConfiguration.Default"/> when null.</summary>
    public OvniConfiguration? Configuration { get; init; }
}
