namespace Ovni.Encoding;

/// <summary>
/// How a search spends its time, per encoder (<see cref="EncoderProfile.Tuning"/>); internal so the benchmarks can vary it.
/// The defaults come from `Ovni.TargetQualityBench calibrate` (x264 fast, 720p, against full-file scores): a search costs
/// about probes × (sampled share of the file) × (1 + lead-out share) of the full encode, so 2–3 probes of 1-second samples,
/// 3 per minute (5 % of the file), keep it near a fifth; a 12-frame lead-out took the samples' own bias (they scored lower
/// than the same frames of the full encode: the look-ahead saw the sample's end) from −0.6 to −0.2 VMAF; scoring every
/// third frame moved the error by under 0.1 here and saves most of VMAF's share of the time.
/// </summary>
internal sealed record SearchTuning
{
    /// <summary>Frames encoded after each sample but not scored (the encoder's look-ahead sees what follows, as in the full encode).</summary>
    internal int LeadOutFrames { get; init; } = 12;

    /// <summary>Probes score every Nth sample frame (motion still compares with the frame before).</summary>
    internal int VmafSubsample { get; init; } = 3;

    /// <summary>Whether <see cref="SamplePlacement.Auto"/> runs scene detection (a decode of the whole file) even when the source's key frames mark its scenes.</summary>
    internal bool DetectScenes { get; init; }

    /// <summary>Samples per minute of video when the options leave the count open; at least 4, at most 12.</summary>
    internal double SamplesPerMinute { get; init; } = 3;

    /// <summary>Sample length when the options leave it open.</summary>
    internal TimeSpan SampleDuration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A search stops once two probes bracket the target within this many VMAF points (read off the line between them).</summary>
    internal double BracketVmaf { get; init; } = 3.5;

    /// <summary>A search also stops when the target is bracketed and a probe meets it by at most this many VMAF points.</summary>
    internal double NearVmaf { get; init; } = 0.5;

    /// <summary>Before the target is bracketed, the next probe aims this many VMAF points past it, so it likely brackets.</summary>
    internal double OvershootVmaf { get; init; } = 0.75;

    /// <summary>One string for cache keys.</summary>
    internal string Key => $"lead{LeadOutFrames}/sub{VmafSubsample}";
}
