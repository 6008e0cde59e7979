// Deliberately wrong: quality calling an operation (the rule "Quality does not depend on the operations").
namespace Ovni.Architecture.Fixture;

internal static class FixtureScorer
{
    public static int Score(int value) => FixtureOperation.Apply(value);
}
