namespace Ovni.Encoding.Library;

/// <summary>The output's name is taken by a file that is not Ovni's: it is never overwritten.</summary>
public sealed class OutputCollisionException : OvniException
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public OutputCollisionException(string path)
        : base($"'{path}' already exists and is not Ovni's output; it is never overwritten (rename or remove it, then `ovni queue retry`).")
    {
        FilePath = path;
    }
}
