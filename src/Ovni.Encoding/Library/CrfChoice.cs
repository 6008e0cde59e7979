namespace Ovni.Encoding.Library;

/// <summary>A chooser's answer.</summary>
/// <param name="Crf">The CRF to encode with.</param>
/// <param name="PredictedVmaf">Predicted VMAF of the full encode (null for a fixed CRF).</param>
/// <param name="Reachable">False when the target cannot be met within the CRF range (the best CRF is given).</param>
/// <param name="Note">What the chooser did, for the log ("fixed CRF 24", "search: 3 probes").</param>
public sealed record CrfChoice(int Crf, double? PredictedVmaf = null, bool Reachable = true, string? Note = null);
