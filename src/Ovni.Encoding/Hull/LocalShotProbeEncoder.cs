namespace Ovni.Encoding;

/// <summary>Probe encodes on this machine, <paramref name="parallel"/> at once, each scored in the same slot as soon as it is done.</summary>
internal sealed class LocalShotProbeEncoder(int parallel) : IShotProbeEncoder
{
    public Task EncodeAsync(ShotProbeBatch batch, Func<ShotProbe, ChunkRecord, CancellationToken, Task> encoded, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(batch.Probes, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (probe, ct) =>
        {
            ChunkRecord record = await ChunkEncoder.EncodeAsync(batch.Input, probe.Span, batch.Timeline, probe.Encoding, probe.OutputPath, cancellationToken: ct)
                .ConfigureAwait(false);
            await encoded(probe, record, ct).ConfigureAwait(false);
        });
}
