namespace Ovni.Encoding.Library;

/// <summary>The "encode one file" step, a seam so tests can make a destination fail the way a full disk does.</summary>
internal interface IFileEncoder
{
    /// <summary>
    /// Encodes <paramref name="source"/> into <paramref name="output"/> (inside the job's work folder), stopping early
    /// with <see cref="SizeLimitExceededException"/> when the projected size passes <paramref name="sizeLimit"/>.
    /// </summary>
    Task<EncodeOutcome> EncodeAsync(string source, string output, EncodeSettings settings, long sizeLimit,
        IProgress<EncodeProgress>? progress, CancellationToken cancellationToken);
}
