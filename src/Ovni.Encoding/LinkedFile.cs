namespace Ovni.Encoding;

/// <summary>
/// The file a path names after symbolic links are followed. .NET's <see cref="FileInfo"/> describes a link itself (its
/// length is the length of the target's name), so a source reached through a link would look 38 bytes long and as old
/// as the link: every size limit, cache key and resume check must look at the final target instead.
/// </summary>
internal static class LinkedFile
{
    /// <summary>The final target of <paramref name="path"/>, or the path itself when it is not a link (or the link dangles).</summary>
    public static FileInfo Resolve(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target ? target : info;
    }
}
