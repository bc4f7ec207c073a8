using Fulfilment.Connections;
using Fulfilment.Functions.Http;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>What PUT takes. apiKey is required to create an account; on update an absent apiKey keeps the stored one.</summary>
public sealed record CarrierAccountInput(string? Carrier, string? ApiKey, bool? IsOnlineBusinessAccount, string? TradingName);

/// <summary>A carrier account as the API shows it: whether it has a key, never the key.</summary>
public sealed record CarrierAccountView(string Id, string Carrier, string? TradingName, bool IsOnlineBusinessAccount,
    CarrierAccountStatus Status, string? StatusReason, bool HasCredential)
{
    public static CarrierAccountView From(CarrierAccount a) =>
        new(a.Id, a.Carrier, a.TradingName, a.IsOnlineBusinessAccount, a.Status, a.StatusReason, !string.IsNullOrEmpty(a.Credential));
}

/// <summary>
/// HTTP: carrier accounts. GET lists them or shows one; PUT {id} creates or updates one. Storing a key reactivates an
/// account that needs credentials. The key never appears in a response or a log line.
/// </summary>
public sealed class AdminCarrierAccounts(ICarrierAccountStore store, PartnerRegistry registry, ILogger<AdminCarrierAccounts> logger)
{
    public const int MaxIdLength = 100;
    public const int MaxApiKeyLength = 1000;
    public const int MaxTradingNameLength = 250;

    [Function(nameof(AdminCarrierAccounts))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "put", Route = Routes.Manage + "/carrier-accounts/{id?}")] HttpRequest request)
    {
        var id = request.RouteValues["id"] as string;
        return HttpMethods.IsPut(request.Method) ? PutAsync(request.HttpContext, id) : GetAsync(request.HttpContext, id);
    }

    private async Task<IResult> GetAsync(HttpContext http, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return ApiResults.Ok((await store.ListAsync(http.RequestAborted)).OrderBy(a => a.Id, StringComparer.Ordinal).Select(CarrierAccountView.From));
        var account = await store.GetAsync(id, http.RequestAborted);
        return account is null ? ApiResults.NotFound($"There is no carrier account '{id}'.") : ApiResults.Ok(CarrierAccountView.From(account));
    }

    private async Task<IResult> PutAsync(HttpContext http, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return ApiResults.BadRequest("PUT needs the account id in the path: .../carrier-accounts/{id}.");
        if (IdError(id) is { } idError)
            return ApiResults.BadRequest(idError);
        var body = await RequestJson.ReadAsync<CarrierAccountInput>(http.Request, "{carrier, apiKey, isOnlineBusinessAccount, tradingName}");
        if (body.Failed)
            return body.Problem;
        var input = body.Value;

        var existing = await store.GetAsync(id, http.RequestAborted);

        var errors = new List<string>();
        var apiKey = input.ApiKey?.Trim();
        // The messages describe the key, never quote it.
        if (apiKey is not null && (apiKey.Length == 0 || apiKey.Length > MaxApiKeyLength || apiKey.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
            errors.Add($"apiKey must be 1 to {MaxApiKeyLength} characters without spaces or control characters");
        var tradingName = input.TradingName?.Trim();
        if (tradingName is { Length: > MaxTradingNameLength })
            errors.Add($"tradingName is longer than {MaxTradingNameLength} characters");
        string? carrier = null;
        if (!string.IsNullOrWhiteSpace(input.Carrier))
        {
            carrier = registry.CarrierNames.FirstOrDefault(c => string.Equals(c, input.Carrier.Trim(), StringComparison.OrdinalIgnoreCase));
            if (carrier is null)
                errors.Add($"carrier '{input.Carrier.Trim()}' is not registered; registered carriers: {string.Join(", ", registry.CarrierNames.Order(StringComparer.Ordinal))}");
        }
        if (existing is null)
        {
            if (string.IsNullOrWhiteSpace(input.Carrier)) errors.Add("carrier is required to create an account");
            if (apiKey is null) errors.Add("apiKey is required to create an account");
        }
        if (errors.Count > 0)
            return ApiResults.BadRequest("The carrier account is not valid.", errors);

        if (existing is null)
        {
            var created = new CarrierAccount
            {
                Id = id,
                Carrier = carrier!,
                Credential = apiKey!,
                IsOnlineBusinessAccount = input.IsOnlineBusinessAccount ?? false,
                TradingName = string.IsNullOrEmpty(tradingName) ? null : tradingName,
            };
            await store.SaveAsync(created, http.RequestAborted);
            logger.LogInformation("Carrier account {AccountId} ({Carrier}) created.", id, created.Carrier);
            return Results.Json(CarrierAccountView.From(created), ApiResults.Json, statusCode: StatusCodes.Status201Created);
        }

        if (carrier is not null && !string.Equals(carrier, existing.Carrier, StringComparison.OrdinalIgnoreCase))
            return ApiResults.Conflict($"Carrier account '{id}' is a {existing.Carrier} account; its carrier cannot change. Create another account instead.");
        if (apiKey is not null)
        {
            existing.Credential = apiKey;
            // A new key is the fix for NeedsCredentials: shipments waiting for the account go out on the next run.
            if (existing.Status == CarrierAccountStatus.NeedsCredentials)
            {
                existing.Status = CarrierAccountStatus.Active;
                existing.StatusReason = null;
            }
        }
        if (input.IsOnlineBusinessAccount is { } oba)
            existing.IsOnlineBusinessAccount = oba;
        if (tradingName is not null)
            existing.TradingName = tradingName.Length == 0 ? null : tradingName;
        await store.SaveAsync(existing, http.RequestAborted);
        logger.LogInformation("Carrier account {AccountId} updated (new key stored: {KeyReplaced}; status {Status}).", id, apiKey is not null, existing.Status);
        return ApiResults.Ok(CarrierAccountView.From(existing));
    }

    private static string? IdError(string id) =>
        id.Length > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? $"The account id must be 1 to {MaxIdLength} letters, digits, '-', '_' or '.'."
            : null;
}
