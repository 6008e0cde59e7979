namespace Ovni.Encoding;

/// <summary>One full encode and what verification measured.</summary>
/// <param name="Crf">The CRF encoded.</param>
/// <param name="MeasuredVmaf">Pooled VMAF of the final file (NaN when not verified).</param>
/// <param name="Bytes">Size of the output file.</param>
/// <param name="EncodeTime">Wall time of the encode.</param>
/// <param name="VerifyTime">Wall time of the verification.</param>
public sealed record EncodeAttempt(double Crf, double MeasuredVmaf, long Bytes, TimeSpan EncodeTime, TimeSpan VerifyTime);
