using Fulfilment.Connections;
using Fulfilment.Functions.Http;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>
/// What PUT takes: the carrier (to create), a trading name, and the carrier's own settings and credentials by field name
/// (a field absent keeps its stored value, null clears it).
/// </summary>
public sealed record CarrierAccountInput(
    string? Carrier,
    string? TradingName,
    Dictionary<string, string?>? Settings,
    Dictionary<string, string?>? Credentials);

/// <summary>A carrier account as the API shows it: its settings and which credentials are stored, never their values.</summary>
public sealed record CarrierAccountView(string Id, string Carrier, string? TradingName, IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<string> CredentialsStored, CarrierAccountStatus Status, string? StatusReason, string? DrainProblem, DateTimeOffset? DrainProblemAt)
{
    public static CarrierAccountView From(CarrierAccount a) => new(a.Id, a.Carrier, a.TradingName, a.Settings,
        a.Credentials.Keys.Order(StringComparer.Ordinal).ToList(), a.Status, a.StatusReason, a.DrainProblem, a.DrainProblemAt);
}

/// <summary>
/// HTTP: carrier accounts of any carrier. GET lists them or shows one; PUT {id} creates or updates one, validated by its
/// carrier's own fields; DELETE {id} removes one no mapping uses. New credentials reactivate an account that needed them.
/// Credentials never appear in a response or a log line.
/// </summary>
public sealed class AdminCarrierAccounts(ICarrierAccountStore store, IShippingMappingStore mappings, PartnerRegistry registry, ILogger<AdminCarrierAccounts> logger)
{
    public const int MaxIdLength = 100;
    public const int MaxTradingNameLength = 250;

    [Function(nameof(AdminCarrierAccounts))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "put", "delete", Route = Routes.Manage + "/carrier-accounts/{id?}")] HttpRequest request)
    {
        var id = request.RouteValues["id"] as string;
        return request.Method switch
        {
            _ when HttpMethods.IsPut(request.Method) => PutAsync(request, id),
            _ when HttpMethods.IsDelete(request.Method) => DeleteAsync(request, id),
            _ => GetAsync(request, id),
        };
    }

    private async Task<IResult> GetAsync(HttpRequest request, string? id)
    {
        var ct = request.HttpContext.RequestAborted;
        if (string.IsNullOrWhiteSpace(id))
            return ApiResults.Ok((await store.ListAsync(ct)).OrderBy(a => a.Id, StringComparer.Ordinal).Select(CarrierAccountView.From));
        var account = await store.GetAsync(id, ct);
        return account is null ? ApiResults.NotFound($"There is no carrier account '{id}'.") : ApiResults.Ok(CarrierAccountView.From(account));
    }

    private async Task<IResult> PutAsync(HttpRequest request, string? id)
    {
        var ct = request.HttpContext.RequestAborted;
        if (string.IsNullOrWhiteSpace(id))
            return ApiResults.BadRequest("PUT needs the account id in the path: .../carrier-accounts/{id}.");
        if (IdError(id) is { } idError)
            return ApiResults.BadRequest(idError);
        var body = await RequestJson.ReadAsync<CarrierAccountInput>(request, "{carrier, tradingName, settings: {…}, credentials: {…}}");
        if (body.Failed)
            return body.Problem;
        var input = body.Value;

        var existing = await store.GetAsync(id, ct);
        var carrierName = input.Carrier?.Trim() is { Length: > 0 } named ? named : existing?.Carrier;
        if (carrierName is null)
            return ApiResults.BadRequest("The carrier account is not valid.", [$"carrier is required to create an account; registered carriers: {Registered()}"]);
        if (registry.FindCarrier(carrierName) is not { } carrier)
            return ApiResults.BadRequest("The carrier account is not valid.", [$"carrier '{carrierName}' is not registered; registered carriers: {Registered()}"]);
        if (existing is not null && !string.Equals(carrier.Descriptor.Name, existing.Carrier, StringComparison.OrdinalIgnoreCase))
            return ApiResults.Conflict($"Carrier account '{id}' is a {existing.Carrier} account; its carrier cannot change. Create another account instead.");

        var errors = new List<string>();
        var tradingName = input.TradingName?.Trim();
        if (tradingName is { Length: > MaxTradingNameLength })
            errors.Add($"tradingName is longer than {MaxTradingNameLength} characters");
        var fields = carrier.Descriptor.AccountFields;
        var (settings, settingErrors) = PartnerValues.Apply(fields.Where(f => !f.Secret).ToList(),
            existing?.Settings ?? new Dictionary<string, string>(), input.Settings, $"A {carrier.Descriptor.Name} account's settings");
        var (credentials, credentialErrors) = PartnerValues.Apply(fields.Where(f => f.Secret).ToList(),
            existing?.Credentials ?? new Dictionary<string, string>(), input.Credentials, $"A {carrier.Descriptor.Name} account's credentials");
        errors.AddRange(settingErrors);
        errors.AddRange(credentialErrors);
        // Rules across fields (a location code or a whole pickup address) once each field is valid on its own.
        if (errors.Count == 0 && carrier.Descriptor.AccountCheck is { } check)
            errors.AddRange(check(settings, credentials));
        if (errors.Count > 0)
            return ApiResults.BadRequest("The carrier account is not valid.", errors);

        var account = existing ?? new CarrierAccount { Id = id, Carrier = carrier.Descriptor.Name };
        var newCredentials = input.Credentials is { Count: > 0 };
        account.Settings = settings;
        account.Credentials = credentials;
        if (tradingName is not null)
            account.TradingName = tradingName.Length == 0 ? null : tradingName;
        // New credentials are the fix for NeedsCredentials: shipments waiting for the account go out on the next run.
        if (newCredentials && account.Status == CarrierAccountStatus.NeedsCredentials)
        {
            account.Status = CarrierAccountStatus.Active;
            account.StatusReason = null;
        }
        await store.SaveAsync(account, ct);
        logger.LogInformation("Carrier account {AccountId} ({Carrier}) {Change} (new credentials stored: {CredentialsChanged}; status {Status}).",
            id, account.Carrier, existing is null ? "created" : "updated", newCredentials, account.Status);
        return existing is null
            ? Results.Json(CarrierAccountView.From(account), ApiResults.Json, statusCode: StatusCodes.Status201Created)
            : ApiResults.Ok(CarrierAccountView.From(account));
    }

    private async Task<IResult> DeleteAsync(HttpRequest request, string? id)
    {
        var ct = request.HttpContext.RequestAborted;
        if (string.IsNullOrWhiteSpace(id))
            return ApiResults.BadRequest("DELETE needs the account id in the path: .../carrier-accounts/{id}.");
        var users = (await mappings.ListAsync(ct)).Where(m => string.Equals(m.CarrierAccountId, id, StringComparison.Ordinal)).ToList();
        if (users.Count > 0)
            return ApiResults.Conflict($"Carrier account '{id}' is used by {users.Count} shipping mapping(s); change or delete them first.",
                users.Select(m => $"{m.ConnectionId}: {m.ShippingMethod}"));
        if (!await store.DeleteAsync(id, ct))
            return ApiResults.NotFound($"There is no carrier account '{id}'.");
        logger.LogInformation("Carrier account {AccountId} deleted.", id);
        return Results.NoContent();
    }

    private string Registered() => string.Join(", ", registry.CarrierNames.Order(StringComparer.Ordinal));

    private static string? IdError(string id) =>
        id.Length > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? $"The account id must be 1 to {MaxIdLength} letters, digits, '-', '_' or '.'."
            : null;
}
