using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sandbox.Ekm.Auth;
using Sandbox.Ekm.Search;

namespace Sandbox.Ekm;

// GET /api/v2/orders, /orders/search, /orders/{id}, /orders/{id}/items, /orders/{id}/items/{itemId}.
public sealed partial class EkmSimulator
{
    private static readonly EkmSearchSchema OrderSchema = EkmSearchSchema.For<V2OrderJson>();

    private void MapOrderRoutes(RouteGroupBuilder api)
    {
        var read = new EkmRequiredScope(EkmScopes.OrdersRead);
        var orders = api.MapGroup("/v2/orders");
        orders.MapGet("", (HttpContext http) => ListOrders(http, isSearch: false)).WithMetadata(read);
        orders.MapGet("/search", (HttpContext http) => ListOrders(http, isSearch: true)).WithMetadata(read);
        orders.MapGet("/{id:long}", (HttpContext http, long id) => WithOrder(http, id, (_, order) => EkmEnvelope.Ok(EkmJsonMapper.Order(order)))).WithMetadata(read);
        orders.MapGet("/{id:long}/items", (HttpContext http, long id) => WithOrder(http, id, (_, order) =>
            EkmEnvelope.All(order.Lines.Select(l => EkmJsonMapper.Item(order, l)).ToList(), $"/orders/{id}/items?page=1"))).WithMetadata(read);
        orders.MapGet("/{id:long}/items/{itemId:long}", (HttpContext http, long id, long itemId) => WithOrder(http, id, (_, order) =>
            order.Lines.FirstOrDefault(l => l.Id == itemId) is { } line
                ? EkmEnvelope.Ok(EkmJsonMapper.Item(order, line))
                : EkmEnvelope.NotFound("itemId", $"Order item '{itemId}' not found."))).WithMetadata(read);
    }

    private EkmResult ListOrders(HttpContext http, bool isSearch)
    {
        var query = http.Request.Query;
        if (EkmPaging.Read(query, Options.DefaultPageSize, out var pagingError) is not { } paging)
            return pagingError!;
        Func<JsonElement, bool> filter = _ => true;
        Comparison<JsonElement>? order = null;
        if (isSearch)
        {
            if (ReadSearch(query, OrderSchema, out filter, out order) is { } searchError)
                return searchError;
        }
        List<JsonElement> all;
        lock (_lock)
            all = Shop(Caller(http).Username).Orders.Values.Select(o => JsonSerializer.SerializeToElement(EkmJsonMapper.Order(o), EkmJson.Wire)).ToList();
        var matching = Sort(all.Where(filter), order);
        var path = isSearch ? "/orders/search" : "/orders";
        return EkmEnvelope.Page(matching, paging, matching.Count, page => PageHref(path, query, page));
    }

    /// <summary>Compiles <c>query</c> and <c>orderby</c>, or answers 400 as the API does for an unreadable expression.</summary>
    private static EkmResult? ReadSearch(IQueryCollection query, EkmSearchSchema schema, out Func<JsonElement, bool> filter, out Comparison<JsonElement>? order)
    {
        filter = _ => true;
        order = null;
        var text = query["query"].ToString();
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                filter = EkmFilterCompiler.Compile(text, schema);
            }
            catch (EkmFilterException)
            {
                return EkmEnvelope.InvalidSearch();
            }
        }
        var orderBy = query["orderby"].ToString();
        if (!EkmOrderBy.TryCreate(orderBy, schema, out order))
            return EkmEnvelope.BadRequest("orderby", $"'{orderBy}' is not a field that results can be ordered by.");
        return null;
    }

    // LINQ's OrderBy is stable, so ties keep the id order the shop holds them in (UNCONFIRMED default order: id ascending).
    private static List<JsonElement> Sort(IEnumerable<JsonElement> items, Comparison<JsonElement>? order) =>
        order is null ? items.ToList() : items.OrderBy(e => e, Comparer<JsonElement>.Create(order)).ToList();

    // Hrefs are relative to the API version, as in the spec's example ("/orders?page=2"): UNCONFIRMED.
    private static string PageHref(string path, IQueryCollection query, int page)
    {
        var parameters = query.Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
            .Prepend(new KeyValuePair<string, string?>("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return path + QueryString.Create(parameters).Value;
    }

    /// <summary>Runs <paramref name="action"/> on the caller's order under the lock, or answers the spec's 404.</summary>
    private EkmResult WithOrder(HttpContext http, long id, Func<EkmShop, EkmStoredOrder, EkmResult> action)
    {
        lock (_lock)
        {
            var shop = Shop(Caller(http).Username);
            return shop.Orders.TryGetValue(id, out var order)
                ? action(shop, order)
                : EkmEnvelope.NotFound("id", $"Order '{id}' not found.");
        }
    }
}
