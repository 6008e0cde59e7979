namespace Ovni.Encoding.Ladder;

/// <summary>What <see cref="CrfLadder"/> encodes: one input at several CRFs with one encoder and preset.</summary>
public sealed record LadderOptions
{
    /// <summary>The CRFs to try (e.g. 20, 26, 32, 38).</summary>
    public IReadOnlyList<int> Crfs { get; init; } = [20, 26, 32, 38];

    /// <summary>FFmpeg encoder. Default libx265.</summary>
    public string Encoder { get; init; } = "libx265";

    /// <summary>Encoder preset; null = the encoder's default.</summary>
    public string? Preset { get; init; }

    /// <summary>Encodes run at once; 0 = one per two cores (each encoder then gets two threads).</summary>
    public int Parallel { get; init; }

    /// <summary>VMAF model; null measures size, bit rate and time only.</summary>
    public Quality.VmafModel? Model { get; init; }

    /// <summary>Keep the encodes in this folder (named NAME.crfNN.EXT); null deletes them.</summary>
    public string? KeepFolder { get; init; }

    /// <summary>Container for the encodes ("matroska" or "mp4"). Default matroska.</summary>
    public string Container { get; init; } = "matroska";
}
