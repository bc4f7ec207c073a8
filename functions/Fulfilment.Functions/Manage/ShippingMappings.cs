using System.Text.Json;
using Fulfilment.Functions.Http;
using Fulfilment.Pipeline;
using Fulfilment.Shipping;
using Fulfilment.Storage;

using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>
/// HTTP: shipping-method mappings. GET lists them (optionally ?connectionId=), PUT upserts one or an array (all or
/// nothing: one invalid mapping stores none), DELETE ?connectionId=&amp;shippingMethod= removes one.
/// </summary>
public sealed class AdminShippingMappings(IShippingMappingStore store, ICarrierAccountStore accountStore, PartnerRegistry registry)
{
    public const int MaxMappingsPerRequest = 500;

    [Function(nameof(AdminShippingMappings))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "put", "delete", Route = Routes.Manage + "/shipping-mappings")] HttpRequest request) =>
        request.Method switch
        {
            _ when HttpMethods.IsPut(request.Method) => PutAsync(request.HttpContext),
            _ when HttpMethods.IsDelete(request.Method) => DeleteAsync(request.HttpContext),
            _ => ListAsync(request.HttpContext),
        };

    private async Task<IResult> ListAsync(HttpContext http)
    {
        var connectionId = http.Request.Query["connectionId"].ToString();
        var mappings = await store.ListAsync(http.RequestAborted);
        return ApiResults.Ok(mappings
            .Where(m => connectionId.Length == 0 || m.ConnectionId == connectionId)
            .OrderBy(m => m.ConnectionId, StringComparer.Ordinal).ThenBy(m => m.ShippingMethod, StringComparer.OrdinalIgnoreCase));
    }

    private async Task<IResult> PutAsync(HttpContext http)
    {
        var body = await RequestJson.ReadAsync<JsonElement>(http.Request, "a shipping mapping object or an array of them");
        if (body.Failed)
            return body.Problem;

        List<ShippingMappingInput> inputs;
        try
        {
            inputs = body.Value.ValueKind switch
            {
                JsonValueKind.Object => [body.Value.Deserialize<ShippingMappingInput>(ApiResults.RequestJson)!],
                JsonValueKind.Array when body.Value.GetArrayLength() is 0 or > MaxMappingsPerRequest =>
                    throw new ArgumentException($"Send between 1 and {MaxMappingsPerRequest} mappings."),
                JsonValueKind.Array => body.Value.Deserialize<List<ShippingMappingInput?>>(ApiResults.RequestJson)!
                    .Select(m => m ?? throw new ArgumentException("A mapping in the array is null.")).ToList(),
                _ => throw new ArgumentException("The body must be a shipping mapping object or an array of them."),
            };
        }
        catch (JsonException ex)
        {
            return ApiResults.BadRequest("The body is not valid JSON for shipping mappings.", [RequestJson.Describe(ex)]);
        }
        catch (ArgumentException ex)
        {
            return ApiResults.BadRequest(ex.Message);
        }

        var accountCarriers = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var id in inputs.Select(i => i.CarrierAccountId?.Trim()).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal))
            accountCarriers[id] = (await accountStore.GetAsync(id, http.RequestAborted))?.Carrier;

        var carriers = registry.CarrierNames.Select(name => registry.FindCarrier(name)!.Descriptor).ToList();
        var valid = new List<ShippingMapping>();
        var errors = new List<string>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (mapping, problems) = ShippingMappingValidation.Validate(inputs[i], carriers, id => accountCarriers.GetValueOrDefault(id));
            if (mapping is not null)
                valid.Add(mapping);
            var label = inputs.Count == 1 ? "" : $"mapping {i + 1}: ";
            errors.AddRange(problems.Select(p => label + p));
        }
        if (errors.Count > 0)
            return ApiResults.Unprocessable("The mappings are not valid; none were saved.", errors);

        foreach (var mapping in valid)
            await store.UpsertAsync(mapping, http.RequestAborted);
        return ApiResults.Ok(new { saved = valid.Count, mappings = valid });
    }

    private async Task<IResult> DeleteAsync(HttpContext http)
    {
        var connectionId = http.Request.Query["connectionId"].ToString().Trim();
        var method = http.Request.Query["shippingMethod"].ToString().Trim();
        if (method.Length == 0)
            return ApiResults.BadRequest("The shippingMethod query parameter is required (and connectionId, which defaults to \"*\").");
        if (connectionId.Length == 0)
            connectionId = ShippingMapping.AnyConnection;
        var deleted = await store.DeleteAsync(connectionId, method, http.RequestAborted);
        return deleted
            ? Results.NoContent()
            : ApiResults.NotFound($"There is no mapping of '{method}' for connection '{connectionId}'.");
    }
}
