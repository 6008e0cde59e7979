namespace Ovni.Encoding.Library;

/// <summary>
/// A library file seen through its symbolic link: size, time and existence are the file's it points to. A link's own
/// size is the length of its target's name (21 bytes), which made every filter and the saving test judge the wrong file.
/// </summary>
internal static class LinkedFile
{
    /// <summary>The file <paramref name="path"/> names after every link (its own info when it is no link; a broken link does not exist).</summary>
    internal static FileInfo Target(string path)
    {
        var info = new FileInfo(path);
        try
        {
            return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target ? target : info;
        }
        catch (IOException)
        {
            return info; // a link loop: reported as the link itself, which the probe then refuses
        }
    }

    /// <summary>Where a symbolic link at <paramref name="path"/> points, or null when it is none.</summary>
    internal static string? LinkTargetOf(string path) => new FileInfo(path).LinkTarget;
}
