namespace Ovni.Encoding;

/// <summary>
/// The encoders' <c>key=value:key=value</c> parameter lists (<c>x264-params</c>, <c>x265-params</c>, <c>svtav1-params</c>,
/// <c>aom-params</c>): two lists as one, so that options layered on a user's keep what the user set.
/// </summary>
internal static class EncoderParamList
{
    /// <summary>
    /// <paramref name="existing"/> and <paramref name="added"/> as one list: the existing entries in their order, then the
    /// added ones. For a key in both, the added entry wins when <paramref name="addedWins"/>, else the existing one stays.
    /// </summary>
    internal static string Merge(string existing, string added, bool addedWins)
    {
        string[] old = existing.Split(':', StringSplitOptions.RemoveEmptyEntries), ours = added.Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (addedWins)
        {
            var keys = ours.Select(Key).ToHashSet(StringComparer.Ordinal);
            return string.Join(':', old.Where(e => !keys.Contains(Key(e))).Concat(ours));
        }
        var kept = old.Select(Key).ToHashSet(StringComparer.Ordinal);
        return string.Join(':', old.Concat(ours.Where(e => !kept.Contains(Key(e)))));
    }

    private static string Key(string entry) => entry.Split('=')[0];
}
