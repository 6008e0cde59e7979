namespace Ovni.Encoding.Library;

/// <summary>Names of the states as stored and printed, and which of them a runner holds.</summary>
internal static class JobStates
{
    internal static readonly JobState[] Active = [JobState.Scanning, JobState.Searching, JobState.Encoding, JobState.Verifying, JobState.Publishing];

    internal static bool IsActive(JobState state) => Array.IndexOf(Active, state) >= 0;

    internal static string Name(JobState state) => state.ToString().ToLowerInvariant();

    internal static JobState Parse(string name) => Enum.Parse<JobState>(name, ignoreCase: true);

    internal static string ActiveList => string.Join(",", Active.Select(s => $"'{Name(s)}'"));
}
