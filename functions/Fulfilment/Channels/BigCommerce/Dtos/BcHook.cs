namespace Fulfilment.Channels.BigCommerce.Dtos;

/// <summary>A webhook subscription as v3 /hooks shows it (only to the app that created it).</summary>
public sealed class BcHook
{
    public long Id { get; set; }
    public string? ClientId { get; set; }
    public string? StoreHash { get; set; }
    public string? Scope { get; set; }
    public string? Destination { get; set; }
    public bool IsActive { get; set; }
}

/// <summary>The body of POST /v3/hooks and PUT /v3/hooks/{id}.</summary>
public sealed class BcHookRequest
{
    public required string Scope { get; init; }
    public required string Destination { get; init; }
    public bool IsActive { get; init; } = true;
    /// <summary>Echoed on every delivery; we send none (deliveries are signed instead).</summary>
    public Dictionary<string, string> Headers { get; init; } = [];
}

/// <summary>v3's envelope around one resource.</summary>
public sealed class BcV3Item<T>
{
    public T? Data { get; set; }
}

/// <summary>v3's envelope around a page of resources, with its paging.</summary>
public sealed class BcV3List<T>
{
    public List<T>? Data { get; set; }
    public BcV3Meta? Meta { get; set; }
}

public sealed class BcV3Meta
{
    public BcV3Pagination? Pagination { get; set; }
}

public sealed class BcV3Pagination
{
    public int CurrentPage { get; set; }
    public int TotalPages { get; set; }
}

/// <summary>
/// A webhook delivery's light payload: <c>{scope, store_id, data:{type, id, status?}, hash, created_at, producer}</c>.
/// Only a hint: the order is read again before anything is done with it.
/// </summary>
public sealed class BcWebhookDelivery
{
    public string? Scope { get; set; }
    public string? StoreId { get; set; }
    public BcWebhookData? Data { get; set; }
    public string? Hash { get; set; }
    public long? CreatedAt { get; set; }
    public string? Producer { get; set; }
}

public sealed class BcWebhookData
{
    public string? Type { get; set; }
    public long? Id { get; set; }
    /// <summary>On store/order/statusUpdated only.</summary>
    public BcWebhookStatusChange? Status { get; set; }
}

public sealed class BcWebhookStatusChange
{
    public int? PreviousStatusId { get; set; }
    public int? NewStatusId { get; set; }
}
