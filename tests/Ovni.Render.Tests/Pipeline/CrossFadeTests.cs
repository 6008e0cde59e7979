using Ovni.Operations;

namespace Ovni.Render.Tests.Pipeline;

/// <summary>
/// The cross-fade a user wrote from the README: a 24 fps clip (Tears of Steel, 800x332 yuv420p) into a 20 fps clip
/// (the cockatoo, 1280x720 yuv444p). As they are, the clips are refused with the operations that fix them; prepared
/// with those operations, the fade is exactly one second of both clips at one constant frame rate.
/// </summary>
public class CrossFadeTests
{
    private const string Tears = "tears-of-steel-battle-clip-medium.webm"; // 24 fps, 1 ms time base
    private const string Cockatoo = "cockatoo.mp4";                        // 20 fps, yuv444p

    [Fact]
    public async Task Clips_of_different_size_and_format_are_refused_with_the_fix_not_a_disposed_frame()
    {
        string a = TestMedia.Require(Tears), b = TestMedia.Require(Cockatoo);
        await using MediaReader first = MediaReader.Open(a);
        await using MediaReader second = MediaReader.Open(b);
        CancellationToken ct = TestContext.Current.CancellationToken;

        var error = await Assert.ThrowsAsync<OvniException>(async () =>
        {
            await foreach (GpuFrame frame in first.ReadFramesAsync(ct).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(2))
                               .CrossFadeInto(second.ReadFramesAsync(ct), TimeSpan.FromSeconds(1), ct))
                frame.Dispose();
        });
        Assert.Contains("1280x720 yuv444p", error.Message);
        Assert.Contains("800x332 yuv420p", error.Message);
        Assert.Contains("Scale(800, 332)", error.Message);
        Assert.Contains("ConvertTo(PixelFormat.Yuv420P)", error.Message);
    }

    [Fact]
    public async Task Clips_of_different_frame_rates_are_refused_naming_ChangeFrameRate_with_the_first_clips_rate()
    {
        string a = TestMedia.Require(Tears), b = TestMedia.Require(Cockatoo);
        await using MediaReader first = MediaReader.Open(a);
        await using MediaReader second = MediaReader.Open(b);
        using var converter = new FrameConverter(PixelFormat.Yuv420P, 800, 332);
        CancellationToken ct = TestContext.Current.CancellationToken;

        var error = await Assert.ThrowsAsync<OvniException>(async () =>
        {
            await foreach (GpuFrame frame in first.ReadFramesAsync(ct).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(2))
                               .CrossFadeInto(second.ReadFramesAsync(ct).Apply(converter.Convert, ct), TimeSpan.FromSeconds(1), ct))
                frame.Dispose();
        });
        Assert.True(error.Message.Contains("24 fps"), error.Message);
        Assert.Contains("20 fps", error.Message);
        Assert.Contains("ChangeFrameRate(new Rational(24, 1))", error.Message);
    }

    [Fact]
    public async Task Prepared_clips_fade_for_exactly_one_second_of_both_at_one_constant_frame_rate()
    {
        string a = TestMedia.Require(Tears), b = TestMedia.Require(Cockatoo);
        CancellationToken ct = TestContext.Current.CancellationToken;

        // The second clip as the fade must show it: its frames at 24 fps, with their checksums by output slot.
        uint[] secondAlone = await Checksums(b, ct);
        uint[] firstAlone;
        await using (MediaReader first = MediaReader.Open(a))
        {
            var list = new List<uint>();
            await foreach (GpuFrame frame in first.ReadFramesAsync(ct).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(2)).WithCancellation(ct))
                using (frame) list.Add(Adler32.OfPlane(frame, 0));
            firstAlone = [.. list];
        }
        Assert.Equal(48, firstAlone.Length);
        Assert.Equal(48, secondAlone.Length);

        var output = new List<(long Pts, Rational TimeBase, uint Checksum)>();
        await using (MediaReader first = MediaReader.Open(a))
        await using (MediaReader second = MediaReader.Open(b))
        using (var converter = new FrameConverter(PixelFormat.Yuv420P, 800, 332))
        {
            IAsyncEnumerable<GpuFrame> prepared = second.ReadFramesAsync(ct).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(2))
                .Apply(converter.Convert, ct).ChangeFrameRate(new Rational(24, 1));
            await foreach (GpuFrame frame in first.ReadFramesAsync(ct).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(2))
                               .CrossFadeInto(prepared, TimeSpan.FromSeconds(1), ct).WithCancellation(ct))
                using (frame) output.Add((frame.Pts, frame.TimeBase, Adler32.OfPlane(frame, 0)));
        }

        // 2 s + 2 s − the 1 s both clips share = 3 s at 24 fps.
        Assert.Equal(72, output.Count);
        double[] gaps = output.Zip(output.Skip(1), (x, y) => (y.Pts - x.Pts) * x.TimeBase.ToDouble()).ToArray();
        Assert.All(gaps, g => Assert.InRange(g, 1 / 24.0 - 0.0011, 1 / 24.0 + 0.0011)); // one constant rate (1 ms time base)
        // Before the fade: the first clip untouched; during it: neither clip alone; after it: the second clip from 1 s on.
        Assert.Equal(firstAlone[..24], output.Take(24).Select(o => o.Checksum));
        Assert.All(output.Skip(24).Take(24), o => Assert.DoesNotContain(o.Checksum, secondAlone));
        Assert.Equal(secondAlone[24..], output.Skip(48).Select(o => o.Checksum));
    }

    private static async Task<uint[]> Checksums(string cockatoo, CancellationToken ct)
    {
        await using MediaReader reader = MediaReader.Open(cockatoo);
        using var converter = new FrameConverter(PixelFormat.Yuv420P, 800, 332);
        var list = new List<uint>();
        await foreach (GpuFrame frame in reader.ReadFramesAsync(ct).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(2))
                           .Apply(converter.Convert, ct).ChangeFrameRate(new Rational(24, 1)).WithCancellation(ct))
            using (frame) list.Add(Adler32.OfPlane(frame, 0));
        return [.. list];
    }
}
