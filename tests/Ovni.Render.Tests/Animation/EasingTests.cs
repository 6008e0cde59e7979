using Ovni.Animation;

namespace Ovni.Render.Tests.Animation;

public class EasingTests
{
    public static TheoryData<string> AllNames() => new(Named.Keys);

    private static readonly Dictionary<string, Easing> Named = new()
    {
        ["linear"] = Easing.Linear,
        ["quad-in"] = Easing.QuadIn, ["quad-out"] = Easing.QuadOut, ["quad-in-out"] = Easing.QuadInOut,
        ["cubic-in"] = Easing.CubicIn, ["cubic-out"] = Easing.CubicOut, ["cubic-in-out"] = Easing.CubicInOut,
        ["quart-in"] = Easing.QuartIn, ["quart-out"] = Easing.QuartOut, ["quart-in-out"] = Easing.QuartInOut,
        ["expo-in"] = Easing.ExpoIn, ["expo-out"] = Easing.ExpoOut, ["expo-in-out"] = Easing.ExpoInOut,
        ["sine-in"] = Easing.SineIn, ["sine-out"] = Easing.SineOut, ["sine-in-out"] = Easing.SineInOut,
        ["back-in"] = Easing.BackIn, ["back-out"] = Easing.BackOut, ["back-in-out"] = Easing.BackInOut,
        ["elastic-in"] = Easing.ElasticIn, ["elastic-out"] = Easing.ElasticOut, ["elastic-in-out"] = Easing.ElasticInOut,
        ["spring"] = Easing.Spring(0.4, 18),
        ["ease"] = Easing.Ease,
        ["bezier-overshoot"] = Easing.CubicBezier(0.3, -0.5, 0.7, 1.6),
    };

    private static readonly HashSet<string> Overshooting = ["back-in", "back-out", "back-in-out", "elastic-in", "elastic-out", "elastic-in-out", "spring", "bezier-overshoot"];

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Every_easing_starts_at_zero_ends_at_one_and_clamps_outside(string name)
    {
        Easing easing = Named[name];
        Assert.Equal(0, easing.Evaluate(0));
        Assert.Equal(1, easing.Evaluate(1));
        Assert.Equal(0, easing.Evaluate(-0.5));
        Assert.Equal(1, easing.Evaluate(1.5));
        // Continuity at the ends: values just inside are close to the end values.
        Assert.InRange(easing.Evaluate(1e-6), -1e-2, 1e-2);
        Assert.InRange(easing.Evaluate(1 - 1e-6), 1 - 1e-2, 1 + 1e-2);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Non_overshooting_easings_are_monotonic_and_stay_in_range(string name)
    {
        if (Overshooting.Contains(name)) return; // these leave [0,1] by design; covered by the endpoint test
        Easing easing = Named[name];
        double previous = 0;
        for (int i = 1; i <= 1000; i++)
        {
            double value = easing.Evaluate(i / 1000.0);
            Assert.True(value >= previous - 1e-12, $"{name} decreases at t={i / 1000.0}: {previous} -> {value}");
            Assert.InRange(value, 0, 1);
            previous = value;
        }
    }

    [Fact]
    public void Closed_form_midpoints()
    {
        Assert.Equal(0.25, Easing.QuadIn.Evaluate(0.5), 12);
        Assert.Equal(0.75, Easing.QuadOut.Evaluate(0.5), 12);
        Assert.Equal(0.5, Easing.QuadInOut.Evaluate(0.5), 12);
        Assert.Equal(0.125, Easing.CubicIn.Evaluate(0.5), 12);
        Assert.Equal(0.875, Easing.CubicOut.Evaluate(0.5), 12);
        Assert.Equal(0.0625, Easing.QuartIn.Evaluate(0.5), 12);
        Assert.Equal(1 - Math.Sqrt(2) / 2, Easing.SineIn.Evaluate(0.5), 12);
        Assert.Equal(Math.Sqrt(2) / 2, Easing.SineOut.Evaluate(0.5), 12);
        Assert.Equal(0.5, Easing.SineInOut.Evaluate(0.5), 12);
        // quad-in-out at 0.25: first half is 2t² = 0.125
        Assert.Equal(0.125, Easing.QuadInOut.Evaluate(0.25), 12);
        // back-in with s = 1.70158 at 0.5: 0.25 * (2.70158 * 0.5 - 1.70158) = -0.0876975
        Assert.Equal(0.25 * (2.70158 * 0.5 - 1.70158), Easing.BackIn.Evaluate(0.5), 12);
        // expo-in at 0.5: (2^-5 - 2^-10) / (1 - 2^-10)
        Assert.Equal((1.0 / 32 - 1.0 / 1024) / (1 - 1.0 / 1024), Easing.ExpoIn.Evaluate(0.5), 12);
    }

    [Fact]
    public void Symmetric_in_out_easings_mirror_around_the_middle()
    {
        foreach (Easing easing in new[] { Easing.QuadInOut, Easing.CubicInOut, Easing.SineInOut, Easing.ExpoInOut, Easing.BackInOut })
            for (double t = 0.05; t < 1; t += 0.05)
                Assert.Equal(1 - easing.Evaluate(1 - t), easing.Evaluate(t), 9);
    }

    [Fact]
    public void Bezier_with_linear_controls_is_the_identity()
    {
        Easing easing = Easing.CubicBezier(1.0 / 3, 1.0 / 3, 2.0 / 3, 2.0 / 3);
        for (double t = 0; t <= 1; t += 0.01) Assert.Equal(t, easing.Evaluate(t), 9);
    }

    [Theory]
    [InlineData(0.25, 0.1, 0.25, 1.0)]
    [InlineData(0.42, 0.0, 0.58, 1.0)]
    [InlineData(0.0, 0.0, 1.0, 1.0)]
    [InlineData(0.9, 0.1, 0.1, 0.9)]
    [InlineData(0.3, -0.5, 0.7, 1.6)]
    public void Bezier_matches_de_Casteljau_sampling(double x1, double y1, double x2, double y2)
    {
        Easing easing = Easing.CubicBezier(x1, y1, x2, y2);
        // Sample the curve independently by de Casteljau subdivision at parameter s, then ask the easing for y at that x.
        for (int i = 1; i < 200; i++)
        {
            double s = i / 200.0;
            (double x, double y) = DeCasteljau(s, (0, 0), (x1, y1), (x2, y2), (1, 1));
            Assert.Equal(y, easing.Evaluate(x), 1e-7);
        }
    }

    [Fact]
    public void Spring_overshoots_then_settles()
    {
        Easing spring = Easing.Spring(0.3, 25);
        double max = Enumerable.Range(1, 999).Select(i => spring.Evaluate(i / 1000.0)).Max();
        Assert.True(max > 1.05, $"an underdamped spring overshoots (max {max})");
        Assert.InRange(spring.Evaluate(0.95), 0.9, 1.1);
    }

    [Fact]
    public void Invalid_bezier_controls_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Easing.CubicBezier(-0.1, 0, 0.5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Easing.CubicBezier(0.5, 0, 1.2, 1));
    }

    private static (double X, double Y) DeCasteljau(double s, params (double X, double Y)[] points)
    {
        var p = points.ToArray();
        for (int level = p.Length - 1; level > 0; level--)
            for (int i = 0; i < level; i++)
                p[i] = (p[i].X + (p[i + 1].X - p[i].X) * s, p[i].Y + (p[i + 1].Y - p[i].Y) * s);
        return p[0];
    }
}
