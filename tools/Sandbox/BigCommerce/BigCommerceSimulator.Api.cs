using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.BigCommerce;

// The v2 order API: {BaseUrl}/bigcommerce/api/stores/{hash}/v2/...
public sealed partial class BigCommerceSimulator
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 250;
    // Relaxed escaping so "+0000" is written as BigCommerce writes it, not as \u002B0000.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] AllowedProviders = ["", "auspost", "canadapost", "endicia", "usps", "fedex", "royalmail", "ups", "upsready", "shipperhq"];

    private static readonly (int Id, string Name)[] Statuses =
    [
        (0, "Incomplete"), (1, "Pending"), (2, "Shipped"), (3, "Partially Shipped"), (4, "Refunded"), (5, "Cancelled"),
        (6, "Declined"), (7, "Awaiting Payment"), (8, "Awaiting Pickup"), (9, "Awaiting Shipment"), (10, "Completed"),
        (11, "Awaiting Fulfillment"), (12, "Manual Verification Required"), (13, "Disputed"), (14, "Partially Refunded"),
    ];

    private sealed record ApiAnswer(int Status, object? Body);

    private void MapApi(WebApplication app)
    {
        app.Map("/bigcommerce/api/stores/{hash}/{**rest}", (Func<HttpContext, string, string?, Task>)HandleApiAsync);
    }

    private async Task HandleApiAsync(HttpContext ctx, string hash, string? rest)
    {
        BaseUrl ??= $"{ctx.Request.Scheme}://{ctx.Request.Host}";
        var request = ctx.Request;
        var path = "/" + (rest ?? "");
        TimeSpan latency;
        ApiAnswer? early;
        lock (_lock)
        {
            if (!_stores.TryGetValue(hash, out var store))
            {
                early = Error(404, "The requested store was not found.");
                latency = TimeSpan.Zero;
            }
            else
            {
                latency = store.Faults.Latency;
                early = Admit(store, request, ctx.Response);
            }
        }
        if (latency > TimeSpan.Zero)
            await Task.Delay(latency, Time, ctx.RequestAborted);

        ApiAnswer answer;
        if (early is not null)
        {
            answer = early;
        }
        else
        {
            JsonElement? body = null;
            if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
            {
                try
                {
                    body = (await JsonDocument.ParseAsync(request.Body, cancellationToken: ctx.RequestAborted)).RootElement;
                }
                catch (JsonException)
                {
                    body = null;
                }
            }
            lock (_lock)
                answer = Route(_stores[hash], request.Method, path, request.Query, body);
        }

        lock (_lock)
        {
            if (_stores.TryGetValue(hash, out var store))
            {
                store.Requests.Add(new BigCommerceRequestRecord(
                    request.Method, path, request.QueryString.Value ?? "",
                    request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    answer.Status, Time.GetUtcNow()));
            }
        }
        ctx.Response.StatusCode = answer.Status;
        if (answer.Status != 204 && answer.Body is not null)
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(JsonSerializer.Serialize(answer.Body, Json), ctx.RequestAborted);
        }
    }

    /// <summary>Auth, injected faults and the rate limit, in that order. Sets the rate-limit headers on every answer.</summary>
    private ApiAnswer? Admit(SimStore store, HttpRequest request, HttpResponse response)
    {
        var token = request.Headers["X-Auth-Token"].ToString();
        if (store.Token is null || !string.Equals(token, store.Token, StringComparison.Ordinal))
        {
            // UNCONFIRMED exact wording; the shape (v2 error array) is BigCommerce's.
            return Error(401, "You are not authorized to access this resource. Check the X-Auth-Token header.");
        }
        var now = Time.GetUtcNow();
        if (store.WindowStart is not { } start || now - start >= store.Window)
        {
            store.WindowStart = start = now;
            store.Used = 0;
        }
        var reset = store.Window - (now - start);

        if (store.Faults.Next500 > 0)
        {
            store.Faults = store.Faults with { Next500 = store.Faults.Next500 - 1 };
            return Error(500, "Internal Server Error");
        }
        if (store.Faults.Next429 > 0)
        {
            var f = store.Faults;
            store.Faults = f with { Next429 = f.Next429 - 1 };
            if (f.Include429Headers)
            {
                SetRateHeaders(response, store, f.RetryAfter429, left: 0);
                response.Headers["X-Retry-After"] = Math.Ceiling(f.RetryAfter429.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }
            return Error(429, "Too many requests.");
        }
        if (store.Used >= store.Quota)
        {
            SetRateHeaders(response, store, reset, left: 0);
            response.Headers["X-Retry-After"] = Math.Ceiling(reset.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Error(429, "Too many requests.");
        }
        store.Used++;
        SetRateHeaders(response, store, reset, left: store.Quota - store.Used);
        return null;
    }

    private static void SetRateHeaders(HttpResponse response, SimStore store, TimeSpan reset, int left)
    {
        response.Headers["X-Rate-Limit-Time-Window-Ms"] = ((long)store.Window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Rate-Limit-Time-Reset-Ms"] = ((long)Math.Ceiling(reset.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Rate-Limit-Requests-Quota"] = store.Quota.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Rate-Limit-Requests-Left"] = Math.Max(0, left).ToString(CultureInfo.InvariantCulture);
    }

    private ApiAnswer Route(SimStore store, string method, string path, IQueryCollection query, JsonElement? body)
    {
        var seg = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var get = HttpMethods.IsGet(method);
        if (seg.Length < 2 || seg[0] != "v2")
            return Error(404, "The requested resource was not found.");
        if (seg.Length == 2 && seg[1] == "order_statuses" && get)
            return new(200, Statuses.Select((s, i) => new { id = s.Id, name = s.Name, system_label = s.Name, custom_label = s.Name, system_description = s.Name, order = i }).ToList());
        if (seg[1] != "orders")
            return Error(404, "The requested resource was not found.");
        if (seg.Length == 2 && get)
            return ListOrders(store, query);
        if (seg.Length == 3 && seg[2] == "count" && get)
            return CountOrders(store, query);
        if (!long.TryParse(seg[2], NumberStyles.None, CultureInfo.InvariantCulture, out var orderId))
            return Error(404, "The requested resource was not found.");
        var order = store.Orders.FirstOrDefault(o => o.Id == orderId);
        if (order is null)
            return Error(404, "The requested resource was not found.");
        if (seg.Length == 3)
        {
            if (get)
                return new(200, OrderJson(store, order));
            if (HttpMethods.IsPut(method))
                return UpdateOrder(store, order, body);
        }
        if (seg.Length == 4 && get)
        {
            switch (seg[3])
            {
                case "products":
                    return Page(order.Lines.Select(l => ProductJson(order, l)), query);
                case "shipping_addresses" or "shippingaddresses":
                    return Page(order.Addresses.Select(a => AddressJson(order, a)), query);
                case "shipments":
                    return Page(store.Shipments.Where(s => s.OrderId == order.Id).Select(s => ShipmentJson(order, s)), query);
            }
        }
        if (seg.Length == 4 && seg[3] == "shipments" && HttpMethods.IsPost(method))
            return CreateShipment(store, order, body);
        return Error(HttpMethods.IsGet(method) || HttpMethods.IsPost(method) || HttpMethods.IsPut(method) ? 404 : 405, "The requested resource was not found.");
    }

    private ApiAnswer ListOrders(SimStore store, IQueryCollection query)
    {
        var orders = Filter(store.Orders, query);
        orders = Sort(orders, query["sort"].ToString());
        return Page(orders.Select(o => OrderJson(store, o)), query);
    }

    private ApiAnswer CountOrders(SimStore store, IQueryCollection query)
    {
        var orders = Filter(store.Orders, query).ToList();
        return new(200, new
        {
            statuses = Statuses.Select((s, i) => new { id = s.Id, name = s.Name, system_label = s.Name, custom_label = s.Name, count = orders.Count(o => o.StatusId == s.Id), sort_order = i }).ToList(),
            count = orders.Count,
        });
    }

    /// <summary>Like the real API, a filter whose value cannot be read is silently ignored (all orders come back).</summary>
    private static IEnumerable<SimOrder> Filter(IEnumerable<SimOrder> orders, IQueryCollection q)
    {
        if (int.TryParse(q["status_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            orders = orders.Where(o => o.StatusId == status);
        if (long.TryParse(q["min_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var minId))
            orders = orders.Where(o => o.Id >= minId);
        if (long.TryParse(q["max_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var maxId))
            orders = orders.Where(o => o.Id <= maxId);
        if (SimDates.TryParse(q["min_date_created"], out var minCreated))
            orders = orders.Where(o => o.Created >= minCreated);
        if (SimDates.TryParse(q["max_date_created"], out var maxCreated))
            orders = orders.Where(o => o.Created <= maxCreated);
        if (SimDates.TryParse(q["min_date_modified"], out var minModified))
            orders = orders.Where(o => o.Modified >= minModified);
        if (SimDates.TryParse(q["max_date_modified"], out var maxModified))
            orders = orders.Where(o => o.Modified <= maxModified);
        return orders;
    }

    private static IEnumerable<SimOrder> Sort(IEnumerable<SimOrder> orders, string sort)
    {
        var parts = sort.Split(':');
        var desc = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        Func<SimOrder, IComparable> key = parts[0] switch
        {
            "date_created" => o => o.Created,
            "date_modified" => o => o.Modified,
            "status_id" => o => o.StatusId,
            _ => o => o.Id,
        };
        // Ties broken by id, so paging is stable.
        var sorted = desc ? orders.OrderByDescending(key).ThenByDescending(o => o.Id) : orders.OrderBy(key).ThenBy(o => o.Id);
        return sorted;
    }

    /// <summary>page (default 1) and limit (default 50, max 250); an empty page is 204 No Content, as BigCommerce answers.</summary>
    private static ApiAnswer Page<T>(IEnumerable<T> items, IQueryCollection q)
    {
        var page = int.TryParse(q["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var limit = int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, MaxLimit) : DefaultLimit;
        var slice = items.Skip((page - 1) * limit).Take(limit).ToList();
        return slice.Count == 0 ? new ApiAnswer(204, null) : new ApiAnswer(200, slice);
    }

    private ApiAnswer UpdateOrder(SimStore store, SimOrder order, JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } b || !b.TryGetProperty("status_id", out var s) || !s.TryGetInt32(out var status)
            || Statuses.All(x => x.Id != status))
            return Error(400, "The field 'status_id' is invalid.");
        order.StatusId = status;
        order.Modified = Truncate(Time.GetUtcNow());
        return new(200, OrderJson(store, order));
    }

    private ApiAnswer CreateShipment(SimStore store, SimOrder order, JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } b)
            return Error(400, "The request body is not valid JSON.");
        if (!b.TryGetProperty("order_address_id", out var addressEl) || !addressEl.TryGetInt64(out var addressId))
            return Error(400, "The required field 'order_address_id' was not supplied.");
        var address = order.Addresses.FirstOrDefault(a => a.Id == addressId);
        if (address is null)
            return Error(400, "The field 'order_address_id' is invalid.");
        if (!b.TryGetProperty("items", out var itemsEl) || itemsEl.ValueKind != JsonValueKind.Array || itemsEl.GetArrayLength() == 0)
            return Error(400, "The required field 'items' was not supplied.");
        var items = new List<BigCommerceSimShipmentItem>();
        foreach (var item in itemsEl.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("order_product_id", out var pid) || !pid.TryGetInt64(out var productId)
                || !item.TryGetProperty("quantity", out var qty) || !qty.TryGetInt32(out var quantity) || quantity <= 0)
                return Error(400, "Each item needs an 'order_product_id' and a positive 'quantity'.");
            var line = order.Lines.FirstOrDefault(l => l.Id == productId && l.AddressId == addressId);
            if (line is null)
                return Error(400, "The field 'order_product_id' is invalid.");
            if (quantity > line.Quantity - line.QuantityShipped - items.Where(i => i.OrderProductId == productId).Sum(i => i.Quantity))
                return Error(400, "The quantity specified is greater than the quantity of the product that is available to ship.");
            items.Add(new BigCommerceSimShipmentItem(productId, quantity));
        }
        var tracking = Text(b, "tracking_number") ?? "";
        if (tracking.Length > 50)
            return Error(400, "The field 'tracking_number' must be at most 50 characters.");
        var provider = Text(b, "shipping_provider") ?? "";
        if (!AllowedProviders.Contains(provider) && !provider.StartsWith("carrier_", StringComparison.Ordinal))
            return Error(400, "The field 'shipping_provider' is invalid.");
        var link = Text(b, "tracking_link");
        if (link is { Length: > 500 })
            return Error(400, "The field 'tracking_link' must be at most 500 characters.");

        var now = Time.GetUtcNow();
        var shipment = new BigCommerceSimShipment(_nextShipmentId++, order.Id, addressId, tracking, provider, Text(b, "tracking_carrier") ?? "",
            Text(b, "shipping_method"), Text(b, "comments"), items, now);
        store.Shipments.Add(shipment);
        foreach (var i in items)
            order.Lines.Single(l => l.Id == i.OrderProductId).QuantityShipped += i.Quantity;
        // Shipped once every physical item has shipped; a partial shipment moves to 3 (UNCONFIRMED that BigCommerce does so).
        var physical = order.Lines.Where(l => l.Seed.Type == "physical").ToList();
        order.StatusId = physical.All(l => l.QuantityShipped >= l.Quantity) ? 2 : 3;
        if (order.StatusId == 2)
            order.Shipped = Truncate(now);
        order.Modified = Truncate(now);
        return new(201, ShipmentJson(order, shipment));
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static ApiAnswer Error(int status, string message) => new(status, new[] { new { status, message } });

    private static string Money(decimal d) => d.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string StatusName(int id) => Statuses.FirstOrDefault(s => s.Id == id).Name ?? "Unknown";

    private object OrderJson(SimStore store, SimOrder o)
    {
        var api = $"{BaseUrl}/bigcommerce/api/stores/{store.Hash}/v2/orders/{o.Id}";
        var subtotal = o.Subtotal;
        return new
        {
            id = o.Id,
            customer_id = o.CustomerId,
            date_created = SimDates.Format(o.Created),
            date_modified = SimDates.Format(o.Modified),
            date_shipped = SimDates.Format(o.Shipped),
            status_id = o.StatusId,
            status = StatusName(o.StatusId),
            subtotal_ex_tax = Money(subtotal / 1.2m),
            subtotal_inc_tax = Money(subtotal),
            subtotal_tax = Money(subtotal - subtotal / 1.2m),
            shipping_cost_ex_tax = Money(o.ShippingCost / 1.2m),
            shipping_cost_inc_tax = Money(o.ShippingCost),
            total_ex_tax = Money((subtotal + o.ShippingCost) / 1.2m),
            total_inc_tax = Money(subtotal + o.ShippingCost),
            total_tax = Money((subtotal + o.ShippingCost) - (subtotal + o.ShippingCost) / 1.2m),
            items_total = o.Lines.Sum(l => l.Quantity),
            items_shipped = o.Lines.Sum(l => l.QuantityShipped),
            payment_method = "Credit Card",
            payment_status = o.StatusId is 0 or 7 ? "" : "captured",
            currency_code = o.Currency,
            default_currency_code = o.Currency,
            order_is_digital = o.Lines.All(l => l.Seed.Type != "physical"),
            customer_message = o.CustomerMessage ?? "",
            staff_notes = "",
            channel_id = 1,
            external_id = (string?)null,
            billing_address = AddressFields(o.Billing),
            products = new { url = api + "/products", resource = $"/orders/{o.Id}/products" },
            shipping_addresses = new { url = api + "/shipping_addresses", resource = $"/orders/{o.Id}/shippingaddresses" },
            coupons = new { url = api + "/coupons", resource = $"/orders/{o.Id}/coupons" },
        };
    }

    private static Dictionary<string, object?> AddressFields(BigCommerceAddressSeed a) => new()
    {
        ["first_name"] = a.FirstName,
        ["last_name"] = a.LastName,
        ["company"] = a.Company ?? "",
        ["street_1"] = a.Street1,
        ["street_2"] = a.Street2 ?? "",
        ["city"] = a.City,
        ["state"] = a.State ?? "",
        ["zip"] = a.Zip,
        ["country"] = a.Country,
        ["country_iso2"] = a.CountryIso2,
        ["phone"] = a.Phone ?? "",
        ["email"] = a.Email ?? "",
    };

    private static object ProductJson(SimOrder o, SimLine l) => new
    {
        id = l.Id,
        order_id = o.Id,
        product_id = l.ProductId,
        variant_id = l.ProductId + 100000,
        order_address_id = l.AddressId,
        name = l.Seed.Name ?? l.Seed.Sku,
        sku = l.Seed.Sku,
        type = l.Seed.Type,
        base_price = Money(l.Price / 1.2m),
        price_ex_tax = Money(l.Price / 1.2m),
        price_inc_tax = Money(l.Price),
        price_tax = Money(l.Price - l.Price / 1.2m),
        base_total = Money(l.Price * l.Quantity / 1.2m),
        total_ex_tax = Money(l.Price * l.Quantity / 1.2m),
        total_inc_tax = Money(l.Price * l.Quantity),
        quantity = l.Quantity,
        quantity_shipped = l.QuantityShipped,
        weight = Money(l.Seed.Weight),
        width = "0.0000",
        height = "0.0000",
        depth = "0.0000",
        is_refunded = false,
        product_options = Array.Empty<object>(),
    };

    private static Dictionary<string, object?> AddressJson(SimOrder o, SimShippingAddress a)
    {
        var fields = AddressFields(a.Seed);
        fields["id"] = a.Id;
        fields["order_id"] = o.Id;
        fields["items_total"] = o.Lines.Where(l => l.AddressId == a.Id).Sum(l => l.Quantity);
        fields["items_shipped"] = o.Lines.Where(l => l.AddressId == a.Id).Sum(l => l.QuantityShipped);
        fields["shipping_method"] = a.Seed.ShippingMethod;
        fields["base_cost"] = Money(o.ShippingCost);
        fields["cost_inc_tax"] = Money(o.ShippingCost);
        fields["shipping_zone_id"] = a.Seed.CountryIso2 == "GB" ? 1 : 2;
        fields["shipping_zone_name"] = a.Seed.CountryIso2 == "GB" ? "United Kingdom" : "Rest of the World";
        return fields;
    }

    private static object ShipmentJson(SimOrder o, BigCommerceSimShipment s) => new
    {
        id = s.Id,
        order_id = s.OrderId,
        customer_id = o.CustomerId,
        order_address_id = s.OrderAddressId,
        date_created = SimDates.Format(s.CreatedAt),
        tracking_number = s.TrackingNumber,
        shipping_method = s.ShippingMethod ?? "",
        shipping_provider = s.ShippingProvider,
        tracking_carrier = s.TrackingCarrier,
        tracking_link = "",
        comments = s.Comments ?? "",
        billing_address = AddressFields(o.Billing),
        shipping_address = AddressFields(o.Addresses.First(a => a.Id == s.OrderAddressId).Seed),
        items = s.Items.Select(i => new { order_product_id = i.OrderProductId, product_id = o.Lines.First(l => l.Id == i.OrderProductId).ProductId, quantity = i.Quantity }).ToList(),
        generated_tracking_link = s.ShippingProvider == "royalmail" && s.TrackingNumber.Length > 0
            ? $"https://www.royalmail.com/track-your-item#/tracking-results/{Uri.EscapeDataString(s.TrackingNumber)}"
            : "",
    };
}
