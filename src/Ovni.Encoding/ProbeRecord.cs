namespace Ovni.Encoding;

/// <summary>What one probe measured, per sample: bytes and per-frame VMAF (what the cache stores).</summary>
internal sealed record ProbeRecord(double Crf, long[] Bytes, float[][] Vmaf, double Seconds);
