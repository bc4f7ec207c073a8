using System.Diagnostics;
using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Pipeline;

/// <summary>
/// Queue step for order hints (webhooks): for an order we hold already, the channel is asked only whether it was
/// cancelled there (channels that can say), and its cancellation queued if so; otherwise the channel is asked whether it
/// exists and is eligible (status, age, payment), and it is recorded as a poll would. The connection is read through the
/// settings kept a few seconds (a burst of orders is a burst of hints): a store disconnected meanwhile may import an order
/// or two more, as its last poll could have.
/// </summary>
public sealed class ImportOrderStep(
    CachedSettings settingsKept,
    IOrderStore orders,
    OrderRecorder recorder,
    PartnerRegistry partners,
    CredentialFailures credentialFailures,
    Cancellation.ChannelCancellationScan cancellations,
    TimeProvider time,
    ILogger<ImportOrderStep> logger)
{
    public async Task<RecordOutcome?> RunAsync(ImportOrderMessage message, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag("order.key", $"{message.ConnectionId}/{message.ChannelOrderId}");
        // A just-created order is almost never stored yet: the insert that records it finds it if it is.
        var known = message.Created ? null : await orders.GetAsync(new OrderKey(message.ConnectionId, message.ChannelOrderId), cancellationToken);
        var connection = await settingsKept.ConnectionAsync(message.ConnectionId, cancellationToken);
        if (known is not null)
        {
            await recorder.ResumeAsync(known, cancellationToken);
            if (connection is { Status: ConnectionStatus.Active })
                await CheckCancelledAsync(connection, known, cancellationToken);
            return RecordOutcome.Known;
        }

        if (connection is not { Status: ConnectionStatus.Active })
        {
            logger.LogInformation("Order hint for {ConnectionId}/{OrderId} ignored: the connection is {Status}.", message.ConnectionId, message.ChannelOrderId,
                connection?.Status.ToString() ?? "unknown");
            return null;
        }
        if (partners.FindChannel(connection.Channel) is not { } channel || partners.FindOrderLookup(connection.Channel) is not { } lookup)
        {
            logger.LogWarning("Order hint for {ConnectionId}: channel {Channel} cannot look orders up; the poll will find it.", connection.Id, connection.Channel);
            return null;
        }

        var now = time.GetUtcNow();
        var createdSince = now.AddDays(-connection.MaxOrderAgeDays);
        var query = new OrderQuery(OrderPosition.Before(createdSince), createdSince, connection.ImportStatus ?? channel.Descriptor.DefaultImportStatus);
        ChannelOrderSummary? summary;
        try
        {
            summary = await lookup.FindEligibleAsync(connection, message.ChannelOrderId, query, cancellationToken);
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
        {
            await credentialFailures.ConnectionRefusedAsync(connection, ex, cancellationToken);
            return null;
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Rejected)
        {
            // The hint names an order the channel refuses to look up (not an id of its kind): no retry can fix that,
            // and the poll still brings every real order.
            logger.LogWarning("Order hint for {ConnectionId}/{OrderId} dropped: {Message}", connection.Id, message.ChannelOrderId, ex.Message);
            return null;
        }
        if (summary is null)
            return null; // not there, or not eligible (yet): a later hint or the poll will bring it
        return await recorder.RecordUnknownAsync(connection, channel, summary, cancellationToken);
    }

    private async Task CheckCancelledAsync(ChannelConnection connection, FulfilmentOrder order, CancellationToken cancellationToken)
    {
        try
        {
            await cancellations.CheckAsync(connection, order, cancellationToken);
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
        {
            await credentialFailures.ConnectionRefusedAsync(connection, ex, cancellationToken);
        }
    }
}
