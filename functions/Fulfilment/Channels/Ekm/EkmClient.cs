using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Fulfilment.Channels.Ekm.Dtos;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Fulfilment.Channels.Ekm;

/// <summary>One shop (the merchant username) and a current access token. The token is never shown by <see cref="ToString"/>.</summary>
public sealed record EkmShop(string Username, string AccessToken)
{
    public override string ToString() => $"EkmShop {{ Username = {Username} }}";
}

/// <summary>A page of a list answer and how many pages there are.</summary>
public sealed record EkmPage<T>(IReadOnlyList<T> Items, int PagesTotal);

/// <summary>
/// Calls the EKM Partner API for one shop at a time. A singleton: each call takes a pooled HttpClient from the factory
/// (named <see cref="HttpClientName"/>, with the "ekm" resilience pipeline and the shared rate gate). Failures throw
/// <see cref="EkmException"/>.
/// </summary>
public sealed class EkmClient(IHttpClientFactory httpClientFactory, IOptions<EkmOptions> options)
{
    public const string HttpClientName = "ekm";
    public const int MaxPageSize = 20;

    /// <summary>GET /api/v2/orders/search: one page of orders matching an OData filter, in <paramref name="orderBy"/> order.</summary>
    public async Task<EkmPage<EkmOrder>> SearchOrdersAsync(EkmShop shop, string query, string orderBy, int limit, int page, CancellationToken cancellationToken)
    {
        var envelope = await GetAsync<List<EkmOrder>>(shop, "api/v2/orders/search",
            [("page", Number(page)), ("limit", Number(Math.Clamp(limit, 1, MaxPageSize))), ("query", query), ("orderby", orderBy)], cancellationToken);
        return new EkmPage<EkmOrder>(envelope.Data ?? [], envelope.Meta?.PagesTotal ?? 0);
    }

    /// <summary>GET /api/v2/orders/{id}; a 404 is a Rejected <see cref="EkmException"/>.</summary>
    public async Task<EkmOrder> GetOrderAsync(EkmShop shop, long orderId, CancellationToken cancellationToken) =>
        (await GetAsync<EkmOrder>(shop, $"api/v2/orders/{orderId}", [], cancellationToken)).Data
        ?? throw EkmException.FromTransportFailure(new JsonException("EKM answered an order with no data."));

    /// <summary>Every line of an order (GET /api/v2/orders/{id}/items, following pages if EKM pages them).</summary>
    public async Task<IReadOnlyList<EkmOrderItem>> GetOrderItemsAsync(EkmShop shop, long orderId, CancellationToken cancellationToken)
    {
        var all = new List<EkmOrderItem>();
        for (var page = 1; ; page++)
        {
            var envelope = await GetAsync<List<EkmOrderItem>>(shop, $"api/v2/orders/{orderId}/items", page == 1 ? [] : [("page", Number(page))], cancellationToken);
            all.AddRange(envelope.Data ?? []);
            if ((envelope.Meta?.PagesTotal ?? 1) <= page || envelope.Data is not { Count: > 0 })
                return all;
        }
    }

    /// <summary>GET /api/v1/settings/orderstatuses: the names of the shop's statuses (custom ones included).</summary>
    public async Task<IReadOnlyList<string>> GetOrderStatusesAsync(EkmShop shop, CancellationToken cancellationToken)
    {
        var envelope = await GetAsync<EkmOrderStatuses>(shop, "api/v1/settings/orderstatuses", [], cancellationToken);
        return (envelope.Data?.Statuses ?? []).Select(s => s.Name).OfType<string>().Where(n => n.Length > 0).ToList();
    }

