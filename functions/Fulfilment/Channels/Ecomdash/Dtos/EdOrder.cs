namespace Fulfilment.Channels.Ecomdash.Dtos;

/// <summary>
/// A sales order as getOrders / getOrder answer it. Members beyond the portal's create and line-item samples
/// (ShippingMethod, StorefrontName, inline LineItems, IsDigital) are UNCONFIRMED and read defensively.
/// </summary>
public sealed record EdOrder
{
    public decimal EcomdashId { get; init; }
    public string? StorefrontName { get; init; }
    public string? StorefrontOrderNumber { get; init; }
    public DateTimeOffset? OrderDate { get; init; }
    public DateTimeOffset? CreatedDate { get; init; }
    public string? Status { get; init; }
    public string? ShippingMethod { get; init; }
    public decimal? TotalAmount { get; init; }
    public decimal? ShippingAmountCollected { get; init; }
    public EdContact? ShipToContact { get; init; }
    public List<EdLineItem>? LineItems { get; init; }
}

public sealed record EdContact
{
    public string? FullName { get; init; }
    public string? CompanyName { get; init; }
    public string? EmailAddress { get; init; }
    public string? BusinessPhone { get; init; }
    public EdAddress? Address { get; init; }
}

public sealed record EdAddress
{
    public string? Street1 { get; init; }
    public string? Street2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Country { get; init; }
    public string? ZipCode { get; init; }
}

/// <summary>An order line (portal: Get Line Items); <see cref="IsDigital"/> is UNCONFIRMED: absent means it ships.</summary>
public sealed record EdLineItem
{
    public decimal OrderLineItemId { get; init; }
    public decimal? ProductId { get; init; }
    public decimal QuantitySold { get; init; }
    public decimal? UnitPrice { get; init; }
    public decimal? LineItemTotal { get; init; }
    public string? SkuNumber { get; init; }
    public string? ProductName { get; init; }
    public decimal? WarehouseId { get; init; }
    public bool? IsDigital { get; init; }
}
