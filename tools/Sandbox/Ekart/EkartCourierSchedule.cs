namespace Sandbox.Ekart;

/// <summary>
/// How long the simulated courier waits before each step, counted from the shipment's previous event. A shipment moves
/// shipment_created → pickup_scheduled → out_for_pickup → pickup_complete → in_transit → out_for_delivery → delivered;
/// after a failed delivery attempt it goes out for delivery again; a return goes shipment_rto_created_* →
/// shipment_rto_in_transit → shipment_rto_completed.
/// </summary>
public sealed record EkartCourierSchedule(
    TimeSpan PickupScheduled,
    TimeSpan OutForPickup,
    TimeSpan PickupComplete,
    TimeSpan InTransit,
    TimeSpan OutForDelivery,
    TimeSpan Delivered,
    TimeSpan RtoInTransit,
    TimeSpan RtoCompleted)
{
    /// <summary>Roughly a real metro-to-metro shipment: delivered about a day and a half after creation.</summary>
    public static EkartCourierSchedule Realistic { get; } = new(
        TimeSpan.FromMinutes(10), TimeSpan.FromHours(2), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
        TimeSpan.FromHours(20), TimeSpan.FromHours(4), TimeSpan.FromHours(6), TimeSpan.FromHours(24));

    /// <summary>Every step a few seconds apart, for the demo and chaos runs on the real clock.</summary>
    public static EkartCourierSchedule Quick { get; } = new(
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));

    /// <summary>The status the courier moves a shipment to next from <paramref name="status"/>, or null when it stays.</summary>
    public static string? NextStep(string status) => status switch
    {
        EkartStatuses.ShipmentCreated => EkartStatuses.PickupScheduled,
        EkartStatuses.PickupScheduled => EkartStatuses.OutForPickup,
        EkartStatuses.OutForPickup or EkartStatuses.PickupReattempt or EkartStatuses.Expected => EkartStatuses.PickupComplete,
        EkartStatuses.PickupComplete or "shipment_pickup_complete" => EkartStatuses.InTransit,
        EkartStatuses.InTransit or "shipment_in_transit" or EkartStatuses.Received
            or EkartStatuses.ReceivedAtDeliveryHub or EkartStatuses.Misrouted => EkartStatuses.OutForDelivery,
        EkartStatuses.OutForDelivery or "shipment_out_for_delivery" => EkartStatuses.Delivered,
        EkartStatuses.RtoConfirmed => EkartStatuses.RtoInTransit,
        EkartStatuses.RtoInTransit => EkartStatuses.RtoCompleted,
        _ when status.StartsWith(EkartStatuses.UndeliveredAttemptedPrefix, StringComparison.Ordinal)
            || status.StartsWith(EkartStatuses.UndeliveredUnattemptedPrefix, StringComparison.Ordinal) => EkartStatuses.OutForDelivery,
        _ when status.StartsWith(EkartStatuses.RtoCreatedPrefix, StringComparison.Ordinal) => EkartStatuses.RtoInTransit,
        _ => null,
    };

    /// <summary>The wait before moving to <paramref name="nextStatus"/> (one of <see cref="NextStep"/>'s answers).</summary>
    public TimeSpan DelayBefore(string nextStatus) => nextStatus switch
    {
        EkartStatuses.PickupScheduled => PickupScheduled,
        EkartStatuses.OutForPickup => OutForPickup,
        EkartStatuses.PickupComplete => PickupComplete,
        EkartStatuses.InTransit => InTransit,
        EkartStatuses.OutForDelivery => OutForDelivery,
        EkartStatuses.Delivered => Delivered,
        EkartStatuses.RtoInTransit => RtoInTransit,
        EkartStatuses.RtoCompleted => RtoCompleted,
        _ => throw new ArgumentOutOfRangeException(nameof(nextStatus), nextStatus, "Not a step of the simulated courier."),
    };
}
