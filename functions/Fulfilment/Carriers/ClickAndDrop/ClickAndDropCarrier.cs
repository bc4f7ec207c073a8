using System.Globalization;
using Fulfilment.Carriers.ClickAndDrop.Dtos;
using Fulfilment.Connections;
using Fulfilment.Partners;
using Microsoft.Extensions.Options;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>Royal Mail Click &amp; Drop as an <see cref="ICarrier"/>: many orders per create call, lookups by our reference, status polling and labels.</summary>
public sealed class ClickAndDropCarrier(ClickAndDropClient client, IOptionsMonitor<ClickAndDropOptions> options) : ICarrier
{
    public const string CarrierName = "ClickAndDrop";

    public CarrierDescriptor Descriptor => new(
        CarrierName,
        "RoyalMail",
        CarrierCapabilities.StatusPolling | CarrierCapabilities.Labels,
        MaxBatchSize: options.CurrentValue.MaxOrdersPerRequest,
        MaxLookupBatchSize: ClickAndDropIdentifiers.MaxPerRequest,
        AccountFields: ClickAndDropAccount.Fields,
        PackageFormats: ClickAndDropAccount.PackageFormats,
        ServiceCode: ClickAndDropAccount.ServiceCode);

    /// <summary>
    /// Plans that cannot be sent as they are come back rejected without a call; the rest go in chunks of MaxOrdersPerRequest.
    /// A chunk Click &amp; Drop refuses as a whole (400 ErrorResponse: nothing in it was created) is halved and sent again
    /// until the orders it cannot take are alone, and those come back rejected with Click &amp; Drop's reason; so a
    /// refusal never costs the orders already created and this never throws Rejected. A chunk that fails ambiguously
    /// (timeout, 5xx) throws Transient even if earlier chunks succeeded: the pipeline then finds what exists by
    /// reference, so nothing is created twice.
    /// </summary>
    public async Task<CarrierBatchResult> CreateShipmentsAsync(CarrierAccount account, IReadOnlyList<ShipmentRequest> requests, CancellationToken cancellationToken)
    {
        var credential = Credential(account);
        var created = new List<CreatedShipment>();
        var rejected = new List<RejectedShipment>();
        var toSend = new List<CreateOrderRequest>();
        var defaults = ClickAndDropAccount.OrderDefaultsOf(account, options.CurrentValue.LabelInCreateResponse);
        foreach (var request in requests)
        {
            var mapped = ClickAndDropMapper.ToCreateOrder(request.Plan, defaults);
            if (mapped.IsRejected)
                rejected.Add(new RejectedShipment(mapped.Reference, mapped.Rejection!));
            else
                toSend.Add(mapped.Order!);
        }

        foreach (var chunk in toSend.Chunk(options.CurrentValue.MaxOrdersPerRequest))
            await SendAsync(credential, chunk, defaults.LabelInResponse, created, rejected, cancellationToken).ConfigureAwait(false);
        return new CarrierBatchResult(created, rejected);
    }

    /// <summary>Sends one chunk; a whole-request refusal is narrowed down by halves to the orders Click &amp; Drop will not take.</summary>
    private async Task SendAsync(ClickAndDropCredential credential, IReadOnlyList<CreateOrderRequest> orders, bool labelsAsked,
        List<CreatedShipment> created, List<RejectedShipment> rejected, CancellationToken cancellationToken)
    {
        CreateOrdersResponse response;
        try
        {
            response = await client.CreateOrdersAsync(credential, new CreateOrdersRequest(orders), cancellationToken).ConfigureAwait(false);
        }
        catch (ClickAndDropException ex) when (ex.Kind == PartnerFailureKind.Rejected)
        {
            if (orders.Count == 1)
            {
                rejected.Add(new RejectedShipment(orders[0].OrderReference ?? "", ex.Message));
                return;
            }
            // Halving finds a few bad orders among many in far fewer calls than sending every order alone.
            var half = orders.Count / 2;
            await SendAsync(credential, orders.Take(half).ToList(), labelsAsked, created, rejected, cancellationToken).ConfigureAwait(false);
            await SendAsync(credential, orders.Skip(half).ToList(), labelsAsked, created, rejected, cancellationToken).ConfigureAwait(false);
            return;
        }
        var result = ClickAndDropMapper.ToBatchResult(response, labelsAsked);
        created.AddRange(result.Created);
        rejected.AddRange(result.Rejected);
    }

    public Task<IReadOnlyList<CarrierShipmentStatus>> FindByReferenceAsync(CarrierAccount account, IReadOnlyList<string> references, CancellationToken cancellationToken) =>
        LookupAsync(account, references.Distinct(StringComparer.Ordinal).Select(ClickAndDropIdentifiers.FromReference), cancellationToken);

    /// <summary>Ids that are not Click &amp; Drop order numbers cannot exist there, so they are absent from the result.</summary>
    public Task<IReadOnlyList<CarrierShipmentStatus>> GetStatusAsync(CarrierAccount account, IReadOnlyList<string> carrierShipmentIds, CancellationToken cancellationToken) =>
        LookupAsync(account, carrierShipmentIds
            .Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null)
            .OfType<long>()
            .Distinct()
            .Select(ClickAndDropIdentifiers.FromOrderIdentifier), cancellationToken);

    /// <summary>
    /// Labels come through the API for Online Business Accounts only; others print them in Click &amp; Drop, so they get
    /// none without a call. What Click &amp; Drop answers is read by <see cref="ClickAndDropLabels"/>.
    /// </summary>
    public async Task<CarrierLabel> GetLabelAsync(CarrierAccount account, string carrierShipmentId, CancellationToken cancellationToken)
    {
        if (!GivesLabels(account))
            return CarrierLabel.NotYet;
        if (!long.TryParse(carrierShipmentId, NumberStyles.None, CultureInfo.InvariantCulture, out var orderIdentifier))
            return CarrierLabel.Refused($"'{carrierShipmentId}' is not a Click & Drop order number, so Click & Drop has no label for it.");
        var answer = await client.GetLabelAsync(Credential(account), orderIdentifier, cancellationToken).ConfigureAwait(false);
        return ClickAndDropLabels.Read(answer, carrierShipmentId);
    }

    /// <summary>
    /// Online Business Accounts only. A label is one PDF per order here even though <c>GET /orders/{ids}/label</c> takes
    /// up to 100 ids: it answers one PDF for all of them, laid out by the account's "Label format" setting (several
    /// labels may share a page), with nothing saying which page is whose, so it cannot be split per order.
    /// </summary>
    public bool GivesLabels(CarrierAccount account) => ClickAndDropAccount.GivesLabels(account);

    private async Task<IReadOnlyList<CarrierShipmentStatus>> LookupAsync(CarrierAccount account, IEnumerable<string> identifiers, CancellationToken cancellationToken)
    {
        var credential = Credential(account);
        var statuses = new List<CarrierShipmentStatus>();
        foreach (var chunk in ClickAndDropIdentifiers.Chunk(identifiers))
        {
            var orders = await client.GetOrdersAsync(credential, chunk, cancellationToken).ConfigureAwait(false);
            statuses.AddRange(orders.Select(ClickAndDropMapper.ToStatus));
        }
        return statuses;
    }

    private static ClickAndDropCredential Credential(CarrierAccount account) => ClickAndDropAccount.CredentialOf(account);
}
