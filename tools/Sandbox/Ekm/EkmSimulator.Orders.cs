using System.Globalization;

namespace Sandbox.Ekm;

// Test API for the shop's catalogue and orders: what the merchant and the shoppers do in a real shop.
public sealed partial class EkmSimulator
{
    private static readonly HashSet<string> PaymentStatuses = new(StringComparer.Ordinal) { "SUCCESS", "FAILED", "UNKNOWN" };

    /// <summary>Adds a product and returns its id.</summary>
    public long AddProduct(string username, EkmProductSeed seed)
    {
        lock (_lock)
        {
            var shop = Shop(username);
            if (!seed.AllowDuplicateCode && shop.ProductByCode(seed.ProductCode) is not null)
                throw new InvalidOperationException($"Product code '{seed.ProductCode}' exists already.");
            var id = _nextProductId++;
            shop.Products[id] = new EkmStoredProduct(id, seed, Time.GetUtcNow());
            return id;
        }
    }

    /// <summary>
    /// Adds an order as a shopper's checkout would (default: <see cref="EkmOrderSeed"/>'s paid one-line order) and,
    /// unless told not to, sends <c>order.created</c> to subscribed endpoints. Unknown product codes become products.
    /// </summary>
    public EkmSeededOrder AddOrder(string username, EkmOrderSeed? seed = null, bool fireWebhook = true)
    {
        seed ??= new EkmOrderSeed();
        if (!PaymentStatuses.Contains(seed.PaymentStatus))
            throw new ArgumentException("PaymentStatus is SUCCESS, FAILED or UNKNOWN.", nameof(seed));
        if (seed.Lines.Count == 0 || seed.Lines.Any(l => l.Quantity < 1))
            throw new ArgumentException("An order has at least one line, each of quantity 1 or more.", nameof(seed));
        EkmStoredOrder order;
        IReadOnlyList<EkmWebhookSubscription> subscribers;
        lock (_lock)
        {
            var shop = Shop(username);
            if (!shop.HasStatusCode(seed.Status))
                throw new ArgumentException($"'{seed.Status}' is not one of the shop's statuses (upper case, e.g. PENDING).", nameof(seed));
            var id = _nextOrderId++;
            var now = Time.GetUtcNow();
            var lines = seed.Lines.Select(line =>
            {
                var product = shop.ProductByCode(line.ProductCode);
                if (product is null)
                {
                    var productId = _nextProductId++;
                    product = new EkmStoredProduct(productId, new EkmProductSeed { ProductCode = line.ProductCode, Name = line.ItemName, Price = line.ItemPrice }, now);
                    shop.Products[productId] = product;
                }
                return new EkmStoredLine(_nextLineId++, product.Id, line.ItemName ?? product.Seed.Name ?? line.ProductCode, line);
            }).ToList();
            order = new EkmStoredOrder
            {
                Id = id,
                OrderNumber = seed.OrderNumber ?? "ORD-" + id.ToString(CultureInfo.InvariantCulture),
                Guid = Guid.NewGuid(),
                Seed = seed,
                OrderDate = seed.OrderDate ?? now,
                LastUpdated = seed.LastUpdated,
                Lines = lines,
                CustomerId = _nextCustomerId++,
                AddressId = _nextCustomerId++,
                Status = seed.Status,
                PaymentStatus = seed.PaymentStatus,
                TransactionId = seed.TransactionId ?? (seed.PaymentStatus == "SUCCESS" ? Guid.NewGuid().ToString() : null),
            };
            shop.Orders[id] = order;
            subscribers = Subscribers(shop, EkmTopics.OrderCreated);
        }
        if (fireWebhook)
            _webhooks.Dispatch(subscribers, EkmTopics.OrderCreated, username, order.Id);
        return new EkmSeededOrder(order.Id, order.OrderNumber, order.Lines.Select(l => l.Id).ToList());
    }

    /// <summary>Adds <paramref name="count"/> orders at once (a burst), each from <paramref name="seedFor"/>(i) or the default seed.</summary>
    public IReadOnlyList<EkmSeededOrder> AddOrders(string username, int count, Func<int, EkmOrderSeed>? seedFor = null, bool fireWebhook = true) =>
        Enumerable.Range(0, count).Select(i => AddOrder(username, seedFor?.Invoke(i), fireWebhook)).ToList();

    /// <summary>Changes an order as the merchant would (status, payment, last_updated) and by default sends <c>order.updated</c>.</summary>
    public void UpdateOrder(string username, long orderId, EkmOrderChange change)
    {
        if (change.PaymentStatus is { } payment && !PaymentStatuses.Contains(payment))
            throw new ArgumentException("PaymentStatus is SUCCESS, FAILED or UNKNOWN.", nameof(change));
        IReadOnlyList<EkmWebhookSubscription> subscribers;
        lock (_lock)
        {
            var shop = Shop(username);
            var order = Order(shop, orderId);
            if (change.Status is { } status && !shop.HasStatusCode(status))
                throw new ArgumentException($"'{status}' is not one of the shop's statuses.", nameof(change));
            order.Status = change.Status ?? order.Status;
            order.PaymentStatus = change.PaymentStatus ?? order.PaymentStatus;
            order.TransactionId = change.TransactionId ?? order.TransactionId;
            order.LastUpdated = change.LastUpdated ?? Time.GetUtcNow();
            subscribers = Subscribers(shop, EkmTopics.OrderUpdated);
        }
        if (change.FireWebhook)
            _webhooks.Dispatch(subscribers, EkmTopics.OrderUpdated, username, orderId);
    }

    /// <summary>The order's changeable state now.</summary>
    public EkmOrderState GetOrder(string username, long orderId)
    {
        lock (_lock)
        {
            var o = Order(Shop(username), orderId);
            return new EkmOrderState(o.Id, o.OrderNumber, o.Status, o.PaymentStatus, o.TransactionId, o.LastUpdated,
                o.DeliveryTrackingNumber, o.DeliveryTrackingCompany, o.DeliveryTrackingUrl, o.Emailed);
        }
    }

    /// <summary>Write-backs applied to the shop's orders (optionally one order), oldest first.</summary>
    public IReadOnlyList<EkmWriteBack> GetWriteBacks(string username, long? orderId = null)
    {
        lock (_lock)
            return Shop(username).WriteBacks.Where(w => orderId is null || w.OrderId == orderId).ToList();
    }

    private static EkmStoredOrder Order(EkmShop shop, long orderId) =>
        shop.Orders.TryGetValue(orderId, out var order) ? order : throw new KeyNotFoundException($"No order {orderId} in shop '{shop.Username}'.");
}
