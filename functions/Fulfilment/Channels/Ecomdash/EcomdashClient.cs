using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulfilment.Channels.Ecomdash.Dtos;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>One page of a paged list, with what the envelope said.</summary>
public sealed record EcomdashPage<T>(IReadOnlyList<T> Items, int? TotalPages, EcomdashStatus Status, IReadOnlyList<string> Messages);

/// <summary>The envelope of a per-item operation (quantities, tracking): its status and the "Index N: …" messages.</summary>
public sealed record EcomdashItemResults(EcomdashStatus Status, IReadOnlyList<string> Messages);

/// <summary>
/// Calls the Ecomdash API for one merchant at a time, with both keys. A singleton: each call takes a pooled HttpClient
/// ("ecomdash", with its resilience pipeline and the merchant's shared quota and concurrency slots). Every envelope is
/// checked: a Failure throws <see cref="EcomdashException"/> (Rejected), except on per-item operations, whose
/// results the caller reads; a Partial Success answers its data.
/// </summary>
public sealed class EcomdashClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<EcomdashOptions> options)
{
    public const string HttpClientName = "ecomdash";
    public const string DeveloperKeyHeader = "Ocp-Apim-Subscription-Key";
    public const string MerchantKeyHeader = "ecd-subscription-key";
    public const string ApplicationIdHeader = "application-id";
    /// <summary>The most a page may hold (the portal: "maximum returned in one call is 200").</summary>
    public const int MaxPageSize = 200;

    /// <summary>POST orders/getOrders with a filter body (built by <see cref="EcomdashMapper"/>; UNCONFIRMED shape).</summary>
    public async Task<EcomdashPage<EdOrder>> GetOrdersAsync(EcomdashMerchant merchant, JsonObject filter, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(merchant, EcomdashOperations.GetOrders, HttpMethod.Post, "orders/getOrders", filter, cancellationToken);
        return Page<EdOrder>(EnsureNotFailed(envelope, EcomdashOperations.GetOrders), EcomdashOperations.GetOrders);
    }

    /// <summary>POST orders/getOrder {OrderId} (body UNCONFIRMED).</summary>
    public async Task<EdOrder> GetOrderAsync(EcomdashMerchant merchant, string orderId, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(merchant, EcomdashOperations.GetOrder, HttpMethod.Post, "orders/getOrder",
            new JsonObject { ["OrderId"] = EcomdashIds.Parse(orderId, "order id") }, cancellationToken);
        return Data<EdOrder>(EnsureNotFailed(envelope, EcomdashOperations.GetOrder), EcomdashOperations.GetOrder)
            ?? throw EcomdashException.Invalid($"Ecomdash answered no order for {orderId}.");
    }

    /// <summary>An order's line items, body {OrderId} (portal); path UNCONFIRMED (<see cref="EcomdashOptions.OrderLineItemsPath"/>).</summary>
    public async Task<IReadOnlyList<EdLineItem>> GetOrderLineItemsAsync(EcomdashMerchant merchant, string orderId, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(merchant, EcomdashOperations.GetOrderLineItems, HttpMethod.Post, options.CurrentValue.OrderLineItemsPath,
            new JsonObject { ["OrderId"] = EcomdashIds.Parse(orderId, "order id") }, cancellationToken);
        return Page<EdLineItem>(EnsureNotFailed(envelope, EcomdashOperations.GetOrderLineItems), EcomdashOperations.GetOrderLineItems).Items;
    }

    /// <summary>An order's shipments with their items and tracking (portal); path UNCONFIRMED (<see cref="EcomdashOptions.OrderShipmentsPath"/>).</summary>
    public async Task<IReadOnlyList<EdShipment>> GetOrderShipmentsAsync(EcomdashMerchant merchant, string orderId, CancellationToken cancellationToken)
    {
        var path = options.CurrentValue.OrderShipmentsPath.Replace("{orderId}", Uri.EscapeDataString(EcomdashIds.Text(EcomdashIds.Parse(orderId, "order id"))!), StringComparison.Ordinal);
        var envelope = await SendAsync(merchant, EcomdashOperations.GetOrderShipments, HttpMethod.Get, path, null, cancellationToken);
        return Page<EdShipment>(EnsureNotFailed(envelope, EcomdashOperations.GetOrderShipments), EcomdashOperations.GetOrderShipments).Items;
    }

