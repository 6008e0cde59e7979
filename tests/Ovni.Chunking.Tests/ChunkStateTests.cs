namespace Ovni.Chunking.Tests;

/// <summary>The plan and the done-log: what must survive a power cut.</summary>
public class ChunkStateTests
{
    private static ChunkPlan SamplePlan(string settings = "encoder=libx264;crf=30")
    {
        var identity = new SourceIdentity("/media/in.mkv", 1234, new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), "ab");
        return new ChunkPlan
        {
            Id = ChunkPlan.MakeId(identity, settings), Source = identity, Settings = settings, TimeBaseNum = 1, TimeBaseDen = 1000,
            FrameCount = 48, Cuts = [24], Chunks = [new ChunkSpan(0, 0, 24, 0, 958), new ChunkSpan(1, 24, 24, 1000, 1958)],
        };
    }

    [Fact]
    public void A_plan_round_trips_and_its_id_covers_source_and_settings()
    {
        using var temp = new TempDirectory();
        ChunkPlan plan = SamplePlan();
        plan.Save(temp.File("plan.json"));
        ChunkPlan? loaded = ChunkPlan.TryLoad(temp.File("plan.json"));
        Assert.NotNull(loaded);
        Assert.Equal(plan.Id, loaded.Id);
        Assert.Equal(plan.Chunks, loaded.Chunks);
        Assert.Single(Directory.GetFiles(temp.Path)); // no temporary file left behind
        Assert.NotEqual(plan.Id, SamplePlan("encoder=libx264;crf=31").Id);
        Assert.NotEqual(plan.Id, ChunkPlan.MakeId(plan.Source with { Size = 1235 }, plan.Settings));
    }

    [Fact]
    public void A_torn_plan_file_is_not_trusted()
    {
        using var temp = new TempDirectory();
        SamplePlan().Save(temp.File("plan.json"));
        string text = File.ReadAllText(temp.File("plan.json"));
        File.WriteAllText(temp.File("plan.json"), text[..(text.Length / 2)]);
        Assert.Null(ChunkPlan.TryLoad(temp.File("plan.json")));
    }

    [Fact]
    public void The_done_log_keeps_whole_lines_and_drops_a_torn_one()
    {
        using var temp = new TempDirectory();
        string path = temp.File("done.log");
        ChunkJournal journal = ChunkJournal.Open(path, "plan1");
        journal.Append(new ChunkRecord(0, "chunk-00000.mkv", 100, "aa", 24, 1.0));
        journal.Append(new ChunkRecord(3, "chunk-00003.mkv", 300, "cc", 24, 1.0));
        // A power cut in the middle of the next append: half a line, no newline.
        string whole = File.ReadAllText(path);
        File.AppendAllText(path, "{\"chunk\":5,\"file\":\"chunk-0");
        ChunkJournal reopened = ChunkJournal.Open(path, "plan1");
        Assert.Equal([0, 3], reopened.Records.Keys.Order());
        Assert.Equal(1, reopened.RejectedLines);

        // A later append starts on a fresh line, so it survives the torn one before it.
        reopened.Append(new ChunkRecord(5, "chunk-00005.mkv", 500, "ee", 24, 1.0));
        ChunkJournal third = ChunkJournal.Open(path, "plan1");
        Assert.Equal([0, 3, 5], third.Records.Keys.Order());
        Assert.Equal(300, third.Records[3].Size);

        // A damaged byte inside a line fails its checksum.
        File.WriteAllText(path, whole.Replace("\"size\":300", "\"size\":301", StringComparison.Ordinal));
        Assert.Equal([0], ChunkJournal.Open(path, "plan1").Records.Keys);
    }

    [Fact]
    public void A_done_log_of_another_plan_starts_over()
    {
        using var temp = new TempDirectory();
        string path = temp.File("done.log");
        ChunkJournal.Open(path, "plan1").Append(new ChunkRecord(0, "chunk-00000.mkv", 100, "aa", 24, 1.0));
        Assert.Empty(ChunkJournal.Open(path, "plan2").Records);
    }
}
