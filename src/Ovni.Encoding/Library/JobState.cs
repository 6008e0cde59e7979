namespace Ovni.Encoding.Library;

/// <summary>Where a file stands in the re-encoding queue. Every change is one short database transaction.</summary>
public enum JobState
{
    /// <summary>Found by a scan; waiting for a worker (or for its back-off / stability wait to pass).</summary>
    Pending,
    /// <summary>Being probed and filtered.</summary>
    Scanning,
    /// <summary>Choosing the CRF (target-quality search).</summary>
    Searching,
    /// <summary>Being encoded into a temporary file on the destination volume.</summary>
    Encoding,
    /// <summary>The temporary output is being verified (decode, duration, frames, streams, colour, VMAF, size).</summary>
    Verifying,
    /// <summary>The verified output is being moved into place (atomic rename) and the source kept, quarantined or replaced.</summary>
    Publishing,
    /// <summary>Published and verified; never done again unless the source changes.</summary>
    Done,
    /// <summary>Not worth encoding (filter, no saving, name collision); the reason says which.</summary>
    Skipped,
    /// <summary>Failed; retried after a back-off when the cause may pass, else waits for <c>ovni queue retry</c>.</summary>
    Failed,
    /// <summary>Given up (too many failures) or removed by the user; never picked again unless retried.</summary>
    Excluded,
}
