using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sandbox.Ekm.Auth;
using Sandbox.Ekm.Search;

namespace Sandbox.Ekm;

// GET /api/v1/settings/orderstatuses, /api/v1/products/{id} and /api/v1/products/search.
public sealed partial class EkmSimulator
{
    private static readonly EkmSearchSchema ProductSchema = EkmSearchSchema.For<V1ProductJson>();

    private void MapCatalogueRoutes(RouteGroupBuilder api)
    {
        api.MapGet("/v1/settings/orderstatuses", (HttpContext http) =>
        {
            lock (_lock)
                return EkmEnvelope.Ok(EkmJsonMapper.Statuses(Shop(Caller(http).Username).Statuses));
        }).WithMetadata(new EkmRequiredScope(EkmScopes.OrderStatusesRead));

        var read = new EkmRequiredScope(EkmScopes.ProductsRead);
        api.MapGet("/v1/products/{id:long}", (HttpContext http, long id) =>
        {
            lock (_lock)
            {
                return Shop(Caller(http).Username).Products.TryGetValue(id, out var product)
                    ? EkmEnvelope.Ok(EkmJsonMapper.Product(product))
                    : EkmEnvelope.NotFound("id", $"Product '{id}' not found.");
            }
        }).WithMetadata(read);
        api.MapGet("/v1/products/search", (HttpContext http) => SearchProducts(http)).WithMetadata(read);
    }

    private EkmResult SearchProducts(HttpContext http)
    {
        var query = http.Request.Query;
        if (EkmPaging.Read(query, Options.DefaultPageSize, out var pagingError) is not { } paging)
            return pagingError!;
        if (string.IsNullOrWhiteSpace(query["query"].ToString()))
            return EkmEnvelope.BadRequest("query", "The query field is required."); // required for products, unlike orders
        if (ReadSearch(query, ProductSchema, out var filter, out var order) is { } searchError)
            return searchError;
        List<JsonElement> all;
        lock (_lock)
            all = Shop(Caller(http).Username).Products.Values.Select(p => JsonSerializer.SerializeToElement(EkmJsonMapper.Product(p), EkmJson.Wire)).ToList();
        var matching = Sort(all.Where(filter), order);
        return EkmEnvelope.Page(matching, paging, matching.Count, page => PageHref("/products/search", query, page));
    }
}
