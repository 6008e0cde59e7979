namespace Ovni.Encoding.Library;

/// <summary>Progress of one file's encode.</summary>
/// <param name="Fraction">Done, 0–1.</param>
/// <param name="FramesPerSecond">Encode speed.</param>
/// <param name="BytesWritten">Bytes in the temporary output so far.</param>
/// <param name="Eta">Time left for this file, when known.</param>
public readonly record struct EncodeProgress(double Fraction, double FramesPerSecond, long BytesWritten, TimeSpan? Eta);
