using System.Globalization;
using System.Net.Http.Json;
using Demo;
using Fulfilment.Orders;
using Sandbox.BigCommerce;
using Sandbox.ClickAndDrop;
using Sandbox.Ecomdash;
using Sandbox.Ekart;
using Sandbox.Ekm;

namespace Chaos;

/// <summary>What a seeded channel order is, and so what the pipeline must make of it.</summary>
public enum OrderKind
{
    /// <summary>Must become exactly one carrier order, written back to its channel once.</summary>
    Eligible,
    /// <summary>Not in the import status (BigCommerce Pending/Completed, Ecomdash New, EKM Pending): never imported.</summary>
    WrongStatus,
    /// <summary>EKM: payment failed. Never imported.</summary>
    Unpaid,
    /// <summary>Created ten days ago, beyond the connection's maximum order age: never imported.</summary>
    TooOld,
    /// <summary>Nothing to ship: imported, then Skipped.</summary>
    DigitalOnly,
    /// <summary>A shipping method no mapping covers: NeedsAttention with the reason.</summary>
    Unmapped,
    /// <summary>A SKU our catalogue lacks: NeedsAttention with the reason.</summary>
    UnknownSku,
}

/// <summary>One order seeded on a channel simulator.</summary>
public sealed class SeededOrder(string channel, string connectionId, string shop, string channelOrderId, OrderKind kind)
{
    public string Channel { get; } = channel;
    public string ConnectionId { get; } = connectionId;
    /// <summary>The store hash, Ecomdash merchant id or EKM username.</summary>
    public string Shop { get; } = shop;
    public string ChannelOrderId { get; } = channelOrderId;
    public OrderKind Kind { get; } = kind;
    /// <summary>The merchant shipped it on the channel while a poll was paging: it may or may not reach the carrier.</summary>
    public bool ShippedByMerchant { get; set; }
    /// <summary>The merchant edited it while a poll was paging (it moves to the end of the keyset; still eligible).</summary>
    public bool Edited { get; set; }
    public string CarrierReference { get; } = new OrderKey(connectionId, channelOrderId).CarrierReference;
    /// <summary>The carrier its destination routes it to: Indian addresses go to Ekart by the trading name's routing rule.</summary>
    public string Carrier { get; init; } = ChaosWorld.Carrier_ClickAndDrop;
    /// <summary>The row of the summary it is counted in.</summary>
    public string Partner => $"{Channel} → {Carrier}";
    public long Id => long.Parse(ChannelOrderId, CultureInfo.InvariantCulture);

    /// <summary>Whether the pipeline records it at all (the others never pass the channel's import filter).</summary>
    public bool ExpectedImported => Kind is OrderKind.Eligible or OrderKind.DigitalOnly or OrderKind.Unmapped or OrderKind.UnknownSku;
}

/// <summary>
/// The run's merchants and carrier accounts: BigCommerce stores installed by OAuth, an Ecomdash merchant connected by
/// key, an EKM shop connected by consent, two Click &amp; Drop accounts with warehouses that despatch on their own; our
/// catalogue and mappings through the management API; and the seeded orders.
/// </summary>
public sealed class ChaosWorld
{
    public const string Channel_BigCommerce = "BigCommerce", Channel_Ecomdash = "Ecomdash", Channel_Ekm = "EKM";
    public const string Carrier_ClickAndDrop = "Click & Drop", Carrier_Ekart = "Ekart";
    public const string TradingName = "Chaos Goods Ltd";
    public const string EkartAccount = "ekart-chaos";
    public const string EkartMerchant = "FCH";
    public const string EkartToken = "fch-merchant-token-chaos";
    public const string EkartLocation = "FCH_BLR_01";
    public const string EkartWebhookSecret = "whsec-chaos-ekart-0001";
    public const string EcomdashMerchant = "chaos-ecd";
    public const string EcomdashKey = "chaos-ecd-integration-key-0001";
    public const string EcomdashConnection = "ecomdash-" + EcomdashMerchant;
    public const string EkmShop = "chaos-ekm";
    public static readonly string EkmConnection = DevStack.EkmConnectionId(EkmShop);
    public static readonly string[] CarrierAccounts = ["rm-chaos-1", "rm-chaos-2"];

    private static readonly string[] Skus = ["MUG-BLUE", "TEE-M-BLK", "POSTER-A2", "NOTEBOOK-A5", "CANDLE-SOY"];
    private static readonly string[] LightSkus = ["TEE-M-BLK", "POSTER-A2"];

