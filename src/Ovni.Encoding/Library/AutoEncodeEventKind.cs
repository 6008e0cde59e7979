namespace Ovni.Encoding.Library;

/// <summary>What an <see cref="AutoEncodeEvent"/> reports.</summary>
public enum AutoEncodeEventKind
{
    /// <summary>The run started (message: the effective configuration summary).</summary>
    Started,
    /// <summary>A scan finished (message: counts).</summary>
    Scanned,
    /// <summary>Orphaned jobs of a killed run were reclaimed.</summary>
    Reclaimed,
    /// <summary>A file changed phase (scanning, searching, encoding, verifying, publishing).</summary>
    Phase,
    /// <summary>Encode progress of a file.</summary>
    Progress,
    /// <summary>A file finished: done, skipped, failed or excluded (see <see cref="AutoEncodeEvent.State"/>).</summary>
    Finished,
    /// <summary>New work is held back (guard, schedule, pause); the message says why.</summary>
    Held,
    /// <summary>A line for the log.</summary>
    Log,
    /// <summary>The run ended.</summary>
    Stopped,
}
