namespace Ovni;

/// <summary>How a <see cref="MediaReader"/> decodes.</summary>
public sealed record MediaReaderOptions
{
    /// <summary>Decoder threads; 0 = one per core (FFmpeg's "auto").</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Device the frames are delivered on; null decodes to host memory. With a <see cref="CudaDevice"/> the decoder
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

    /// <summary>Shared settings (device, logging, pipeline depth); <see cref="OvniConfiguration.Default"/> when null.</summary>
    public OvniConfiguration? Configuration { get; init; }
}
