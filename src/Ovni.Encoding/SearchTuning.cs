namespace Ovni.Encoding;

/// <summary>
/// How a search spends its time, per encoder (<see cref="EncoderProfile.Tuning"/>); internal so the benchmarks can vary it.
/// </summary>
internal sealed record SearchTuning
{
    /// <summary>Frames encoded after each sample but not scored (the encoder's look-ahead sees what follows, as in the full encode).</summary>
    internal int LeadOutFrames { get; init; }

    /// <summary>Probes score every Nth sample frame (motion still compares with the frame before).</summary>
    internal int VmafSubsample { get; init; } = 1;

    /// <summary>Whether <see cref="SamplePlacement.Auto"/> runs scene detection (a decode of the whole file) or goes straight to the key frames.</summary>
    internal bool DetectScenes { get; init; } = true;

    /// <summary>Samples per minute of video when the options leave the count open; at least 4, at most 12.</summary>
    internal double SamplesPerMinute { get; init; } = 3;

    /// <summary>Sample length when the options leave it open.</summary>
    internal TimeSpan SampleDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>One string for cache keys.</summary>
    internal string Key => $"lead{LeadOutFrames}/sub{VmafSubsample}";
}
