namespace Fulfilment.IntegrationTests.Channels.Ecomdash;

/// <summary>
/// A clock running at real speed from an offset a test moves forward, for the simulators: "another integration spent
/// the quota 57 seconds ago" without waiting 57 seconds, while Retry-After waits stay real.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
