using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sandbox.BigCommerce.Api;
using Sandbox.BigCommerce.State;

namespace Sandbox.BigCommerce;

// v3 /hooks under /bigcommerce/api/stores/{hash}/v3/hooks (admission is done by the group's filter). A hook belongs to
// the app that made it; requests carry only the store token, so here every hook made through the API is the registered
// app's. v3 answers {data, meta}; errors {status, title, type, errors}.
public sealed partial class BigCommerceSimulator
{
    /// <summary>BigCommerce's limit: hooks per store, client and scope.</summary>
    public const int MaxHooksPerScope = 10;

    private void MapHookRoutes(RouteGroupBuilder hooks)
    {
        hooks.MapGet("", (string hash, HttpRequest request) => ListHooks(hash, request.Query));
        hooks.MapPost("", async (string hash, HttpRequest request) => SaveHook(hash, null, await ReadJsonAsync(request)));
        hooks.MapGet("/{id:long}", (string hash, long id) => WithHook(hash, id, (_, hook) => V3Item(hook)));
        hooks.MapPut("/{id:long}", async (string hash, long id, HttpRequest request) => SaveHook(hash, id, await ReadJsonAsync(request)));
        hooks.MapDelete("/{id:long}", (string hash, long id) => WithHook(hash, id, (store, hook) =>
        {
            store.Hooks.Remove(hook.Id);
            return V3Item(hook);
        }));
    }

    private V2Result ListHooks(string hash, IQueryCollection query)
    {
        lock (_lock)
        {
            IEnumerable<BigCommerceHook> hooks = OwnHooks(Store(hash)).OrderBy(h => h.Id);
            if (bool.TryParse(query["is_active"], out var active))
                hooks = hooks.Where(h => h.IsActive == active);
            if (query["scope"].ToString() is { Length: > 0 } scope)
                hooks = hooks.Where(h => h.Scope == scope);
            if (query["destination"].ToString() is { Length: > 0 } destination)
                hooks = hooks.Where(h => h.Destination == destination);
            var all = hooks.ToList();
            var limit = int.TryParse(query["limit"], out var l) ? Math.Clamp(l, 1, 250) : 50;
            var page = int.TryParse(query["page"], out var p) ? Math.Max(1, p) : 1;
            var slice = all.Skip((page - 1) * limit).Take(limit).Select(HookJson).ToList();
            var totalPages = Math.Max(1, (all.Count + limit - 1) / limit);
            return new V2Result(200, new
            {
                data = slice,
                meta = new { pagination = new { total = all.Count, count = slice.Count, per_page = limit, current_page = page, total_pages = totalPages } },
            });
        }
    }

    /// <summary>Creates (id null) or updates a hook from <c>{scope, destination, is_active, headers}</c>; an update may leave fields out.</summary>
    private V2Result SaveHook(string hash, long? id, JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } b)
            return V3Error(400, "The request body is not valid JSON.", new Dictionary<string, string>());
        lock (_lock)
        {
            var store = Store(hash);
            BigCommerceHook? existing = null;
            if (id is { } hookId && (existing = OwnHooks(store).FirstOrDefault(h => h.Id == hookId)) is null)
                return V3Error(404, "Webhook not found.", new Dictionary<string, string>());
            var scope = String(b, "scope") ?? existing?.Scope;
            var destination = String(b, "destination") ?? existing?.Destination;
            var isActive = b.TryGetProperty("is_active", out var a) && a.ValueKind is JsonValueKind.True or JsonValueKind.False ? a.GetBoolean() : existing?.IsActive ?? true;
            var headers = b.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object
                ? h.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.ToString())
                : existing?.Headers ?? new Dictionary<string, string>();
            if (scope is null || !BigCommerceScopes.Known.Contains(scope))
                return V3Error(422, "Invalid scope.", new Dictionary<string, string> { ["scope"] = $"'{scope}' is not a webhook scope." });
            if (DestinationError(destination) is { } error)
                return V3Error(422, "Invalid destination.", new Dictionary<string, string> { ["destination"] = error });
            if (existing is null && OwnHooks(store).Count(x => x.Scope == scope) >= MaxHooksPerScope)
                return V3Error(422, "Too many webhooks.", new Dictionary<string, string> { ["scope"] = $"At most {MaxHooksPerScope} webhooks per store, app and scope." });
            var now = Time.GetUtcNow();
            var hook = new BigCommerceHook(existing?.Id ?? _nextHookId++, existing?.ClientId ?? AppClientId, store.Hash, scope, destination!, isActive, headers,
                existing?.CreatedAt ?? now, now);
            store.Hooks[hook.Id] = hook;
            return V3Item(hook);
        }
    }

    /// <summary>BigCommerce delivers only to https on port 443; local runs may allow http (see <see cref="BigCommerceWebhookBehaviour.AllowHttpDestinations"/>).</summary>
    private string? DestinationError(string? destination)
    {
        if (destination is null || !Uri.TryCreate(destination, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return "The destination must be an absolute https URL.";
        if (_webhookBehaviour.AllowHttpDestinations)
            return null;
        return uri.Scheme == "https" && uri.Port == 443 ? null : "The destination must be https on port 443.";
    }

    private V2Result WithHook(string hash, long id, Func<SimStore, BigCommerceHook, V2Result> action)
    {
        lock (_lock)
        {
            var store = Store(hash);
            return OwnHooks(store).FirstOrDefault(h => h.Id == id) is { } hook ? action(store, hook) : V3Error(404, "Webhook not found.", new Dictionary<string, string>());
        }
    }

    private string AppClientId => _app?.ClientId ?? "unregistered-app";

    private List<BigCommerceHook> OwnHooks(SimStore store) => store.Hooks.Values.Where(h => h.ClientId == AppClientId).ToList();

    private static V2Result V3Item(BigCommerceHook hook) => new(200, new { data = HookJson(hook), meta = new { } });

    private static V2Result V3Error(int status, string title, Dictionary<string, string> errors) =>
        new(status, new { status, title, type = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes", errors });

    private static object HookJson(BigCommerceHook h) => new
    {
        id = h.Id,
        client_id = h.ClientId,
        store_hash = h.StoreHash,
        created_at = h.CreatedAt.ToUnixTimeSeconds(),
        updated_at = h.UpdatedAt.ToUnixTimeSeconds(),
        scope = h.Scope,
        destination = h.Destination,
        is_active = h.IsActive,
        headers = h.Headers,
    };

    private static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
