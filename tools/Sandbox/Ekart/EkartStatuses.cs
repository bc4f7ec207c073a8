using System.Text;

namespace Sandbox.Ekart;

/// <summary>
/// The shipment status codes Ekart's Classic API reports in <c>history[].status</c>, and what the simulated courier may
/// do from each. Codes ending in <c>_</c> take a reason suffix (<c>shipment_rto_created_cancel_by_customer</c>).
/// </summary>
public static class EkartStatuses
{
    public const string ShipmentCreated = "shipment_created";
    public const string PickupScheduled = "pickup_scheduled";
    public const string OutForPickup = "out_for_pickup";
    public const string PickupReattempt = "pickup_reattempt";
    public const string PickupComplete = "pickup_complete";
    public const string PickupCancelled = "pickup_cancelled";
    public const string Received = "received";
    public const string Expected = "expected";
    public const string InTransit = "in_transit";
    public const string ReceivedAtDeliveryHub = "received_at_dh";
    public const string Misrouted = "shipment_misrouted";
    public const string OutForDelivery = "out_for_delivery";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";
    public const string Lost = "shipment_lost";
    public const string RtoConfirmed = "shipment_rto_confirmed";
    public const string RtoInTransit = "shipment_rto_in_transit";
    public const string RtoCompleted = "shipment_rto_completed";

    /// <summary>Prefix of a failed delivery attempt; the reason follows.</summary>
    public const string UndeliveredAttemptedPrefix = "shipment_undelivered_attempted_";
    /// <summary>Prefix of a delivery not attempted; the reason follows.</summary>
    public const string UndeliveredUnattemptedPrefix = "shipment_undelivered_unattempted_";
    /// <summary>Prefix of a return to origin created after pickup; the reason follows.</summary>
    public const string RtoCreatedPrefix = "shipment_rto_created_";
    /// <summary>Prefix of a return to origin called off; the reason follows.</summary>
    public const string RtoCancelledPrefix = "shipment_rto_cancelled_";

    private static readonly HashSet<string> Exact = new(StringComparer.Ordinal)
    {
        ShipmentCreated, PickupScheduled, OutForPickup, PickupReattempt, PickupComplete, PickupCancelled, Received,
        Expected, InTransit, ReceivedAtDeliveryHub, Misrouted, OutForDelivery, Delivered, Cancelled, Lost,
        RtoConfirmed, RtoInTransit, RtoCompleted,
        // Integrators also report these prefixed spellings of the forward milestones.
        "shipment_pickup_complete", "shipment_in_transit", "shipment_out_for_delivery", "shipment_delivered",
    };

    private static readonly string[] ReasonPrefixes =
        [UndeliveredAttemptedPrefix, UndeliveredUnattemptedPrefix, RtoCreatedPrefix, RtoCancelledPrefix];

    private static readonly HashSet<string> BeforePickup = new(StringComparer.Ordinal)
        { ShipmentCreated, PickupScheduled, OutForPickup, PickupReattempt, Expected };

    private static readonly HashSet<string> Terminal = new(StringComparer.Ordinal)
        { Delivered, "shipment_delivered", Cancelled, PickupCancelled, RtoCompleted, Lost };

    /// <summary>A code Ekart documents (exactly, or a reason prefix followed by a reason).</summary>
    public static bool IsKnown(string status) =>
        Exact.Contains(status) || ReasonPrefixes.Any(p => status.Length > p.Length && status.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Nothing happens to the shipment after this status.</summary>
    public static bool IsTerminal(string status) => Terminal.Contains(status);

    /// <summary>Not yet picked up: a cancellation cancels it rather than starting a return.</summary>
    public static bool IsBeforePickup(string status) => BeforePickup.Contains(status);

    /// <summary>A return to origin is under way (created, confirmed or in transit).</summary>
    public static bool IsReturning(string status) =>
        status is RtoConfirmed or RtoInTransit || status.StartsWith(RtoCreatedPrefix, StringComparison.Ordinal);

    public static bool IsDelivered(string status) => status is Delivered or "shipment_delivered";

    /// <summary><c>shipment_rto_created_</c> plus the reason as a code: "Cancel By Customer" gives <c>shipment_rto_created_cancel_by_customer</c>.</summary>
    public static string RtoCreated(string reason) => RtoCreatedPrefix + ReasonCode(reason);

    /// <summary><c>shipment_undelivered_attempted_</c> plus the reason as a code.</summary>
    public static string UndeliveredAttempted(string reason) => UndeliveredAttemptedPrefix + ReasonCode(reason);

    /// <summary>A free-text reason as a status suffix: lower case, runs of anything but letters and digits as one underscore.</summary>
    public static string ReasonCode(string reason)
    {
        var code = new StringBuilder();
        foreach (var c in reason.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) code.Append(c);
            else if (code.Length > 0 && code[^1] != '_') code.Append('_');
        }
        var text = code.ToString().TrimEnd('_');
        return text.Length == 0 ? "other" : text;
    }

    /// <summary>The public_description Ekart shows for a status (wording is the simulator's own).</summary>
    public static string Describe(string status)
    {
        foreach (var prefix in ReasonPrefixes)
            if (status.StartsWith(prefix, StringComparison.Ordinal))
                return PrefixDescription(prefix) + ": " + status[prefix.Length..].Replace('_', ' ');
        return status switch
        {
            ShipmentCreated => "Shipment details received",
            PickupScheduled => "Pickup scheduled",
            OutForPickup => "Out for pickup",
            PickupReattempt => "Pickup will be reattempted",
            PickupComplete or "shipment_pickup_complete" => "Shipment picked up",
            PickupCancelled => "Pickup cancelled",
            Received => "Shipment received at hub",
            Expected => "Shipment expected at hub",
            InTransit or "shipment_in_transit" => "Shipment in transit",
            ReceivedAtDeliveryHub => "Shipment received at delivery hub",
            Misrouted => "Shipment misrouted",
            OutForDelivery or "shipment_out_for_delivery" => "Out for delivery",
            Delivered or "shipment_delivered" => "Shipment delivered",
            Cancelled => "Shipment cancelled by the merchant",
            Lost => "Shipment lost",
            RtoConfirmed => "Return to origin confirmed",
            RtoInTransit => "Return to origin in transit",
            RtoCompleted => "Shipment returned to origin",
            _ => status.Replace('_', ' '),
        };
    }

    private static string PrefixDescription(string prefix) => prefix switch
    {
        UndeliveredAttemptedPrefix => "Delivery attempted",
        UndeliveredUnattemptedPrefix => "Delivery not attempted",
        RtoCreatedPrefix => "Return to origin created",
        _ => "Return to origin cancelled",
    };
}
