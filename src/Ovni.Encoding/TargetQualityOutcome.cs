namespace Ovni.Encoding;

/// <summary>What became of a target-quality encode.</summary>
public enum TargetQualityOutcome
{
    /// <summary>The output was published and meets the target (within the tolerance), or was not verified.</summary>
    Published,

    /// <summary>Published although verification measured less than the target after the corrective encode (best effort).</summary>
    PublishedBelowTarget,

    /// <summary>Nothing encoded: no CRF in range reaches the target (see the search result; <c>BestEffort</c> encodes anyway).</summary>
    NotReachable,

    /// <summary>Nothing published: the output would be larger than the allowed share of the source.</summary>
    TooLarge,
}
