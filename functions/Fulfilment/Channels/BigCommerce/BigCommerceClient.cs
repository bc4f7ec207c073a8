using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fulfilment.Channels.BigCommerce.Dtos;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>One store's address and credential. The token is never shown by <see cref="ToString"/>.</summary>
public sealed record BigCommerceStore(string StoreHash, string AccessToken)
{
    public override string ToString() => $"BigCommerceStore {{ StoreHash = {StoreHash} }}";
}

/// <summary>The filters of GET /v2/orders that we use.</summary>
public sealed record BigCommerceOrderQuery
{
    public int? StatusId { get; init; }
    public DateTimeOffset? MinDateCreated { get; init; }
    public DateTimeOffset? MinDateModified { get; init; }
    public DateTimeOffset? MaxDateModified { get; init; }
    public long? MinId { get; init; }
    /// <summary>e.g. "date_modified:asc".</summary>
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;
    public int Limit { get; init; } = 50;
}

/// <summary>
/// Calls the BigCommerce v2 REST API (and v3 /hooks) for one store at a time. A singleton: each call takes a pooled HttpClient from the
/// factory (named <see cref="HttpClientName"/>, with the "bigcommerce" resilience pipeline). Failures throw
/// <see cref="BigCommerceException"/>; a 204 on a list is an empty list.
/// </summary>
public sealed class BigCommerceClient
{
    public const string HttpClientName = "bigcommerce";
    public const int MaxPageSize = 250;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<BigCommerceOptions> _options;

