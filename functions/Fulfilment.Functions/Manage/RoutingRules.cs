using Fulfilment.Functions.Http;
using Fulfilment.Pipeline;
using Fulfilment.Shipping;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>
/// HTTP: routing rules, one set per trading name. GET lists them (or ?tradingName= one); PUT replaces a trading name's
/// set ({tradingName, rules:[{name, when:{…}, use:{carrier, carrierAccountId, serviceCode, packageFormat}}], default}),
/// each target validated by its carrier; DELETE ?tradingName= removes one (its orders fall back to shipping mappings).
/// </summary>
public sealed class AdminRoutingRules(IRoutingRuleStore store, ICarrierAccountStore accounts, PartnerRegistry registry, TimeProvider time,
    ILogger<AdminRoutingRules> logger)
{
    [Function(nameof(AdminRoutingRules))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "put", "delete", Route = Routes.Manage + "/routing-rules")] HttpRequest request) =>
        request.Method switch
        {
            _ when HttpMethods.IsPut(request.Method) => PutAsync(request),
            _ when HttpMethods.IsDelete(request.Method) => DeleteAsync(request),
            _ => GetAsync(request),
        };

    private async Task<IResult> GetAsync(HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var tradingName = request.Query["tradingName"].ToString().Trim();
        if (tradingName.Length == 0)
            return ApiResults.Ok((await store.ListAsync(ct)).OrderBy(r => r.TradingName, StringComparer.OrdinalIgnoreCase));
        var rules = await store.FindAsync(tradingName, ct);
        return rules is null ? ApiResults.NotFound($"Trading name '{tradingName}' has no routing rules.") : ApiResults.Ok(rules);
    }

    private async Task<IResult> PutAsync(HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var body = await RequestJson.ReadAsync<RoutingRuleSetInput>(request, "{tradingName, rules: [{name, when: {…}, use: {…}}], default: {…}}");
        if (body.Failed)
            return body.Problem;
        var input = body.Value;

        var accountIds = (input.Rules ?? []).Select(r => r?.Use?.CarrierAccountId).Append(input.Default?.CarrierAccountId)
            .Select(id => id?.Trim()).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal);
        var accountCarriers = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var id in accountIds)
            accountCarriers[id] = (await accounts.GetAsync(id, ct))?.Carrier;

        var carriers = registry.CarrierNames.Select(name => registry.FindCarrier(name)!.Descriptor).ToList();
        var (rules, errors) = RoutingRuleValidation.Validate(input, carriers, id => accountCarriers.GetValueOrDefault(id), time.GetUtcNow());
        if (rules is null)
            return ApiResults.Unprocessable("The routing rules are not valid; nothing was saved.", errors);
        await store.SaveAsync(rules, ct);
        logger.LogInformation("Routing rules of {TradingName} saved: {Count} rules, default {Default}.", rules.TradingName, rules.Rules.Count, rules.Default?.CarrierAccountId ?? "none");
        return ApiResults.Ok(rules);
    }

    private async Task<IResult> DeleteAsync(HttpRequest request)
    {
        var tradingName = request.Query["tradingName"].ToString().Trim();
        if (tradingName.Length == 0)
            return ApiResults.BadRequest("The tradingName query parameter is required.");
        return await store.DeleteAsync(tradingName, request.HttpContext.RequestAborted)
            ? Results.NoContent()
            : ApiResults.NotFound($"Trading name '{tradingName}' has no routing rules.");
    }
}
