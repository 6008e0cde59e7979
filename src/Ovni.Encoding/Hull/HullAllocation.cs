namespace Ovni.Encoding;

/// <summary>Which encode every shot gets, and what the whole file is then predicted to be.</summary>
/// <param name="Lambda">The slope (bytes per unit of summed VMAF) at which every shot's choice sits on its hull.</param>
/// <param name="Chosen">The chosen point of each shot, in shot order.</param>
/// <param name="PooledVmaf">The whole file's predicted VMAF: the frame-weighted mean of the shots' means.</param>
/// <param name="Bytes">The total size of the chosen encodes.</param>
/// <param name="Met">Whether the target (or budget) was met; when not, every shot has its best-quality (or cheapest) point.</param>
public sealed record HullAllocation(double Lambda, IReadOnlyList<ShotPoint> Chosen, double PooledVmaf, long Bytes, bool Met);
