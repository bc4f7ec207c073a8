using System.Globalization;
using System.Text.Json;
using Fulfilment.Channels.BigCommerce.Dtos;
using Fulfilment.Connections;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>
/// BigCommerce's order webhook deliveries on <c>channels/bigcommerce/webhook</c>, turned into import hints. Checked in
/// this order: the Standard Webhooks signature and its time (401), the body (400), then the store's connection
/// (unknown or not active: 200, so BigCommerce does not retry forever) and the payload's <c>hash</c>, used once (a
/// repeat: 200, nothing done). The only work is that one insert and one queue message: the import step reads the order
/// and applies the eligibility rules. The secret and the signature are never logged.
/// </summary>
public sealed class BigCommerceWebhooks(
    IOptions<BigCommerceOptions> options,
    CachedSettings settingsKept,
    ISingleUseTokenStore deliveries,
    OrderHints hints,
    TimeProvider time,
    ILogger<BigCommerceWebhooks> logger)
{
    public const string DeliveryScope = "bigcommerce-webhook";
    public const int MaxBodyBytes = 8192;

    /// <summary>BigCommerce retries a delivery for about 48 h: a used hash is remembered longer than that.</summary>
    public static readonly TimeSpan RememberDeliveriesFor = TimeSpan.FromDays(4);

    /// <summary>The status to answer with (no body).</summary>
    public async Task<int> ReceiveAsync(PartnerHttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var id = request.Header(settings.WebhookIdHeader);
        var timestamp = request.Header(settings.WebhookTimestampHeader);
        if (id is not { Length: > 0 and <= 200 } || timestamp is not { Length: > 0 and <= 20 } || request.Header(settings.WebhookSignatureHeader) is null)
            return Refuse("it is not signed (missing headers)");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
            return Refuse("its timestamp is not Unix seconds");
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((time.GetUtcNow() - signedAt).Duration() > settings.WebhookTolerance)
            return Refuse($"it was signed at {signedAt:u}, outside the {settings.WebhookTolerance} window (a replay or a skewed clock)");
        if (!BigCommerceWebhookSignature.IsValid(settings.ClientSecret, id, timestamp, request.Body.Span, request.Header(settings.WebhookSignatureHeader)))
            return Refuse("the signature does not match");

        if (request.Body.Length is 0 or > MaxBodyBytes || Parse(request.Body) is not { } delivery)
        {
            logger.LogWarning("BigCommerce webhook {DeliveryId} refused: the body is not a BigCommerce order event.", id);
            return 400;
        }
        if (!BigCommerceHooks.Scopes.Contains(delivery.Scope))
            return 200; // a scope we did not subscribe to: nothing to do, and no reason to retry

        var connectionId = ConnectionInstaller.ConnectionIdFor(BigCommerceChannel.ChannelName, delivery.StoreHash);
        // Its status and import status only, kept a few seconds (a burst of orders is a burst of deliveries): a store
        // disconnected meanwhile gets a hint or two that the import, which reads the connection afresh, then refuses.
        var connection = await settingsKept.ConnectionAsync(connectionId, cancellationToken);
        if (connection is not { Status: ConnectionStatus.Active })
        {
            // Unknown, waiting for approval, suspended or disconnected: the poll brings what matters once it is active.
            logger.LogInformation("BigCommerce webhook {Scope} for store {StoreHash} ignored: the connection is {Status}.",
                delivery.Scope, delivery.StoreHash, connection?.Status.ToString() ?? "unknown");
            return 200;
        }
        // A change to a status we do not import cannot make the order eligible (above all our own write-back's Shipped):
        // no hint, so no call to read the order again. Any other change, or one without a status, is a hint.
        if (delivery.NewStatusId is { } newStatus
            && BigCommerceChannel.StatusIdOf(connection.ImportStatus ?? BigCommerceChannel.AwaitingShipmentStatus) is { } importStatus
            && newStatus != importStatus)
            return 200;
        // Deterministic key: BigCommerce may deliver one event more than once, each time with its hash (the delivery id
        // when a payload has none). If the queue send below fails, the delivery is forgotten again and fails, so that
        // BigCommerce's retry is its first time rather than a repeat.
        var key = delivery.Hash is { } hash ? $"{delivery.StoreHash}/hash/{hash}" : $"{delivery.StoreHash}/id/{id}";
        if (!await deliveries.TryUseAsync(DeliveryScope, key, time.GetUtcNow() + RememberDeliveriesFor, cancellationToken))
        {
            logger.LogInformation("BigCommerce webhook {Scope} for store {StoreHash} order {OrderId} was delivered before; nothing to do.",
                delivery.Scope, delivery.StoreHash, delivery.OrderId);
            return 200;
        }
        try
        {
            await hints.HintAsync(connectionId, delivery.OrderId, cancellationToken, created: delivery.Scope == BigCommerceHooks.OrderCreatedScope);
        }
        catch
        {
            await deliveries.ReleaseAsync(DeliveryScope, key, CancellationToken.None);
            throw;
        }
        return 200;

        int Refuse(string why)
        {
            logger.LogWarning("BigCommerce webhook refused: {Reason}.", why);
            return 401;
        }
    }

    private sealed record Delivery(string Scope, string StoreHash, string OrderId, string? Hash, int? NewStatusId);

    private static Delivery? Parse(ReadOnlyMemory<byte> body)
    {
        BcWebhookDelivery? raw;
        try
        {
            raw = JsonSerializer.Deserialize(body.Span, BigCommerceJson.Default.BcWebhookDelivery);
        }
        catch (JsonException)
        {
            return null;
        }
        if (raw is not { Scope: { Length: > 0 and <= 100 } scope, Data: { Id: long orderId and > 0 } data }
            || !string.Equals(data.Type, "order", StringComparison.Ordinal)
            || BigCommerceStoreHash.FromContext(raw.Producer) is not { } storeHash
            || (raw.Hash is { } hash && (hash.Length is 0 or > 128 || hash.Any(char.IsControl))))
            return null;
        return new Delivery(scope, storeHash, orderId.ToString(CultureInfo.InvariantCulture), raw.Hash, data.Status?.NewStatusId);
    }
}
