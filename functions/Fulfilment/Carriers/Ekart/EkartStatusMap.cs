using System.Text;
using Fulfilment.Tracking;

namespace Fulfilment.Carriers.Ekart;

/// <summary>
/// Ekart's status codes to our tracking states, by prefix (the longest wins), as integrators advise: the Classic API
/// spells milestones with and without a <c>shipment_</c> prefix and appends reasons (<c>shipment_rto_created_&lt;reason&gt;</c>).
/// Codes are compared in lower case with runs of other characters as "_", so the Elite API's words ("RTO In Transit",
/// UNCONFIRMED for webhooks) map too. An unknown code maps to nothing: stored and shown, never guessed.
/// </summary>
public static class EkartStatusMap
{
    private static readonly (string Prefix, TrackingState? State)[] Prefixes =
    [
        // Before pickup.
        ("shipment_created", TrackingState.Created), ("pickup_scheduled", TrackingState.Created), ("out_for_pickup", TrackingState.Created),
        ("pickup_reattempt", TrackingState.Created), ("expected", TrackingState.Created), ("order_placed", TrackingState.Created),
        ("pickup_cancelled", TrackingState.Cancelled), ("cancelled", TrackingState.Cancelled), ("shipment_cancelled", TrackingState.Cancelled),
        // Forward.
        ("pickup_complete", TrackingState.PickedUp), ("shipment_pickup_complete", TrackingState.PickedUp), ("picked_up", TrackingState.PickedUp),
        ("received", TrackingState.InTransit), ("in_transit", TrackingState.InTransit), ("shipment_in_transit", TrackingState.InTransit),
        ("shipment_received", TrackingState.InTransit), ("shipment_misrouted", TrackingState.InTransit), ("shipment_expected", TrackingState.InTransit),
        ("out_for_delivery", TrackingState.OutForDelivery), ("shipment_out_for_delivery", TrackingState.OutForDelivery),
        ("delivered", TrackingState.Delivered), ("shipment_delivered", TrackingState.Delivered),
        ("shipment_undelivered", TrackingState.Undelivered), ("undelivered", TrackingState.Undelivered), ("delivery_attempted", TrackingState.Undelivered),
        ("shipment_lost", TrackingState.Lost), ("lost", TrackingState.Lost),
        // Return to origin.
        ("shipment_rto_created", TrackingState.RtoInitiated), ("shipment_rto_confirmed", TrackingState.RtoInitiated), ("rto_initiated", TrackingState.RtoInitiated),
        ("shipment_rto_in_transit", TrackingState.RtoInTransit), ("rto_in_transit", TrackingState.RtoInTransit),
        ("shipment_rto_completed", TrackingState.RtoDelivered), ("shipment_rto_delivered", TrackingState.RtoDelivered), ("rto_delivered", TrackingState.RtoDelivered),
        // A return called off: the parcel goes on towards the customer.
        ("shipment_rto_cancelled", TrackingState.InTransit),
        // Reverse pickups (return_*) are not our forward shipments' journey.
        ("return_", null),
    ];

    /// <summary>Our state for an Ekart status code, or null when it is one we do not know.</summary>
    public static TrackingState? Map(string status)
    {
        var code = Normalise(status);
        (string Prefix, TrackingState? State)? best = null;
        foreach (var entry in Prefixes)
            if (code.StartsWith(entry.Prefix, StringComparison.Ordinal) && (code.Length == entry.Prefix.Length || code[entry.Prefix.Length] == '_' || entry.Prefix.EndsWith('_'))
                && (best is null || entry.Prefix.Length > best.Value.Prefix.Length))
                best = entry;
        return best?.State;
    }

    /// <summary>Lower case; runs of anything but letters and digits as one "_", none at the ends.</summary>
    public static string Normalise(string status)
    {
        var code = new StringBuilder(status.Length);
        foreach (var c in status.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) code.Append(c);
            else if (code.Length > 0 && code[^1] != '_') code.Append('_');
        }
        return code.ToString().TrimEnd('_');
    }
}