    /// <summary>Shipments/Create (body UNCONFIRMED, built by <see cref="EcomdashMapper"/>): the shipment with its item ids.</summary>
    public async Task<EdShipment> CreateShipmentAsync(EcomdashMerchant merchant, JsonObject shipment, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(merchant, EcomdashOperations.CreateShipment, HttpMethod.Post, options.CurrentValue.CreateShipmentPath, shipment, cancellationToken);
        return Data<EdShipment>(EnsureNotFailed(envelope, EcomdashOperations.CreateShipment), EcomdashOperations.CreateShipment)
            ?? throw EcomdashException.Invalid("Ecomdash created a shipment but did not answer it.");
    }

    /// <summary>Shipments/submitTrackingInfo with an array of submissions (portal); each element succeeds or fails alone.</summary>
    public async Task<EcomdashItemResults> SubmitTrackingAsync(EcomdashMerchant merchant, JsonArray submissions, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(merchant, EcomdashOperations.SubmitTrackingInfo, HttpMethod.Post, "Shipments/submitTrackingInfo", submissions, cancellationToken);
        return new EcomdashItemResults(envelope.ParsedStatus, envelope.MessageList);
    }

    /// <summary>GET carriers, every page: the ids submitTrackingInfo takes.</summary>
    public Task<IReadOnlyList<EdCarrier>> GetCarriersAsync(EcomdashMerchant merchant, CancellationToken cancellationToken) =>
        AllPagesAsync<EdCarrier>(merchant, EcomdashOperations.GetCarriers, "carriers", "", cancellationToken);

    /// <summary>GET Warehouses, every page: the ids updateQuantityOnHand takes.</summary>
    public Task<IReadOnlyList<EdWarehouse>> GetWarehousesAsync(EcomdashMerchant merchant, CancellationToken cancellationToken) =>
        AllPagesAsync<EdWarehouse>(merchant, EcomdashOperations.GetWarehouses, "Warehouses", "", cancellationToken);

    /// <summary>One cheap call that needs valid keys: answers nothing, throws as any call would (403 → Authentication).</summary>
    public async Task ProbeAsync(EcomdashMerchant merchant, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(merchant, EcomdashOperations.GetWarehouses, HttpMethod.Get, "Warehouses?pageNumber=1&resultsPerPage=1", null, cancellationToken);
        EnsureNotFailed(envelope, EcomdashOperations.GetWarehouses);
    }

