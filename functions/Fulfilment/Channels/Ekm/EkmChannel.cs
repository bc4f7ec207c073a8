using System.Globalization;
using System.Runtime.CompilerServices;
using Fulfilment.Channels.Ekm.Dtos;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ekm;

/// <summary>
/// The EKM channel: polls paid orders in the connection's import status by keyset position, reads each order's lines,
/// and writes despatches back as tracking and then the despatched status.
/// </summary>
public sealed class EkmChannel(EkmClient client, EkmSession session, EkmOrderReader reader, EkmStatusSettings statuses, IOptions<EkmOptions> options) : IChannel
{
    public const string ChannelName = "EKM";

    public static readonly ChannelDescriptor DescriptorValue = new(ChannelName, ChannelCapabilities.DespatchWriteBack, EkmSettings.DefaultImportStatus, EkmSettings.Fields);

    public ChannelDescriptor Descriptor => DescriptorValue;

    /// <summary>
    /// Checks first that the statuses are still the store's (a merchant may delete a custom one; the poll would then
    /// find nothing, silently), resetting them to the defaults if not; then reads by keyset position.
    /// </summary>
    public async IAsyncEnumerable<ChannelOrderPage> ReadOrdersAsync(ChannelConnection connection, OrderQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await statuses.ResetIfMissingAsync(connection, cancellationToken))
            query = query with { ImportStatus = EkmSettings.ImportStatusOf(connection) };
        var status = EkmMapper.OrderStatusCode(query.ImportStatus);
        var requireTransactionId = options.Value.RequireTransactionId;
        await foreach (var page in reader.ReadAsync(connection, query, status,
                           o => EkmEligibility.IsEligible(o, status, query.CreatedSince, requireTransactionId), cancellationToken))
            yield return page;
    }

    public async Task<ChannelOrder> GetOrderAsync(ChannelConnection connection, ChannelOrderSummary summary, CancellationToken cancellationToken)
    {
        var orderId = ParseId(summary.ChannelOrderId);
        var order = summary.ChannelState as EkmOrder
                    ?? await session.CallAsync(connection, shop => client.GetOrderAsync(shop, orderId, cancellationToken), cancellationToken);
        var items = await session.CallAsync(connection, shop => client.GetOrderItemsAsync(shop, orderId, cancellationToken), cancellationToken);
        return EkmMapper.ToChannelOrder(order, items, options.Value.Currency);
    }

    /// <summary>
    /// Tracking first, then the status, each only if the order does not show it already: a second delivery (or one
    /// after a lost answer) finds what the first wrote and writes nothing twice. The status goes last so the
    /// customer's despatch email can carry the tracking (UNCONFIRMED that EKM's email includes it).
    /// </summary>
    public async Task<DespatchResult> MarkDespatchedAsync(ChannelConnection connection, DespatchNotice notice, CancellationToken cancellationToken)
    {
        var orderId = ParseId(notice.ChannelOrderId);
        var tracking = notice.TrackingNumber.Trim();
        var despatched = EkmMapper.OrderStatusCode(EkmSettings.DespatchedStatusOf(connection));
        var order = await session.CallAsync(connection, shop => client.GetOrderAsync(shop, orderId, cancellationToken), cancellationToken);
        var hasTracking = string.Equals(order.DeliveryTrackingNumber?.Trim(), tracking, StringComparison.OrdinalIgnoreCase);
        var hasStatus = string.Equals(order.Status?.Trim(), despatched, StringComparison.OrdinalIgnoreCase);
        if (hasTracking && hasStatus)
            return new DespatchResult(tracking, AlreadyRecorded: true);

        if (!hasTracking)
        {
            var company = EkmCarriers.CompanyFor(notice.ShippingCarrier);
            var url = EkmCarriers.TrackingUrlFor(notice.ShippingCarrier, tracking);
            await session.CallAsync(connection, shop => client.PutDeliveryTrackingAsync(shop, orderId, tracking, company, url, cancellationToken), cancellationToken);
        }
        if (!hasStatus)
            await session.CallAsync(connection, shop => client.PutStatusAsync(shop, orderId, despatched, options.Value.EmailCustomerOnDespatch, cancellationToken), cancellationToken);
        return new DespatchResult(tracking, AlreadyRecorded: false);
    }

    /// <summary>Both statuses must be the store's own (GET /api/v1/settings/orderstatuses).</summary>
    public Task<IReadOnlyList<string>> ValidateSettingsAsync(ChannelConnection connection, CancellationToken cancellationToken) =>
        statuses.ProblemsAsync(connection, cancellationToken);

    internal static long ParseId(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw EkmException.Invalid($"An EKM order id is a positive number, not \"{value}\".");
}
