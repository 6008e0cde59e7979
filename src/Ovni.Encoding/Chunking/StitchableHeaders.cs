namespace Ovni.Encoding;

/// <summary>
/// Chunks joined without re-encoding share one set of codec headers (the first chunk's), so every chunk must write the
/// same ones. x264 tunes its picture parameter set to the rate control (the initial QP follows the CRF) and x265 stores
/// its settings, CRF included, in an SEI among its headers: chunks at different CRFs would then differ and the join
/// refuses them. x264's <c>stitchable</c> and x265's <c>info=0</c> keep the headers independent of the CRF (measured:
/// CRF 20 and 30 give byte-equal extradata with them, different without); SVT-AV1 and libaom need nothing.
/// </summary>
internal static class StitchableHeaders
{
    /// <summary><paramref name="encoding"/> with the options that make its headers the same whatever the CRF.</summary>
    internal static VideoEncoderOptions Apply(VideoEncoderOptions encoding) => encoding.Encoder switch
    {
        "libx264" => WithParam(encoding, "x264-params", "stitchable=1"),
        "libx265" => WithParam(encoding, "x265-params", "info=0"),
        _ => encoding,
    };

    private static VideoEncoderOptions WithParam(VideoEncoderOptions encoding, string option, string param)
    {
        var extra = new Dictionary<string, string>(encoding.ExtraOptions ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        // A user's own value for the same key wins (they asked for it); otherwise ours is appended.
        extra[option] = extra.TryGetValue(option, out string? existing) && existing.Length > 0 ? EncoderParamList.Merge(existing, param, addedWins: false) : param;
        return encoding with { ExtraOptions = extra };
    }
}
