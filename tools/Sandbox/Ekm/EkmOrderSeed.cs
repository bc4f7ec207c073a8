namespace Sandbox.Ekm;

/// <summary>
/// An order to seed into a shop, with defaults for a paid UK order of one line. Status and payment status are the
/// upper-case forms EKM writes in order JSON; status must be one of the shop's statuses.
/// </summary>
public sealed record EkmOrderSeed
{
    /// <summary>Default: generated from the id.</summary>
    public string? OrderNumber { get; init; }
    public string Status { get; init; } = "PENDING";
    /// <summary>SUCCESS, FAILED or UNKNOWN.</summary>
    public string PaymentStatus { get; init; } = "SUCCESS";
    /// <summary>Default: a new GUID when the payment succeeded, else null. Pass "" for a paid order without one.</summary>
    public string? TransactionId { get; init; }
    /// <summary>Gateway-specific text; EKM's own examples leave it empty.</summary>
    public string TransactionStatus { get; init; } = "";
    /// <summary>Default: now.</summary>
    public DateTimeOffset? OrderDate { get; init; }
    /// <summary>Null until the order is changed, as in EKM's examples.</summary>
    public DateTimeOffset? LastUpdated { get; init; }
    public bool IsConfirmed { get; init; } = true;
    public string OrderType { get; init; } = "";
    public string DeliveryMethod { get; init; } = "Standard Delivery";
    public string? ShippingCompany { get; init; } = "";
    public double TotalDelivery { get; init; } = 3.99;
    public double TotalTax { get; init; }
    public double DiscountsTotal { get; init; }
    public string? InternalNotes { get; init; }
    public string? CustomerFacingNotes { get; init; }
    public bool UseShippingAddress { get; init; } = true;
    public EkmAddressSeed ShippingAddress { get; init; } = new();
    /// <summary>Default: the shipping address's name and the email below.</summary>
    public string EmailAddress { get; init; } = "sam.jones@example.co.uk";
    public IReadOnlyList<EkmOrderLineSeed> Lines { get; init; } = [new() { ProductCode = "EKM-TSHIRT-RED" }];
}

/// <summary>An order line; its product is looked up by <see cref="ProductCode"/> and created when the shop has none.</summary>
public sealed record EkmOrderLineSeed
{
    public required string ProductCode { get; init; }
    /// <summary>Default: the product's name, or the code.</summary>
    public string? ItemName { get; init; }
    public string? ItemOptions { get; init; }
    public long Quantity { get; init; } = 1;
    public double ItemPrice { get; init; } = 12.99;
    public double ItemTax { get; init; }
    public double ItemDiscount { get; init; }
    public double ItemDelivery { get; init; }
}

/// <summary>A delivery address (country is ISO 3166-1 alpha-2, as EKM sends it).</summary>
public sealed record EkmAddressSeed
{
    public string FirstName { get; init; } = "Sam";
    public string LastName { get; init; } = "Jones";
    public string? Company { get; init; }
    public string Address { get; init; } = "12 Station Road";
    public string? Address2 { get; init; }
    public string Town { get; init; } = "Leeds";
    public string? County { get; init; } = "West Yorkshire";
    public string Country { get; init; } = "GB";
    public string PostCode { get; init; } = "LS1 4DY";
    public string? Telephone { get; init; } = "0113 496 0000";
}

/// <summary>A product; <see cref="ProductWeight"/> is in the shop's weight unit (EKM does not say which: UNCONFIRMED).</summary>
public sealed record EkmProductSeed
{
    public required string ProductCode { get; init; }
    public string? Name { get; init; }
    public double ProductWeight { get; init; } = 0.25;
    public string? Gtin { get; init; }
    public string? Mpn { get; init; }
    public double Price { get; init; } = 12.99;
    public long NumberInStock { get; init; } = 10;
    public bool Live { get; init; } = true;
    public string? Brand { get; init; }
    public string Condition { get; init; } = "New";
    /// <summary>
    /// Let this product share its code with another: EKM does not say codes are unique (UNCONFIRMED), and a merchant's
    /// copied product may keep the original's code. Off by default, so a typo in a test still fails loudly.
    /// </summary>
    public bool AllowDuplicateCode { get; init; }
}

/// <summary>The ids a seeded order got: what a test needs to look it up or despatch it.</summary>
public sealed record EkmSeededOrder(long Id, string OrderNumber, IReadOnlyList<long> ItemIds);

/// <summary>A merchant's change to an order, as in EKM's control panel; null fields stay as they are.</summary>
public sealed record EkmOrderChange
{
    public string? Status { get; init; }
    public string? PaymentStatus { get; init; }
    public string? TransactionId { get; init; }
    /// <summary>Default: now.</summary>
    public DateTimeOffset? LastUpdated { get; init; }
    /// <summary>Send <c>order.updated</c> to subscribed endpoints.</summary>
    public bool FireWebhook { get; init; } = true;
}
