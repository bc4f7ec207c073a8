namespace Sandbox.Ekm;

// The Partner API's V2Order, V2OrderItem and their parts, property for property as in the OpenAPI copy (Dec 2021).
// Property names become snake_case through EkmJson; dates are UTC DateTimes so they serialize with a trailing Z.

/// <summary>V2Order.</summary>
internal sealed record V2OrderJson
{
    public long Id { get; init; }
    public string OrderNumber { get; init; } = "";
    public DateTime OrderDate { get; init; }
    public bool IsConfirmed { get; init; }
    public double SubTotal { get; init; }
    public double TotalDelivery { get; init; }
    public double TotalTax { get; init; }
    public double TotalCost { get; init; }
    public string? Status { get; init; }
    public string? PaymentStatus { get; init; }
    public string? DeliveryMethod { get; init; }
    public string? TransactionId { get; init; }
    public string? TransactionStatus { get; init; }
    public string OrderType { get; init; } = "";
    public bool UseShippingAddress { get; init; }
    public V1ShippingAddressJson ShippingAddress { get; init; } = new();
    public string? InternalNotes { get; init; }
    public string? CustomerFacingNotes { get; init; }
    public bool Emailed { get; init; }
    public string? Discounts { get; init; }
    public double DiscountsTotal { get; init; }
    public string? ShippingCompany { get; init; }
    public string? IpAddress { get; init; }
    public Guid Guid { get; init; }
    public DateTime? LastUpdated { get; init; }
    public double? DeliveryTaxRate { get; init; }
    public int? DeliveryIncludesTax { get; init; }
    public double? CustomFieldsTotal { get; init; }
    public double? CustomFieldsTaxTotal { get; init; }
    public V1OrderCustomerDetailsJson CustomerDetails { get; init; } = new();
    public string? CustomFields { get; init; }
    public string? DeliveryTrackingNumber { get; init; }
    public string? DeliveryTrackingCompany { get; init; }
    public string? DeliveryTrackingUrl { get; init; }
}

/// <summary>V1ShippingAddress.</summary>
internal sealed record V1ShippingAddressJson
{
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public long Id { get; init; }
    public DateTime? CreatedDate { get; init; }
    public DateTime? ModifiedDate { get; init; }
    public long CustomerId { get; init; }
    public bool IsPreferredBillingAddress { get; init; }
    public bool IsPreferredShippingAddress { get; init; }
    public string? Company { get; init; }
    public string Address { get; init; } = "";
    public string? Address2 { get; init; }
    public string Town { get; init; } = "";
    public string? County { get; init; }
    public string Country { get; init; } = "";
    public string? FriendlyCountry { get; init; }
    public string PostCode { get; init; } = "";
    public string? Telephone { get; init; }
    public string? Fax { get; init; }
}

/// <summary>V1OrderCustomerDetails.</summary>
internal sealed record V1OrderCustomerDetailsJson
{
    public long CustomerId { get; init; }
    public string? EmailAddress { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    public string? Address { get; init; }
    public string? Address2 { get; init; }
    public string? Town { get; init; }
    public string? County { get; init; }
    public string? Country { get; init; }
    public string? FriendlyCountry { get; init; }
    public string? PostCode { get; init; }
    public string? Telephone { get; init; }
    public string? Fax { get; init; }
    public bool BillingAddressVerified { get; init; }
}

/// <summary>V2OrderItem.</summary>
internal sealed record V2OrderItemJson
{
    public long Id { get; init; }
    public double ItemDelivery { get; init; }
    public double ItemDiscount { get; init; }
    public int ItemId { get; init; }
    public string? ItemName { get; init; }
    public string? ItemOptions { get; init; }
    public string? ItemOrderNote { get; init; }
    public double ItemPrice { get; init; }
    public double ItemTax { get; init; }
    public int ItemTaxId { get; init; }
    public double ItemTaxRate { get; init; }
    public string OrderNumber { get; init; } = "";
    public long Quantity { get; init; }
    public long ProductId { get; init; }
    public long OrderId { get; init; }
    public string ProductCode { get; init; } = "";
}
