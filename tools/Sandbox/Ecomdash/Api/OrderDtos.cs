namespace Sandbox.Ecomdash;

/// <summary>A sales order as getOrders / getOrder answer it (member names beyond the portal's samples are UNCONFIRMED).</summary>
internal sealed record OrderDto(
    decimal EcomdashId,
    decimal CompanyId,
    decimal StorefrontId,
    string StorefrontName,
    string StorefrontOrderId,
    string StorefrontOrderNumber,
    DateTimeOffset OrderDate,
    DateTimeOffset CreatedDate,
    string Status,
    string ShippingMethod,
    decimal TotalAmount,
    decimal ShippingAmountCollected,
    decimal Tax1Amount,
    decimal DiscountAmount,
    ContactDto ShipToContact,
    IReadOnlyList<LineItemDto> LineItems)
{
    public static OrderDto From(SimOrder order, EcomdashAccount account) => new(
        order.Id, account.CompanyId, order.StorefrontId, order.StorefrontName, order.StorefrontOrderNumber, order.StorefrontOrderNumber,
        order.OrderDate, order.CreatedDate, order.Status.ToString(), order.ShippingMethod, order.TotalAmount, order.ShippingAmount, 0m, 0m,
        ContactDto.From(order), order.Lines.Select(LineItemDto.From).ToList());
}

/// <summary>A ship-to contact, shaped like the portal's shipment sample.</summary>
internal sealed record ContactDto(
    decimal Id,
    string FullName,
    string? CompanyName,
    string? EmailAddress,
    string? BusinessPhone,
    decimal AddressId,
    AddressDto Address)
{
    public static ContactDto From(SimOrder order)
    {
        var c = order.ShipTo;
        return new(order.ShipToContactId, c.FullName, c.CompanyName, c.EmailAddress, c.Phone, order.ShipToAddressId,
            new AddressDto(order.ShipToAddressId, c.Street1, c.Street2, c.City, c.State, c.Country, c.ZipCode, c.IsResidential));
    }
}

internal sealed record AddressDto(
    decimal Id,
    string Street1,
    string? Street2,
    string City,
    string? State,
    string Country,
    string ZipCode,
    bool IsResidential);

/// <summary>An order line with the portal's line-item members, plus <c>IsDigital</c> (UNCONFIRMED) for lines with nothing to ship.</summary>
internal sealed record LineItemDto(
    decimal OrderLineItemId,
    decimal SalesOrderId,
    decimal? ProductId,
    decimal QuantitySold,
    decimal UnitPrice,
    decimal LineItemTotal,
    string SkuNumber,
    string ProductName,
    string SoldAsName,
    string EcommerceLineItemId,
    string? EcommerceTransactionId,
    string? EcommerceShipmentId,
    decimal? WarehouseId,
    string? WarehouseName,
    bool IsDigital)
{
    public static LineItemDto From(SimLine line) => new(
        line.Id, line.OrderId, line.ProductId, line.Quantity, line.UnitPrice, line.Total, line.Sku, line.ProductName, line.ProductName,
        line.EcommerceLineItemId, null, null, line.WarehouseId, line.WarehouseName, line.IsDigital);
}
