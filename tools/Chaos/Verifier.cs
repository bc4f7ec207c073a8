using System.Text.Json;
using Demo;
using Sandbox.ClickAndDrop;
using Sandbox.Ekm;

namespace Chaos;

/// <summary>The verified figures of one partner pair (channel → carrier), or of the whole run.</summary>
public sealed record PartnerFigures
{
    /// <summary>Eligible orders with no carrier order.</summary>
    public int Missing { get; set; }
    /// <summary>Channel orders with more than one carrier order.</summary>
    public int Duplicated { get; set; }
    /// <summary>Carrier orders whose despatch is not on the channel (with the carrier's tracking number).</summary>
    public int NotWrittenBack { get; set; }
    /// <summary>Our orders not final, NeedsAttention without a reason, or orders the pipeline should have recorded and has not.</summary>
    public int Stuck { get; set; }
    /// <summary>Orders that must not ship (wrong status, too old, digital, unmapped, unknown SKU) with a carrier order.</summary>
    public int Wrongly { get; set; }
    /// <summary>Despatches written to the channel more than once (two shipments with our tracking number).</summary>
    public int WrittenTwice { get; set; }
    public int Eligible { get; set; }
    public int CarrierOrders { get; set; }
    public int WrittenBack { get; set; }
}

/// <summary>
/// What the run did, counted from the simulators' own records (the carriers' orders and shipments, the channels'
/// shipments and write-backs, Ekart's webhook deliveries), never from our tables; only "not final" reads our orders,
/// through the management API.
/// </summary>
public sealed record Figures
{
    public PartnerFigures Total { get; init; } = new();
    public IReadOnlyDictionary<string, PartnerFigures> ByPartner { get; init; } = new Dictionary<string, PartnerFigures>();
    /// <summary>Carrier orders whose reference is none of the seeded orders'.</summary>
    public int Foreign { get; init; }
    /// <summary>Forged (wrongly signed or unsigned) Ekart tracking webhooks our endpoint answered with 2xx.</summary>
    public int ForgedAccepted { get; init; }
    public int ForgedSent { get; init; }
    public int WebhookDeliveries { get; init; }
    public int ShippedByMerchant { get; init; }
    public int ShippedByMerchantWithCarrierOrder { get; init; }
    /// <summary>Listed SKUs whose Ecomdash stock or price differs from our catalogue's last accepted change.</summary>
    public int ListingsOutOfSync { get; init; }
    public int ListingsChecked { get; init; }
    public IReadOnlyDictionary<string, int> OurStates { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<string> Examples { get; init; } = [];

    public int Missing => Total.Missing;
    public int Duplicated => Total.Duplicated;
    public int NotWrittenBack => Total.NotWrittenBack;
    public int Stuck => Total.Stuck;
    public int CarrierOrders => Total.CarrierOrders;
    public int WrittenBack => Total.WrittenBack;

    public bool AllZero => Total is { Missing: 0, Duplicated: 0, NotWrittenBack: 0, Stuck: 0, Wrongly: 0, WrittenTwice: 0 } && Foreign == 0 && ForgedAccepted == 0 && ListingsOutOfSync == 0;
}

/// <summary>One order at a carrier: a Click &amp; Drop order or an Ekart shipment.</summary>
public sealed record CarrierOrder(string Carrier, string Id, string? TrackingNumber);

public static class Verifier
{
    private static readonly HashSet<string> Final = ["WrittenBack", "Skipped", "NeedsAttention"];

