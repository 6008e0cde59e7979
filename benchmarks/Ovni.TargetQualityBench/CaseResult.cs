namespace Ovni.TargetQualityBench;

/// <summary>One line of the results file: a search, its full encode(s) and their full-file VMAF.</summary>
internal sealed record CaseResult
{
    public required string Case { get; init; }
    public required string Input { get; init; }
    public required string Encoder { get; init; }
    public required string Preset { get; init; }
    public required double Target { get; init; }
    public required double Crf { get; init; }
    public required double Predicted { get; init; }
    public required bool Reachable { get; init; }
    public required int Probes { get; init; }
    public required double[] ProbeCrfs { get; init; }
    public required double[] ProbeVmafs { get; init; }
    public required string Placement { get; init; }
    public required int Samples { get; init; }
    public required long SampleFrames { get; init; }
    public required double SearchSeconds { get; init; }
    public required double[] AttemptCrfs { get; init; }
    public required double[] AttemptMeasured { get; init; }
    public required long[] AttemptBytes { get; init; }
    public required double[] AttemptEncodeSeconds { get; init; }
    public required double[] AttemptVerifySeconds { get; init; }
    public required string Outcome { get; init; }
    public required double FinalCrf { get; init; }
    public required double FinalMeasured { get; init; }
    public required long SourceBytes { get; init; }
    public required int CacheHitProbes { get; init; }
    public required double TotalSeconds { get; init; }
    public required string Load { get; init; }
    public required string Finished { get; init; }
}
