// Why settings per shot: an encoder's tuning that wins on one kind of picture can lose on another (SVT-AV1's temporal
// filtering and its VMAF-oriented tune, measured in the README's "Where the gain can come from"), so each shot's hull is
// drawn over the points of every variant and the allocation may take each shot's point from any of them. The variants
// must write the same codec headers as the base settings, or their shots could not be joined without re-encoding.
namespace Ovni.Encoding;

/// <summary>
/// Other encoder settings <see cref="ShotHullEncoder"/> also probes every shot with (<see cref="ShotHullOptions.Variants"/>), layered on
/// <see cref="ShotHullOptions.EncoderOptions"/>: an option the variant names replaces the base value, except the encoders' parameter
/// lists (<c>x264-params</c>, <c>x265-params</c>, <c>svtav1-params</c>, <c>aom-params</c>), whose <c>key=value</c> entries are merged,
/// the variant's winning.
/// </summary>
/// <param name="Name">Short name for reports and probe files: letters, digits, '-' and '_'; not <see cref="BaseName"/>.</param>
/// <param name="Options">FFmpeg encoder options by name, e.g. <c>svtav1-params</c> = <c>enable-tf=0</c>.</param>
/// <example>
/// <code>
/// new ShotHullOptions { Encoder = "libsvtav1", Variants = [new EncoderVariant("notf", new Dictionary&lt;string, string&gt; { ["svtav1-params"] = "enable-tf=0" })] }
/// </code>
/// </example>
public sealed record EncoderVariant(string Name, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The name the base settings (no variant) have in reports: "default".</summary>
    public const string BaseName = "default";

    /// <summary>The CLI's word for <see cref="Recommended"/>: <c>--shot-variant recommended</c>.</summary>
    public const string RecommendedKeyword = "recommended";

    /// <summary>
    /// The settings measured to pay off when chosen per shot with <paramref name="encoder"/>: for SVT-AV1 (<c>libsvtav1</c>)
    /// <c>tune=0</c> and <c>enable-tf=0</c> beside its defaults (1.5–2.2 points fewer bytes than the defaults alone on the README's
    /// three comparison inputs; more settings added nothing measurable); none for the other encoders, where one setting wins on
    /// every shot (then it is a global setting, not a per-shot one).
    /// </summary>
    /// <param name="encoder">An FFmpeg encoder name.</param>
    public static IReadOnlyList<EncoderVariant> Recommended(string encoder) =>
        string.Equals(encoder, "libsvtav1", StringComparison.Ordinal)
            ?
            [
                new EncoderVariant("tune0", new Dictionary<string, string>(StringComparer.Ordinal) { ["svtav1-params"] = "tune=0" }),
                new EncoderVariant("notf", new Dictionary<string, string>(StringComparer.Ordinal) { ["svtav1-params"] = "enable-tf=0" }),
            ]
            : [];

    /// <summary>
    /// <see cref="Parse(IEnumerable{string})"/>, where an entry <see cref="RecommendedKeyword"/> stands for the
    /// <see cref="Recommended"/> settings of <paramref name="encoder"/>.
    /// </summary>
    /// <exception cref="OvniException">A malformed entry, or <c>recommended</c> for an encoder that has none.</exception>
    public static IReadOnlyList<EncoderVariant> Parse(IEnumerable<string> entries, string encoder)
    {
        ArgumentNullException.ThrowIfNull(entries);
        string[] all = entries.ToArray();
        if (!all.Contains(RecommendedKeyword, StringComparer.OrdinalIgnoreCase)) return Parse(all);
        IReadOnlyList<EncoderVariant> recommended = Recommended(encoder);
        if (recommended.Count == 0)
            throw new OvniException($"There are no recommended shot variants for {encoder}: with it one setting wins on every shot, so set it for the whole encode instead (only libsvtav1 has recommended variants).");
        return [.. recommended, .. Parse(all.Where(e => !string.Equals(e, RecommendedKeyword, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>Parses <c>NAME:OPTION=VALUE</c> (the CLI's <c>--shot-variant</c>); entries with the same name form one variant, in order.</summary>
    /// <exception cref="OvniException">An entry without a name, an option or a value.</exception>
    public static IReadOnlyList<EncoderVariant> Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var variants = new List<(string Name, Dictionary<string, string> Options)>();
        foreach (string entry in entries)
        {
            int colon = entry.IndexOf(':', StringComparison.Ordinal);
            int equals = colon < 0 ? -1 : entry.IndexOf('=', colon + 1);
            if (colon <= 0 || equals <= colon + 1)
                throw new OvniException($"A shot variant is NAME:OPTION=VALUE (e.g. notf:svtav1-params=enable-tf=0), not '{entry}'.");
            string name = entry[..colon];
            var options = variants.FirstOrDefault(v => v.Name == name).Options;
            if (options is null)
            {
                options = new Dictionary<string, string>(StringComparer.Ordinal);
                variants.Add((name, options));
            }
            options[entry[(colon + 1)..equals]] = entry[(equals + 1)..];
        }
        return variants.Select(v => new EncoderVariant(v.Name, v.Options)).ToArray();
    }

    /// <summary><paramref name="encoding"/> with this variant's options layered on its own.</summary>
    internal VideoEncoderOptions ApplyTo(VideoEncoderOptions encoding)
    {
        var extra = new Dictionary<string, string>(encoding.ExtraOptions ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach ((string option, string value) in Options)
            extra[option] = option.EndsWith("-params", StringComparison.Ordinal) && extra.TryGetValue(option, out string? existing) && existing.Length > 0
                ? EncoderParamList.Merge(existing, value, addedWins: true)
                : value;
        return encoding with { ExtraOptions = extra };
    }

    /// <summary>Bad names, duplicates, or no options.</summary>
    internal static void Validate(IReadOnlyList<EncoderVariant> variants, string input)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (EncoderVariant v in variants)
        {
            if (v is null) throw new OvniException($"A shot variant is null (encoding '{input}').") { FilePath = input };
            if (string.IsNullOrEmpty(v.Name) || !v.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
                throw new OvniException($"Shot variant name '{v.Name}' must be letters, digits, '-' or '_' (it names probe files) (encoding '{input}').") { FilePath = input };
            if (string.Equals(v.Name, BaseName, StringComparison.OrdinalIgnoreCase))
                throw new OvniException($"Shot variant name '{v.Name}' is taken: '{BaseName}' names the base settings (encoding '{input}').") { FilePath = input };
            if (!seen.Add(v.Name))
                throw new OvniException($"Shot variant name '{v.Name}' is used twice (names are compared ignoring case) (encoding '{input}').") { FilePath = input };
            if (v.Options is null || v.Options.Count == 0 || v.Options.Any(o => string.IsNullOrEmpty(o.Key)))
                throw new OvniException($"Shot variant '{v.Name}' sets no encoder option (encoding '{input}').") { FilePath = input };
        }
    }
}
