using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Fulfilment.Carriers.ClickAndDrop.Dtos;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>
/// <c>DELETE /orders/{orderIdentifiers}</c> of the Click &amp; Drop API, on the same "clickanddrop" HttpClient (rate gate,
/// per-account circuit, retries of 429 only: a DELETE that timed out is checked by reading the order, not repeated
/// blindly). Deleted orders' labels are void. Failures throw <see cref="ClickAndDropException"/>.
/// </summary>
public sealed class ClickAndDropOrderDeletion(IHttpClientFactory httpClientFactory, IOptionsMonitor<ClickAndDropOptions> options)
{
    public async Task<DeleteOrdersResponse> DeleteAsync(ClickAndDropCredential credential, long orderIdentifier, CancellationToken cancellationToken)
    {
        const string operation = "delete order";
        var current = options.CurrentValue;
        using var message = new HttpRequestMessage(HttpMethod.Delete,
            new Uri(current.BaseUrl.TrimEnd('/') + "/orders/" + ClickAndDropIdentifiers.FromOrderIdentifier(orderIdentifier), UriKind.Absolute));
        message.Headers.TryAddWithoutValidation("Authorization",
            current.AuthorizationScheme == ClickAndDropAuthorizationScheme.Bearer ? "Bearer " + credential.ApiKey : credential.ApiKey);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Options.Set(ClickAndDropClient.AccountIdOption, credential.AccountId);

        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(ClickAndDropClient.HttpClientName)
                .SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException)
        {
            throw ClickAndDropException.FromFailure(ex, operation);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
                return new DeleteOrdersResponse { DeletedOrders = [], Errors = [] };
            if (!response.IsSuccessStatusCode)
                throw ClickAndDropException.FromResponse(response.StatusCode, body, operation);
            try
            {
                return JsonSerializer.Deserialize(body, ClickAndDropJson.Default.DeleteOrdersResponse) ?? new DeleteOrdersResponse();
            }
            catch (JsonException ex)
            {
                throw ClickAndDropException.FromFailure(ex, operation);
            }
        }
    }
}
