namespace Sandbox.Ekart;

// The simulated courier: moves shipments through Ekart's statuses by hand (Advance) or on a per-merchant schedule.
// Scheduled steps are stamped at the time they fell due, not when the timer noticed, so the history is the same however
// coarsely the clock is advanced; every state read catches up first, so answers never lag the clock.
public sealed partial class EkartSimulator
{
    /// <summary>
    /// Turns the merchant's automatic courier on (with <paramref name="schedule"/>) or off (null). Shipments already
    /// created follow it from their latest event.
    /// </summary>
    public void SetCourier(string merchantCode, EkartCourierSchedule? schedule)
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            CatchUpCourierLocked(now);
            Merchant(merchantCode).Courier = schedule;
            RescheduleCourierLocked(now);
        }
    }

    /// <summary>
    /// Moves the shipment to <paramref name="status"/> now: any documented code, e.g. <see cref="EkartStatuses.PickupComplete"/>,
    /// <c>EkartStatuses.UndeliveredAttempted("customer not available")</c> or <see cref="EkartStatuses.Lost"/>.
    /// Throws for unknown shipments, unknown codes and shipments that have reached the end of their journey.
    /// </summary>
    public EkartShipmentSnapshot Advance(string trackingId, string status)
    {
        if (!EkartStatuses.IsKnown(status))
            throw new ArgumentException($"'{status}' is not an Ekart status code.", nameof(status));
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            CatchUpCourierLocked(now);
            var shipment = _shipments.GetValueOrDefault(trackingId) ?? throw new KeyNotFoundException($"No Ekart shipment '{trackingId}'.");
            if (EkartStatuses.IsTerminal(shipment.Status))
                throw new InvalidOperationException($"Shipment {trackingId} is {shipment.Status}: nothing happens to it any more.");
            AppendEventLocked(shipment, status, now);
            RescheduleCourierLocked(now);
            return shipment.ToSnapshot();
        }
    }

    /// <summary>Adds an event to the shipment's history and publishes it to the merchant's webhooks.</summary>
    private void AppendEventLocked(EkartShipmentState shipment, string status, DateTimeOffset at)
    {
        var (city, hub) = EkartEventPlaces.For(shipment, status);
        var evt = new EkartTrackingEvent(shipment.History.Count + 1, status, at, city, hub, EkartStatuses.Describe(status));
        shipment.History.Add(evt);
        _webhooks.Publish(EkartWebhookPayload.Message(shipment, evt));
    }

    private void RunCourier()
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            CatchUpCourierLocked(now);
            RescheduleCourierLocked(now);
        }
    }

    private void CatchUpCourierLocked(DateTimeOffset now)
    {
        foreach (var shipment in _shipments.Values)
            while (NextScheduledStep(shipment) is { } step && step.DueAt <= now)
                AppendEventLocked(shipment, step.Status, step.DueAt);
    }

    /// <summary>Arms the timer for the earliest scheduled step, so the courier (and its webhooks) run without any reads.</summary>
    private void RescheduleCourierLocked(DateTimeOffset now)
    {
        var next = _shipments.Values.Select(s => NextScheduledStep(s)?.DueAt).Min(); // null when nothing is scheduled
        _courierTimer.Change(
            next is { } due ? (due - now) > TimeSpan.Zero ? due - now : TimeSpan.FromMilliseconds(1) : Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
    }

    private (string Status, DateTimeOffset DueAt)? NextScheduledStep(EkartShipmentState shipment)
    {
        if (_merchants.GetValueOrDefault(shipment.MerchantCode)?.Courier is not { } schedule) return null;
        if (EkartCourierSchedule.NextStep(shipment.Status) is not { } next) return null;
        return (next, shipment.Latest.At + schedule.DelayBefore(next));
    }
}