    private readonly DevStack _stack;
    private readonly Random _random;
    // Stock and price our catalogue last accepted for each listed SKU; one change at a time, so the last one accepted is
    // the one Ecomdash must end with.
    private readonly Dictionary<string, (int Quantity, decimal Price)> _listingTargets = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _catalogueChanges = new(1, 1);

    public ChaosWorld(DevStack stack, Random random, int orders)
    {
        _stack = stack;
        _random = random;
        var stores = Math.Clamp(orders / 200, 2, 5);
        StoreHashes = Enumerable.Range(1, stores).Select(i => $"chaos{i:00}").ToList();
    }

    public IReadOnlyList<string> StoreHashes { get; }
    private readonly List<SeededOrder> _orders = [];

    /// <summary>Every seeded order so far (a copy: orders also arrive while the run goes on).</summary>
    public IReadOnlyList<SeededOrder> Orders
    {
        get { lock (_orders) return _orders.ToList(); }
    }

    private void Record(SeededOrder order)
    {
        lock (_orders) _orders.Add(order);
    }

    /// <summary>New eligible orders arriving on the stores while the run goes on (so that later creates happen).</summary>
    public void AddLateOrders(int count)
    {
        lock (_random)
            for (var i = 0; i < count; i++)
                SeedBigCommerce(StoreHashes[i % StoreHashes.Count], OrderKind.Eligible, late: true);
    }
    public IEnumerable<string> ConnectionIds => StoreHashes.Select(DevStack.BigCommerceConnectionId).Append(EcomdashConnection).Append(EkmConnection);

    /// <summary>Which carrier account a connection's mappings use.</summary>
    public string AccountFor(string connectionId) =>
        CarrierAccounts[Math.Abs(ConnectionIds.ToList().IndexOf(connectionId)) % CarrierAccounts.Length];

    /// <summary>Carrier accounts, catalogue, stores and connections, mappings; orders are seeded before connecting.</summary>
    public async Task SetUpAsync(int orders, CancellationToken ct)
    {
        var sandbox = _stack.Sandbox;
        // The warehouse prints and despatches on its own a few seconds after each create.
        foreach (var account in CarrierAccounts)
        {
            sandbox.ClickAndDrop.AddAccount(account, KeyOf(account), isOba: true, new ClickAndDropWarehouse(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)));
            await Ensure(_stack.Admin.PutAsJsonAsync($"manage/carrier-accounts/{account}", new
            {
                carrier = "ClickAndDrop",
                tradingName = "Chaos Goods Ltd",
                settings = new { onlineBusinessAccount = "true" },
                credentials = new { apiKey = KeyOf(account) },
            }, ct));
        }
        await Ensure(_stack.Admin.PostAsJsonAsync("manage/products", DemoConfiguration.Products, ct));

        // Ekart for Indian destinations: its account, an Indian product, and the trading name's routing rule.
        sandbox.Ekart.AddMerchant(EkartMerchant, EkartToken, EkartLocation);
        sandbox.Ekart.SetCourier(EkartMerchant, EkartCourierSchedule.Quick);
        sandbox.Ekart.WebhookDelay = TimeSpan.FromSeconds(5);
        await Ensure(_stack.Admin.PutAsJsonAsync($"manage/carrier-accounts/{EkartAccount}", new
        {
            carrier = "Ekart",
            tradingName = "Chaos Goods India",
            settings = new { merchantCode = EkartMerchant, locationCode = EkartLocation },
            credentials = new { token = EkartToken, webhookSecret = EkartWebhookSecret },
        }, ct));
        await Ensure(_stack.Admin.PostAsJsonAsync("manage/products", new object[]
        {
            new { sku = "KURTA-COTTON", name = "Cotton kurta", weightGrams = 450, tariffCode = "62114290", originCountryCode = "IN" },
        }, ct));
        await Ensure(_stack.Admin.PutAsJsonAsync("manage/routing-rules", new
        {
            tradingName = TradingName,
            rules = new object[]
            {
                new { name = "India", when = new { destinationCountries = new[] { "IN" } }, use = new { carrier = "Ekart", carrierAccountId = EkartAccount, serviceCode = "REGULAR", packageFormat = "SMALL" } },
            },
        }, ct));

