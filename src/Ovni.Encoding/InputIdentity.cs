using System.Security.Cryptography;

namespace Ovni.Encoding;

/// <summary>
/// Identifies a file's content cheaply for caches: its size, its modification time, and a SHA-256 of its first and last
/// MiB. A file rewritten in place with other content changes at least one of them in practice; renaming keeps it.
/// </summary>
/// <param name="Size">Bytes.</param>
/// <param name="LastWriteUtc">Modification time (UTC).</param>
/// <param name="EdgeHash">Hex SHA-256 of the first and last MiB.</param>
public readonly record struct InputIdentity(long Size, DateTime LastWriteUtc, string EdgeHash)
{
    private const int Edge = 1 << 20;

    /// <summary>Reads the identity of <paramref name="path"/> (at most 2 MiB of it).</summary>
    /// <exception cref="OvniException">The file cannot be read.</exception>
    public static InputIdentity Of(string path)
    {
        try
        {
            FileInfo info = LinkedFile.Resolve(path);
            if (!info.Exists) throw new OvniException($"Media file not found: '{path}'.") { FilePath = path };
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[Edge];
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            hash.AppendData(buffer, 0, read);
            if (stream.Length > Edge)
            {
                stream.Seek(Math.Max(Edge, stream.Length - Edge), SeekOrigin.Begin);
                read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                hash.AppendData(buffer, 0, read);
            }
            return new InputIdentity(info.Length, info.LastWriteTimeUtc, Convert.ToHexString(hash.GetHashAndReset()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Cannot read '{path}': {e.Message}", e) { FilePath = path };
        }
    }

    /// <summary>One string for a cache key.</summary>
    public override string ToString() => $"{Size}:{LastWriteUtc.Ticks}:{EdgeHash}";
}
