using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Sandbox.Ecomdash.EndpointExtensions;

namespace Sandbox.Ecomdash;

/// <summary>
/// Inventory, as the portal documents it: getProducts by sku or upc only, the paged product list (the only way to
/// match on EAN), one product by id, quantity on hand per warehouse; and PUT /Inventory for the price (path inferred).
/// </summary>
internal sealed class InventoryEndpoints(EcomdashSimulator sim)
{
    private static readonly string[] IdTypes = ["sku", "upc"];

    // The back end stores quantities in a bounded column (limit UNCONFIRMED); unbounded ones would overflow the totals.
    private const decimal MaxQuantity = 1_000_000_000m;
    private static readonly string[] Includes = ["Storefronts", "GlobalListingAttributes", "Supplier", "Images", "Warehouses", "KitComponents", "BuildComponents"];

    // The product model's members a PUT may carry; the simulator applies Name and GlobalListingAttributes.Price.
    private static readonly string[] ProductMembers =
    [
        "Id", "CompanyId", "Sku", "Name", "Type", "QuantityOnHand", "Identifiers", "IsActive", "IsAutoSyncEnabled", "IsDiscontinued",
        "IsDropshipped", "IsFireArm", "IsVariation", "SupplierInformation", "GlobalListingAttributes", "Images", "Warehouses",
        "Storefronts", "KitComponents", "BuildComponents", "Notes", "ParentSku", "ChildSku", "CreatedDate",
    ];

    public void Map(RouteGroupBuilder api)
    {
        api.MapPost("/inventory/getProducts", (HttpRequest request) => GetProductsAsync(request)).Is(EcomdashOperations.GetProducts);
        api.MapGet("/Inventory", (HttpRequest request) => List(request)).Is(EcomdashOperations.GetInventory);
        api.MapGet("/Inventory/{id}", (string id, HttpRequest request) => GetOne(id, request)).Is(EcomdashOperations.GetProduct);
        api.MapPost("/inventory/updateQuantityOnHand", (HttpRequest request) => UpdateQuantityAsync(request)).Is(EcomdashOperations.UpdateQuantityOnHand);
        api.MapPut("/Inventory", (HttpRequest request) => UpdateProductAsync(request)).Is(EcomdashOperations.UpdateProduct);
    }

    // {idType: "sku"|"upc", idList: [..]}: active products only; SKUs match case-insensitively, UPCs exactly, and a
    // UPC shared by several products returns them all.
    private async Task<IResult> GetProductsAsync(HttpRequest request)
    {
        var body = (await RequestJson.ReadObjectAsync(request)).AllowOnly("idType", "idList");
        var idType = body.String("idType");
        var ids = body.Array("idList")?.Select((e, i) => IdText(e, i)).ToList();
        if (idType is null)
            return Envelope(EcomdashEnvelope.Failure("idType is required."));
        if (!IdTypes.Contains(idType, StringComparer.Ordinal))
            return Envelope(EcomdashEnvelope.Failure($"'{idType}' is not a valid idType. Valid values are 'sku' and 'upc'."));
        if (ids is not { Count: > 0 })
            return Envelope(EcomdashEnvelope.Failure("idList must contain at least one id."));

        var account = request.EcomdashAccount();
        lock (sim.Lock)
        {
            var matches = account.Products
                .Where(p => p.IsActive && ids.Any(id => idType == "sku"
                    ? string.Equals(p.Sku, id, StringComparison.OrdinalIgnoreCase)
                    : p.Upc is not null && p.Upc == id))
                .Select(ProductMatchDto.From)
                .ToList();
            return Envelope(EcomdashEnvelope.Success(matches));
        }
    }

