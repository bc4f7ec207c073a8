namespace Sandbox.Ecomdash;

// Test API: sales orders, and the shipments and tracking the pipeline wrote back.
public sealed partial class EcomdashSimulator
{
    /// <summary>Adds a sales order; lines link to the merchant's active product with the same SKU, if any.</summary>
    public EcomdashSeededOrder AddOrder(string merchantId, EcomdashOrderSeed seed)
    {
        if (seed.Lines.Count == 0)
            throw new ArgumentException("An order needs at least one line.", nameof(seed));
        if (seed.Lines.Any(l => l.Quantity <= 0 || l.Quantity >= SeedLimit || l.UnitPrice < 0 || l.UnitPrice >= SeedLimit))
            throw new ArgumentException($"Line quantities must be positive and prices not negative, both below {SeedLimit}.", nameof(seed));
        lock (Lock)
        {
            var account = Account(merchantId);
            var now = Time.GetUtcNow();
            if (!account.StorefrontIds.TryGetValue(seed.StorefrontName, out var storefrontId))
                account.StorefrontIds[seed.StorefrontName] = storefrontId = Ids.Storefront();
            var orderId = Ids.Order();
            var created = seed.CreatedAt ?? now;
            var order = new SimOrder
            {
                Id = orderId,
                StorefrontId = storefrontId,
                StorefrontName = seed.StorefrontName,
                StorefrontOrderNumber = seed.StorefrontOrderNumber ?? $"WEB-{orderId - 85900}",
                CreatedDate = created,
                OrderDate = seed.OrderDate ?? created,
                Status = seed.Status,
                ShippingMethod = seed.ShippingMethod,
                ShippingAmount = seed.ShippingAmount,
                ShipToContactId = Ids.Contact(),
                ShipToAddressId = Ids.Contact(),
                ShipTo = seed.ShipTo,
            };
            foreach (var line in seed.Lines)
                order.Lines.Add(NewLine(account, orderId, line));
            account.Orders.Add(order);
            return new EcomdashSeededOrder(order.Id, order.StorefrontOrderNumber, order.Lines.Select(l => l.Id).ToList());
        }
    }

    /// <summary>Changes an order's status, as the merchant would in ecomdash.</summary>
    public void SetOrderStatus(string merchantId, long orderId, EcomdashOrderStatus status)
    {
        lock (Lock) Order(Account(merchantId), orderId).Status = status;
    }

    public EcomdashOrderStatus OrderStatus(string merchantId, long orderId)
    {
        lock (Lock) return Order(Account(merchantId), orderId).Status;
    }

    /// <summary>The shipments created for the order (all the merchant's when <paramref name="orderId"/> is null), oldest first.</summary>
    public IReadOnlyList<EcomdashShipmentRecord> Shipments(string merchantId, long? orderId = null)
    {
        lock (Lock)
            return Account(merchantId).Shipments.Where(s => orderId is null || s.OrderId == orderId).Select(s => s.Record()).ToList();
    }

    /// <summary>Every accepted tracking submission for the order (or the merchant), repeats included, oldest first.</summary>
    public IReadOnlyList<EcomdashTrackingSubmission> TrackingSubmissions(string merchantId, long? orderId = null)
    {
        lock (Lock)
            return Account(merchantId).TrackingSubmissions.Where(t => orderId is null || t.OrderId == orderId).ToList();
    }

    private SimLine NewLine(EcomdashAccount account, long orderId, EcomdashLineSeed seed)
    {
        var product = account.ActiveProductBySku(seed.Sku);
        var warehouse = seed.WarehouseId is { } id
            ? account.Warehouses.FirstOrDefault(w => w.Id == id) ?? throw new ArgumentException($"Warehouse {id} is not one of the merchant's.")
            : account.DefaultWarehouse;
        var lineId = Ids.Line();
        return new SimLine
        {
            Id = lineId,
            OrderId = orderId,
            ProductId = product?.Id,
            Sku = seed.Sku,
            ProductName = seed.ProductName ?? product?.Name ?? seed.Sku,
            Quantity = seed.Quantity,
            UnitPrice = seed.UnitPrice,
            IsDigital = seed.IsDigital,
            WarehouseId = warehouse.Id,
            WarehouseName = warehouse.Name,
            EcommerceLineItemId = $"line-{lineId}",
        };
    }

    private static SimOrder Order(EcomdashAccount account, long orderId) =>
        account.Order(orderId) ?? throw new KeyNotFoundException($"No order {orderId}.");
}
