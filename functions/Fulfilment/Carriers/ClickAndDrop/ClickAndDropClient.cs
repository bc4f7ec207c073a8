using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fulfilment.Carriers.ClickAndDrop.Dtos;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>Which account a call is for. The key is never logged: <see cref="ToString"/> leaves it out.</summary>
public sealed record ClickAndDropCredential(string AccountId, string ApiKey)
{
    public override string ToString() => $"ClickAndDropCredential {{ AccountId = {AccountId} }}";
}

/// <summary>
/// HTTP client of the Click &amp; Drop API, one instance for every account: the account's key travels with each call,
/// and its id goes into <see cref="HttpRequestMessage.Options"/> so the rate gate and circuit breaker work per account.
/// Non-success answers throw <see cref="ClickAndDropException"/>, except the ones that are Click &amp; Drop's word on an
/// order (its 404 "none of these", its label refusals), which come back as data.
/// </summary>
public sealed class ClickAndDropClient
{
    /// <summary>Name of the HttpClient and of its resilience pipeline.</summary>
    public const string HttpClientName = "clickanddrop";

    /// <summary>The account id a request is for; read by the rate gate and the per-account circuit breaker.</summary>
    public static readonly HttpRequestOptionsKey<string> AccountIdOption = new("ClickAndDrop.AccountId");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<ClickAndDropOptions> _options;

    // A named client from the factory per call (not a typed client held by the singleton carrier) so handlers rotate.
    public ClickAndDropClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<ClickAndDropOptions> options)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
    }

    /// <summary>
    /// <c>POST /orders</c>. A timeout or 5xx is not retried (the orders may exist) and throws Transient: look the orders up by
    /// reference before sending them again.
    /// </summary>
    public async Task<CreateOrdersResponse> CreateOrdersAsync(ClickAndDropCredential credential, CreateOrdersRequest request, CancellationToken cancellationToken)
    {
        const string operation = "create orders";
        // Bytes, not a streaming JsonContent, so a 429 retry can send the same body again.
        var body = JsonSerializer.SerializeToUtf8Bytes(request, ClickAndDropJson.Default.CreateOrdersRequest);
        using var message = CreateRequest(HttpMethod.Post, "orders", credential);
        message.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        using var response = await SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, operation, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, ClickAndDropJson.Default.CreateOrdersResponse, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /orders/{orderIdentifiers}</c> with identifiers formatted by <see cref="ClickAndDropIdentifiers"/> (at most 100):
    /// every order matching any identifier (one reference may match several). Unknown identifiers are absent; a 404 is
    /// "none of these exist" only with Click &amp; Drop's own error array, any other 404 throws Transient.
    /// </summary>
    public async Task<IReadOnlyList<GetOrderInfoResource>> GetOrdersAsync(ClickAndDropCredential credential, IReadOnlyList<string> identifiers, CancellationToken cancellationToken)
    {
        const string operation = "get orders";
        if (identifiers.Count == 0) return [];
        if (identifiers.Count > ClickAndDropIdentifiers.MaxPerRequest)
            throw new ArgumentException($"At most {ClickAndDropIdentifiers.MaxPerRequest} identifiers per call.", nameof(identifiers));
        using var message = CreateRequest(HttpMethod.Get, "orders/" + ClickAndDropIdentifiers.Join(identifiers), credential);
        using var response = await SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return ClickAndDropErrorBody.TryReadOrderErrors(body, out _)
                ? []
                : throw ClickAndDropException.FromResponse(response.StatusCode, body, operation);
        }
        await ThrowIfFailedAsync(response, operation, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, ClickAndDropJson.Default.ListGetOrderInfoResource, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /orders/{id}/label</c> for the postage label. Click &amp; Drop's own answers come back as data — the PDF, its
    /// 403 (labels are for OBA accounts), or its error array with a 400 or 404 — for the carrier to judge; anything else
    /// (401, 429, 5xx, or a 4xx Click &amp; Drop did not write) throws.
    /// </summary>
    public async Task<ClickAndDropLabelAnswer> GetLabelAsync(ClickAndDropCredential credential, long orderIdentifier, CancellationToken cancellationToken)
    {
        const string operation = "get label";
        var path = $"orders/{ClickAndDropIdentifiers.FromOrderIdentifier(orderIdentifier)}/label?documentType=postageLabel&includeReturnsLabel=false";
        using var message = CreateRequest(HttpMethod.Get, path, credential);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
        using var response = await SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            var pdf = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            // A success that is not a PDF (a proxy's page) must not be stored as the label.
            return ClickAndDropLabelAnswer.LooksLikePdf(pdf) ? ClickAndDropLabelAnswer.Of(pdf) : throw ClickAndDropException.NotAPdf(operation);
        }
        if (response.StatusCode == HttpStatusCode.Forbidden)
            return ClickAndDropLabelAnswer.Forbidden;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound && ClickAndDropErrorBody.TryReadOrderErrors(body, out var errors))
            return ClickAndDropLabelAnswer.Refusal((int)response.StatusCode, errors);
        throw ClickAndDropException.FromResponse(response.StatusCode, body, operation);
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string relativePath, ClickAndDropCredential credential)
    {
        var options = _options.CurrentValue;
        var message = new HttpRequestMessage(method, new Uri(options.BaseUrl.TrimEnd('/') + "/" + relativePath, UriKind.Absolute));
        var value = options.AuthorizationScheme == ClickAndDropAuthorizationScheme.Bearer ? "Bearer " + credential.ApiKey : credential.ApiKey;
        message.Headers.TryAddWithoutValidation("Authorization", value);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Options.Set(AccountIdOption, credential.AccountId);
        return message;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, string operation, CancellationToken cancellationToken)
    {
        var http = _httpClientFactory.CreateClient(HttpClientName);
        try
        {
            return await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException)
        {
            throw ClickAndDropException.FromFailure(ex, operation);
        }
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw ClickAndDropException.FromResponse(response.StatusCode, body, operation);
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("Empty body.");
        }
        catch (JsonException ex)
        {
            // A success we cannot read is as ambiguous as a timeout: the pipeline looks the orders up before trying again.
            throw ClickAndDropException.FromFailure(ex, operation);
        }
    }
}
