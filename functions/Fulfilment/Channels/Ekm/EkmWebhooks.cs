using System.Text.Json;
using Fulfilment.Channels.Ekm.Dtos;
using Fulfilment.Connections;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ekm;

/// <summary>
/// EKM's order webhooks: subscribing a connected shop to order.created and order.updated, and turning each delivery
/// into a hint. Deliveries are unsigned and may repeat, so the body names only which order to read again; the order
/// is fetched and checked by the import step, which records it once. EKM waits 5 s for an answer, so we only queue.
/// </summary>
public sealed class EkmWebhooks(EkmClient client, EkmSession session, IConnectionStore connections, OrderHints hints,
    IOptions<EkmOptions> options, ILogger<EkmWebhooks> logger)
{
    public static readonly IReadOnlyList<string> Topics = ["order.created", "order.updated"];
    public const int MaxBodyBytes = 4096;

    /// <summary>Subscribes our webhook URL to each topic the shop is not yet subscribed to for us (none when no URL is set).</summary>
    public async Task EnsureSubscribedAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        if (options.Value.WebhookUrl is not { Length: > 0 } endpoint)
            return;
        var existing = await session.CallAsync(connection, shop => client.ListWebhooksAsync(shop, cancellationToken), cancellationToken);
        foreach (var topic in Topics)
        {
            if (existing.Any(s => s.IsEnabled && s.Topic == topic && string.Equals(s.Endpoint, endpoint, StringComparison.Ordinal)))
                continue;
            await session.CallAsync(connection, async shop => { await client.CreateWebhookAsync(shop, topic, endpoint, cancellationToken); return true; }, cancellationToken);
        }
    }

    /// <summary>The outcome of one delivery: the HTTP status to answer with (200 unless the body is not EKM's shape).</summary>
    public async Task<int> ReceiveAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (body.Length is 0 or > MaxBodyBytes || Parse(body) is not { } delivery)
            return 400;
        if (!Topics.Contains(delivery.Topic))
            return 200; // a topic we did not subscribe to: nothing to do, and no reason for EKM to retry
        var connectionId = ConnectionInstaller.ConnectionIdFor(EkmChannel.ChannelName, delivery.Username);
        var connection = await connections.GetAsync(connectionId, cancellationToken);
        if (connection is not { Status: ConnectionStatus.Active })
        {
            // Unknown, waiting for approval, or disconnected: the poll brings what matters once it is active.
            logger.LogInformation("EKM webhook for {Username} ignored: the connection is {Status}.", delivery.Username, connection?.Status.ToString() ?? "unknown");
            return 200;
        }
        await hints.HintAsync(connectionId, delivery.OrderId, cancellationToken);
        return 200;
    }

    private static (string Username, string Topic, string OrderId)? Parse(ReadOnlyMemory<byte> body)
    {
        EkmWebhookDelivery? delivery;
        try
        {
            delivery = JsonSerializer.Deserialize<EkmWebhookDelivery>(body.Span, EkmJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        if (delivery is null || delivery.Topic is not { Length: > 0 and <= 50 } topic || !IsUsername(delivery.Username))
            return null;
        // entity_id is documented quoted (UNCONFIRMED): a string or a number is accepted, as long as it is an order id.
        var raw = delivery.EntityId.ValueKind switch
        {
            JsonValueKind.String => delivery.EntityId.GetString(),
            JsonValueKind.Number => delivery.EntityId.GetRawText(),
            _ => null,
        };
        if (raw is null || !long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
            return null;
        return (delivery.Username!, topic, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Shop usernames become part of connection ids (table keys): letters, digits and a few separators only.</summary>
    public static bool IsUsername(string? username) =>
        username is { Length: > 0 and <= 100 } && username.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@');
}
