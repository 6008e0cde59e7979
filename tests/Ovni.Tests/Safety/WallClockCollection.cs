namespace Ovni.Tests.Safety;

/// <summary>
/// Tests that bound how long something takes in wall time (a Ctrl+C's exit, a cancelled drain). They carry the trait
/// <c>Category=Timing</c>, so that <c>scripts/test.sh</c> runs them after the other suites, on a machine no other test
/// loads: beside them, a 1-second bound measured the neighbours (a CI run saw an exit 1.46 s and 3.46 s after Ctrl+C
/// that takes 0.13–0.15 s alone and 0.17–0.82 s beside two busy loops). In this collection they also run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WallClockCollection
{
    public const string Name = "wall clock";
    public const string Trait = "Category";
    public const string Timing = "Timing";
}
