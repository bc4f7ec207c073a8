namespace Fulfilment.Channels.Ekm.Dtos;

/// <summary>The V1Product fields we read.</summary>
public sealed record EkmProduct
{
    public long Id { get; init; }
    public string? Name { get; init; }
    public string? ProductCode { get; init; }
    /// <summary>In the shop's weight unit, which EKM does not state (UNCONFIRMED; <c>EkmOptions.ProductWeightUnitGrams</c>).</summary>
    public decimal? ProductWeight { get; init; }
    public string? Gtin { get; init; }
}

/// <summary>V1OrderStatuses: the store's own statuses, custom ones included.</summary>
internal sealed record EkmOrderStatuses(List<EkmOrderStatus>? Statuses);

/// <summary>One status setting; orders carry its name upper-cased.</summary>
internal sealed record EkmOrderStatus(string? Name);

/// <summary>PUT …/deliveryTracking.</summary>
internal sealed record EkmDeliveryTrackingRequest(string? DeliveryTrackingNumber, string? DeliveryTrackingCompany, string? DeliveryTrackingUrl);

/// <summary>PUT …/status.</summary>
internal sealed record EkmStatusRequest(string Status, bool EmailCustomer);

/// <summary>POST /api/v2/Webhooks and the subscriptions listed.</summary>
public sealed record EkmWebhookSubscription
{
    public string? Id { get; init; }
    public string? Topic { get; init; }
    public string? Endpoint { get; init; }
    public bool IsEnabled { get; init; }
}

/// <summary>A webhook delivery: <c>{username, topic, entity_id}</c>, unsigned; only a hint.</summary>
internal sealed record EkmWebhookDelivery
{
    public string? Username { get; init; }
    public string? Topic { get; init; }
    public System.Text.Json.JsonElement EntityId { get; init; }
}

/// <summary>The identity server's token answer (and its error shape).</summary>
internal sealed record EkmTokenResponse
{
    public string? AccessToken { get; init; }
    public int? ExpiresIn { get; init; }
    public string? TokenType { get; init; }
    public string? RefreshToken { get; init; }
    public string? Scope { get; init; }
    public string? Error { get; init; }
    public string? ErrorDescription { get; init; }

    /// <summary>Never shows the tokens.</summary>
    public override string ToString() => $"EkmTokenResponse {{ ExpiresIn = {ExpiresIn}, Scope = {Scope}, Error = {Error} }}";
}
