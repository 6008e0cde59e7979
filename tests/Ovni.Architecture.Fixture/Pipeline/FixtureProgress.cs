// A pipeline-layer type: the target of the fixture's wrong media reference.
namespace Ovni.Architecture.Fixture;

internal readonly record struct FixtureProgress(long Frames);
