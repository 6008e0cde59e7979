namespace Ovni.Encoding;

/// <summary>One probe: every sample encoded at one CRF and scored.</summary>
/// <param name="Crf">The CRF encoded.</param>
/// <param name="Vmaf">Predicted pooled VMAF of the whole file (samples weighted by the share of the file they stand for).</param>
/// <param name="SampleBytes">Bytes of the encoded samples.</param>
/// <param name="PredictedBytes">Predicted size of the whole file's video at this CRF.</param>
/// <param name="EncodeSeconds">Wall time the samples took to encode (and score).</param>
/// <param name="FromCache">True when the probe came from the cache (nothing was encoded).</param>
public sealed record CrfProbe(double Crf, double Vmaf, long SampleBytes, long PredictedBytes, double EncodeSeconds, bool FromCache);
