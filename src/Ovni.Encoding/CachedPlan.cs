namespace Ovni.Encoding;

/// <summary>A sample plan as the cache stores it.</summary>
internal sealed record CachedPlan(SamplePlacement Placement, double[] StartSeconds, int[] FrameCounts, double[] Weights, long Frames, int[]? LeadOuts = null, int[]? LeadIns = null);
