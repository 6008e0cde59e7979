namespace Ovni;

/// <summary>How a <see cref="MediaReader"/> decodes.</summary>
public sealed record MediaReaderOptions
{
    /// <summary>Decoder threads; 0 = one per core (FFmpeg's "auto").</summary>
    public int Threads { get; init; }

    /// <summary>Shared settings (device, logging, pipeline depth); <see cref="OvniConfiguration.Default"/> when null.</summary>
    public OvniConfiguration? Configuration { get; init; }
}
