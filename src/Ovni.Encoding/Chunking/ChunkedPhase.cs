namespace Ovni.Encoding;

/// <summary>What a chunked encode is doing.</summary>
public enum ChunkedPhase
{
    /// <summary>Reading the source's timeline, finding cuts, making or loading the plan.</summary>
    Planning,

    /// <summary>Encoding chunks.</summary>
    Encoding,

    /// <summary>Joining the chunks (stream copy).</summary>
    Joining,

    /// <summary>Checking the joined file against the source's timeline.</summary>
    Verifying,

    /// <summary>Finished.</summary>
    Done,
}
