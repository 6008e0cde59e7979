namespace Ovni.Encoding;

/// <summary>One sample of the input: a run of frames, and the share of the whole file it stands for.</summary>
/// <param name="Start">Time of its first frame from the start of the stream.</param>
/// <param name="FrameCount">Frames in it (the frames scored).</param>
/// <param name="Weight">Share of the file's frames it represents (all samples' weights add up to 1).</param>
/// <param name="LeadOut">Frames after it that are encoded but not scored, so the encoder's look-ahead sees what follows, as in the full encode.</param>
/// <param name="LeadIn">Frames before it that are encoded but not scored, so its scored frames are not the key frame a sample must start with
/// (and the frames right after it), which the full encode does not have there.</param>
internal readonly record struct SampleSpan(TimeSpan Start, int FrameCount, double Weight, int LeadOut = 0, int LeadIn = 0);
