using System.Globalization;

namespace Ovni.Encoding.Library;

/// <summary>
/// A daily time window in local time in which new files may start (e.g. 01:00–07:00; a window may wrap past
/// midnight, 22:00–06:00). Work already running finishes; nothing new starts outside the window.
/// </summary>
public readonly record struct ScheduleWindow(TimeOnly Start, TimeOnly End)
{
    /// <summary>Parses "HH:mm-HH:mm" (also with "–"). An empty window (start = end) or a bad time is an error naming the text.</summary>
    /// <exception cref="AutoEncodeConfigException">The text is not a possible window.</exception>
    public static ScheduleWindow Parse(string text, string key = "schedule")
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Replace('–', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
            throw new AutoEncodeConfigException(key, $"'{text}' is not a time window; write it as HH:mm-HH:mm, e.g. 01:00-07:00.");
        TimeOnly start = ParseTime(parts[0], text, key), end = ParseTime(parts[1], text, key);
        if (start == end)
            throw new AutoEncodeConfigException(key, $"'{text}' is an empty window (it starts when it ends): no file could ever start. Leave it out to run at any time.");
        return new ScheduleWindow(start, end);
    }

    private static TimeOnly ParseTime(string part, string text, string key)
    {
        if (TimeOnly.TryParseExact(part, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time)) return time;
        throw new AutoEncodeConfigException(key, $"'{part}' in '{text}' is not a time of day (00:00 to 23:59).");
    }

    /// <summary>True when <paramref name="time"/> lies in the window (start inclusive, end exclusive).</summary>
    public bool Contains(TimeOnly time) => Start < End ? time >= Start && time < End : time >= Start || time < End;

    /// <summary>How long until the window next opens from <paramref name="now"/> (zero when it is open).</summary>
    public TimeSpan UntilOpen(DateTime now)
    {
        TimeOnly time = TimeOnly.FromDateTime(now);
        if (Contains(time)) return TimeSpan.Zero;
        TimeSpan wait = Start.ToTimeSpan() - time.ToTimeSpan();
        return wait < TimeSpan.Zero ? wait + TimeSpan.FromDays(1) : wait;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
