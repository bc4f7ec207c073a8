namespace Sandbox.BigCommerce.State;

/// <summary>An order as the simulated store holds it. Dates are whole seconds in UTC, as v2 shows them.</summary>
internal sealed class SimOrder
{
    public long Id { get; init; }
    public long CustomerId { get; init; }
    public int StatusId { get; set; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Modified { get; set; }
    public DateTimeOffset? Shipped { get; set; }
    public required string Currency { get; init; }
    public required string DisplayCurrency { get; init; }
    public decimal ShippingCost { get; init; }
    public string? CustomerMessage { get; set; }
    public required BigCommerceAddressSeed Billing { get; init; }
    public List<SimLine> Lines { get; } = [];
    public List<SimShippingAddress> Addresses { get; } = [];
    public decimal Subtotal => Lines.Sum(l => l.Price * l.Quantity);

    /// <summary>Any change to the order moves its date_modified to now.</summary>
    public void Touch(DateTimeOffset now) => Modified = SimClock.WholeSecond(now);

    /// <summary>Shipped once every physical item has shipped; a partial shipment moves it to 3 (UNCONFIRMED that BigCommerce does so).</summary>
    public void UpdateStatusAfterShipment(DateTimeOffset now)
    {
        var physical = Lines.Where(l => l.IsPhysical).ToList();
        StatusId = physical.All(l => l.QuantityShipped >= l.Quantity) ? 2 : 3;
        if (StatusId == 2)
            Shipped = SimClock.WholeSecond(now);
        Touch(now);
    }
}

/// <summary>An order line; <see cref="Id"/> is the order_product_id shipments name.</summary>
internal sealed class SimLine
{
    public long Id { get; init; }
    public long ProductId { get; init; }
    public long AddressId { get; init; }
    public required BigCommerceProductSeed Seed { get; init; }
    public int Quantity => Seed.Quantity;
    public decimal Price => Seed.Price;
    public bool IsPhysical => Seed.Type == "physical";
    public int QuantityShipped { get; set; }
}

/// <summary>One of an order's shipping addresses; <see cref="Id"/> is the order_address_id shipments name.</summary>
internal sealed class SimShippingAddress
{
    public long Id { get; init; }
    public required BigCommerceAddressSeed Seed { get; init; }
}