        foreach (var hash in StoreHashes)
            sandbox.BigCommerce.CreateStore(hash, accessToken: null);
        sandbox.Ecomdash.AddDeveloperKey(_stack.Settings["Ecomdash__DeveloperKey"]!);
        sandbox.Ecomdash.AddMerchant(new EcomdashMerchantSeed(EcomdashMerchant, EcomdashKey));
        sandbox.Ecomdash.AddCarrier(EcomdashMerchant, "Royal Mail");
        sandbox.Ekm.CreateShop(EkmShop);

        SeedOrders(orders);

        var mappings = new List<object>();
        foreach (var connection in ConnectionIds)
        {
            var account = AccountFor(connection);
            object Map(string method, string service, string format) => new
            {
                connectionId = connection, shippingMethod = method, carrier = "ClickAndDrop", carrierAccountId = account,
                serviceCode = service, packageFormat = format,
            };
            mappings.Add(Map("Royal Mail Tracked 24", "TRM24", "smallParcel"));
            mappings.Add(Map("Royal Mail 1st Class", "CRL1", "largeLetter"));
            mappings.Add(Map("International Standard", "OLA", "smallParcel"));
            mappings.Add(Map("Standard Shipping", "TRM48", "smallParcel"));
            mappings.Add(Map("Next Day", "TRM24", "smallParcel"));
        }
        await Ensure(_stack.Admin.PutAsJsonAsync("manage/shipping-mappings", mappings, ct));

