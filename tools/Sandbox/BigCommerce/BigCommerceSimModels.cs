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
    public string Currency { get; init; } = "GBP";
    public decimal ShippingCost { get; init; } = 3.99m;
    public string? CustomerMessage { get; init; }
    public long CustomerId { get; init; }
    public BigCommerceAddressSeed? BillingAddress { get; init; }
    public IReadOnlyList<BigCommerceAddressSeed> ShippingAddresses { get; init; } = [new BigCommerceAddressSeed()];
    public IReadOnlyList<BigCommerceProductSeed> Products { get; init; } = [];
}

/// <summary>The ids the simulator gave a seeded order: what a despatch notice needs.</summary>
public sealed record BigCommerceSeededOrder(long Id, IReadOnlyList<long> OrderProductIds, IReadOnlyList<long> OrderAddressIds);

/// <summary>A shipment as posted to the simulator.</summary>
public sealed record BigCommerceSimShipment(
    long Id,
    long OrderId,
    long OrderAddressId,
    string TrackingNumber,
    string ShippingProvider,
    string TrackingCarrier,
    string? ShippingMethod,
    string? Comments,
    IReadOnlyList<BigCommerceSimShipmentItem> Items,
    DateTimeOffset CreatedAt);

/// <summary>A line of a posted shipment.</summary>
public sealed record BigCommerceSimShipmentItem(long OrderProductId, int Quantity);

/// <summary>One API request the simulator received, for tests that assert what the client sent.</summary>
/// <param name="RawQuery">The query string exactly as sent (with its percent-encoding), including the leading '?'.</param>
public sealed record BigCommerceRequestRecord(
    string Method,
    string Path,
    string RawQuery,
    IReadOnlyDictionary<string, string> Query,
    int StatusCode,
    DateTimeOffset At);

/// <summary>Faults to inject on one store's API.</summary>
public sealed record BigCommerceFaults
{
    public TimeSpan Latency { get; init; }
    /// <summary>The next N API requests answer 500.</summary>
    public int Next500 { get; init; }
    /// <summary>The next N API requests answer 429.</summary>
    public int Next429 { get; init; }
    /// <summary>Whether those injected 429s carry the rate-limit headers (false = platform-load 429).</summary>
    public bool Include429Headers { get; init; } = true;
    /// <summary>The wait the injected 429s advertise.</summary>
    public TimeSpan RetryAfter429 { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>The app registered with the simulated BigCommerce (one at a time).</summary>
public sealed record BigCommerceRegisteredApp(string ClientId, string ClientSecret, string AuthCallbackUrl, string? LoadCallbackUrl, string? UninstallCallbackUrl);

internal sealed class SimStore(string hash)
{
    public string Hash { get; } = hash;
    public string? Token { get; set; }
    public int Quota { get; set; } = 150;
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);
    public DateTimeOffset? WindowStart { get; set; }
    public int Used { get; set; }
    public BigCommerceFaults Faults { get; set; } = new();
    public string AccountUuid { get; } = Guid.NewGuid().ToString();
    public string OwnerEmail { get; set; } = $"owner@{hash}.example";
    public List<SimOrder> Orders { get; } = [];
    public List<BigCommerceSimShipment> Shipments { get; } = [];
    public List<BigCommerceRequestRecord> Requests { get; } = [];
}

internal sealed class SimOrder
{
    public long Id { get; init; }
    public long CustomerId { get; init; }
    public int StatusId { get; set; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Modified { get; set; }
    public DateTimeOffset? Shipped { get; set; }
    public required string Currency { get; init; }
    public decimal ShippingCost { get; init; }
    public string? CustomerMessage { get; init; }
    public required BigCommerceAddressSeed Billing { get; init; }
    public List<SimLine> Lines { get; } = [];
    public List<SimShippingAddress> Addresses { get; } = [];
    public decimal Subtotal => Lines.Sum(l => l.Price * l.Quantity);
}

internal sealed class SimLine
{
    public long Id { get; init; }
    public long ProductId { get; init; }
    public long AddressId { get; init; }
    public required BigCommerceProductSeed Seed { get; init; }
    public int Quantity => Seed.Quantity;
    public decimal Price => Seed.Price;
    public int QuantityShipped { get; set; }
}

internal sealed class SimShippingAddress
{
    public long Id { get; init; }
    public required BigCommerceAddressSeed Seed { get; init; }
}