    public BigCommerceClient(IHttpClientFactory httpClientFactory, IOptions<BigCommerceOptions> options)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
    }


    /// <summary>GET /v2/orders with filters; one page. Empty when BigCommerce answers 204.</summary>
    public Task<IReadOnlyList<BcOrder>> ListOrdersAsync(BigCommerceStore store, BigCommerceOrderQuery query, CancellationToken cancellationToken)
    {
        var q = new List<(string, string)>();
        if (query.StatusId is { } status)
            q.Add(("status_id", status.ToString(CultureInfo.InvariantCulture)));
        if (query.MinDateCreated is { } created)
            q.Add(("min_date_created", BigCommerceDates.ToRfc2822(created)));
        if (query.MinDateModified is { } modified)
            q.Add(("min_date_modified", BigCommerceDates.ToRfc2822(modified)));
        if (query.MaxDateModified is { } maxModified)
            q.Add(("max_date_modified", BigCommerceDates.ToRfc2822(maxModified)));
        if (query.MinId is { } minId)
            q.Add(("min_id", minId.ToString(CultureInfo.InvariantCulture)));
        if (query.Sort is { } sort)
            q.Add(("sort", sort));
        q.Add(("limit", Math.Clamp(query.Limit, 1, MaxPageSize).ToString(CultureInfo.InvariantCulture)));
        q.Add(("page", Math.Max(1, query.Page).ToString(CultureInfo.InvariantCulture)));
        AddConsignments(q);
        return GetListAsync(store, "v2/orders", q, BigCommerceJson.Default.ListBcOrder, cancellationToken);
    }

    /// <summary>GET /v2/orders/{id}: one order, or a Rejected <see cref="BigCommerceException"/> (404) when the store has none.</summary>
    public async Task<BcOrder> GetOrderAsync(BigCommerceStore store, long orderId, CancellationToken cancellationToken)
    {
        var q = new List<(string, string)>();
        AddConsignments(q);
        using var request = CreateRequest(store, HttpMethod.Get, $"v2/orders/{orderId}", q);
        using var response = await SendAsync(request, cancellationToken);
        return await ReadJsonAsync(response, BigCommerceJson.Default.BcOrder, cancellationToken);
    }

    /// <summary>
    /// Orders come with their lines and shipping addresses inline (consignments), so reading one costs no calls beyond
    /// its page: two fewer per order against the store's quota. Off by <see cref="BigCommerceOptions.IncludeConsignments"/>.
    /// </summary>
    private void AddConsignments(List<(string, string)> query)
    {
        if (!_options.Value.IncludeConsignments)
            return;
        query.Add(("include", "consignments.line_items"));
        query.Add(("consignment_structure", "object"));
    }

    /// <summary>GET /v2/orders/{id}/products, one page. Empty when BigCommerce answers 204.</summary>
    public Task<IReadOnlyList<BcOrderProduct>> ListOrderProductsAsync(BigCommerceStore store, long orderId, int page, int limit, CancellationToken cancellationToken) =>
        GetListAsync(store, $"v2/orders/{orderId}/products", PageQuery(page, limit), BigCommerceJson.Default.ListBcOrderProduct, cancellationToken);

    /// <summary>Every line of an order (GET /v2/orders/{id}/products, every page).</summary>
    public Task<IReadOnlyList<BcOrderProduct>> GetAllOrderProductsAsync(BigCommerceStore store, long orderId, CancellationToken cancellationToken) =>
        GetAllPagesAsync(store, $"v2/orders/{orderId}/products", BigCommerceJson.Default.ListBcOrderProduct, cancellationToken);

    /// <summary>Every shipping address of an order (GET /v2/orders/{id}/shipping_addresses, every page).</summary>
    public Task<IReadOnlyList<BcShippingAddress>> ListShippingAddressesAsync(BigCommerceStore store, long orderId, CancellationToken cancellationToken) =>
        GetAllPagesAsync(store, $"v2/orders/{orderId}/shipping_addresses", BigCommerceJson.Default.ListBcShippingAddress, cancellationToken);

    /// <summary>Every shipment of an order (GET /v2/orders/{id}/shipments, every page); empty when BigCommerce answers 204.</summary>
    public Task<IReadOnlyList<BcShipment>> ListShipmentsAsync(BigCommerceStore store, long orderId, CancellationToken cancellationToken) =>
        GetAllPagesAsync(store, $"v2/orders/{orderId}/shipments", BigCommerceJson.Default.ListBcShipment, cancellationToken);

    /// <summary>GET /v2/order_statuses: the store's order statuses (ids and their names).</summary>
    public Task<IReadOnlyList<BcOrderStatus>> ListOrderStatusesAsync(BigCommerceStore store, CancellationToken cancellationToken) =>
        GetListAsync(store, "v2/order_statuses", [], BigCommerceJson.Default.ListBcOrderStatus, cancellationToken);

    /// <summary>POST /v2/orders/{id}/shipments. Not retried except on 429 (where nothing was created).</summary>
    public async Task<BcShipment> CreateShipmentAsync(BigCommerceStore store, long orderId, BcCreateShipmentRequest shipment, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(store, HttpMethod.Post, $"v2/orders/{orderId}/shipments", []);
        request.Content = new StringContent(JsonSerializer.Serialize(shipment, BigCommerceJson.Default.BcCreateShipmentRequest), Encoding.UTF8, "application/json");
        using var response = await SendAsync(request, cancellationToken);
        return await ReadJsonAsync(response, BigCommerceJson.Default.BcShipment, cancellationToken);
    }

    /// <summary>Every webhook this app has on the store (GET /v3/hooks, every page); BigCommerce shows no other app's.</summary>
    public async Task<IReadOnlyList<BcHook>> ListHooksAsync(BigCommerceStore store, CancellationToken cancellationToken)
    {
        var all = new List<BcHook>();
        for (var page = 1; ; page++)
        {
            using var request = CreateRequest(store, HttpMethod.Get, "v3/hooks", PageQuery(page, MaxPageSize));
            using var response = await SendAsync(request, cancellationToken);
            var list = await ReadJsonAsync(response, BigCommerceJson.Default.BcV3ListBcHook, cancellationToken);
            var batch = list.Data ?? [];
            all.AddRange(batch);
            var paging = list.Meta?.Pagination;
            if (batch.Count == 0 || (paging is not null ? paging.CurrentPage >= paging.TotalPages : batch.Count < MaxPageSize))
                return all;
        }
    }

    /// <summary>POST /v3/hooks. Not retried except on 429 (a retry could create a second hook).</summary>
    public Task<BcHook> CreateHookAsync(BigCommerceStore store, BcHookRequest hook, CancellationToken cancellationToken) =>
        SendHookAsync(store, HttpMethod.Post, "v3/hooks", hook, cancellationToken);

    /// <summary>PUT /v3/hooks/{id}: e.g. re-activates a hook BigCommerce deactivated after failed deliveries.</summary>
    public Task<BcHook> UpdateHookAsync(BigCommerceStore store, long hookId, BcHookRequest hook, CancellationToken cancellationToken) =>
        SendHookAsync(store, HttpMethod.Put, $"v3/hooks/{hookId}", hook, cancellationToken);

    private async Task<BcHook> SendHookAsync(BigCommerceStore store, HttpMethod method, string path, BcHookRequest hook, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(store, method, path, []);
        request.Content = new StringContent(JsonSerializer.Serialize(hook, BigCommerceJson.Default.BcHookRequest), Encoding.UTF8, "application/json");
        using var response = await SendAsync(request, cancellationToken);
        return (await ReadJsonAsync(response, BigCommerceJson.Default.BcV3ItemBcHook, cancellationToken)).Data
               ?? throw BigCommerceException.FromTransportFailure(new JsonException("BigCommerce answered a hook request without the hook."));
    }

    private static List<(string, string)> PageQuery(int page, int limit) =>
        [("limit", Math.Clamp(limit, 1, MaxPageSize).ToString(CultureInfo.InvariantCulture)), ("page", Math.Max(1, page).ToString(CultureInfo.InvariantCulture))];

    /// <summary>
    /// A v2 list read to its end: pages of <see cref="MaxPageSize"/> until a short one or a 204. v2 sub-lists have no
    /// paging metadata, so a short page is the only sign of the last one (UNCONFIRMED that BigCommerce never cuts a
    /// page below the limit asked for; if it did, we would stop early and an order would show fewer addresses).
    /// </summary>
    private async Task<IReadOnlyList<T>> GetAllPagesAsync<T>(BigCommerceStore store, string path, JsonTypeInfo<List<T>> json, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        for (var page = 1; ; page++)
        {
            var batch = await GetListAsync(store, path, PageQuery(page, MaxPageSize), json, cancellationToken);
            all.AddRange(batch);
            if (batch.Count < MaxPageSize)
                return all;
        }
    }

    private async Task<IReadOnlyList<T>> GetListAsync<T>(BigCommerceStore store, string path, List<(string, string)> query, JsonTypeInfo<List<T>> json, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(store, HttpMethod.Get, path, query);
        using var response = await SendAsync(request, cancellationToken);
        // v2 answers 204 No Content, not [], for an empty list (and some proxies answer 200 with no body).
        if (response.StatusCode == HttpStatusCode.NoContent)
            return [];
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
            return [];
        return Deserialize(body, json) ?? [];
    }

    private HttpRequestMessage CreateRequest(BigCommerceStore store, HttpMethod method, string path, List<(string Name, string Value)> query)
    {
        if (!BigCommerceStoreHash.IsValid(store.StoreHash))
            throw BigCommerceException.Invalid("A BigCommerce store hash is lower-case letters and digits only.");
        var url = new StringBuilder(_options.Value.ApiBaseUrl.TrimEnd('/'))
            .Append("/stores/").Append(store.StoreHash).Append('/').Append(path);
        for (var i = 0; i < query.Count; i++)
        {
            // Uri.EscapeDataString encodes ',', ':', ' ' and '+' (as %2B): v2 RFC-2822 filters must be encoded.
            url.Append(i == 0 ? '?' : '&').Append(query[i].Name).Append('=').Append(Uri.EscapeDataString(query[i].Value));
        }
        var request = new HttpRequestMessage(method, new Uri(url.ToString(), UriKind.Absolute));
        request.Headers.TryAddWithoutValidation("X-Auth-Token", store.AccessToken);
        request.Headers.Accept.ParseAdd("application/json");
        BigCommerceRequest.SetStoreHash(request, store.StoreHash);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var http = _httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw BigCommerceException.FromTransportFailure(ex);
        }
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await BigCommerceException.FromResponseAsync(response, cancellationToken);
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> json, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return Deserialize(body, json) ?? throw BigCommerceException.FromTransportFailure(new JsonException("BigCommerce answered with an empty body."));
    }

    private static T? Deserialize<T>(string body, JsonTypeInfo<T> json)
    {
        try
        {
            return JsonSerializer.Deserialize(body, json);
        }
        catch (JsonException ex)
        {
            // A malformed answer is treated like no answer: the queue retries, then parks the message.
            throw BigCommerceException.FromTransportFailure(ex);
        }
    }
}

/// <summary>Store hashes go into URLs and table keys: only lower-case letters and digits are accepted.</summary>
public static class BigCommerceStoreHash
{
    public static bool IsValid(string? hash) =>
        !string.IsNullOrEmpty(hash) && hash.Length <= 64 && hash.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9');

    /// <summary>Reads the hash from a "stores/{hash}" context or subject; null when it is not that shape.</summary>
    public static string? FromContext(string? context)
    {
        const string prefix = "stores/";
        if (context is null || !context.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var hash = context[prefix.Length..];
        return IsValid(hash) ? hash : null;
    }
}
