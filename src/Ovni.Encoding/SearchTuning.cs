namespace Ovni.Encoding;

/// <summary>
/// How a search spends its time, per encoder (<see cref="EncoderProfile.Tuning"/>); internal so the benchmarks can vary it.
/// A search costs about probes × (encoded share of the file) of the full encode. Measured (round 5) on full x264-fast encodes
/// of the test inputs, per frame: samples at key frames scored 1–2 VMAF above the file (the encoder spends more after a key
/// frame), so samples are now systematic (<see cref="SamplePlacement.Systematic"/>): 6 a minute of 0.5 s (5 % of the file
/// scored), each with 6 lead-in and 12 lead-out frames encoded but not scored (12.5 % of the file encoded per probe, was
/// 7.5 %). Lead-out matters most: x264's macroblock tree lowers the quantiser of what later frames reference, and a sample that
/// ends early loses that (`calibrate` on animation, CRF 28: 8 lead-out frames −0.62 VMAF against the same frames of the full
/// encode, 12 lead-out frames +0.11). Scoring every second frame keeps VMAF's share small.
/// </summary>
internal sealed record SearchTuning
{
    /// <summary>Frames encoded after each sample but not scored (the encoder's look-ahead sees what follows, as in the full encode).</summary>
    internal int LeadOutFrames { get; init; } = 12;

    /// <summary>
    /// Frames encoded before each sample but not scored (<see cref="SamplePlacement.Systematic"/>): a sample must start with a key
    /// frame, the full encode mostly has none there, and the frames just after a key frame score higher.
    /// </summary>
    internal int LeadInFrames { get; init; } = 6;

    /// <summary>Probes score every Nth sample frame (motion still compares with the frame before).</summary>
    internal int VmafSubsample { get; init; } = 2;

    /// <summary>Whether <see cref="SamplePlacement.Auto"/> runs scene detection (a decode of the whole file) even when the source's key frames mark its scenes.</summary>
    internal bool DetectScenes { get; init; }

    /// <summary>Samples per minute of video when the options leave the count open; at least 4, at most <see cref="MaxSamples"/>.</summary>
    internal double SamplesPerMinute { get; init; } = 6;

    /// <summary>
    /// Most samples when the options leave the count open. How far the samples' mean strays from the file's depends on how many
    /// samples there are, not on the file's length, so beyond this count a longer file costs no more to search.
    /// </summary>
    internal int MaxSamples { get; init; } = 12;

    /// <summary>Sample length when the options leave it open.</summary>
    internal TimeSpan SampleDuration { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>A search stops once two probes bracket the target within this many VMAF points (read off the line between them).</summary>
    internal double BracketVmaf { get; init; } = 3.5;

    /// <summary>A search also stops when the target is bracketed and a probe meets it by at most this many VMAF points.</summary>
    internal double NearVmaf { get; init; } = 0.5;

    /// <summary>Before the target is bracketed, the next probe aims this many VMAF points past it, so it likely brackets.</summary>
    internal double OvershootVmaf { get; init; } = 0.75;

    /// <summary>
    /// Whether a probe codes all samples with one encoder, back to back, each from a forced key frame (closed GOP), instead of one
    /// encoder per sample: the encoder's start-up is paid once per probe (SVT-AV1's start-up is most of a short sample's cost).
    /// </summary>
    internal bool OneEncoder { get; init; } = true;

    /// <summary>
    /// With <see cref="OneEncoder"/>: whether every sample starts with a forced key frame (the probe split by seeking), or the
    /// samples run on as one stream whose only key frames are the encoder's own, as in the full encode (the probe read in
    /// order), each with <see cref="StreamLeadInFrames"/> of its lead-in; when the samples' frames mostly repeat
    /// (<see cref="RepeatShareForKeyFrame"/>), every sample still starts from a key frame with its whole lead-in.
    /// </summary>
    internal bool KeyFramePerSample { get; init; } = true;

    /// <summary>Lead-in frames of a sample that runs on in the stream (<see cref="KeyFramePerSample"/> false).</summary>
    internal int StreamLeadInFrames { get; init; } = 6;

    /// <summary>
    /// With <see cref="KeyFramePerSample"/> false: when the samples' mean share of repeated frames reaches this, every sample starts
    /// from a key frame (<see cref="double.PositiveInfinity"/>: never).
    /// </summary>
    internal double RepeatShareForKeyFrame { get; init; } = 0.2;

    /// <summary>Whether a probe whose samples' frames repeat their predecessors by this mean share starts every sample from a key frame.</summary>
    internal bool KeyFrameEverySample(double repeatShare) => KeyFramePerSample || repeatShare >= RepeatShareForKeyFrame;

    /// <summary>One string for cache keys.</summary>
    internal string Key => $"lead{LeadOutFrames}/in{LeadInFrames}/sub{VmafSubsample}" + (OneEncoder ? "/one" : "") + (OneEncoder && !KeyFramePerSample ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/stream{StreamLeadInFrames}r{RepeatShareForKeyFrame}") : "");
}