    /// <summary>Every product whose product code is <paramref name="sku"/> (GET /api/v1/products/search).</summary>
    public async Task<IReadOnlyList<EkmProduct>> FindProductsBySkuAsync(EkmShop shop, string sku, CancellationToken cancellationToken)
    {
        var all = new List<EkmProduct>();
        for (var page = 1; page <= 5; page++)
        {
            var envelope = await GetAsync<List<EkmProduct>>(shop, "api/v1/products/search",
                [("query", $"product_code eq {EkmFilter.Quote(sku)}"), ("page", Number(page)), ("limit", Number(MaxPageSize))], cancellationToken);
            all.AddRange(envelope.Data ?? []);
            if ((envelope.Meta?.PagesTotal ?? 1) <= page || envelope.Data is not { Count: > 0 })
                break;
        }
        // The search may match loosely (a case-insensitive database): only the exact code counts.
        return all.Where(p => string.Equals(p.ProductCode?.Trim(), sku.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>PUT /api/v2/orders/{id}/deliveryTracking (replaces all three fields). Not retried except on 429.</summary>
    public Task<EkmOrder> PutDeliveryTrackingAsync(EkmShop shop, long orderId, string number, string? company, string? url, CancellationToken cancellationToken) =>
        PutAsync(shop, $"api/v2/orders/{orderId}/deliveryTracking", new EkmDeliveryTrackingRequest(number, company, url), cancellationToken);

    /// <summary>PUT /api/v2/orders/{id}/status with the status in order-JSON form (upper case). Not retried except on 429.</summary>
    public Task<EkmOrder> PutStatusAsync(EkmShop shop, long orderId, string status, bool emailCustomer, CancellationToken cancellationToken) =>
        PutAsync(shop, $"api/v2/orders/{orderId}/status", new EkmStatusRequest(status, emailCustomer), cancellationToken);

    /// <summary>GET /api/v2/Webhooks/webhooks: this app's subscriptions for the shop.</summary>
    public async Task<IReadOnlyList<EkmWebhookSubscription>> ListWebhooksAsync(EkmShop shop, CancellationToken cancellationToken) =>
        (await GetAsync<List<EkmWebhookSubscription>>(shop, "api/v2/Webhooks/webhooks", [], cancellationToken)).Data ?? [];

    /// <summary>POST /api/v2/Webhooks: subscribes <paramref name="endpoint"/> to <paramref name="topic"/>, enabled.</summary>
    public async Task CreateWebhookAsync(EkmShop shop, string topic, string endpoint, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(shop, HttpMethod.Post, "api/v2/Webhooks", []);
        request.Content = Json(new EkmWebhookSubscription { Topic = topic, Endpoint = endpoint, IsEnabled = true });
        using var response = await SendAsync(request, cancellationToken);
    }

    private async Task<EkmOrder> PutAsync<TBody>(EkmShop shop, string path, TBody body, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(shop, HttpMethod.Put, path, []);
        request.Content = Json(body);
        using var response = await SendAsync(request, cancellationToken);
        return (await ReadAsync<EkmOrder>(response, cancellationToken)).Data
            ?? throw EkmException.FromTransportFailure(new JsonException("EKM answered a write with no order."));
    }

    private async Task<EkmEnvelope<T>> GetAsync<T>(EkmShop shop, string path, List<(string, string)> query, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(shop, HttpMethod.Get, path, query);
        using var response = await SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private static StringContent Json<T>(T body) => new(JsonSerializer.Serialize(body, EkmJson.Options), Encoding.UTF8, "application/json");

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private HttpRequestMessage CreateRequest(EkmShop shop, HttpMethod method, string path, List<(string Name, string Value)> query)
    {
        var url = new StringBuilder(options.Value.ApiBaseUrl.TrimEnd('/')).Append('/').Append(path);
        for (var i = 0; i < query.Count; i++)
            url.Append(i == 0 ? '?' : '&').Append(query[i].Name).Append('=').Append(Uri.EscapeDataString(query[i].Value));
        var request = new HttpRequestMessage(method, new Uri(url.ToString(), UriKind.Absolute));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", shop.AccessToken);
        request.Headers.Accept.ParseAdd("application/json");
        EkmRequest.SetShop(request, shop.Username);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw EkmException.FromTransportFailure(ex);
        }
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await EkmException.FromResponseAsync(response, cancellationToken);
    }

    private static async Task<EkmEnvelope<T>> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent || string.IsNullOrWhiteSpace(body))
            return new EkmEnvelope<T>();
        try
        {
            return JsonSerializer.Deserialize<EkmEnvelope<T>>(body, EkmJson.Options) ?? new EkmEnvelope<T>();
        }
        catch (JsonException ex)
        {
            // A malformed answer is treated like no answer: the queue retries, then parks the message.
            throw EkmException.FromTransportFailure(ex);
        }
    }
}
