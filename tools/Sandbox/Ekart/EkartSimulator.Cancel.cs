using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Ekart;

// PUT /v2/shipments/rto/create: Ekart's one cancellation call. Before pickup the shipment is cancelled; after pickup a
// return to origin starts (shipment_rto_created_<reason>), which the courier then carries home. Each item is answered
// on its own line.
public sealed partial class EkartSimulator
{
    private async Task<IResult> CancelAsync(HttpContext http)
    {
        var merchant = Caller(http);
        var (body, problem) = await ReadObjectAsync(http);
        if (problem is not null) return problem;

        string requestId;
        JsonArray lines;
        (EkartActThenFailMode Mode, TimeSpan StallFor) then;
        try
        {
            requestId = EkartJson.Text(body!["request_id"], "request_id") is { Length: > 0 } id ? id : Guid.NewGuid().ToString();
            var items = EkartJson.Array(body, "request_details");
            if (items is null || items.Count == 0) throw new EkartMalformedRequestException("request_details can not be empty");
            var requests = items.Select(item => item is JsonObject o
                ? (TrackingId: EkartJson.Text(o["tracking_id"], "tracking_id")?.Trim(), Reason: EkartJson.Text(o["reason"], "reason")?.Trim())
                : throw new EkartMalformedRequestException("'request_details' must hold objects.")).ToList();
            lock (_lock)
            {
                var now = Time.GetUtcNow();
                CatchUpCourierLocked(now);
                lines = new JsonArray(requests.Select(r => CancelLocked(merchant, r.TrackingId, r.Reason, now)).ToArray<JsonNode?>());
                RescheduleCourierLocked(now);
                then = _faults.TakeActThenFail(EkartOperation.Cancel);
            }
        }
        catch (EkartMalformedRequestException e)
        {
            return EkartApiResults.Malformed(e.Message);
        }

        var answer = EkartApiResults.ApiResponse(requestId, lines);
        return then.Mode switch
        {
            EkartActThenFailMode.ServerError => EkartApiResults.ServerError(),
            EkartActThenFailMode.Stall => await StallAsync(http, then.StallFor) ? Results.Empty : answer,
            _ => answer,
        };
    }

    private JsonObject CancelLocked(EkartMerchantState merchant, string? trackingId, string? reason, DateTimeOffset now)
    {
        var shipment = trackingId is null ? null : _shipments.GetValueOrDefault(trackingId);
        // Another merchant's shipment is as unknown as a made-up id.
        if (shipment is null || shipment.MerchantCode != merchant.Code)
            return CancelLine(trackingId, null, $"Tracking id {trackingId} not found");
        if (string.IsNullOrEmpty(reason))
            return Refuse(shipment, "", "Reason is null or empty", now);

        var status = shipment.Status;
        var refusal = status switch
        {
            _ when EkartStatuses.IsDelivered(status) => "Shipment is already delivered",
            EkartStatuses.Cancelled or EkartStatuses.PickupCancelled => "Shipment is already cancelled",
            EkartStatuses.RtoCompleted => "Shipment is already returned to origin",
            EkartStatuses.Lost => "Shipment is lost",
            _ when EkartStatuses.IsReturning(status) => "RTO is already created for the shipment",
            _ => null,
        };
        if (refusal is not null) return Refuse(shipment, reason, refusal, now);

        var resulting = EkartStatuses.IsBeforePickup(status) ? EkartStatuses.Cancelled : EkartStatuses.RtoCreated(reason);
        AppendEventLocked(shipment, resulting, now);
        shipment.Cancellations.Add(new EkartCancellation(now, reason, Accepted: true, resulting, RejectedBecause: null));
        return CancelLine(shipment.TrackingId, shipment.ClientReferenceId, rejectedBecause: null);
    }

    private static JsonObject Refuse(EkartShipmentState shipment, string reason, string why, DateTimeOffset now)
    {
        shipment.Cancellations.Add(new EkartCancellation(now, reason, Accepted: false, ResultingStatus: null, why));
        return CancelLine(shipment.TrackingId, shipment.ClientReferenceId, why);
    }

    private static JsonObject CancelLine(string? trackingId, string? merchantReferenceId, string? rejectedBecause) => new()
    {
        ["tracking_id"] = trackingId,
        // UNCONFIRMED: integrators read merchant_reference_id; the simulator puts the shipment's client_reference_id there.
        ["merchant_reference_id"] = merchantReferenceId,
        ["status"] = rejectedBecause is null ? EkartApiResults.Received : EkartApiResults.Rejected,
        ["status_code"] = rejectedBecause is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
        ["message"] = rejectedBecause is null ? new JsonArray() : new JsonArray(rejectedBecause),
    };
}
