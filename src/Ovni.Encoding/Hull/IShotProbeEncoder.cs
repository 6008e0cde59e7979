namespace Ovni.Encoding;

/// <summary>
/// Where <see cref="ShotHullEncoder"/>'s probe encodes run: on this machine (the default) or, with Ovni.Distributed, as
/// chunk jobs on <c>ovni worker</c> machines. An implementation encodes every probe of a batch exactly as given (the
/// settings carry the thread count too, so the same settings give the same bytes anywhere), leaves each at its
/// <see cref="ShotProbe.OutputPath"/> and then calls <c>encoded</c> for it; the hull encoder scores it there.
/// </summary>
public interface IShotProbeEncoder
{
    /// <summary>Encodes <paramref name="batch"/>'s probes, in any order and as many at once as it likes.</summary>
    /// <param name="batch">The source and the probes.</param>
    /// <param name="encoded">Called once per probe, after its file is complete at <see cref="ShotProbe.OutputPath"/>; may be called
    /// concurrently; its task is awaited before this method returns.</param>
    /// <param name="cancellationToken">Stops every probe; nothing an unfinished probe wrote may be left behind.</param>
    /// <exception cref="OvniException">A probe could not be encoded.</exception>
    Task EncodeAsync(ShotProbeBatch batch, Func<ShotProbe, ChunkRecord, CancellationToken, Task> encoded, CancellationToken cancellationToken);
}
