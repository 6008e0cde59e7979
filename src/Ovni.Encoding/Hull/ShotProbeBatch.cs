namespace Ovni.Encoding;

/// <summary>Probes <see cref="ShotHullEncoder"/> wants encoded together (a coarse grid, or one refinement round).</summary>
/// <param name="Input">The source (full path).</param>
/// <param name="Timeline">The source's video timeline.</param>
/// <param name="Plan">The shots.</param>
/// <param name="Phase">"coarse", "refine 1", … (for progress and logs).</param>
/// <param name="WorkDirectory">The hull encoder's work folder (where every <see cref="ShotProbe.OutputPath"/> lies).</param>
/// <param name="Probes">The probes, longest shot first.</param>
public sealed record ShotProbeBatch(string Input, VideoTimeline Timeline, ChunkPlan Plan, string Phase, string WorkDirectory, IReadOnlyList<ShotProbe> Probes);
