using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Ekart;

// POST /v2/shipments/create: validate every service_detail first (an unreadable body creates nothing), then create
// the valid ones; each gets a line REQUEST_RECEIVED or REQUEST_REJECTED with its reasons.
public sealed partial class EkartSimulator
{
    private async Task<IResult> CreateAsync(HttpContext http)
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
            lock (_lock)
            {
                var now = Time.GetUtcNow();
                CatchUpCourierLocked(now);
                var candidates = ValidateCreateLocked(body, merchant);
                lines = new JsonArray(candidates.Select(c => CreateLocked(c, merchant, now)).ToArray<JsonNode?>());
                RescheduleCourierLocked(now);
                then = _faults.TakeActThenFail(EkartOperation.Create);
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

    private sealed record CreateCandidate(string? TrackingId, List<string> Errors, EkartShipmentRequest? Shipment);

    private static List<CreateCandidate> ValidateCreateLocked(JsonObject body, EkartMerchantState merchant)
    {
        var services = EkartJson.Array(body, "services");
        if (services is null || services.Count == 0) throw new EkartMalformedRequestException("services can not be empty");
        var requestErrors = EkartCreateValidator.ValidateRequest(body, merchant);
        var candidates = new List<CreateCandidate>();
        foreach (var serviceNode in services)
        {
            if (serviceNode is not JsonObject service) throw new EkartMalformedRequestException("'services' must hold objects.");
            var details = EkartJson.Array(service, "service_details");
            if (details is null || details.Count == 0) throw new EkartMalformedRequestException("service_details can not be empty");
            var serviceErrors = EkartCreateValidator.ValidateService(service, out var serviceCode);
            foreach (var detailNode in details)
            {
                if (detailNode is not JsonObject detail) throw new EkartMalformedRequestException("'service_details' must hold objects.");
                var errors = new List<string>(requestErrors.Concat(serviceErrors));
                var shipment = EkartCreateValidator.ValidateDetail(detail, merchant, serviceCode, errors);
                candidates.Add(new CreateCandidate(shipment?.TrackingId ?? EkartCreateValidator.TrackingIdOf(detail), errors, shipment));
            }
        }
        return candidates;
    }

    /// <summary>Creates the candidate unless it is invalid or a duplicate; returns its response line.</summary>
    private JsonObject CreateLocked(CreateCandidate candidate, EkartMerchantState merchant, DateTimeOffset now)
    {
        var errors = candidate.Errors;
        if (candidate.Shipment is { } request)
        {
            // The wording integrators match on: "already present" (tracking id) and "already exists with the same".
            if (_shipments.ContainsKey(request.TrackingId))
                errors.Add($"Shipment with tracking id {request.TrackingId} is already present");
            if (_shipments.Values.Any(s => s.MerchantCode == merchant.Code && s.ClientReferenceId == request.ClientReferenceId))
                errors.Add($"Shipment already exists with the same client reference id {request.ClientReferenceId}");
        }
        if (errors.Count > 0 || candidate.Shipment is null)
            return new JsonObject
            {
                ["tracking_id"] = candidate.TrackingId,
                ["status"] = EkartApiResults.Rejected,
                ["status_code"] = StatusCodes.Status400BadRequest,
                ["message"] = new JsonArray(errors.Select(e => (JsonNode?)e).ToArray()),
            };

        var shipment = candidate.Shipment;
        var state = new EkartShipmentState
        {
            TrackingId = shipment.TrackingId,
            MerchantCode = merchant.Code,
            ClientReferenceId = shipment.ClientReferenceId,
            IsCod = shipment.IsCod,
            AmountToCollect = shipment.AmountToCollect,
            ShipmentValue = shipment.ShipmentValue,
            WeightKg = shipment.WeightKg,
            ServiceCode = shipment.ServiceCode,
            DeliveryType = shipment.DeliveryType,
            VendorName = shipment.VendorName,
            Source = shipment.Source,
            Destination = shipment.Destination,
            CreatedAt = now,
            Request = shipment.Detail,
        };
        _shipments.Add(state.TrackingId, state);
        AppendEventLocked(state, EkartStatuses.ShipmentCreated, now);
        return new JsonObject
        {
            ["tracking_id"] = state.TrackingId,
            ["status"] = EkartApiResults.Received,
            ["status_code"] = StatusCodes.Status200OK,
            ["is_parked"] = "NOT_PARKED",
            ["message"] = new JsonArray(),
        };
    }
}
