using System.Text.Json;
using Demo;
using Sandbox.ClickAndDrop;
using Sandbox.Ekm;

namespace Chaos;

/// <summary>
/// What the run did, counted from the simulators' own records (the carrier's orders, the channels' shipments and
/// write-backs), never from our tables; only "not final" reads our orders, through the management API.
/// </summary>
public sealed record Figures
{
    /// <summary>Eligible orders with no carrier order.</summary>
    public int Missing { get; init; }
    /// <summary>Channel orders with more than one carrier order.</summary>
    public int Duplicated { get; init; }
    /// <summary>Carrier orders whose despatch is not on the channel (with the carrier's tracking number).</summary>
    public int NotWrittenBack { get; init; }
    /// <summary>Our orders not final, NeedsAttention without a reason, or orders the pipeline should have recorded and has not.</summary>
    public int Stuck { get; init; }
    /// <summary>Orders that must not ship (wrong status, too old, digital, unmapped, unknown SKU) with a carrier order.</summary>
    public int Wrongly { get; init; }
    /// <summary>Channel orders whose despatch was written more than once (two shipments with our tracking number).</summary>
    public int WrittenTwice { get; init; }
    /// <summary>Carrier orders whose reference is none of the seeded orders'.</summary>
    public int Foreign { get; init; }

    public int CarrierOrders { get; init; }
    public int WrittenBack { get; init; }
    public int Eligible { get; init; }
    public int ShippedByMerchant { get; init; }
    public int ShippedByMerchantWithCarrierOrder { get; init; }
    public IReadOnlyDictionary<string, int> OurStates { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<string> Examples { get; init; } = [];

    public bool AllZero => Missing == 0 && Duplicated == 0 && NotWrittenBack == 0 && Stuck == 0 && Wrongly == 0 && WrittenTwice == 0 && Foreign == 0;
}

public static class Verifier
{
    private static readonly HashSet<string> Final = ["WrittenBack", "Skipped", "NeedsAttention"];

    public static async Task<Figures> VerifyAsync(DevStack stack, ChaosWorld world, CancellationToken ct)
    {
        var ours = await OurOrdersAsync(stack, world, ct);
        var sandbox = stack.Sandbox;
        var carrierOrders = ChaosWorld.CarrierAccounts
            .SelectMany(a => sandbox.ClickAndDrop.Orders(a))
            .Where(o => !o.Deleted)
            .ToList();
        var byReference = carrierOrders.GroupBy(o => o.OrderReference ?? "").ToDictionary(g => g.Key, g => g.ToList());
        var seededByReference = world.Orders.ToDictionary(o => o.CarrierReference);
        var examples = new List<string>();
        void Example(string text) { if (examples.Count < 12) examples.Add(text); }

        int missing = 0, duplicated = 0, notWrittenBack = 0, wrongly = 0, twice = 0, writtenBack = 0, merchantShippedSent = 0;
        foreach (var order in world.Orders)
        {
            var sent = byReference.GetValueOrDefault(order.CarrierReference) ?? [];
            if (sent.Count > 1)
            {
                duplicated++;
                Example($"duplicated: {order.ConnectionId}/{order.ChannelOrderId} has {sent.Count} carrier orders ({string.Join(", ", sent.Select(s => s.OrderIdentifier))})");
            }
            if (order.ShippedByMerchant)
            {
                if (sent.Count > 0) merchantShippedSent++;
                continue; // either outcome is right for an order the merchant shipped while we were reading it
            }
            if (order.Kind == OrderKind.Eligible && sent.Count == 0)
            {
                missing++;
                Example($"missing: {order.ConnectionId}/{order.ChannelOrderId} ({order.Kind}) has no carrier order; ours: {ours.GetValueOrDefault(Key(order.ConnectionId, order.ChannelOrderId))?.State ?? "not recorded"}");
            }
            if (order.Kind != OrderKind.Eligible && sent.Count > 0)
            {
                wrongly++;
                Example($"wrongly sent: {order.ConnectionId}/{order.ChannelOrderId} ({order.Kind}) has a carrier order");
            }
            foreach (var carrierOrder in sent)
            {
                var writes = WriteBacks(sandbox, order, carrierOrder);
                if (writes == 0)
                {
                    notWrittenBack++;
                    Example($"not written back: {order.ConnectionId}/{order.ChannelOrderId} (carrier order {carrierOrder.OrderIdentifier}, tracking {carrierOrder.TrackingNumber ?? "none yet"}); ours: {ours.GetValueOrDefault(Key(order.ConnectionId, order.ChannelOrderId))?.State ?? "not recorded"}");
                }
                else
                {
                    writtenBack++;
                    if (writes > 1)
                    {
                        twice++;
                        Example($"written back {writes} times: {order.ConnectionId}/{order.ChannelOrderId}");
                    }
                }
            }
        }
        var foreign = carrierOrders.Count(o => o.OrderReference is null || !seededByReference.ContainsKey(o.OrderReference));

        var stuck = 0;
        foreach (var order in ours.Values)
        {
            var final = Final.Contains(order.State) && !(order.State == "NeedsAttention" && string.IsNullOrWhiteSpace(order.Reason));
            if (!final)
            {
                stuck++;
                Example($"not final: {order.ConnectionId}/{order.ChannelOrderId} is {order.State}{(order.Reason is { } r ? $" ({r})" : "")}");
            }
        }
        foreach (var order in world.Orders.Where(o => o.ExpectedImported && !o.ShippedByMerchant && !ours.ContainsKey(Key(o.ConnectionId, o.ChannelOrderId))))
        {
            stuck++;
            Example($"never recorded: {order.ConnectionId}/{order.ChannelOrderId} ({order.Kind})");
        }

        return new Figures
        {
            Missing = missing,
            Duplicated = duplicated,
            NotWrittenBack = notWrittenBack,
            Stuck = stuck,
            Wrongly = wrongly,
            WrittenTwice = twice,
            Foreign = foreign,
            CarrierOrders = carrierOrders.Count,
            WrittenBack = writtenBack,
            Eligible = world.Orders.Count(o => o.Kind == OrderKind.Eligible && !o.ShippedByMerchant),
            ShippedByMerchant = world.Orders.Count(o => o.ShippedByMerchant),
            ShippedByMerchantWithCarrierOrder = merchantShippedSent,
            OurStates = ours.Values.GroupBy(o => o.State).ToDictionary(g => g.Key, g => g.Count()),
            Examples = examples,
        };
    }

