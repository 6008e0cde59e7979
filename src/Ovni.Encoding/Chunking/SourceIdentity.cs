using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Ovni.Encoding;

/// <summary>
/// Who a source file is, cheaply: its size, modification time and a hash of its first and last MiB. A chunk plan and
/// its finished chunks belong to one identity; if the file is replaced or edited, the plan no longer matches and
/// nothing of the old work is reused.
/// </summary>
/// <param name="Path">Full path when the identity was taken.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="LastWriteUtc">Last write time (UTC).</param>
/// <param name="HeadTailSha256">SHA-256 over the first and last MiB, hex.</param>
public sealed record SourceIdentity(string Path, long Size, DateTime LastWriteUtc, string HeadTailSha256)
{
    private const int Window = 1 << 20;

    /// <summary>Takes the identity of <paramref name="path"/>.</summary>
    /// <exception cref="OvniException">The file does not exist or cannot be read.</exception>
    public static SourceIdentity Compute(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new OvniException($"Media file not found: '{path}'.") { FilePath = path };
        try
        {
            FileInfo info = LinkedFile.Resolve(full);
            using FileStream stream = new(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] buffer = new byte[Window];
            int read = stream.ReadAtLeast(buffer, Math.Min(Window, (int)Math.Min(int.MaxValue, info.Length)), throwOnEndOfStream: false);
            hash.AppendData(buffer, 0, read);
            if (info.Length > Window)
            {
                stream.Seek(Math.Max(Window, info.Length - Window), SeekOrigin.Begin);
                read = stream.ReadAtLeast(buffer, (int)Math.Min(Window, info.Length - Window), throwOnEndOfStream: false);
                hash.AppendData(buffer, 0, read);
            }
            return new SourceIdentity(full, info.Length, info.LastWriteTimeUtc, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OvniException($"Cannot read '{path}' to identify it: {e.Message}", e) { FilePath = path };
        }
    }

    /// <summary>Same file content as far as the identity tells (the path may differ: a moved file is the same source).</summary>
    public bool SameContentAs(SourceIdentity other) =>
        Size == other.Size && LastWriteUtc == other.LastWriteUtc && HeadTailSha256 == other.HeadTailSha256;

    /// <summary>A short stable text of the content identity, for keys.</summary>
    [JsonIgnore]
    public string Key => $"{Size}:{LastWriteUtc.Ticks}:{HeadTailSha256}";
}
