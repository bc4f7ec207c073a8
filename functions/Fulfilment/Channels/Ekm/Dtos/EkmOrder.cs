namespace Fulfilment.Channels.Ekm.Dtos;

/// <summary>The V2Order fields we read.</summary>
public sealed record EkmOrder
{
    public long Id { get; init; }
    public string? OrderNumber { get; init; }
    public DateTimeOffset OrderDate { get; init; }
    /// <summary>Null until the order is first changed; then our keyset position is this, not the order date.</summary>
    public DateTimeOffset? LastUpdated { get; init; }
    /// <summary>Upper-cased status name, e.g. "PROCESSING" or a custom "AWAITING STOCK".</summary>
    public string? Status { get; init; }
    /// <summary>SUCCESS, FAILED or UNKNOWN.</summary>
    public string? PaymentStatus { get; init; }
    public string? TransactionId { get; init; }
    public string? TransactionStatus { get; init; }
    public decimal SubTotal { get; init; }
    public decimal TotalDelivery { get; init; }
    public decimal TotalTax { get; init; }
    public decimal TotalCost { get; init; }
    public string? DeliveryMethod { get; init; }
    public string? ShippingCompany { get; init; }
    public bool UseShippingAddress { get; init; }
    public EkmAddress? ShippingAddress { get; init; }
    public EkmCustomer? CustomerDetails { get; init; }
    public string? CustomerFacingNotes { get; init; }
    public string? DeliveryTrackingNumber { get; init; }
    public string? DeliveryTrackingCompany { get; init; }
    public string? DeliveryTrackingUrl { get; init; }

    /// <summary>Where this order sits in our keyset reads: last change, or placing when never changed.</summary>
    public DateTimeOffset ModifiedAt => LastUpdated ?? OrderDate;
}

/// <summary>V1ShippingAddress.</summary>
public sealed record EkmAddress
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    public string? Address { get; init; }
    public string? Address2 { get; init; }
    public string? Town { get; init; }
    public string? County { get; init; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; init; }
    public string? PostCode { get; init; }
    public string? Telephone { get; init; }
}

/// <summary>V1OrderCustomerDetails (the billing side, used when the order has no separate shipping address).</summary>
public sealed record EkmCustomer
{
    public string? EmailAddress { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    public string? Address { get; init; }
    public string? Address2 { get; init; }
    public string? Town { get; init; }
    public string? County { get; init; }
    public string? Country { get; init; }
    public string? PostCode { get; init; }
    public string? Telephone { get; init; }
}

/// <summary>V2OrderItem: no weight and no digital flag (EKM keeps those on the product).</summary>
public sealed record EkmOrderItem
{
    public long Id { get; init; }
    public long OrderId { get; init; }
    public long ProductId { get; init; }
    public string? ProductCode { get; init; }
    public string? ItemName { get; init; }
    public string? ItemOptions { get; init; }
    public long Quantity { get; init; }
    public decimal ItemPrice { get; init; }
    public decimal ItemTax { get; init; }
    public decimal ItemDiscount { get; init; }
}
