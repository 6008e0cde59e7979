namespace Ovni.IO;

/// <summary>The writer's promise "never write over a source", checked by file identity, not by path strings.</summary>
internal static class SourceGuard
{
    /// <summary>
    /// Throws when <paramref name="output"/> resolves to the same file as a registered input or one of
    /// <paramref name="inputs"/>; nothing at the output path (or an unreadable one) is never an input.
    /// </summary>
    internal static void EnsureNotAnInput(string output, params ReadOnlySpan<string?> inputs)
    {
        if (FileIdentity.Of(output) is not FileIdentity target) return;
        foreach (string? input in inputs)
            if (input is not null && MediaPath.IsLocalFile(input) && FileIdentity.Of(MediaPath.LocalPath(input)) == target)
                throw Conflict(input, output);
        if (InputRegistry.FindInput(target) is string open) throw Conflict(open, output);
    }

    private static OvniException Conflict(string input, string output)
    {
        string how = string.Equals(Path.GetFullPath(MediaPath.LocalPath(input)), Path.GetFullPath(output), StringComparison.Ordinal)
            ? "the same path"
            : "the same file under another name (same device and inode, through a link)";
        return new OvniException($"'{input}' is an input of this job and the output '{output}' is {how}: Ovni never writes over a source. Choose another output name.")
        {
            FilePath = input,
        };
    }
}
