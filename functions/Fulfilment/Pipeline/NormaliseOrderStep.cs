using System.Diagnostics;
using Fulfilment.Channels;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Shipping;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Pipeline;

/// <summary>
/// Queue step: turns an imported order into a shipment plan (or Skipped / NeedsAttention with the reason) and puts a
/// planned order in its carrier account's outbox. Most orders are planned as they are recorded (<see cref="OrderRecorder"/>);
/// this step plans the rest (SKUs to look up on the channel, orders read again) and every replay. Idempotent: it resumes
/// from whatever state the order is in.
/// </summary>
public sealed class NormaliseOrderStep(
    IOrderStore orders,
    IConnectionStore connections,
    IProductStore products,
    CachedSettings settings,
    OrderPlanning planning,
    IPendingShipmentStore pending,
    PartnerRegistry partners,
    TimeProvider time,
    ILogger<NormaliseOrderStep> logger)
{
    public async Task<OrderState?> RunAsync(NormaliseOrderMessage message, CancellationToken cancellationToken)
    {
        var key = new OrderKey(message.ConnectionId, message.ChannelOrderId);
        // The host-facing middleware runs this step inside the trace the message carried.
        Activity.Current?.SetTag("order.key", key.ToString());

        var order = await orders.GetAsync(key, cancellationToken);
        if (order is null)
        {
            logger.LogError("Normalise message for unknown order {OrderKey}; nothing to do.", key);
            return null;
        }

        switch (order.State)
        {
            case OrderState.Normalised:
                // A crash may have come after the order was saved but before it reached the outbox.
                await pending.AddAsync(order.Plan!.CarrierAccountId, key, cancellationToken);
                return order.State;
            case not OrderState.Imported:
                logger.LogInformation("Order {OrderKey} is already {State}; normalise message ignored.", key, order.State);
                return order.State;
        }

        // Settings only; the two paths below that call the channel read the connection afresh for its credentials.
        var connection = await settings.ConnectionAsync(key.ConnectionId, cancellationToken);
        if (order.Snapshot.IsStandIn && await ReadAgainAsync(order, await connections.GetAsync(key.ConnectionId, cancellationToken), cancellationToken) is { } problem)
        {
            order.MoveTo(OrderState.NeedsAttention, time.GetUtcNow(), problem);
            await orders.SaveAsync(order, cancellationToken);
            logger.LogWarning("Order {OrderKey} still cannot be read: {Reason}", key, problem);
            return order.State;
        }
        var snapshot = order.Snapshot;
        // Read afresh, not from the cache: this is the replay path, and a product ops just corrected must apply.
        var skus = OrderPlanning.PhysicalSkus(snapshot);
        var found = new Dictionary<string, Catalogue.Product>(await products.GetManyAsync(skus, cancellationToken), StringComparer.OrdinalIgnoreCase);
        var missing = skus.Where(s => !found.ContainsKey(s)).ToList();
        var lookedUp = missing.Count > 0 && connection is not null && await connections.GetAsync(key.ConnectionId, cancellationToken) is { } current
            ? await LookUpMissingAsync(current, missing, found, cancellationToken)
            : [];
        var result = await planning.PlanAsync(key, snapshot, connection, found, cancellationToken);
        if (lookedUp.Count > 0 && result is NormalisationResult.Attention attentionFound)
            result = new NormalisationResult.Attention(string.Join(" ", lookedUp.Append(attentionFound.Reason)));
        planning.Apply(order, result);
        await orders.SaveAsync(order, cancellationToken);
        if (order.State == OrderState.Normalised)
            await pending.AddAsync(order.Plan!.CarrierAccountId, key, cancellationToken);
        else if (order.State == OrderState.NeedsAttention)
            logger.LogWarning("Order {OrderKey} needs attention: {Reason}", key, order.Reason);
        return order.State;
    }

    /// <summary>
    /// An order recorded as a stand-in (the channel could not give it when it was listed) is read again now, after a
    /// replay. Null when it could be read; otherwise why not. Transient failures throw, so the queue retries.
    /// </summary>
    private async Task<string?> ReadAgainAsync(FulfilmentOrder order, Connections.ChannelConnection? connection, CancellationToken cancellationToken)
    {
        if (connection is null || partners.FindChannel(connection.Channel) is not { } channel)
            return "The order's connection or channel no longer exists, so it cannot be read again.";
        try
        {
            order.ReplaceSnapshot(await channel.GetOrderAsync(connection, new ChannelOrderSummary(order.Key.ChannelOrderId, order.Snapshot.ModifiedAt), cancellationToken));
            return null;
        }
        catch (PartnerException ex) when (!ex.IsRetryable)
        {
            return $"The order could not be read from {connection.Channel}: {ex.Message} Fix it on the channel, then replay the order.";
        }
    }

    /// <summary>
    /// SKUs our catalogue lacks are looked up on channels that list products (EKM order lines carry no weight): one
    /// product with a weight is added to the catalogue as unconfirmed (never used for postage until a person confirms it);
    /// a SKU on several products is reported, not guessed. Returns what was found, for the order's reason.
    /// </summary>
    private async Task<List<string>> LookUpMissingAsync(Connections.ChannelConnection connection, List<string> missing,
        Dictionary<string, Catalogue.Product> found, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        if (partners.FindProducts(connection.Channel) is not { } channelProducts || connection.Status != Connections.ConnectionStatus.Active)
            return notes;
        foreach (var sku in missing.Take(MaxLookupsPerOrder))
        {
            IReadOnlyList<ChannelProduct> matches;
            try
            {
                matches = await channelProducts.FindBySkuAsync(connection, sku, cancellationToken);
            }
            catch (PartnerException ex) when (!ex.IsRetryable)
            {
                notes.Add($"SKU '{sku}' could not be looked up on {connection.Channel}: {ex.Message}");
                continue;
            }
            switch (matches.Count)
            {
                case 0:
                    break;
                case > 1:
                    notes.Add($"SKU '{sku}' is on {matches.Count} {connection.Channel} products ({string.Join(", ", matches.Select(m => m.ProductId))}); add it to the catalogue with the right weight.");
                    break;
                case 1 when matches[0].WeightGrams is { } grams && grams > 0:
                    var product = new Catalogue.Product
                    {
                        Sku = sku,
                        Name = matches[0].Name,
                        WeightGrams = (int)Math.Ceiling(grams),
                        WeightConfirmed = false,
                        Source = $"{connection.Channel} product {matches[0].ProductId}",
                        UpdatedAt = time.GetUtcNow(),
                    };
                    // Never over a catalogue entry someone added meanwhile: theirs wins.
                    found[sku] = await products.TryAddAsync(product, cancellationToken) ? product : (await products.GetAsync(sku, cancellationToken) ?? product);
                    break;
                default:
                    notes.Add($"SKU '{sku}' is on {connection.Channel} product {matches[0].ProductId}, which has no weight.");
                    break;
            }
        }
        return notes;
    }

    /// <summary>An order with more unknown SKUs than this is looked up in part; the rest wait for the catalogue.</summary>
    private const int MaxLookupsPerOrder = 20;
}