    /// <summary>POST inventory/getProducts {idType: "sku"|"upc", idList} (portal): active products with those ids.</summary>
    public async Task<IReadOnlyList<EdProductMatch>> GetProductsAsync(EcomdashMerchant merchant, string idType, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["idType"] = idType, ["idList"] = new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()) };
        var envelope = await SendAsync(merchant, EcomdashOperations.GetProducts, HttpMethod.Post, "inventory/getProducts", body, cancellationToken);
        return Page<EdProductMatch>(EnsureNotFailed(envelope, EcomdashOperations.GetProducts), EcomdashOperations.GetProducts).Items;
    }

    /// <summary>GET Inventory, one page of active products with their identifiers (the only place their EAN is).</summary>
    public async Task<EcomdashPage<EdProduct>> GetInventoryPageAsync(EcomdashMerchant merchant, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        var query = $"Inventory?pageNumber={pageNumber.ToString(CultureInfo.InvariantCulture)}&resultsPerPage={Math.Clamp(pageSize, 1, MaxPageSize).ToString(CultureInfo.InvariantCulture)}";
        var envelope = await SendAsync(merchant, EcomdashOperations.GetInventory, HttpMethod.Get, query, null, cancellationToken);
        return Page<EdProduct>(EnsureNotFailed(envelope, EcomdashOperations.GetInventory), EcomdashOperations.GetInventory);
    }

    /// <summary>GET Inventory/{id}: the bare product (no envelope, as the portal's sample), every block included.</summary>
    public async Task<JsonObject> GetProductAsync(EcomdashMerchant merchant, string productId, CancellationToken cancellationToken)
    {
        var path = "Inventory/" + EcomdashIds.Text(EcomdashIds.Parse(productId, "product id"));
        var body = await SendForBodyAsync(merchant, EcomdashOperations.GetProduct, HttpMethod.Get, path, null, cancellationToken);
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException ex)
        {
            throw EcomdashException.FromTransportFailure(ex, EcomdashOperations.GetProduct.Name);
        }
    }

    /// <summary>POST inventory/updateQuantityOnHand with [{Sku, Quantity, WarehouseId}] (portal); each element succeeds or fails alone.</summary>
    public async Task<EcomdashItemResults> UpdateQuantityOnHandAsync(EcomdashMerchant merchant, JsonArray updates, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(merchant, EcomdashOperations.UpdateQuantityOnHand, HttpMethod.Post, "inventory/updateQuantityOnHand", updates, cancellationToken);
        return new EcomdashItemResults(envelope.ParsedStatus, envelope.MessageList);
    }

    /// <summary>PUT Inventory with the product (path inferred, UNCONFIRMED: <see cref="EcomdashOptions.UpdateProductPath"/>).</summary>
    public async Task UpdateProductAsync(EcomdashMerchant merchant, JsonObject product, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(merchant, EcomdashOperations.UpdateProduct, HttpMethod.Put, options.CurrentValue.UpdateProductPath, product, cancellationToken);
        EnsureNotFailed(envelope, EcomdashOperations.UpdateProduct);
    }

    private async Task<IReadOnlyList<T>> AllPagesAsync<T>(EcomdashMerchant merchant, EcomdashOperation operation, string path, string query, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        for (var page = 1; ; page++)
        {
            var url = $"{path}?pageNumber={page.ToString(CultureInfo.InvariantCulture)}&resultsPerPage={MaxPageSize.ToString(CultureInfo.InvariantCulture)}{query}";
            var result = Page<T>(EnsureNotFailed(await SendAsync(merchant, operation, HttpMethod.Get, url, null, cancellationToken), operation), operation);
            all.AddRange(result.Items);
            // Stop at the last page the envelope names, or at a short page when it names none (UNCONFIRMED whether these lists page).
            if (result.Items.Count == 0 || (result.TotalPages is { } pages ? page >= pages : result.Items.Count < MaxPageSize))
                return all;
        }
    }

    private static EdEnvelope EnsureNotFailed(EdEnvelope envelope, EcomdashOperation operation) =>
        envelope.ParsedStatus == EcomdashStatus.Failure ? throw EcomdashException.Refused(operation.Name, envelope.MessageList) : envelope;

    private static EcomdashPage<T> Page<T>(EdEnvelope envelope, EcomdashOperation operation)
    {
        var items = envelope.Data.ValueKind switch
        {
            JsonValueKind.Array => Read<List<T>>(envelope.Data, operation) ?? [],
            JsonValueKind.Undefined or JsonValueKind.Null => [],
            _ => throw EcomdashException.FromTransportFailure(new JsonException($"data is {envelope.Data.ValueKind}, not a list"), operation.Name),
        };
        return new EcomdashPage<T>(items, envelope.Pagination?.TotalNumberOfPages, envelope.ParsedStatus, envelope.MessageList);
    }

    private static T? Data<T>(EdEnvelope envelope, EcomdashOperation operation) where T : class =>
        envelope.Data.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : Read<T>(envelope.Data, operation);

    private static T? Read<T>(JsonElement element, EcomdashOperation operation)
    {
        try
        {
            return element.Deserialize<T>(EcomdashJson.Options);
        }
        catch (JsonException ex)
        {
            // A malformed answer is treated like no answer: the queue retries, then parks the message.
            throw EcomdashException.FromTransportFailure(ex, operation.Name);
        }
    }

    private async Task<EdEnvelope> SendAsync(EcomdashMerchant merchant, EcomdashOperation operation, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var text = await SendForBodyAsync(merchant, operation, method, path, body, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<EdEnvelope>(text, EcomdashJson.Options)
                ?? throw new JsonException("empty body");
        }
        catch (JsonException ex)
        {
            throw EcomdashException.FromTransportFailure(ex, operation.Name);
        }
    }

    private async Task<string> SendForBodyAsync(EcomdashMerchant merchant, EcomdashOperation operation, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var request = new HttpRequestMessage(method, new Uri(settings.BaseUrl.TrimEnd('/') + "/" + path, UriKind.Absolute));
        request.Headers.TryAddWithoutValidation(DeveloperKeyHeader, settings.DeveloperKey);
        request.Headers.TryAddWithoutValidation(MerchantKeyHeader, merchant.EcdKey);
        if (merchant.ApplicationId is { } applicationId)
            request.Headers.TryAddWithoutValidation(ApplicationIdHeader, applicationId);
        request.Headers.Accept.ParseAdd("application/json");
        request.Options.Set(EcomdashRequest.LimiterKey, merchant.LimiterKey);
        request.Options.Set(EcomdashRequest.OperationKey, operation);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(EcomdashJson.Options), Encoding.UTF8, "application/json");

        var http = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw EcomdashException.FromTransportFailure(ex, operation.Name);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw await EcomdashException.FromResponseAsync(response, operation.Name, cancellationToken);
            return response.StatusCode == HttpStatusCode.NoContent ? "" : await response.Content.ReadAsStringAsync(cancellationToken);
        }
    }
}
