namespace Sandbox.BigCommerce;

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
/// <param name="Path">The path below the store, e.g. "/v2/orders".</param>
/// <param name="RawQuery">The query string exactly as sent (with its percent-encoding), including the leading '?'.</param>
public sealed record BigCommerceRequestRecord(
    string Method,
    string Path,
    string RawQuery,
    IReadOnlyDictionary<string, string> Query,
    int StatusCode,
    DateTimeOffset At);

/// <summary>What one store's API has seen since it was created (or since <c>ClearRequests</c>, for the counts).</summary>
/// <param name="Requests">API requests answered, whatever the answer.</param>
/// <param name="RateLimited">Of those, the ones answered 429 (injected or over quota).</param>
/// <param name="InFlight">Requests being answered right now.</param>
/// <param name="MaxInFlight">The most requests the store was answering at once.</param>
public sealed record BigCommerceStoreStats(int Requests, int RateLimited, int InFlight, int MaxInFlight);

/// <summary>The app registered with the simulated BigCommerce (one at a time).</summary>
public sealed record BigCommerceRegisteredApp(string ClientId, string ClientSecret, string AuthCallbackUrl, string? LoadCallbackUrl, string? UninstallCallbackUrl);