    // ?pageNumber&resultsPerPage&Type=Product|Kit|Built&Sku=<contains>&include=<comma list>; active products, by id.
    // Other filters on the portal (supplier, created / quantity-changed since) are not simulated and are ignored.
    private IResult List(HttpRequest request)
    {
        var (paging, pagingProblem) = request.QueryPaging();
        var type = (string?)request.Query["Type"];
        var sku = (string?)request.Query["Sku"];
        var include = ((string?)request.Query["include"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (pagingProblem is not null)
            return Envelope(EcomdashEnvelope.Failure(pagingProblem));
        if (!string.IsNullOrEmpty(type) && !EcomdashSimulator.ProductTypes.Contains(type, StringComparer.Ordinal))
            return Envelope(EcomdashEnvelope.Failure($"'{type}' is not a valid Type. Valid values are {string.Join(", ", EcomdashSimulator.ProductTypes)}."));
        if (include.FirstOrDefault(i => !Includes.Contains(i, StringComparer.Ordinal)) is { } unknown)
            return Envelope(EcomdashEnvelope.Failure($"'{unknown}' is not a valid include. Valid values are {string.Join(", ", Includes)}."));

        var account = request.EcomdashAccount();
        lock (sim.Lock)
        {
            var products = account.Products
                .Where(p => p.IsActive)
                .Where(p => string.IsNullOrEmpty(type) || p.Type == type)
                .Where(p => string.IsNullOrEmpty(sku) || p.Sku.Contains(sku, StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p.Id)
                .Select(p => ProductDto.From(p, account, include.ToHashSet(StringComparer.Ordinal)))
                .ToList();
            var (page, pages) = paging.Apply(products);
            return Envelope(EcomdashEnvelope.Success(page, pages));
        }
    }

    // The portal's sample answers the bare product, not an envelope. Inactive products too.
    private IResult GetOne(string id, HttpRequest request)
    {
        var productId = DecimalId.FromRoute(id, "id");
        var account = request.EcomdashAccount();
        lock (sim.Lock)
        {
            var product = DecimalId.ToLong(productId) is { } known ? account.Products.FirstOrDefault(p => p.Id == known) : null;
            return product is null
                ? WebApiResponses.NotFound($"No product with an Id of {productId} was found.")
                : new EcomdashJsonResult(StatusCodes.Status200OK, ProductDto.From(product, account, Includes.ToHashSet(StringComparer.Ordinal)));
        }
    }

    // [{Sku, Quantity, WarehouseId?}]: sets the quantity on hand in that warehouse (the default one when absent).
    // "Index N: No active products with SKU 'x' were found." is the portal's own wording.
    private async Task<IResult> UpdateQuantityAsync(HttpRequest request)
    {
        var updates = (await RequestJson.ReadArrayAsync(request)).Select((e, i) =>
        {
            var item = RequestObject.From(e, $"request[{i}]").AllowOnly("Sku", "Quantity", "WarehouseId");
            return (Sku: item.String("Sku"), Quantity: item.Decimal("Quantity"), WarehouseId: item.Decimal("WarehouseId"));
        }).ToList();
        if (updates.Count == 0)
            return Envelope(EcomdashEnvelope.Failure("No quantity updates were given."));

        var account = request.EcomdashAccount();
        var problems = new List<string>();
        lock (sim.Lock)
        {
            var now = sim.Time.GetUtcNow();
            for (var i = 0; i < updates.Count; i++)
            {
                var (sku, quantity, warehouseId) = updates[i];
                var product = string.IsNullOrWhiteSpace(sku) ? null : account.ActiveProductBySku(sku);
                var warehouse = warehouseId is null ? account.DefaultWarehouse
                    : DecimalId.ToLong(warehouseId) is { } wid ? account.Warehouses.FirstOrDefault(w => w.Id == wid) : null;
                var problem =
                    string.IsNullOrWhiteSpace(sku) ? "Sku is required."
                    : quantity is null ? "Quantity is required."
                    : quantity < 0 ? "Quantity cannot be negative."
                    : quantity >= MaxQuantity ? $"Quantity must be less than {MaxQuantity}."
                    : product is null ? $"No active products with SKU '{sku}' were found."
                    : warehouse is null ? $"No warehouse with an Id of {warehouseId} was found."
                    : null;
                if (problem is not null)
                {
                    problems.Add($"Index {i}: {problem}");
                    continue;
                }
                product!.Stock[warehouse!.Id] = quantity!.Value;
                account.QuantityUpdates.Add(new EcomdashQuantityUpdate(now, product.Id, product.Sku, warehouse.Id, quantity.Value));
            }
        }
        return Envelope(EcomdashEnvelope.FromItems(updates.Count - problems.Count, problems));
    }

    // The whole product, as GET /Inventory/{id} gave it: Id, Sku (unchanged) and Name required, because whether
    // omitted members are cleared is UNCONFIRMED; only Name and GlobalListingAttributes.Price are applied.
    private async Task<IResult> UpdateProductAsync(HttpRequest request)
    {
        var body = (await RequestJson.ReadObjectAsync(request)).AllowOnly(ProductMembers);
        var id = body.Decimal("Id");
        var sku = body.String("Sku");
        var name = body.String("Name");
        var price = body.Object("GlobalListingAttributes")?
            .AllowOnly("ProductId", "SoldAsName", "ShortDescription", "LongDescription", "Price", "Condition")
            .Decimal("Price");

        var account = request.EcomdashAccount();
        lock (sim.Lock)
        {
            var product = DecimalId.ToLong(id) is { } known ? account.Products.FirstOrDefault(p => p.Id == known) : null;
            var problem =
                id is null ? "Id is required."
                : product is null ? $"No product with an Id of {id} was found."
                : string.IsNullOrWhiteSpace(sku) ? "Sku is required."
                : !string.Equals(sku, product.Sku, StringComparison.OrdinalIgnoreCase) ? $"Sku '{sku}' does not match product {id}'s SKU '{product.Sku}'."
                : string.IsNullOrWhiteSpace(name) ? "Name is required."
                : price < 0 ? "GlobalListingAttributes.Price cannot be negative."
                : null;
            if (problem is not null)
                return Envelope(EcomdashEnvelope.Failure(problem));

            product!.Name = name!;
            if (price is { } newPrice)
            {
                account.PriceUpdates.Add(new EcomdashPriceUpdate(sim.Time.GetUtcNow(), product.Id, product.Sku, product.Price, newPrice));
                product.Price = newPrice;
            }
            return Envelope(EcomdashEnvelope.Success(ProductDto.From(product, account, Includes.ToHashSet(StringComparer.Ordinal))));
        }
    }

    private static string IdText(JsonElement element, int index) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        _ => throw new InvalidRequestException($"request.idList[{index}]", $"Expected a string, found {RequestJson.Describe(element)}."),
    };
}
