namespace Ovni.Encoding.Library;

/// <summary>A configuration value (from <c>ovni.json</c>, a flag or code) that cannot work; <see cref="Key"/> names it.</summary>
public sealed class AutoEncodeConfigException : OvniException
{
    /// <summary>Creates the error for <paramref name="key"/>.</summary>
    public AutoEncodeConfigException(string key, string problem, Exception? inner = null)
        : base($"configuration '{key}': {problem}", inner)
    {
        Key = key;
    }

    /// <summary>The configuration key at fault, e.g. "quality.crf" or "schedule".</summary>
    public string Key { get; }
}
