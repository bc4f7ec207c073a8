namespace Sandbox.BigCommerce;

/// <summary>An address to seed (shipping or billing); <see cref="ShippingMethod"/> only matters for shipping addresses.</summary>
public sealed record BigCommerceAddressSeed
{
    public string FirstName { get; init; } = "Alex";
    public string LastName { get; init; } = "Taylor";
    public string? Company { get; init; }
    public string Street1 { get; init; } = "1 High Street";
    public string? Street2 { get; init; }
    public string City { get; init; } = "London";
    public string? State { get; init; }
    public string Zip { get; init; } = "SW1A 1AA";
    public string Country { get; init; } = "United Kingdom";
    public string CountryIso2 { get; init; } = "GB";
    public string? Phone { get; init; } = "07700 900123";
    public string? Email { get; init; } = "alex.taylor@example.com";
    public string ShippingMethod { get; init; } = "Royal Mail Tracked 24";
}

/// <summary>A line to seed. <see cref="Type"/> is "physical" or "digital"; <see cref="Weight"/> is in the store's unit (the demo uses grams).</summary>
public sealed record BigCommerceProductSeed
{
    public required string Sku { get; init; }
    public string? Name { get; init; }
    public string Type { get; init; } = "physical";
    public int Quantity { get; init; } = 1;
    public decimal Price { get; init; } = 10m;
    public decimal Weight { get; init; }
    /// <summary>Which of the order's shipping addresses this line goes to (index into ShippingAddresses).</summary>
    public int AddressIndex { get; init; }
}

/// <summary>An order to seed. Dates default to "now"; the billing address defaults to the first shipping address.</summary>
public sealed record BigCommerceOrderSeed
{
    /// <summary>0 Incomplete, 1 Pending, 2 Shipped, 5 Cancelled, 9 Awaiting Shipment, 11 Awaiting Fulfillment, ...</summary>
    public int StatusId { get; init; } = 9;
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
    /// <summary>The transactional currency: what the shopper paid in and the unit of every amount (<c>default_currency_code</c>).</summary>
    public string Currency { get; init; } = "GBP";
    /// <summary>The display currency shown on the storefront (<c>currency_code</c>); the transactional one when null.</summary>
    public string? DisplayCurrency { get; init; }
    public decimal ShippingCost { get; init; } = 3.99m;
    public string? CustomerMessage { get; init; }
    public long CustomerId { get; init; }
    public BigCommerceAddressSeed? BillingAddress { get; init; }
    public IReadOnlyList<BigCommerceAddressSeed> ShippingAddresses { get; init; } = [new BigCommerceAddressSeed()];
    public IReadOnlyList<BigCommerceProductSeed> Products { get; init; } = [];
}

/// <summary>The ids the simulator gave a seeded order: what a despatch notice needs.</summary>
public sealed record BigCommerceSeededOrder(long Id, IReadOnlyList<long> OrderProductIds, IReadOnlyList<long> OrderAddressIds);