        foreach (var hash in StoreHashes)
        {
            await _stack.InstallBigCommerceAppAsync(hash, ct);
            await Ensure(_stack.Admin.PatchAsJsonAsync($"manage/connections/{DevStack.BigCommerceConnectionId(hash)}", new { tradingName = TradingName }, ct));
        }
        var functionKey = _stack.Admin.DefaultRequestHeaders.GetValues("x-functions-key").Single();
        sandbox.Ekart.RegisterWebhook(EkartMerchant,
            $"{_stack.Host.BaseUrl}/api/carriers/ekart/webhook?code={Uri.EscapeDataString(functionKey)}&account={EkartAccount}", EkartWebhookSecret);
        await Ensure(_stack.Admin.PutAsJsonAsync($"manage/connections/{EcomdashConnection}", new
        {
            channel = "Ecomdash",
            tradingName = "Chaos Goods on Ecomdash",
            settings = new { },
            credentials = new { ecdSubscriptionKey = EcomdashKey },
        }, ct));
        await _stack.ApproveAsync(EcomdashConnection, ct);
        await ListProductsOnEcomdashAsync(ct);
        var (status, page) = await _stack.ConnectEkmShopAsync(EkmShop, "Chaos Goods Ltd", ct);
        if (status != 200)
            throw new InvalidOperationException($"Connecting the EKM shop answered {status}: {page}");
    }

    public static string KeyOf(string account) => account + "-key-0000";

    /// <summary>What Ecomdash must show for each listed SKU once syncs settle: our catalogue's last accepted stock and price.</summary>
    public IReadOnlyDictionary<string, (int Quantity, decimal Price)> ListingTargets
    {
        get { lock (_listingTargets) return new Dictionary<string, (int, decimal)>(_listingTargets); }
    }

    /// <summary>
    /// The merchant's Ecomdash products (one per catalogue SKU, stock and price not yet ours), our stock and price for
    /// each, and listings for the connection (linked by SKU, then synced) through the management API.
    /// </summary>
    private async Task ListProductsOnEcomdashAsync(CancellationToken ct)
    {
        foreach (var sku in Skus)
            _stack.Sandbox.Ecomdash.AddProduct(EcomdashMerchant, new EcomdashProductSeed(sku) { Price = 1m });
        foreach (var sku in Skus)
            await ChangeStockAsync(sku, _random.Next(0, 200), Price(_random), ct);
        await Ensure(_stack.Admin.PostAsJsonAsync($"manage/connections/{EcomdashConnection}/listings", new { allProducts = true }, ct));
    }

    /// <summary>The merchant changes one SKU's stock and price in our catalogue (an import, which also starts a listing sync).</summary>
    public Task ChangeStockAsync(Random random, CancellationToken ct)
    {
        int quantity;
        decimal price;
        string sku;
        lock (random)
        {
            sku = Skus[random.Next(Skus.Length)];
            quantity = random.Next(0, 200);
            price = Price(random);
        }
        return ChangeStockAsync(sku, quantity, price, ct);
    }

    private static decimal Price(Random random) => 5m + random.Next(0, 4500) / 100m;

    private async Task ChangeStockAsync(string sku, int quantity, decimal price, CancellationToken ct)
    {
        var product = DemoConfiguration.Products.Select(p => System.Text.Json.JsonSerializer.SerializeToNode(p)!.AsObject())
            .Single(p => (string?)p["sku"] == sku);
        product["quantityOnHand"] = quantity;
        product["price"] = price.ToString(CultureInfo.InvariantCulture);
        await _catalogueChanges.WaitAsync(ct);
        try
        {
            // The import is an upsert: a call cut off by a worker kill is sent again until it is answered, so the target
            // is what the catalogue really holds.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var response = await _stack.Admin.PostAsJsonAsync("manage/products", new[] { product }, ct);
                    if (response.IsSuccessStatusCode)
                        break;
                    if ((int)response.StatusCode < 500 || attempt >= 30)
                        throw new InvalidOperationException($"The catalogue import of {sku} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested && attempt < 30)
                {
                }
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
            lock (_listingTargets) _listingTargets[sku] = (quantity, price);
        }
        finally
        {
            _catalogueChanges.Release();
        }
    }

    private void SeedOrders(int total)
    {
        // EKM and Ecomdash have tight limits (2 calls a second, 100 a minute): a smaller share each.
        var ekm = Math.Max(8, total * 8 / 100);
        var ecomdash = Math.Max(8, total * 8 / 100);
        var bigCommerce = total - ekm - ecomdash;
        for (var i = 0; i < bigCommerce; i++)
            SeedBigCommerce(StoreHashes[i % StoreHashes.Count], KindFor(i / StoreHashes.Count));
        for (var i = 0; i < ecomdash; i++)
            SeedEcomdash(KindFor(i));
        for (var i = 0; i < ekm; i++)
            SeedEkm(KindFor(i));
    }

    /// <summary>The first orders of each store cover every kind once; then about three in four are eligible.</summary>
    private OrderKind KindFor(int index)
    {
        OrderKind[] ineligible = [OrderKind.WrongStatus, OrderKind.TooOld, OrderKind.DigitalOnly, OrderKind.Unmapped, OrderKind.UnknownSku];
        if (index < ineligible.Length)
            return ineligible[index];
        return _random.NextDouble() < 0.75 ? OrderKind.Eligible : ineligible[_random.Next(ineligible.Length)];
    }

    private DateTimeOffset RecentCreation(DateTimeOffset now) => now.AddMinutes(-_random.Next(60, 3 * 24 * 60));

    private void SeedBigCommerce(string hash, OrderKind kind, bool late = false)
    {
        var bc = _stack.Sandbox.BigCommerce;
        var now = bc.Time.GetUtcNow();
        var created = kind == OrderKind.TooOld ? now.AddDays(-10) : late ? now.AddSeconds(-1) : RecentCreation(now);
        var modified = late ? created : created.AddMinutes(_random.Next(0, 50));
        BigCommerceProductSeed Item(string sku, string type = "physical") =>
            new() { Sku = sku, Quantity = 1 + _random.Next(2), Type = type, Weight = 1 };
        var roll = _random.NextDouble();
        var carrier = Carrier_ClickAndDrop;
        var seed = new BigCommerceOrderSeed
        {
            StatusId = 9,
            CreatedAt = created,
            ModifiedAt = modified,
            Products = _random.NextDouble() < 0.3 ? [Item(Pick(Skus)), Item(Pick(Skus))] : [Item(Pick(Skus))],
        };
        if (roll < 0.15)
            seed = seed with
            {
                Products = [Item(Pick(LightSkus)) with { Quantity = 1 }],
                ShippingAddresses = [new BigCommerceAddressSeed { ShippingMethod = "Royal Mail 1st Class" }],
            };
        else if (roll < 0.3)
            seed = seed with
            {
                Currency = "EUR",
                ShippingAddresses = [new BigCommerceAddressSeed { City = "Berlin", Zip = "10115", Country = "Germany", CountryIso2 = "DE", ShippingMethod = "International Standard" }],
            };
        else if (roll < 0.4)
            seed = seed with { Products = [.. seed.Products, Item("EBOOK-GUIDE", "digital")] }; // mixed: still ships
        else if (roll < 0.52)
        {
            // India: routed to Ekart by the trading name's rule, whatever the method.
            carrier = Carrier_Ekart;
            seed = seed with
            {
                Currency = "INR",
                Products = [Item("KURTA-COTTON") with { Quantity = 1, Price = 1399m }],
                ShippingAddresses = [new BigCommerceAddressSeed
                {
                    FirstName = "Ananya", LastName = "Rao", Street1 = "14 MG Road", City = "Bengaluru", State = "Karnataka", Zip = "560001",
                    Country = "India", CountryIso2 = "IN", Phone = "+91 98450 12345", Email = "ananya@example.in", ShippingMethod = "Standard",
                }],
            };
        }
        seed = kind switch
        {
            OrderKind.WrongStatus => seed with { StatusId = _random.Next(2) == 0 ? 1 : 10 },
            OrderKind.DigitalOnly => seed with { Products = [Item("EBOOK-GUIDE", "digital")] },
            OrderKind.Unmapped => seed with { Currency = "GBP", ShippingAddresses = [new BigCommerceAddressSeed { ShippingMethod = "Same Day Courier" }] },
            OrderKind.UnknownSku => seed with { Products = [Item("SOCKS-RED-NEW")] },
            _ => seed,
        };
        if (kind == OrderKind.Unmapped)
            carrier = Carrier_ClickAndDrop; // a UK address on an unmapped method
        var id = bc.AddOrder(hash, seed).Id;
        Record(new SeededOrder(Channel_BigCommerce, DevStack.BigCommerceConnectionId(hash), hash, id.ToString(CultureInfo.InvariantCulture), kind) { Carrier = carrier });
    }

    private void SeedEcomdash(OrderKind kind)
    {
        var ecd = _stack.Sandbox.Ecomdash;
        var now = ecd.Time.GetUtcNow();
        var seed = new EcomdashOrderSeed
        {
            CreatedAt = kind == OrderKind.TooOld ? now.AddDays(-10) : RecentCreation(now),
            ShippingMethod = _random.Next(2) == 0 ? "Standard Shipping" : "Next Day",
            Lines = [new EcomdashLineSeed(Pick(Skus), 1 + _random.Next(2))],
        };
        seed = kind switch
        {
            OrderKind.WrongStatus => seed with { Status = _random.Next(2) == 0 ? EcomdashOrderStatus.New : EcomdashOrderStatus.Complete },
            OrderKind.DigitalOnly => seed with { Lines = [new EcomdashLineSeed("GIFT-CARD-25", 1, 25m) { IsDigital = true }] },
            OrderKind.Unmapped => seed with { ShippingMethod = "Click & Collect" },
            OrderKind.UnknownSku => seed with { Lines = [new EcomdashLineSeed("LAMP-UNKNOWN")] },
            _ => seed,
        };
        var id = ecd.AddOrder(EcomdashMerchant, seed).OrderId;
        Record(new SeededOrder(Channel_Ecomdash, EcomdashConnection, EcomdashMerchant, id.ToString(CultureInfo.InvariantCulture), kind));
    }

    private void SeedEkm(OrderKind kind)
    {
        var ekm = _stack.Sandbox.Ekm;
        var now = ekm.Time.GetUtcNow();
        // EKM has no digital lines: its fourth ineligible kind is an unpaid order.
        if (kind == OrderKind.DigitalOnly)
            kind = OrderKind.Unpaid;
        var seed = new EkmOrderSeed
        {
            Status = "PROCESSING",
            OrderDate = kind == OrderKind.TooOld ? now.AddDays(-10) : RecentCreation(now),
            DeliveryMethod = "Royal Mail Tracked 24",
            Lines = [new EkmOrderLineSeed { ProductCode = Pick(Skus), Quantity = 1 + _random.Next(2) }],
        };
        seed = kind switch
        {
            OrderKind.WrongStatus => seed with { Status = "PENDING" },
            OrderKind.Unpaid => seed with { PaymentStatus = "FAILED" },
            OrderKind.Unmapped => seed with { DeliveryMethod = "Same Day Courier" },
            OrderKind.UnknownSku => seed with { Lines = [new EkmOrderLineSeed { ProductCode = "SOCKS-WOOL" }] },
            _ => seed,
        };
        var id = ekm.AddOrder(EkmShop, seed, fireWebhook: false).Id;
        Record(new SeededOrder(Channel_Ekm, EkmConnection, EkmShop, id.ToString(CultureInfo.InvariantCulture), kind));
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public static async Task Ensure(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
