using System.Globalization;
using Fulfilment.Connections;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>
/// Cancels a Click &amp; Drop order by deleting it (its label, if any, becomes void) while it is neither despatched nor
/// manifested; after that Royal Mail has the parcel and the order cannot be cancelled here, which the answer says with
/// the date. The order is read first, so a repeated cancellation of a deleted order finds it gone and answers
/// "cancelled", and a despatched one is never deleted.
/// </summary>
public sealed class ClickAndDropCancellation(ClickAndDropClient client, ClickAndDropOrderDeletion deletion) : ICarrierCancellation
{
    public string Carrier => ClickAndDropCarrier.CarrierName;

    public async Task<CarrierCancellation> CancelAsync(CarrierAccount account, string carrierShipmentId, string reference, string reason,
        CancellationToken cancellationToken)
    {
        if (!long.TryParse(carrierShipmentId, NumberStyles.None, CultureInfo.InvariantCulture, out var orderIdentifier))
            return new CarrierCancellation(CarrierCancelOutcome.Refused, $"'{carrierShipmentId}' is not a Click & Drop order number.");
        var credential = ClickAndDropAccount.CredentialOf(account);
        var orders = await client.GetOrdersAsync(credential, [ClickAndDropIdentifiers.FromOrderIdentifier(orderIdentifier)], cancellationToken);
        if (orders.FirstOrDefault(o => o.OrderIdentifier == orderIdentifier) is not { } order)
            return new CarrierCancellation(CarrierCancelOutcome.Cancelled, $"Click & Drop order {orderIdentifier} is deleted already.");
        if (order.ShippedOn is { } shipped)
            return new CarrierCancellation(CarrierCancelOutcome.Refused,
                $"Click & Drop order {orderIdentifier} was despatched on {shipped:yyyy-MM-dd HH:mm} UTC; Royal Mail has the parcel, so it cannot be cancelled (arrange a return instead).");
        if (order.ManifestedOn is { } manifested)
            return new CarrierCancellation(CarrierCancelOutcome.Refused,
                $"Click & Drop order {orderIdentifier} was manifested on {manifested:yyyy-MM-dd HH:mm} UTC, so it cannot be cancelled.");

        var answer = await deletion.DeleteAsync(credential, orderIdentifier, cancellationToken);
        if (answer.DeletedOrders?.Any(d => d.OrderIdentifier == orderIdentifier) == true)
            return new CarrierCancellation(CarrierCancelOutcome.Cancelled,
                order.PrintedOn is null
                    ? $"Click & Drop order {orderIdentifier} deleted."
                    : $"Click & Drop order {orderIdentifier} deleted; its label (tracking {order.TrackingNumber}) is void.");
        var why = answer.Errors?.Select(e => e.Message).FirstOrDefault(m => !string.IsNullOrWhiteSpace(m)) ?? "no reason given";
        return new CarrierCancellation(CarrierCancelOutcome.Refused, $"Click & Drop did not delete order {orderIdentifier}: {why}");
    }
}
