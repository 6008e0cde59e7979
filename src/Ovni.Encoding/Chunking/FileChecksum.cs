using System.Security.Cryptography;

namespace Ovni.Encoding;

/// <summary>SHA-256 of files: what the done-log and chunk transfers use to tell a whole chunk from a damaged one.</summary>
public static class FileChecksum
{
    /// <summary>The SHA-256 of <paramref name="path"/>'s content, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
