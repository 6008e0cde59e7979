namespace Ovni.Encoding.Ladder;

/// <summary>One rung of the ladder.</summary>
/// <param name="Crf">The CRF.</param>
/// <param name="Bytes">Size of the encode.</param>
/// <param name="BitRate">Overall bit rate in bits per second.</param>
/// <param name="Vmaf">Mean VMAF against the input (null without a model).</param>
/// <param name="EncodeTime">Wall time of the encode.</param>
/// <param name="Frames">Frames encoded.</param>
/// <param name="Path">Where the encode was kept (null when deleted).</param>
public sealed record LadderPoint(int Crf, long Bytes, long BitRate, double? Vmaf, TimeSpan EncodeTime, long Frames, string? Path);
