using System.Numerics;
using Ovni.Animation;

namespace Ovni.Render.Tests.Animation;

public class KeyframesTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Holds_before_the_first_and_after_the_last_keyframe()
    {
        var track = new Keyframes<double>().Add(S(1), 10).Add(S(3), 30);
        Assert.Equal(10, track.ValueAt(S(0)));
        Assert.Equal(10, track.ValueAt(S(1)));
        Assert.Equal(30, track.ValueAt(S(3)));
        Assert.Equal(30, track.ValueAt(S(100)));
        Assert.Equal(20, track.ValueAt(S(2)), 12);
    }

    [Fact]
    public void Each_keyframe_eases_its_own_segment()
    {
        var track = new Keyframes<double>()
            .Add(S(0), 0, Easing.QuadIn)
            .Add(S(1), 1, Easing.QuadOut)
            .Add(S(2), 2);
        Assert.Equal(0.25, track.ValueAt(S(0.5)), 12);      // quad-in: 0.5² = 0.25
        Assert.Equal(1.75, track.ValueAt(S(1.5)), 12);      // 1 + quad-out(0.5) = 1 + 0.75
        Assert.Equal(1, track.ValueAt(S(1)), 12);
    }

    [Fact]
    public void Keyframes_added_out_of_order_are_sorted_and_same_time_replaces()
    {
        var track = new Keyframes<float>().Add(S(2), 2f).Add(S(0), 0f).Add(S(1), 5f).Add(S(1), 1f);
        Assert.Equal(3, track.Count);
        Assert.Equal([S(0), S(1), S(2)], track.Select(k => k.Time));
        Assert.Equal(1.5f, track.ValueAt(S(1.5)), 5);
    }

    [Fact]
    public void Vector2_and_colour_interpolate_per_component()
    {
        var position = new Keyframes<Vector2>().Add(S(0), new Vector2(0, 100)).Add(S(1), new Vector2(100, 0));
        Assert.Equal(new Vector2(25, 75), position.ValueAt(S(0.25)));

        var colour = new Keyframes<RgbaColor>().Add(S(0), new RgbaColor(0, 0, 0, 0)).Add(S(1), new RgbaColor(255, 100, 10, 255));
        Assert.Equal(new RgbaColor(128, 50, 5, 128), colour.ValueAt(S(0.5))); // 127.5 -> 128, 50, 5, 127.5 -> 128
    }

    [Fact]
    public void Empty_track_cannot_be_evaluated_and_unknown_types_need_an_interpolator()
    {
        Assert.Throws<InvalidOperationException>(() => new Keyframes<double>().ValueAt(S(0)));
        Assert.Throws<NotSupportedException>(() => new Keyframes<string>());
        var text = new Keyframes<string>(new StepInterpolator()).Add(S(0), "a").Add(S(1), "b");
        Assert.Equal("a", text.ValueAt(S(0.4)));
        Assert.Equal("b", text.ValueAt(S(0.6)));
    }

    [Fact]
    public void Animated_parameter_is_constant_or_keyframed()
    {
        OperationValue<float> constant = 3f;
        OperationValue<float> moving = new Keyframes<float>().Add(S(0), 0f).Add(S(2), 4f);
        Assert.False(constant.IsAnimated);
        Assert.True(moving.IsAnimated);
        Assert.Equal(3f, constant.At(S(7)));
        Assert.Equal(2f, moving.At(S(1)));
    }

    [Fact]
    public void Timeline_is_deterministic_across_threads_and_evaluation_order()
    {
        var timeline = new Timeline();
        var x = timeline.Add<double>("x", new Keyframes<double>().Add(S(0), 0, Easing.ElasticOut).Add(S(2), 1000, Easing.Spring()).Add(S(5), -3));
        var colour = timeline.Add<RgbaColor>("colour", new Keyframes<RgbaColor>().Add(S(0), RgbaColor.Black, Easing.Ease).Add(S(4), RgbaColor.White));
        var fixedValue = timeline.Add<float>("fixed", 7f);
        Assert.Equal(S(5), timeline.Duration);

        TimeSpan[] times = Enumerable.Range(0, 300).Select(i => TimeSpan.FromTicks(i * 1001L * TimeSpan.TicksPerSecond / 60000)).ToArray();
        var sequential = times.Select(t => timeline.Evaluate(t)).Select(s => (s.Get(x), s.Get(colour), s.Get(fixedValue))).ToArray();
        var parallel = new (double, RgbaColor, float)[times.Length];
        Parallel.For(0, times.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            int j = times.Length - 1 - i; // reversed order
            TimelineSnapshot s = timeline.Evaluate(times[j]);
            parallel[j] = (s.Get<double>("x"), s.Get<RgbaColor>("colour"), s.Get<float>("fixed"));
        });
        for (int i = 0; i < times.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(sequential[i].Item1), BitConverter.DoubleToInt64Bits(parallel[i].Item1));
            Assert.Equal(sequential[i].Item2, parallel[i].Item2);
            Assert.Equal(7f, parallel[i].Item3);
        }
        Assert.Throws<ArgumentException>(() => timeline.Add<float>("x", 1f));
    }

    private sealed class StepInterpolator : IInterpolator<string>
    {
        public string Interpolate(string from, string to, double t) => t < 0.5 ? from : to;
    }
}