    /// <summary>How many times the carrier order's despatch (its tracking number) reached the order's channel.</summary>
    private static int WriteBacks(Sandbox.SandboxHost sandbox, SeededOrder order, SimulatedClickAndDropOrder carrierOrder)
    {
        if (carrierOrder.TrackingNumber is not { Length: > 0 } tracking)
            return 0;
        bool Same(string? t) => string.Equals(t?.Trim(), tracking, StringComparison.OrdinalIgnoreCase);
        return order.Channel switch
        {
            ChaosWorld.Channel_BigCommerce => sandbox.BigCommerce.GetShipments(order.Shop, order.Id).Count(s => Same(s.TrackingNumber)),
            ChaosWorld.Channel_Ecomdash => sandbox.Ecomdash.Shipments(order.Shop, order.Id).Count(s => s.Items.Any(i => i.IsShipped && Same(i.TrackingNumber))),
            // Tracking then the despatched status: written back once both are there; tracking twice is a double write.
            ChaosWorld.Channel_Ekm => sandbox.Ekm.GetWriteBacks(order.Shop, order.Id) is var writes
                && writes.Any(w => w.Kind == EkmWriteBackKind.Status)
                    ? writes.Count(w => w.Kind == EkmWriteBackKind.DeliveryTracking && Same(w.TrackingNumber))
                    : 0,
            _ => 0,
        };
    }

    private static string Key(string connectionId, string channelOrderId) => connectionId + "/" + channelOrderId;

    /// <summary>Our orders through the management API (at most 1000 a call: per connection, then per state if a connection has more).</summary>
    public static async Task<Dictionary<string, OrderView>> OurOrdersAsync(DevStack stack, ChaosWorld world, CancellationToken ct)
    {
        var all = new Dictionary<string, OrderView>();
        foreach (var connection in world.ConnectionIds)
        {
            var page = await GetAsync($"manage/orders?take=1000&connectionId={Uri.EscapeDataString(connection)}");
            if (page.More)
            {
                var states = new[] { "Imported", "Normalised", "ShipmentRequested", "ShipmentCreated", "Despatched", "WrittenBack", "Skipped", "NeedsAttention", "Cancelled", "Returning", "Returned" };
                var orders = new List<OrderView>();
                foreach (var state in states)
                    orders.AddRange((await GetAsync($"manage/orders?take=1000&connectionId={Uri.EscapeDataString(connection)}&state={state}")).Orders);
                page = page with { Orders = orders };
            }
            foreach (var order in page.Orders)
                all[Key(order.ConnectionId, order.ChannelOrderId)] = order;
        }
        return all;

        async Task<OrderPage> GetAsync(string path)
        {
            var text = await stack.Admin.GetStringAsync(path, ct);
            return JsonSerializer.Deserialize<OrderPage>(text, DevStack.Json) ?? new OrderPage([], 0, false);
        }
    }
}
