using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.ClickAndDrop;

// The simulated API itself: authentication, rate limit, faults, then one handler per endpoint.
public sealed partial class ClickAndDropSimulator
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly HashSet<string> DocumentTypes = new(StringComparer.Ordinal) { "postageLabel", "despatchNote", "CN22", "CN23" };

    private void MapApi(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPrefix);
        api.MapGet("/version", () => Results.Json(new
        {
            commit = "sandbox",
            build = "1",
            release = "sandbox",
            releaseDate = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        }, Json));
        api.MapPost("/orders", Route(isCreate: true, CreateOrdersAsync));
        api.MapGet("/orders", Route(isCreate: false, (ctx, account) => Task.FromResult(ListOrders(ctx, account))));
        api.MapPut("/orders/status", Route(isCreate: false, UpdateStatusAsync));
        api.MapGet("/orders/{orderIdentifiers}", Route(isCreate: false, (ctx, account) => Task.FromResult(GetOrders(ctx, account))));
        api.MapDelete("/orders/{orderIdentifiers}", Route(isCreate: false, (ctx, account) => Task.FromResult(DeleteOrders(ctx, account))));
        api.MapGet("/orders/{orderIdentifiers}/label", Route(isCreate: false, (ctx, account) => Task.FromResult(GetLabel(ctx, account))));
    }

    // Typed as Delegate so minimal APIs write the returned IResult (a bare HttpContext lambda would be a RequestDelegate).
    private Delegate Route(bool isCreate, Func<HttpContext, ClickAndDropAccountState, Task<IResult>> handler) =>
        (HttpContext ctx) => Guarded(ctx, isCreate, account => handler(ctx, account));

    private async Task<IResult> Guarded(HttpContext ctx, bool isCreate, Func<ClickAndDropAccountState, Task<IResult>> handler)
    {
        var rawTarget = RawTarget(ctx);
        var key = ctx.Request.Headers.Authorization.ToString().Trim();
        // Accept both forms clients use: the raw key and "Bearer <key>" (which one the real API wants is unconfirmed).
        if (key.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) key = key["Bearer ".Length..].Trim();

        ClickAndDropAccountState? account;
        IResult? fault = null;
        TimeSpan latency;
        lock (_lock)
        {
            account = key.Length == 0 ? null : _accounts.Values.FirstOrDefault(a => string.Equals(a.ApiKey, key, StringComparison.Ordinal));
            if (account is null)
                return Results.StatusCode(StatusCodes.Status401Unauthorized); // the spec's 401 has no body

            var now = Time.GetUtcNow();
            account.Requests++;
            if (isCreate) account.CreateRequests++;
            while (account.RecentRequests.Count > 0 && account.RecentRequests.Peek() <= now - TimeSpan.FromSeconds(1))
                account.RecentRequests.Dequeue();
            account.RecentRequests.Enqueue(now);
            account.MaxRequestsInOneSecond = Math.Max(account.MaxRequestsInOneSecond, account.RecentRequests.Count);

            if (account.RecentRequests.Count > RequestsPerSecond)
            {
                account.RateLimited++;
                fault = TooManyRequests(ctx, 1);
            }
            else if (account.FailNext > 0)
            {
                account.FailNext--;
                fault = Error(StatusCodes.Status500InternalServerError, "InternalServerError", "Injected failure.");
            }
            else if (account.RateLimitNext > 0)
            {
                account.RateLimitNext--;
                fault = TooManyRequests(ctx, account.RateLimitRetryAfterSeconds);
            }
            latency = account.Latency;
        }

        if (latency > TimeSpan.Zero)
            await Task.Delay(latency, Time, ctx.RequestAborted);
        var result = fault ?? await handler(account);
        lock (_lock)
            account.Log.Add(new(Time.GetUtcNow(), account.Id, ctx.Request.Method, rawTarget, (result as IStatusCodeHttpResult)?.StatusCode ?? 200));
        return result;
    }

    private async Task<IResult> CreateOrdersAsync(HttpContext ctx, ClickAndDropAccountState account)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Error(400, "InvalidJson", "The request body is not valid JSON.", ex.Message);
        }
        if (body is not JsonObject root || root["items"] is not JsonArray items || items.Count == 0)
            return Error(400, "InvalidRequest", "The request must be an object with a non-empty 'items' array.");
        if (items.Any(i => i is not JsonObject))
            return Error(400, "InvalidRequest", "Every element of 'items' must be an order object.");

        var created = new List<object>();
        var failed = new List<object>();
        CreateThenFailMode then;
        TimeSpan stallFor;
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            foreach (var item in items.Cast<JsonObject>())
            {
                var errors = ClickAndDropOrderValidator.Validate(item);
                if (errors.Count > 0)
                {
                    failed.Add(new
                    {
                        order = item.DeepClone(),
                        errors = errors.Select(e => new
                        {
                            errorCode = e.ErrorCode,
                            errorMessage = e.ErrorMessage,
                            fields = e.Fields.Select(f => new { fieldName = f.FieldName, value = f.Value }),
                        }),
                    });
                    continue;
                }
                var order = CreateOrderLocked(account, item, now);
                created.Add(new
                {
                    orderIdentifier = order.OrderIdentifier,
                    orderReference = order.OrderReference,
                    createdOn = order.CreatedOn,
                    orderDate = order.OrderDate,
                    packages = Array.Empty<object>(),
                });
            }
            then = account.CreateThenFail;
            stallFor = account.StallFor;
            account.CreateThenFail = CreateThenFailMode.None;
        }

        var response = Results.Json(new { successCount = created.Count, errorsCount = failed.Count, createdOrders = created, failedOrders = failed }, Json);
        switch (then)
        {
            case CreateThenFailMode.ServerError:
                return Error(500, "InternalServerError", "Injected failure after the orders were created.");
            case CreateThenFailMode.Stall:
                try { await Task.Delay(stallFor, Time, ctx.RequestAborted); }
                catch (OperationCanceledException) { return Results.Empty; } // the client gave up, as intended
                return response;
            default:
                return response;
        }
    }

    private IResult GetOrders(HttpContext ctx, ClickAndDropAccountState account)
    {
        if (!TryIdentifiers(ctx, out var identifiers, out var problem)) return problem!;
        List<SimulatedClickAndDropOrder> found;
        lock (_lock) found = Find(account, identifiers);
        return found.Count == 0 ? Results.NotFound() : Results.Json(found.Select(OrderInfo), Json);
    }

    private IResult DeleteOrders(HttpContext ctx, ClickAndDropAccountState account)
    {
        if (!TryIdentifiers(ctx, out var identifiers, out var problem)) return problem!;
        var deleted = new List<object>();
        var errors = new List<object>();
        lock (_lock)
        {
            foreach (var identifier in identifiers)
            {
                var matches = Find(account, [identifier]);
                if (matches.Count == 0)
                    errors.Add(new { orderIdentifier = identifier.OrderIdentifier, orderReference = identifier.OrderReference, code = "NotFound", message = "Order not found." });
                foreach (var order in matches)
                {
                    _orders[order.OrderIdentifier] = order with { Deleted = true };
                    deleted.Add(new { orderIdentifier = order.OrderIdentifier, orderReference = order.OrderReference, orderInfo = "Deleted" });
                }
            }
        }
        return Results.Json(new { deletedOrders = deleted, errors }, Json);
    }

    private async Task<IResult> UpdateStatusAsync(HttpContext ctx, ClickAndDropAccountState account)
    {
        JsonNode? body;
        try { body = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted); }
        catch (JsonException) { return OrderErrors(null, null, "InvalidJson", "The request body is not valid JSON."); }
        if (body is not JsonObject root || root["items"] is not JsonArray items || items.Count == 0)
            return OrderErrors(null, null, "InvalidRequest", "The request must be an object with a non-empty 'items' array.");
        if (items.Count > 100)
            return OrderErrors(null, null, "TooManyItems", "At most 100 items per request.");

        var updated = new List<object>();
        var errors = new List<object>();
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            foreach (var item in items.OfType<JsonObject>())
            {
                var id = item["orderIdentifier"] is JsonValue idValue && idValue.TryGetValue<long>(out var n) ? n : (long?)null;
                var reference = item["orderReference"] is JsonValue refValue && refValue.TryGetValue<string>(out var r) ? r : null;
                var status = item["status"] is JsonValue statusValue && statusValue.TryGetValue<string>(out var s) ? s : null;
                if ((id is null) == (reference is null))
                {
                    errors.Add(new { orderIdentifier = id, orderReference = reference, status, code = "InvalidIdentifier", message = "Give exactly one of orderIdentifier and orderReference." });
                    continue;
                }
                if (status is not ("new" or "despatched" or "despatchedByOtherCourier"))
                {
                    errors.Add(new { orderIdentifier = id, orderReference = reference, status, code = "InvalidStatus", message = "status must be new, despatched or despatchedByOtherCourier." });
                    continue;
                }
                var matches = Find(account, [new ClickAndDropIdentifier(id, reference)]);
                if (matches.Count == 0)
                {
                    errors.Add(new { orderIdentifier = id, orderReference = reference, status, code = "NotFound", message = "Order not found." });
                    continue;
                }
                foreach (var order in matches)
                {
                    _orders[order.OrderIdentifier] = status == "new"
                        ? order with { PrintedOn = null, TrackingNumber = null, ShippedOn = null } // un-batches and voids the label
                        : order with { ShippedOn = order.ShippedOn ?? now };
                    updated.Add(new { orderIdentifier = order.OrderIdentifier, orderReference = order.OrderReference, status });
                }
            }
        }
        return Results.Json(new { updatedOrders = updated, errors }, Json);
    }

    private IResult ListOrders(HttpContext ctx, ClickAndDropAccountState account)
    {
        var query = ctx.Request.Query;
        var pageSize = 25;
        if (query.TryGetValue("pageSize", out var size) && (!int.TryParse(size, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 100))
            return Error(400, "InvalidPageSize", "pageSize must be between 1 and 100.");
        if (!TryDate(query["startDateTime"], out var start) || !TryDate(query["endDateTime"], out var end))
            return Error(400, "InvalidDateTime", "startDateTime and endDateTime must be date-times.");
        long after = 0;
        if (query.TryGetValue("continuationToken", out var token) && !long.TryParse(token, CultureInfo.InvariantCulture, out after))
            return Error(400, "InvalidContinuationToken", "The continuation token is not one this API issued.");

        List<SimulatedClickAndDropOrder> page;
        bool more;
        lock (_lock)
        {
            var matching = _orders.Values
                .Where(o => o.AccountId == account.Id && !o.Deleted && o.OrderIdentifier > after)
                .Where(o => (start is null || o.CreatedOn >= start) && (end is null || o.CreatedOn <= end))
                .Take(pageSize + 1)
                .ToList();
            more = matching.Count > pageSize;
            page = matching.Take(pageSize).ToList();
        }
        var next = more ? page[^1].OrderIdentifier.ToString(CultureInfo.InvariantCulture) : null;
        return Results.Json(new { orders = page.Select(OrderInfo), continuationToken = next }, Json);
    }

    private IResult GetLabel(HttpContext ctx, ClickAndDropAccountState account)
    {
        if (!account.IsOba)
            return Results.StatusCode(StatusCodes.Status403Forbidden); // labels through the API are for OBA accounts only
        var documentType = ctx.Request.Query["documentType"].ToString();
        if (!DocumentTypes.Contains(documentType))
            return OrderErrors(null, null, "InvalidDocumentType", "documentType must be postageLabel, despatchNote, CN22 or CN23.");
        if (documentType == "postageLabel" && !bool.TryParse(ctx.Request.Query["includeReturnsLabel"], out _))
            return OrderErrors(null, null, "InvalidIncludeReturnsLabel", "includeReturnsLabel (true or false) is required for postageLabel.");
        if (!TryIdentifiers(ctx, out var identifiers, out var problem)) return problem!;

        List<SimulatedClickAndDropOrder> found;
        lock (_lock) found = Find(account, identifiers);
        if (found.Count == 0) return Results.NotFound();
        var unpaid = found.FirstOrDefault(o => o.PrintedOn is null || o.TrackingNumber is null);
        if (unpaid is not null)
            return OrderErrors(unpaid.OrderIdentifier, unpaid.OrderReference, "PostageNotApplied", "Postage has not been applied to this order yet.");

        var pages = found.Select(o => (IReadOnlyList<string>)
        [
            "Royal Mail - Click & Drop (sandbox)",
            documentType,
            "Tracking: " + o.TrackingNumber,
            "Order: " + o.OrderIdentifier.ToString(CultureInfo.InvariantCulture),
            "Ref: " + o.OrderReference,
        ]).ToList();
        return Results.File(LabelPdf.Create(pages), "application/pdf");
    }

    private bool TryIdentifiers(HttpContext ctx, out IReadOnlyList<ClickAndDropIdentifier> identifiers, out IResult? problem)
    {
        identifiers = [];
        problem = null;
        var segment = ClickAndDropIdentifierParser.RawSegment(RawTarget(ctx));
        string? error = "No order identifiers.";
        if (segment is null || !ClickAndDropIdentifierParser.TryParse(segment, out identifiers, out error))
        {
            problem = OrderErrors(null, null, "InvalidOrderIdentifiers", error ?? "Invalid order identifiers.");
            return false;
        }
        if (identifiers.Count > ClickAndDropIdentifierParser.MaxIdentifiers)
        {
            problem = OrderErrors(null, null, "TooManyOrderIdentifiers", $"At most {ClickAndDropIdentifierParser.MaxIdentifiers} order identifiers per request.");
            return false;
        }
        return true;
    }

    /// <summary>Orders of the account matching the identifiers, in identifier order, each once; a reference can match several.</summary>
    private List<SimulatedClickAndDropOrder> Find(ClickAndDropAccountState account, IReadOnlyList<ClickAndDropIdentifier> identifiers)
    {
        var result = new List<SimulatedClickAndDropOrder>();
        var seen = new HashSet<long>();
        foreach (var identifier in identifiers)
        {
            var matches = identifier.OrderIdentifier is { } id
                ? _orders.TryGetValue(id, out var o) ? [o] : []
                : _orders.Values.Where(x => string.Equals(x.OrderReference, identifier.OrderReference, StringComparison.Ordinal));
            result.AddRange(matches.Where(m => m.AccountId == account.Id && !m.Deleted && seen.Add(m.OrderIdentifier)));
        }
        return result;
    }

    private static object OrderInfo(SimulatedClickAndDropOrder o) => new
    {
        orderIdentifier = o.OrderIdentifier,
        orderReference = o.OrderReference,
        createdOn = o.CreatedOn,
        orderDate = o.OrderDate,
        printedOn = o.PrintedOn,
        manifestedOn = o.ManifestedOn,
        shippedOn = o.ShippedOn,
        trackingNumber = o.TrackingNumber,
        packages = o.TrackingNumber is null ? [] : new[] { new { packageNumber = 1, trackingNumber = o.TrackingNumber } },
    };

    private static IResult TooManyRequests(HttpContext ctx, int retryAfterSeconds)
    {
        ctx.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }

    private static IResult Error(int status, string code, string message, string? details = null) =>
        Results.Json(new { code, message, details }, Json, statusCode: status);

    private static IResult OrderErrors(long? orderIdentifier, string? orderReference, string code, string message) =>
        Results.Json(new[] { new { accountOrderNumber = orderIdentifier, channelOrderReference = orderReference, code, message } }, Json, statusCode: 400);

    private static bool TryDate(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)) return false;
        value = parsed;
        return true;
    }

    private static string RawTarget(HttpContext ctx) =>
        ctx.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : ctx.Request.Path + ctx.Request.QueryString;
}
