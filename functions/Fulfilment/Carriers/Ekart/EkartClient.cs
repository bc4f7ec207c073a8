using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fulfilment.Carriers.Ekart.Dtos;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Fulfilment.Carriers.Ekart;

/// <summary>
/// HTTP client of Ekart's Classic API, one instance for every account: each call carries the merchant header and a
/// bearer token from <see cref="EkartTokenCache"/>; a 401 (Ekart's "token has expired") drops the token and the call is
/// made once more with a new one (nothing was done on a 401). The account id goes into the request options so the
/// rate gate and circuit breaker work per account. Failures throw <see cref="EkartException"/>; create and cancel
/// answers (including HTTP 400 with every line rejected) come back as data.
/// </summary>
public sealed class EkartClient
{
    /// <summary>Name of the HttpClient and of its resilience pipeline.</summary>
    public const string HttpClientName = "ekart";
    /// <summary>The header Ekart requires on every call, underscores and all.</summary>
    public const string MerchantHeader = "HTTP_X_MERCHANT_CODE";

    /// <summary>The account id a request is for; read by the rate gate and the per-account circuit breaker.</summary>
    public static readonly HttpRequestOptionsKey<string> AccountIdOption = new("Ekart.AccountId");
    /// <summary>Which call a request is; read by the retry policy.</summary>
    public static readonly HttpRequestOptionsKey<EkartOperation> OperationOption = new("Ekart.Operation");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<EkartOptions> _options;
    private readonly EkartTokenCache _tokens;

    public EkartClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<EkartOptions> options, EkartTokenCache tokens)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _tokens = tokens;
    }

    /// <summary><c>POST /v2/shipments/create</c>. A timeout or 5xx is not retried (the shipments may exist) and throws Transient.</summary>
    public Task<EkartApiResponse> CreateAsync(EkartCredential credential, EkartCreateRequest request, CancellationToken cancellationToken) =>
        SendApiAsync(credential, HttpMethod.Post, "v2/shipments/create", request, EkartOperation.Create, cancellationToken);

    /// <summary><c>PUT /v2/shipments/rto/create</c>: cancels before pickup, returns to origin after.</summary>
    public Task<EkartApiResponse> CancelAsync(EkartCredential credential, EkartRtoRequest request, CancellationToken cancellationToken) =>
        SendApiAsync(credential, HttpMethod.Put, "v2/shipments/rto/create", request, EkartOperation.Cancel, cancellationToken);

    /// <summary><c>POST /v2/shipments/track</c>: the shipments Ekart knows among <paramref name="trackingIds"/>, by tracking id.</summary>
    public async Task<IReadOnlyDictionary<string, EkartTrackedShipment>> TrackAsync(EkartCredential credential, IReadOnlyList<string> trackingIds,
        CancellationToken cancellationToken)
    {
        const EkartOperation operation = EkartOperation.Track;
        if (trackingIds.Count == 0) return new Dictionary<string, EkartTrackedShipment>();
        var body = JsonSerializer.SerializeToUtf8Bytes(new EkartTrackRequest(trackingIds), EkartJson.Options);
        using var response = await SendAuthorizedAsync(credential, HttpMethod.Post, "v2/shipments/track", body, operation, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return new Dictionary<string, EkartTrackedShipment>();
        ThrowIfFailed(response, text, operation);
        try
        {
            return EkartResponseReader.Track(text);
        }
        catch (JsonException ex)
        {
            throw EkartException.FromFailure(ex, EkartOperations.Describe(operation));
        }
    }

    private async Task<EkartApiResponse> SendApiAsync<T>(EkartCredential credential, HttpMethod method, string path, T request, EkartOperation operation,
        CancellationToken cancellationToken)
    {
        // Bytes, not a streaming JsonContent, so a rate-limit retry and a token renewal can send the same body again.
        var body = JsonSerializer.SerializeToUtf8Bytes(request, EkartJson.Options);
        using var response = await SendAuthorizedAsync(credential, method, path, body, operation, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        // Ekart answers 400 with the same ApiResponse when it rejects every line: that is an answer, not a failure.
        if ((response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest) && EkartResponseReader.ApiResponse(text) is { } answer)
            return answer;
        ThrowIfFailed(response, text, operation);
        // A success we cannot read is as ambiguous as a timeout: the pipeline looks the shipments up before trying again.
        throw EkartException.FromFailure(new JsonException("The answer is not an Ekart ApiResponse."), EkartOperations.Describe(operation));
    }

    private async Task<HttpResponseMessage> SendAuthorizedAsync(EkartCredential credential, HttpMethod method, string path, byte[] body,
        EkartOperation operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var authorization = await AuthorizationAsync(credential, cancellationToken).ConfigureAwait(false);
            using var message = CreateRequest(method, path, credential, authorization, body, operation);
            var response = await SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || attempt > 1 || _options.CurrentValue.TokenMode == EkartTokenMode.Static)
                return response;
            // Expired (or revoked) under us: Ekart did nothing with the call, so it is made again with a new token.
            response.Dispose();
            _tokens.Invalidate(credential, authorization);
        }
    }

    private Task<string> AuthorizationAsync(EkartCredential credential, CancellationToken cancellationToken) =>
        _options.CurrentValue.TokenMode == EkartTokenMode.Static
            ? Task.FromResult(credential.Token)
            : _tokens.GetAsync(credential, ct => IssueTokenAsync(credential, ct), cancellationToken);

    /// <summary><c>POST /auth/token</c> with the merchant Token as the Basic secret → the "Bearer &lt;jwt&gt;" to send from now on.</summary>
    private async Task<string> IssueTokenAsync(EkartCredential credential, CancellationToken cancellationToken)
    {
        const EkartOperation operation = EkartOperation.Token;
        using var message = CreateRequest(HttpMethod.Post, "auth/token", credential, "Basic " + credential.Token, body: null, operation);
        using var response = await SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfFailed(response, text, operation);
        try
        {
            using var document = JsonDocument.Parse(text);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() is not { Length: > 0 } value)
                    continue;
                if (property.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                    return value;
                if (property.Name.Equals("access_token", StringComparison.OrdinalIgnoreCase))
                    return "Bearer " + value;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw EkartException.FromFailure(ex, EkartOperations.Describe(operation));
        }
        throw EkartException.FromFailure(new JsonException("The token answer holds no Authorization."), EkartOperations.Describe(operation));
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string relativePath, EkartCredential credential, string authorization, byte[]? body,
        EkartOperation operation)
    {
        var message = new HttpRequestMessage(method, new Uri(_options.CurrentValue.BaseUrl.TrimEnd('/') + "/" + relativePath, UriKind.Absolute));
        message.Headers.TryAddWithoutValidation(MerchantHeader, credential.MerchantCode);
        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Content = new ByteArrayContent(body ?? Encoding.UTF8.GetBytes("{}")) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        message.Options.Set(AccountIdOption, credential.AccountId);
        message.Options.Set(OperationOption, operation);
        return message;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, EkartOperation operation, CancellationToken cancellationToken)
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
            throw EkartException.FromFailure(ex, EkartOperations.Describe(operation));
        }
    }

    private void ThrowIfFailed(HttpResponseMessage response, string body, EkartOperation operation)
    {
        if (!response.IsSuccessStatusCode)
            throw EkartException.FromResponse(response.StatusCode, body, EkartOperations.Describe(operation), _options.CurrentValue.RateLimitForbiddenText);
    }
}
