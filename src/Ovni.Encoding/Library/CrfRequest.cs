namespace Ovni.Encoding.Library;

/// <summary>What a <see cref="ICrfChooser"/> is asked: which file, with which encoder and preset, at which target.</summary>
/// <param name="SourcePath">The source file.</param>
/// <param name="Source">Its probed description.</param>
/// <param name="Encoder">FFmpeg encoder name.</param>
/// <param name="Preset">Encoder preset (null: default).</param>
/// <param name="PixelFormat">Output pixel format (null: the source's).</param>
/// <param name="TargetVmaf">The quality target, or null for a fixed CRF.</param>
/// <param name="FallbackCrf">The configured CRF.</param>
/// <param name="MaxSizeFraction">The largest output the size rule keeps, as a fraction of the source.</param>
public sealed record CrfRequest(string SourcePath, MediaInfo Source, string Encoder, string? Preset, PixelFormat? PixelFormat,
    double? TargetVmaf, int FallbackCrf, double MaxSizeFraction);
