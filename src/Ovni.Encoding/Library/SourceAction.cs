namespace Ovni.Encoding.Library;

/// <summary>What happens to a source after its re-encode is verified and published.</summary>
public enum SourceAction
{
    /// <summary>The source stays where it is, untouched (default). The output gets the output suffix.</summary>
    Keep,
    /// <summary>The source is moved to the quarantine folder after the output is published.</summary>
    Quarantine,
    /// <summary>The source is deleted after the output is published (no way back).</summary>
    Delete,
    /// <summary>The output takes the source's name; the original waits in quarantine until <c>ovni queue purge</c>.</summary>
    Replace,
}
