namespace Ovni.Encoding;

/// <summary>One shot of a convex-hull encode: its frames, every probe, its hull and the encode chosen for it.</summary>
/// <param name="Index">Position in the output.</param>
/// <param name="StartFrame">First frame.</param>
/// <param name="FrameCount">Frames.</param>
/// <param name="Probes">Every encode made of it, by CRF.</param>
/// <param name="Hull">Its efficient points (after the floor), by size.</param>
/// <param name="Chosen">The encode that went into the output.</param>
public sealed record ShotReport(int Index, int StartFrame, int FrameCount, IReadOnlyList<ShotPoint> Probes, IReadOnlyList<ShotPoint> Hull, ShotPoint Chosen);
