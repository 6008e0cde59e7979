namespace Ovni.Encoding;

/// <summary>One probe encode of one shot: which frames, at which CRF, with which exact encoder settings, and where its file goes.</summary>
/// <param name="Shot">The shot (chunk) index in the plan.</param>
/// <param name="Span">The shot's frames.</param>
/// <param name="Crf">The CRF this probe tries (already applied to <paramref name="Encoding"/>).</param>
/// <param name="Encoding">The complete encoder settings, threads included.</param>
/// <param name="OutputPath">Where the finished probe must be (on the machine that runs the hull encoder).</param>
/// <param name="Variant">Which settings <paramref name="Encoding"/> holds: <see cref="EncoderVariant.BaseName"/> or a <see cref="ShotHullOptions.Variants"/> name.</param>
public sealed record ShotProbe(int Shot, ChunkSpan Span, double Crf, VideoEncoderOptions Encoding, string OutputPath, string Variant = EncoderVariant.BaseName);
