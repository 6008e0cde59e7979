namespace Ovni.Encoding;

/// <summary>Progress of a search or a target-quality encode.</summary>
/// <param name="Phase">What is happening: "scenes", "samples", "probe", "encode", "verify", "done".</param>
/// <param name="Fraction">How far this phase is (0–1), when known; NaN otherwise.</param>
/// <param name="Message">One line for a person.</param>
public readonly record struct TargetQualityProgress(string Phase, double Fraction, string Message);
