namespace Sandbox.Ecomdash;

/// <summary>A sales order's status, as ecomdash names them: New (unpaid), InProcess (paid, to fulfil), Complete (shipped).</summary>
public enum EcomdashOrderStatus
{
    New,
    InProcess,
    Complete,
}

/// <summary>A sales order to add; every member has a sensible default, so <c>new EcomdashOrderSeed()</c> is a paid one-line UK order.</summary>
public sealed record EcomdashOrderSeed
{
    public string StorefrontName { get; init; } = "Web Store";

    /// <summary>Default: a number the simulator makes up (<c>WEB-1001</c>, …).</summary>
    public string? StorefrontOrderNumber { get; init; }

    public EcomdashOrderStatus Status { get; init; } = EcomdashOrderStatus.InProcess;

    /// <summary>When the order reached ecomdash (what getOrders' CreatedDate filters). Default: now on the simulator's clock.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When it was placed on the storefront. Default: <see cref="CreatedAt"/>.</summary>
    public DateTimeOffset? OrderDate { get; init; }

    /// <summary>The storefront's shipping method name, which our pipeline maps to a carrier service.</summary>
    public string ShippingMethod { get; init; } = "Standard Shipping";

    public decimal ShippingAmount { get; init; } = 3.99m;
    public EcomdashContactSeed ShipTo { get; init; } = new();
    public IReadOnlyList<EcomdashLineSeed> Lines { get; init; } = [new("SKU-1")];
}

/// <summary>
/// One line. <see cref="IsDigital"/> marks a line with nothing to ship (field name UNCONFIRMED). The product and
/// warehouse default to the merchant's product with that SKU and its default warehouse.
/// </summary>
public sealed record EcomdashLineSeed(string Sku, decimal Quantity = 1, decimal UnitPrice = 9.99m)
{
    public string? ProductName { get; init; }
    public bool IsDigital { get; init; }
    public long? WarehouseId { get; init; }
}

/// <summary>The ship-to contact and address.</summary>
public sealed record EcomdashContactSeed
{
    public string FullName { get; init; } = "Alex Morgan";
    public string? CompanyName { get; init; }
    public string? EmailAddress { get; init; } = "alex.morgan@example.com";
    public string? Phone { get; init; } = "01632 960123";
    public string Street1 { get; init; } = "12 Market Street";
    public string? Street2 { get; init; }
    public string City { get; init; } = "Leeds";
    public string? State { get; init; } = "West Yorkshire";
    public string ZipCode { get; init; } = "LS1 6DT";
    public string Country { get; init; } = "GB";
    public bool IsResidential { get; init; } = true;
}

/// <summary>The ids the simulator gave a new order and its lines (in the seed's order).</summary>
public sealed record EcomdashSeededOrder(long OrderId, string StorefrontOrderNumber, IReadOnlyList<long> LineItemIds);
