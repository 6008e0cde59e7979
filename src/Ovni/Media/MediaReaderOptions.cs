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

    /// <summary>Shared settings (device, logging, pipeline depth); <see cref="OvniConfiguration.Default"/> when null.</summary>
    public OvniConfiguration? Configuration { get; init; }
}
