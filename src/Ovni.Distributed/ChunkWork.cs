using Ovni.Encoding;

namespace Ovni.Distributed;

/// <summary>
/// The work of one chunk row of a probe job, stored as JSON beside its frames: the exact encoder settings (threads
/// included, so a worker makes the same bytes as the coordinator would) and what the probe is for. A further probe
/// dimension (e.g. a scaled height) is one more nullable property here: old rows read it as null, and a worker that
/// must act on it gets it with the rest.
/// </summary>
/// <param name="Encoding">The complete encoder settings of this chunk.</param>
/// <param name="Shot">The shot (chunk of the hull's plan) the probe is of.</param>
/// <param name="Crf">The CRF the probe tries (already in <paramref name="Encoding"/>; kept for logs and the dashboard).</param>
internal sealed record ChunkWork(VideoEncoderOptions Encoding, int? Shot = null, double? Crf = null);