    public static async Task<Figures> VerifyAsync(DevStack stack, ChaosWorld world, CancellationToken ct)
    {
        var ours = await OurOrdersAsync(stack, world, ct);
        var sandbox = stack.Sandbox;
        var clickAndDrop = ChaosWorld.CarrierAccounts
            .SelectMany(a => sandbox.ClickAndDrop.Orders(a))
            .Where(o => !o.Deleted)
            .ToList();
        var ekart = sandbox.Ekart.Shipments(ChaosWorld.EkartMerchant);
        // Click & Drop orders carry our order reference; Ekart shipments a 15-character client reference made from it.
        var byReference = clickAndDrop
            .Select(o => (Key: o.OrderReference ?? "", Order: new CarrierOrder(ChaosWorld.Carrier_ClickAndDrop, o.OrderIdentifier.ToString(), o.TrackingNumber)))
            .Concat(ekart.Select(s => (Key: s.ClientReferenceId, Order: new CarrierOrder(ChaosWorld.Carrier_Ekart, s.TrackingId, s.TrackingId))))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Order).ToList());
        var known = world.Orders.SelectMany(o => new[] { o.CarrierReference, Fulfilment.Carriers.Ekart.EkartMapper.ClientReference(o.CarrierReference) }).ToHashSet();
        var examples = new List<string>();
        void Example(string text) { if (examples.Count < 12) examples.Add(text); }

        var total = new PartnerFigures();
        var byPartner = new SortedDictionary<string, PartnerFigures>(StringComparer.Ordinal);
        PartnerFigures Of(SeededOrder o) => byPartner.TryGetValue(o.Partner, out var f) ? f : byPartner[o.Partner] = new PartnerFigures();
        void Add(SeededOrder o, Action<PartnerFigures> change) { change(total); change(Of(o)); }
        string Ours(SeededOrder o) => ours.GetValueOrDefault(Key(o.ConnectionId, o.ChannelOrderId)) is { } v ? v.State + (v.Reason is { } r ? $" ({r})" : "") : "not recorded";

        var merchantShippedSent = 0;
        foreach (var order in world.Orders)
        {
            var sent = (byReference.GetValueOrDefault(order.CarrierReference) ?? [])
                .Concat(byReference.GetValueOrDefault(Fulfilment.Carriers.Ekart.EkartMapper.ClientReference(order.CarrierReference)) ?? [])
                .ToList();
            _ = Of(order);
            Add(order, f => f.CarrierOrders += sent.Count);
            if (sent.Count > 1)
            {
                Add(order, f => f.Duplicated++);
                Example($"duplicated: {order.ConnectionId}/{order.ChannelOrderId} has {sent.Count} carrier orders ({string.Join(", ", sent.Select(s => $"{s.Carrier} {s.Id}"))})");
            }
            if (order.ShippedByMerchant)
            {
                if (sent.Count > 0) merchantShippedSent++;
                continue; // either outcome is right for an order the merchant shipped while we were reading it
            }
            if (order.Kind == OrderKind.Eligible)
                Add(order, f => f.Eligible++);
            if (order.Kind == OrderKind.Eligible && sent.Count == 0)
            {
                Add(order, f => f.Missing++);
                Example($"missing: {order.ConnectionId}/{order.ChannelOrderId} ({order.Partner}) has no carrier order; ours: {Ours(order)}");
            }
            if (order.Kind != OrderKind.Eligible && sent.Count > 0)
            {
                Add(order, f => f.Wrongly++);
                Example($"wrongly sent: {order.ConnectionId}/{order.ChannelOrderId} ({order.Kind}) has a carrier order");
            }
            foreach (var carrierOrder in sent)
            {
                var writes = WriteBacks(sandbox, order, carrierOrder);
                if (writes == 0)
                {
                    Add(order, f => f.NotWrittenBack++);
                    var heard = carrierOrder.Carrier == ChaosWorld.Carrier_Ekart
                        ? $"; Ekart status {sandbox.Ekart.Shipment(carrierOrder.Id)?.Status}, its webhooks answered " +
                          string.Join(" ", sandbox.Ekart.WebhookDeliveries().Where(d => d.TrackingId == carrierOrder.Id).Select(d => $"{d.Status}:{d.Fault}:{d.ResponseStatus?.ToString() ?? d.Error ?? "none"}"))
                        : "";
                    Example($"not written back: {order.ConnectionId}/{order.ChannelOrderId} ({carrierOrder.Carrier} {carrierOrder.Id}, tracking {carrierOrder.TrackingNumber ?? "none yet"}); ours: {Ours(order)}{heard}");
                }
                else
                {
                    Add(order, f => f.WrittenBack++);
                    if (writes > 1)
                    {
                        Add(order, f => f.WrittenTwice++);
                        Example($"written back {writes} times: {order.ConnectionId}/{order.ChannelOrderId}");
                    }
                }
            }
        }
        var foreign = byReference.Where(r => !known.Contains(r.Key)).Sum(r => r.Value.Count);

