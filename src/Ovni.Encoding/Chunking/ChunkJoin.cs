namespace Ovni.Encoding;

/// <summary>
/// The end of a chunked encode: chunks joined by stream copy with the source's timestamps, audio, subtitles and
/// chapters, checked frame-exact against the source, and only then moved to the output. A join that fails or is
/// killed leaves the chunks as they were, so running it again costs no encode.
/// </summary>
public static class ChunkJoin
{
    /// <summary>The hidden name the joined file has beside the output until it is verified.</summary>
    public static string UnverifiedPathFor(string output)
    {
        string full = Path.GetFullPath(output);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}.ovni-joined{Path.GetExtension(full)}");
    }

    /// <summary>Joins <paramref name="chunkFiles"/> (in plan order) into <paramref name="output"/>.</summary>
    /// <param name="source">The source (timestamps, audio, subtitles, chapters).</param>
    /// <param name="timeline">The source's video timeline.</param>
    /// <param name="chunkFiles">The chunk files in output order.</param>
    /// <param name="output">The final file; replaced only by a verified result.</param>
    /// <param name="progress">Join progress, 0 to 1.</param>
    /// <param name="cancellationToken">Stops the join.</param>
    /// <exception cref="OvniException">A chunk is missing or does not fit, or the joined file is not frame-exact (nothing is published then).</exception>
    public static async Task<ConcatenationResult> JoinAsync(string source, VideoTimeline timeline, IReadOnlyList<string> chunkFiles, string output,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        foreach (string chunk in chunkFiles)
            if (!File.Exists(chunk)) throw new OvniException($"Cannot join: chunk file '{chunk}' is missing.") { FilePath = chunk };
        string unverified = UnverifiedPathFor(output);
        ConcatenationResult result = await MediaConcatenator.ConcatenateAsync(chunkFiles, unverified,
            new ConcatenationOptions { Timeline = timeline, StreamsFrom = source }, progress, cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            VideoTimeline joined = VideoTimeline.Read(unverified, cancellationToken);
            if (!timeline.Matches(joined, out string? difference))
                throw new OvniException($"The joined file is not frame-exact, so it was not published: {difference}") { FilePath = output };
            MediaWriter.EnsureNotAnInput(Path.GetFullPath(output), source);
            File.Move(unverified, Path.GetFullPath(output), overwrite: true);
            AtomicFile.FlushDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        }
        catch
        {
            try { File.Delete(unverified); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
        return result with { Output = Path.GetFullPath(output) };
    }
}
