namespace Ovni.Encoding;

/// <summary>What one probe measured, per sample: bytes, frames encoded, per-frame VMAF of the frames scored (what the cache stores).</summary>
internal sealed record ProbeRecord(double Crf, long[] Bytes, float[][] Vmaf, double Seconds, int[] Frames);
