using Sandbox.BigCommerce.Api;
using Sandbox.BigCommerce.State;

namespace Sandbox.BigCommerce;

// Orders: seeding them, and changing them as a merchant, another app or our write-back would (now or between pages).
public sealed partial class BigCommerceSimulator
{
    /// <summary>Adds an order and returns its ids. Lines and addresses are numbered across the simulator, like BigCommerce's order_product_id.</summary>
    public BigCommerceSeededOrder AddOrder(string storeHash, BigCommerceOrderSeed seed)
    {
        if (seed.Products.Any(p => p.AddressIndex < 0 || (p.Type == "physical" && p.AddressIndex >= seed.ShippingAddresses.Count)))
            throw new ArgumentException("Each physical product's AddressIndex must point at one of the order's shipping addresses.", nameof(seed));
        lock (_lock)
        {
            var store = Store(storeHash);
            var now = Time.GetUtcNow();
            var created = SimClock.WholeSecond(seed.CreatedAt ?? now);
            var order = new SimOrder
            {
                Id = _nextOrderId++,
                CustomerId = seed.CustomerId,
                StatusId = seed.StatusId,
                Created = created,
                Modified = SimClock.WholeSecond(seed.ModifiedAt ?? seed.CreatedAt ?? now),
                Shipped = seed.StatusId == 2 ? created : null,
                Currency = seed.Currency,
                DisplayCurrency = seed.DisplayCurrency ?? seed.Currency,
                ShippingCost = seed.ShippingCost,
                CustomerMessage = seed.CustomerMessage,
                Billing = seed.BillingAddress ?? seed.ShippingAddresses.FirstOrDefault() ?? new BigCommerceAddressSeed(),
            };
            foreach (var a in seed.ShippingAddresses)
                order.Addresses.Add(new SimShippingAddress { Id = _nextLineId++, Seed = a });
            foreach (var p in seed.Products)
            {
                var addressId = order.Addresses.Count == 0 ? 0 : order.Addresses[Math.Min(p.AddressIndex, order.Addresses.Count - 1)].Id;
                var line = new SimLine { Id = _nextLineId++, ProductId = ProductIdFor(p.Sku), AddressId = addressId, Seed = p };
                if (seed.StatusId == 2)
                    line.QuantityShipped = line.Quantity;
                order.Lines.Add(line);
            }
            store.Orders.Add(order);
            RaiseOrderEvents(store, order, null, created: true);
            return new BigCommerceSeededOrder(order.Id, order.Lines.Select(l => l.Id).ToList(), order.Addresses.Select(a => a.Id).ToList());
        }
    }

    /// <summary>The order's current status id (e.g. 2 after every item shipped).</summary>
    public int GetOrderStatus(string storeHash, long orderId)
    {
        lock (_lock)
            return Store(storeHash).Order(orderId).StatusId;
    }

    /// <summary>The order's current date_modified.</summary>
    public DateTimeOffset GetOrderModifiedAt(string storeHash, long orderId)
    {
        lock (_lock)
            return Store(storeHash).Order(orderId).Modified;
    }

    /// <summary>Changes an order's status (and its date_modified), as a merchant would in the control panel.</summary>
    public void SetOrderStatus(string storeHash, long orderId, int statusId) =>
        ChangeOrder(storeHash, new BigCommerceOrderChange(orderId, BigCommerceOrderChangeKind.SetStatus, statusId));

    /// <summary>The merchant edits the order (its customer note): the status stays, date_modified moves to now.</summary>
    public void EditOrder(string storeHash, long orderId) =>
        ChangeOrder(storeHash, new BigCommerceOrderChange(orderId, BigCommerceOrderChangeKind.Edit));

    /// <summary>Ships every item left to ship, one shipment per address, as a write-back would: the order becomes 2 Shipped.</summary>
    public void ShipOrder(string storeHash, long orderId) =>
        ChangeOrder(storeHash, new BigCommerceOrderChange(orderId, BigCommerceOrderChangeKind.Ship));

    /// <summary>Applies one change now.</summary>
    public void ChangeOrder(string storeHash, BigCommerceOrderChange change)
    {
        if (change.Kind == BigCommerceOrderChangeKind.SetStatus && (change.StatusId is not { } status || !V2OrderStatuses.Exists(status)))
            throw new ArgumentException("A status change needs one of the store's status ids.", nameof(change));
        lock (_lock)
        {
            var store = Store(storeHash);
            var order = store.Order(change.OrderId);
            var now = Time.GetUtcNow();
            var previousStatus = order.StatusId;
            switch (change.Kind)
            {
                case BigCommerceOrderChangeKind.Edit:
                    order.CustomerMessage = (order.CustomerMessage + " (edited)").Trim();
                    order.Touch(now);
                    break;
                case BigCommerceOrderChangeKind.SetStatus:
                    order.StatusId = change.StatusId!.Value;
                    order.Touch(now);
                    break;
                case BigCommerceOrderChangeKind.Ship:
                    foreach (var (addressId, items) in SimShipments.Unshipped(order).ToList())
                    {
                        SimShipments.Record(store, order, new BigCommerceSimShipment(_nextShipmentId++, order.Id, addressId, $"SIM{order.Id}-{addressId}",
                            "royalmail", "", null, "shipped by the simulator", items, now), now);
                    }
                    order.StatusId = 2;
                    order.Touch(now);
                    break;
            }
            RaiseOrderEvents(store, order, previousStatus);
        }
    }

    /// <summary>
    /// Scripts changes to happen once the store has answered its <paramref name="listRequest"/>th GET /v2/orders
    /// (1-based, counting only the ones the listing answered), before that answer reaches the client: so they happen
    /// between that page and the next one, deterministically.
    /// </summary>
    public void AfterListRequest(string storeHash, int listRequest, params BigCommerceOrderChange[] changes) =>
        AfterListRequest(storeHash, listRequest, () =>
        {
            foreach (var change in changes)
                ChangeOrder(storeHash, change);
        });

    /// <summary>Runs <paramref name="action"/> after the store's <paramref name="listRequest"/>th answered GET /v2/orders (see the overload).</summary>
    public void AfterListRequest(string storeHash, int listRequest, Action action)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(listRequest, 1);
        lock (_lock)
            Store(storeHash).ListScript.After(listRequest, action);
    }

    /// <summary>How many GET /v2/orders the store has answered.</summary>
    public int GetListRequestCount(string storeHash)
    {
        lock (_lock)
            return Store(storeHash).ListScript.ListRequests;
    }

    /// <summary>Shipments posted to the store (optionally for one order), oldest first.</summary>
    public IReadOnlyList<BigCommerceSimShipment> GetShipments(string storeHash, long? orderId = null)
    {
        lock (_lock)
            return Store(storeHash).Shipments.Where(s => orderId is null || s.OrderId == orderId).ToList();
    }

    private long ProductIdFor(string sku)
    {
        if (!_productIds.TryGetValue(sku, out var id))
            _productIds[sku] = id = 1000 + _productIds.Count;
        return id;
    }
}
