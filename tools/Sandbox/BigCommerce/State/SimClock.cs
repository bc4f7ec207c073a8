namespace Sandbox.BigCommerce.State;

/// <summary>v2 shows times to the second, in UTC.</summary>
internal static class SimClock
{
    public static DateTimeOffset WholeSecond(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
