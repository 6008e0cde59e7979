using Ovni.Encoding.Library;

namespace Ovni.AutoEncode.Tests;

/// <summary>
/// A kill between any two steps of a publish, for every source action: recovery finishes it (output in place, original
/// in quarantine or deleted as asked) or undoes it (source in place, nothing else left). The disk states are made the way
/// each step leaves them, so every step is covered, not only those a random kill happens to hit.
/// </summary>
public class PublishRecoveryTests
{
    private static readonly byte[] Original = "original source bytes"u8.ToArray();
    private static readonly byte[] Encoded = "verified output bytes"u8.ToArray();

    private sealed class Scene : IDisposable
    {
        private readonly TempDirectory _temp = new();
        internal readonly string Source, Temp, Final, Quarantine;

        internal Scene(SourceAction action, bool sameName)
        {
            Source = _temp.File("movie.mkv");
            Directory.CreateDirectory(_temp.File(".ovni-tmp-1"));
            Temp = _temp.File(".ovni-tmp-1/output.mkv");
            Final = action == SourceAction.Replace ? (sameName ? Source : _temp.File("movie.mp4")) : _temp.File("movie.ovni.mkv");
            Quarantine = _temp.File(".ovni-quarantine/movie.mkv");
            File.WriteAllBytes(Source, Original);
            File.WriteAllBytes(Temp, Encoded);
            Plan = new Publisher.Plan(Source, Temp, Final, action is SourceAction.Replace or SourceAction.Quarantine ? Quarantine : null, action, FileIdentity.Of(Temp)!);
        }

        internal Publisher.Plan Plan { get; }

        internal void Link(string from, string to)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            Assert.True(HardLink.TryCreate(from, to));
        }

        public void Dispose() => _temp.Dispose();
    }

    public static TheoryData<SourceAction, bool, int> Steps()
    {
        var data = new TheoryData<SourceAction, bool, int>();
        for (int step = 0; step <= 3; step++) data.Add(SourceAction.Replace, true, step);
        for (int step = 0; step <= 4; step++) data.Add(SourceAction.Replace, false, step);
        for (int step = 0; step <= 4; step++) data.Add(SourceAction.Quarantine, false, step);
        for (int step = 0; step <= 3; step++) data.Add(SourceAction.Delete, false, step);
        for (int step = 0; step <= 2; step++) data.Add(SourceAction.Keep, false, step);
        return data;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_kill_after_any_publish_step_is_finished_or_undone(SourceAction action, bool sameName, int step)
    {
        using var s = new Scene(action, sameName);
        bool publishedBeforeKill = Apply(s, action, sameName, step);

        PublishedOutput? result = Publisher.Recover(s.Plan);

        Assert.Equal(publishedBeforeKill, result is not null);
        if (result is null)
        {
            Assert.Equal(Original, File.ReadAllBytes(s.Source)); // undone: the source is where it was, nothing else remains
            Assert.False(File.Exists(s.Quarantine));
            if (!Publisher.SamePath(s.Final, s.Source)) Assert.False(File.Exists(s.Final));
            return;
        }
        Assert.Equal(Encoded, File.ReadAllBytes(s.Final));
        Assert.False(File.Exists(s.Temp));
        switch (action)
        {
            case SourceAction.Keep:
                Assert.Equal(Original, File.ReadAllBytes(s.Source));
                break;
            case SourceAction.Delete:
                Assert.False(File.Exists(s.Source));
                break;
            default:
                Assert.Equal(Original, File.ReadAllBytes(s.Quarantine));
                if (!sameName) Assert.False(File.Exists(s.Source));
                break;
        }
        // Recovery is idempotent: a second kill during recovery and a second recovery change nothing.
        Assert.NotNull(Publisher.Recover(s.Plan));
        Assert.Equal(Encoded, File.ReadAllBytes(s.Final));
    }

    /// <summary>Leaves the disk as publishing leaves it after <paramref name="step"/> steps; true once the output is in place.</summary>
    private static bool Apply(Scene s, SourceAction action, bool sameName, int step)
    {
        var steps = new List<Action>();
        bool published = false;
        int publishStep;
        switch (action)
        {
            case SourceAction.Replace when sameName:
                steps.Add(() => s.Link(s.Source, s.Quarantine));          // 1: original linked into quarantine
                steps.Add(() => File.Move(s.Temp, s.Final, true));         // 2: output renamed over the source (atomic)
                steps.Add(() => { });                                      // 3: work folder removal, database update
                publishStep = 2;
                break;
            case SourceAction.Replace:
                steps.Add(() => s.Link(s.Source, s.Quarantine));          // 1
                steps.Add(() => s.Link(s.Temp, s.Final));                 // 2: new name linked (the move's first half)
                steps.Add(() => File.Delete(s.Temp));                      // 3: the move's second half
                steps.Add(() => File.Delete(s.Source));                    // 4: the source's name removed (quarantine holds it)
                publishStep = 2;
                break;
            case SourceAction.Quarantine:
                steps.Add(() => s.Link(s.Temp, s.Final));                 // 1
                steps.Add(() => File.Delete(s.Temp));                      // 2
                steps.Add(() => s.Link(s.Source, s.Quarantine));          // 3
                steps.Add(() => File.Delete(s.Source));                    // 4
                publishStep = 1;
                break;
            case SourceAction.Delete:
                steps.Add(() => s.Link(s.Temp, s.Final));                 // 1
                steps.Add(() => File.Delete(s.Temp));                      // 2
                steps.Add(() => File.Delete(s.Source));                    // 3
                publishStep = 1;
                break;
            default:
                steps.Add(() => s.Link(s.Temp, s.Final));                 // 1
                steps.Add(() => File.Delete(s.Temp));                      // 2
                publishStep = 1;
                break;
        }
        for (int i = 0; i < step; i++)
        {
            steps[i]();
            if (i + 1 >= publishStep) published = true;
        }
        return published;
    }
}
