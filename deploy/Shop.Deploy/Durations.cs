using Amazon.CDK;

namespace Shop.Deploy;

/// <summary>
/// Public figures are TimeSpans: a CDK <see cref="Duration"/> is a jsii object, which only the synth's thread should
/// create, and tests read these figures from their own threads.
/// </summary>
public static class Durations
{
    public static Duration Of(TimeSpan span) => Duration.Seconds(span.TotalSeconds);
}
