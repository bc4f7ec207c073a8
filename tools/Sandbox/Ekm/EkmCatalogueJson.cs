namespace Sandbox.Ekm;

// V1Product (the fields a fulfilment client reads, plus the required and commonly present ones), the order status
// settings and V2WebhookSubscription, as in the OpenAPI copy. Names become snake_case through EkmJson.

/// <summary>V1Product, without options, variants, categories and attributes (sent as null).</summary>
internal sealed record V1ProductJson
{
    public long Id { get; init; }
    public long? CategoryId { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string? ShortDescription { get; init; }
    public long NumberInStock { get; init; }
    public double Price { get; init; }
    public double Rrp { get; init; }
    public string? ProductCode { get; init; }
    public bool ChargeDelivery { get; init; }
    public bool SpecialOffer { get; init; }
    public string? Brand { get; init; }
    public string? Condition { get; init; }
    public string? Gtin { get; init; }
    public string? Mpn { get; init; }
    public double ProductWeight { get; init; }
    public bool CanBeAddedToCart { get; init; }
    public bool TaxApplicable { get; init; }
    public int? TaxRateId { get; init; }
    public bool Live { get; init; }
    public string? OrderNote { get; init; }
    public string? RedirectUrl { get; init; }
    public DateTime LastModified { get; init; }
    public string? MetaDescription { get; init; }
    public string? MetaKeywords { get; init; }
    public string? MetaTitle { get; init; }
    public long TotalProductStock { get; init; }
    public long? ParentProductId { get; init; }
    public object? Options { get; init; }
    public object? Variants { get; init; }
    public object? Categories { get; init; }
    public object? AttributeItems { get; init; }
    public long OrderLocation { get; init; }
    public string? SeoFriendlyUrl { get; init; }
}

/// <summary>V1OrderStatuses.</summary>
internal sealed record V1OrderStatusesJson(IReadOnlyList<V1OrderStatusSettingJson> Statuses);

/// <summary>V1OrderStatusSetting.</summary>
internal sealed record V1OrderStatusSettingJson(string Name, string Colour, bool ShowInQuickStats);

/// <summary>V2WebhookSubscription.</summary>
internal sealed record V2WebhookSubscriptionJson(Guid Id, string Topic, string MerchantUsername, string ClientId, string Endpoint, bool IsEnabled, string? DisabledReason);
