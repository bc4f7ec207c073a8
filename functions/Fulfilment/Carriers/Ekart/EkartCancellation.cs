using Fulfilment.Carriers.Ekart.Dtos;
using Fulfilment.Connections;
using Fulfilment.Tracking;

namespace Fulfilment.Carriers.Ekart;

/// <summary>
/// Ekart's one cancellation call (<c>PUT /v2/shipments/rto/create</c>): before pickup the shipment is cancelled, after
/// pickup it is returned to origin. Ekart's answer does not say which, so the shipment's history is read afterwards and
/// decides; a refusal ("already cancelled", "RTO already created") of a shipment that is cancelled or returning already
/// is that same outcome, so a repeated cancellation is harmless.
/// </summary>
public sealed class EkartCancellation(EkartClient client) : ICarrierCancellation
{
    public string Carrier => EkartCarrier.CarrierName;

    public async Task<CarrierCancellation> CancelAsync(CarrierAccount account, string carrierShipmentId, string reference, string reason,
        CancellationToken cancellationToken)
    {
        var credential = EkartAccount.CredentialOf(account);
        var answer = await client.CancelAsync(credential, new EkartRtoRequest(null, [new EkartRtoItem(carrierShipmentId, reason)]), cancellationToken);
        var line = answer.Lines.FirstOrDefault(l => l.TrackingId == carrierShipmentId) ?? answer.Lines.FirstOrDefault();
        var tracked = await client.TrackAsync(credential, [carrierShipmentId], cancellationToken);
        var summary = tracked.TryGetValue(carrierShipmentId, out var shipment) ? EkartEvents.Summarise(shipment, account.Id) : TrackingSummary.None;

        if (line is { IsReceived: true })
            return summary.PickedUpAt is not null || summary.State is { } s && TrackingStates.IsReturn(s)
                ? new CarrierCancellation(CarrierCancelOutcome.ReturnToOrigin, $"Ekart is returning {carrierShipmentId} to origin (it had been picked up).")
                : new CarrierCancellation(CarrierCancelOutcome.Cancelled, $"Ekart cancelled {carrierShipmentId} before pickup.");

        var why = line is null || line.Messages.Count == 0 ? "no reason given" : string.Join("; ", line.Messages);
        return summary.State switch
        {
            TrackingState.Cancelled => new CarrierCancellation(CarrierCancelOutcome.Cancelled, $"Ekart shipment {carrierShipmentId} was cancelled already."),
            { } state when TrackingStates.IsReturn(state) =>
                new CarrierCancellation(CarrierCancelOutcome.ReturnToOrigin, $"Ekart shipment {carrierShipmentId} is returning to origin already."),
            _ => new CarrierCancellation(CarrierCancelOutcome.Refused, $"Ekart refused to cancel {carrierShipmentId}: {why}"),
        };
    }
}