        var seededByKey = world.Orders.ToDictionary(o => Key(o.ConnectionId, o.ChannelOrderId));
        foreach (var order in ours.Values)
        {
            var final = Final.Contains(order.State) && !(order.State == "NeedsAttention" && string.IsNullOrWhiteSpace(order.Reason));
            if (final)
                continue;
            if (seededByKey.TryGetValue(Key(order.ConnectionId, order.ChannelOrderId), out var seeded))
                Add(seeded, f => f.Stuck++);
            else
                total.Stuck++;
            Example($"not final: {order.ConnectionId}/{order.ChannelOrderId} is {order.State}{(order.Reason is { } r ? $" ({r})" : "")}");
        }
        foreach (var order in world.Orders.Where(o => o.ExpectedImported && !o.ShippedByMerchant && !ours.ContainsKey(Key(o.ConnectionId, o.ChannelOrderId))))
        {
            Add(order, f => f.Stuck++);
            Example($"never recorded: {order.ConnectionId}/{order.ChannelOrderId} ({order.Kind})");
        }

        var deliveries = sandbox.Ekart.WebhookDeliveries();
        var forged = deliveries.Where(d => d.Fault is Sandbox.Ekart.EkartWebhookFault.WrongSecret or Sandbox.Ekart.EkartWebhookFault.Unsigned).ToList();
        var forgedAccepted = forged.Count(d => d.ResponseStatus is >= 200 and < 300);
        if (forgedAccepted > 0)
            Example($"forged Ekart webhooks accepted: {forgedAccepted} of {forged.Count}");

        // Listings: Ecomdash's own stock (all warehouses: no warehouse mapping, so the total goes to the default one) and
        // price of each listed product against our catalogue's last accepted change.
        var listingTargets = world.ListingTargets;
        var listingsOutOfSync = new List<string>();
        foreach (var (sku, target) in listingTargets)
        {
            var product = sandbox.Ecomdash.ProductBySku(ChaosWorld.EcomdashMerchant, sku);
            var quantity = product?.QuantityByWarehouse.Values.Sum() ?? -1;
            if (product is null || quantity != target.Quantity || product.Price != target.Price)
                listingsOutOfSync.Add($"listing {sku}: Ecomdash has {quantity} at {product?.Price}, our catalogue {target.Quantity} at {target.Price}");
        }
        foreach (var text in listingsOutOfSync)
            Example(text);

        return new Figures
        {
            Total = total,
            ByPartner = byPartner,
            Foreign = foreign,
            ForgedAccepted = forgedAccepted,
            ForgedSent = forged.Count,
            WebhookDeliveries = deliveries.Count,
            ShippedByMerchant = world.Orders.Count(o => o.ShippedByMerchant),
            ShippedByMerchantWithCarrierOrder = merchantShippedSent,
            OurStates = ours.Values.GroupBy(o => o.State).ToDictionary(g => g.Key, g => g.Count()),
            Examples = examples,
            ListingsOutOfSync = listingsOutOfSync.Count,
            ListingsChecked = listingTargets.Count,
        };
    }

    /// <summary>How many times the carrier order's despatch (its tracking number) reached the order's channel.</summary>
    private static int WriteBacks(Sandbox.SandboxHost sandbox, SeededOrder order, CarrierOrder carrierOrder)
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
