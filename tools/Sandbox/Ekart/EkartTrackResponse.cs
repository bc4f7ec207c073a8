using System.Text.Json.Nodes;

namespace Sandbox.Ekart;

/// <summary>The two shapes integrators have seen from <c>/v2/shipments/track</c> (which one Ekart sends is UNCONFIRMED).</summary>
public enum EkartTrackShape
{
    /// <summary><c>{"&lt;tracking id&gt;": {…}, …}</c>: what most integrators parse (and Durin's TrackResponseV2 per one of them).</summary>
    KeyedByTrackingId,
    /// <summary><c>[{…}, …]</c>: what one PHP integration reads (<c>$response[0]</c>).</summary>
    Array,
}

/// <summary>Builds the track answer: one block per known shipment, history newest first; unknown ids are left out.</summary>
internal static class EkartTrackResponse
{
    // Before the parcel leaves the seller Ekart has no promise date; an integrator's date parser special-cases this text.
    private const string NotDispatched = "Shipment yet to be dispatched";

    public static JsonNode Build(IEnumerable<EkartShipmentState> shipments, EkartTrackShape shape)
    {
        var blocks = shipments.Select(s => (s.TrackingId, Block: Block(s))).ToList();
        if (shape == EkartTrackShape.Array)
            return new JsonArray(blocks.Select(b => (JsonNode?)b.Block).ToArray());
        var keyed = new JsonObject();
        foreach (var (trackingId, block) in blocks) keyed[trackingId] = block;
        return keyed;
    }

    private static JsonObject Block(EkartShipmentState s)
    {
        var dispatched = s.HasBeenPickedUp;
        return new JsonObject
        {
            ["tracking_id"] = s.TrackingId,
            ["external_tracking_id"] = s.TrackingId,
            ["order_id"] = s.ClientReferenceId,
            ["merchant_name"] = s.MerchantCode,
            ["vendor"] = s.VendorName,
            ["shipment_type"] = "outgoing",
            ["delivery_type"] = s.DeliveryType,
            ["cod_amount"] = EkartJson.Invariant(s.AmountToCollect),
            ["shipment_value"] = EkartJson.Invariant(s.ShipmentValue),
            ["weight"] = EkartJson.Invariant(s.WeightKg),
            ["delivered"] = EkartStatuses.IsDelivered(s.Status),
            ["rto"] = s.History.Any(e => e.Status.StartsWith(EkartStatuses.RtoCreatedPrefix, StringComparison.Ordinal)),
            ["mh_inscanned"] = dispatched,
            ["expected_delivery_date"] = dispatched ? EkartDates.EventDate(s.CreatedAt.AddDays(4)) : NotDispatched,
            ["pod_url"] = null,
            ["sender"] = new JsonObject
            {
                ["city"] = s.Source.City,
                ["state"] = s.Source.State,
                ["pincode"] = s.Source.Pincode,
                ["address1"] = s.Source.AddressLine1,
                ["address2"] = s.Source.AddressLine2,
            },
            ["history"] = new JsonArray(Enumerable.Reverse(s.History).Select(e => (JsonNode?)new JsonObject
            {
                ["status"] = e.Status,
                ["event_date"] = EkartDates.EventDate(e.At),
                ["event_date_iso8601"] = EkartDates.Iso8601(e.At),
                ["city"] = e.City,
                ["hub_name"] = e.HubName,
                ["public_description"] = e.PublicDescription,
            }).ToArray()),
        };
    }
}
