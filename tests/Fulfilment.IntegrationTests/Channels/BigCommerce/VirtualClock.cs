using Microsoft.Extensions.Time.Testing;

namespace Fulfilment.IntegrationTests.Channels.BigCommerce;

/// <summary>
/// A clock shared by the simulator and the client under test on which waiting costs no real time: whenever a timer is
/// pending that is due within <see cref="Horizon"/>, the clock jumps to it. So a client waiting out a 30 s quota
/// window at the real quota takes milliseconds, while what it sends and when (on this clock) stays exactly as in
/// production. Only one-shot timers count as someone waiting: periodic ones (another simulator's background tick) fire
/// as the clock passes them but never move it, and one-shot timers further out than the horizon (the client's
/// timeouts, configured long in these tests) are never jumped to. So time moves only because someone is waiting, never
/// because a request is slow.
/// </summary>
internal sealed class VirtualClock : TimeProvider, IAsyncDisposable
{
    /// <summary>Waits up to this long are skipped; the client's timeouts must be longer (the harness sets them to hours).</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _fake;
    private readonly object _lock = new();
    private readonly Dictionary<TrackedTimer, DateTimeOffset> _pending = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _driver;

    public VirtualClock(DateTimeOffset start)
    {
        _fake = new FakeTimeProvider(start);
        Start = start;
        _driver = Task.Run(DriveAsync);
    }

    public DateTimeOffset Start { get; }

    /// <summary>How far the clock has moved since it started.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();
    public override long GetTimestamp() => _fake.GetTimestamp();
    public override long TimestampFrequency => _fake.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        // Tracked before it exists: a timer due now fires inside CreateTimer, and firing forgets it.
        Track(tracked, dueTime, period);
        tracked.Inner = _fake.CreateTimer(s => { Forget(tracked); callback(s); }, state, dueTime, period);
        return tracked;
    }

    private void Track(TrackedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            if (dueTime == Timeout.InfiniteTimeSpan || !IsOneShot(period))
                _pending.Remove(timer);
            else
                _pending[timer] = _fake.GetUtcNow() + dueTime;
        }
    }

    private static bool IsOneShot(TimeSpan period) => period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero;

    private void Forget(TrackedTimer timer)
    {
        lock (_lock)
            _pending.Remove(timer);
    }

    /// <summary>Jumps to the earliest pending timer within the horizon, over and over, until disposed.</summary>
    private async Task DriveAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            DateTimeOffset? next = null;
            lock (_lock)
            {
                var horizon = _fake.GetUtcNow() + Horizon;
                foreach (var due in _pending.Values)
                {
                    if (due <= horizon && (next is null || due < next))
                        next = due;
                }
            }
            if (next is { } at && at > _fake.GetUtcNow())
                _fake.SetUtcNow(at);
            else if (next is not null)
                _fake.Advance(TimeSpan.Zero); // due now: let the fake provider fire it
            try
            {
                await Task.Delay(1, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _driver;
        _stop.Dispose();
    }

    private sealed class TrackedTimer(VirtualClock clock) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Track(this, dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.Forget(this);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            clock.Forget(this);
            return Inner.DisposeAsync();
        }
    }
}
