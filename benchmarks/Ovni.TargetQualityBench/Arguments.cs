namespace Ovni.TargetQualityBench;

/// <summary>"--name value" pairs.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    internal static Arguments Parse(string[] args)
    {
        var parsed = new Arguments();
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            parsed._values[args[i][2..]] = args[i + 1];
        }
        return parsed;
    }

    internal string Get(string name, string? fallback = null) =>
        _values.TryGetValue(name, out string? value) ? value : fallback ?? throw new ArgumentException($"--{name} is required.");

    /// <summary>"libx264:fast,libsvtav1:10" as (encoder, preset) pairs.</summary>
    internal IReadOnlyList<(string Encoder, string Preset)> Encoders() =>
        Get("encoders", "libx264:fast,libx265:fast,libsvtav1:10").Split(',').Select(e => e.Split(':')).Select(p => (p[0], p[1])).ToList();
}
