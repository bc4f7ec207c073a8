using System.ComponentModel.DataAnnotations;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>
/// Settings of the Ecomdash channel (configuration section <c>Ecomdash</c>), validated at start-up. The settings under
/// "UNCONFIRMED contract" choose request paths and shapes no primary source confirms (see channels.md C2-C4); they are
/// here so a correction is a setting, not a release.
/// </summary>
public sealed class EcomdashOptions
{
    public const string SectionName = "Ecomdash";

    /// <summary>API root, e.g. https://ecomdash.azure-api.net/api (or the Sandbox's {BaseUrl}/ecomdash/api).</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "";

    /// <summary>Our developer key from the APIM portal (sent as <c>Ocp-Apim-Subscription-Key</c>): a Key Vault reference. Never logged.</summary>
    [Required]
    public string DeveloperKey { get; set; } = "";

    /// <summary>Orders per getOrders page (Ecomdash's maximum is 200).</summary>
    [Range(1, 200)]
    public int PageSize { get; set; } = 200;

    /// <summary>
    /// Calls a minute we allow ourselves per merchant account, across every instance. Ecomdash allows 120 a minute per
    /// account shared with every other integration on it, so we leave some of it to them.
    /// </summary>
    [Range(1, 120)]
    public int CallsPerMinute { get; set; } = 100;

    /// <summary>Calls in flight per merchant account and operation, across every instance (Ecomdash allows 3).</summary>
    [Range(1, 3)]
    public int ConcurrentCallsPerOperation { get; set; } = 3;

    /// <summary>Retries of one call inside one invocation; the queue's redelivery is the outer retry.</summary>
    [Range(0, 8)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The longest Retry-After we sit out inside one call (the quota window is a minute); a longer one fails as RateLimited.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(65);

    /// <summary>
    /// The first wait after a 429 without Retry-After (too many concurrent calls, maybe another integration's); each
    /// later one doubles, up to eight times this.
    /// </summary>
    public TimeSpan ConcurrencyRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Retries of one call refused for too many concurrent calls. Their own budget: nothing was done, and how long
    /// another integration holds the operation is not ours to know (the defaults wait about 23 s in all).
    /// </summary>
    [Range(0, 20)]
    public int ConcurrencyRetryAttempts { get; set; } = 8;

    /// <summary>One HTTP attempt, after our quota and concurrency slot were granted.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One call with its waits for quota and its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>SKUs or UPCs per getProducts call when linking listings (Ecomdash's limit is UNCONFIRMED).</summary>
    [Range(1, 200)]
    public int ProductLookupBatchSize { get; set; } = 50;

    /// <summary>Elements (product × warehouse) per updateQuantityOnHand call (Ecomdash's limit is UNCONFIRMED).</summary>
    [Range(1, 500)]
    public int QuantityBatchSize { get; set; } = 100;

    /// <summary>How long a merchant's carriers and warehouses are remembered before they are read again.</summary>
    public TimeSpan ReferenceDataCacheTime { get; set; } = TimeSpan.FromMinutes(10);

    // UNCONFIRMED contract.

    /// <summary>getOrders' DateType for "created within the last X days": CreatedDate (UNCONFIRMED: the filter body is from a public client).</summary>
    [Required, RegularExpression("^(CreatedDate|OrderDate)$")]
    public string OrdersDateType { get; set; } = "CreatedDate";

    /// <summary>Path of an order's line items, body {OrderId} (UNCONFIRMED path).</summary>
    [Required]
    public string OrderLineItemsPath { get; set; } = "orders/getLineItems";

    /// <summary>Path of an order's shipments, {orderId} replaced (UNCONFIRMED path).</summary>
    [Required]
    public string OrderShipmentsPath { get; set; } = "orders/{orderId}/shipments";

    /// <summary>Path of Shipments - Create (from a public client; its body is UNCONFIRMED).</summary>
    [Required]
    public string CreateShipmentPath { get; set; } = "Shipments/Create";

    /// <summary>Path of "Inventory - Update Product", sent as PUT (inferred, UNCONFIRMED); it carries the price.</summary>
    [Required]
    public string UpdateProductPath { get; set; } = "Inventory";

    /// <summary>
    /// Members of the product (as GET Inventory/{id} gives it) left out of the price update's PUT, so a PUT cannot set
    /// stock we did not mean to (UNCONFIRMED whether omitted members are cleared or kept).
    /// </summary>
    public string PriceUpdateOmits { get; set; } = "QuantityOnHand,Warehouses";

    /// <summary>
    /// The custom export's CSV columns as "Header:Field" pairs (fields: Sku, Name, Quantity, Price, Upc, Ean,
    /// WeightGrams). UNCONFIRMED: which headers Ecomdash's Integrated Import Formats expect; it maps columns on import.
    /// </summary>
    [Required]
    public string ExportColumns { get; set; } = "SKU:Sku,Name:Name,Quantity:Quantity,Price:Price,UPC:Upc,EAN:Ean,Weight (g):WeightGrams";
}
