namespace Sandbox.BigCommerce;

/// <summary>
/// The demo BigCommerce store <c>zq3demo01</c>: about twenty recent UK and international orders, mostly Awaiting Shipment,
/// plus the awkward ones the pipeline must handle (other statuses, too old, digital, mixed, unmapped method, unknown SKU,
/// two addresses). Weights are grams (the demo store's configured unit).
/// </summary>
public static class BigCommerceDemoStore
{
    public const string StoreHash = "zq3demo01";
    /// <summary>The demo store-level API token (a sandbox value, not a secret).</summary>
    public const string AccessToken = "demo-token-zq3demo01";

    public static void Seed(BigCommerceSimulator sim, TimeProvider time)
    {
        var now = time.GetUtcNow();
        sim.CreateStore(StoreHash, AccessToken);

        static BigCommerceProductSeed Mug(int q = 1) => new() { Sku = "MUG-BLUE", Name = "Blue Enamel Mug", Quantity = q, Price = 12.00m, Weight = 350 };
        static BigCommerceProductSeed Tee(int q = 1) => new() { Sku = "TEE-M-BLK", Name = "Organic T-Shirt, Black, M", Quantity = q, Price = 18.00m, Weight = 180 };
        static BigCommerceProductSeed Poster(int q = 1) => new() { Sku = "POSTER-A2", Name = "Lake District Poster A2", Quantity = q, Price = 15.00m, Weight = 220 };
        static BigCommerceProductSeed Notebook(int q = 1) => new() { Sku = "NOTEBOOK-A5", Name = "Dot Grid Notebook A5", Quantity = q, Price = 9.50m, Weight = 300 };
        static BigCommerceProductSeed Candle(int q = 1) => new() { Sku = "CANDLE-SOY", Name = "Soy Candle, Fig", Quantity = q, Price = 22.00m, Weight = 410 };
        static BigCommerceProductSeed Ebook() => new() { Sku = "EBOOK-GUIDE", Name = "The Home Office Guide (eBook)", Type = "digital", Price = 6.99m };

        static BigCommerceAddressSeed Uk(string first, string last, string street, string city, string zip, string method = "Royal Mail Tracked 24", string? county = null) => new()
        {
            FirstName = first, LastName = last, Street1 = street, City = city, State = county, Zip = zip,
            Country = "United Kingdom", CountryIso2 = "GB", ShippingMethod = method,
            Email = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@example.co.uk", Phone = "07700 900" + (first.Length * 37 % 1000).ToString("000"),
        };
        static BigCommerceAddressSeed Abroad(string first, string last, string street, string city, string zip, string country, string iso2, string? state = null) => new()
        {
            FirstName = first, LastName = last, Street1 = street, City = city, State = state, Zip = zip,
            Country = country, CountryIso2 = iso2, ShippingMethod = "International Standard",
            Email = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@example.com", Phone = "+33 1 23 45 67 89",
        };

        void Order(TimeSpan age, BigCommerceAddressSeed to, int status = 9, string? note = null, params BigCommerceProductSeed[] lines) =>
            sim.AddOrder(StoreHash, new BigCommerceOrderSeed
            {
                StatusId = status,
                CreatedAt = now - age,
                ModifiedAt = now - age + TimeSpan.FromMinutes(5),
                ShippingAddresses = [to],
                Products = lines,
                CustomerMessage = note,
                ShippingCost = to.CountryIso2 == "GB" ? 3.99m : 9.99m,
            });

        var h = TimeSpan.FromHours(1);
        // Eligible: Awaiting Shipment, recent, mapped methods, known SKUs.
        Order(70 * h, Uk("Olivia", "Bennett", "14 Hazel Grove", "Leeds", "LS6 2AB", county: "West Yorkshire"), lines: [Mug(2)]);
        Order(52 * h, Uk("Harry", "Shaw", "Flat 3, 27 Marine Parade", "Brighton", "BN2 1TL", "Royal Mail 1st Class"), lines: [Tee(), Notebook()]);
        Order(49 * h, Uk("Amelia", "Khan", "8 Church Lane", "Bristol", "BS3 4QT"), lines: [Candle()]);
        Order(30 * h, Uk("George", "Murphy", "102 Dalry Road", "Edinburgh", "EH11 2DW"), note: "Please leave with neighbour at 104", lines: [Poster(), Mug()]);
        Order(26 * h, Uk("Isla", "Roberts", "5 Mill Street", "Manchester", "M4 6JN", "Royal Mail 1st Class"), lines: [Notebook(3)]);
        Order(20 * h, Uk("Jack", "Evans", "33 Heol y Deri", "Cardiff", "CF14 6HF"), lines: [Tee(2)]);
        Order(15 * h, Uk("Sophie", "Clarke", "The Old Forge, Back Lane", "Ambleside", "LA22 0BY", county: "Cumbria"), lines: [Candle(2), Poster()]);
        Order(11 * h, Uk("Noah", "Hughes", "71 Stranmillis Road", "Belfast", "BT9 5AF"), lines: [Mug()]);
        Order(8 * h, Uk("Grace", "Wilson", "2 Riverside Walk", "Norwich", "NR1 1SR", "Royal Mail 1st Class"), lines: [Notebook(), Tee()]);
        Order(5 * h, Uk("Oscar", "Patel", "19 Victoria Road", "Leicester", "LE2 1WA"), lines: [Poster(2)]);
        Order(3 * h, Uk("Freya", "Walker", "Unit 4, Canal Wharf", "Birmingham", "B1 2JB"), lines: [Candle(), Mug(), Notebook()]);
        Order(1 * h, Uk("Leo", "Thompson", "48 Queen Street", "Glasgow", "G1 3DX"), lines: [Tee()]);
        // International.
        Order(40 * h, Abroad("Camille", "Durand", "12 Rue des Lilas", "Lyon", "69003", "France", "FR"), lines: [Candle(), Notebook()]);
        Order(18 * h, Abroad("Lukas", "Schneider", "Bergstraße 7", "München", "80331", "Germany", "DE"), lines: [Mug(2)]);
        Order(9 * h, Abroad("Emma", "Johnson", "225 Bush Street", "San Francisco", "94104", "United States", "US", "CA"), lines: [Poster(), Tee()]);
        // The awkward ones.
        Order(35 * h, Uk("Ruby", "Green", "9 Station Road", "York", "YO1 6HT"), lines: [Ebook()]);                       // all digital: nothing to ship
        Order(22 * h, Uk("Arthur", "Hall", "61 King Street", "Nottingham", "NG1 2AY"), lines: [Ebook(), Notebook()]);   // mixed: ship the notebook only
        Order(6 * h, Uk("Ivy", "Wood", "1 Canary Wharf", "London", "E14 5AB", "Same Day Courier"), lines: [Mug()]);     // unmapped method
        Order(4 * h, Uk("Theo", "Baker", "27 Northgate", "Chester", "CH1 2HA"), lines: [new BigCommerceProductSeed { Sku = "SOCKS-RED-NEW", Name = "Red Wool Socks", Price = 8.00m, Weight = 90 }]);
        Order(TimeSpan.FromDays(9), Uk("Ella", "Price", "3 Abbey Road", "Bath", "BA1 1LY"), lines: [Tee()]);             // older than 7 days
        // Other statuses: not imported.
        Order(2 * h, Uk("Henry", "Cox", "16 Bridge Street", "Cambridge", "CB2 1UF"), status: 1, lines: [Mug()]);          // Pending
        Order(60 * h, Uk("Alice", "Ward", "80 High Street", "Oxford", "OX1 4BG"), status: 2, lines: [Poster()]);           // Shipped
        Order(28 * h, Uk("Jacob", "Turner", "7 Castle Street", "Exeter", "EX4 3PT"), status: 5, lines: [Candle()]);        // Cancelled
        // Two shipping addresses: imported with a problem, shipped by hand.
        sim.AddOrder(StoreHash, new BigCommerceOrderSeed
        {
            CreatedAt = now - 12 * h,
            ModifiedAt = now - 12 * h,
            ShippingAddresses = [Uk("Mia", "Morgan", "12 Park Row", "Durham", "DH1 3RY"), Uk("Sam", "Morgan", "4 Elm Close", "Sheffield", "S10 2LN")],
            Products = [Mug() with { AddressIndex = 0 }, Tee() with { AddressIndex = 1 }],
            CustomerMessage = "One gift for my brother please",
        });
    }

    /// <summary>
    /// Orders placed while the demo runs, after the app subscribed its webhooks: one created Awaiting Shipment (a
    /// store/order/created hint) and one created Awaiting Fulfillment, then moved to Awaiting Shipment (statusUpdated).
    /// </summary>
    public static void PlaceLiveOrders(BigCommerceSimulator sim)
    {
        var to = new BigCommerceAddressSeed
        {
            FirstName = "Freya", LastName = "Walsh", Street1 = "9 Orchard Row", City = "York", Zip = "YO1 7HH",
            Country = "United Kingdom", CountryIso2 = "GB", ShippingMethod = "Royal Mail Tracked 24", Email = "freya.walsh@example.co.uk",
        };
        BigCommerceOrderSeed Live(int status, BigCommerceProductSeed line) => new()
        {
            StatusId = status, ShippingAddresses = [to], Products = [line], ShippingCost = 3.99m,
        };
        sim.AddOrder(StoreHash, Live(9, new BigCommerceProductSeed { Sku = "MUG-BLUE", Name = "Blue Enamel Mug", Quantity = 1, Price = 12.00m, Weight = 350 }));
        var later = sim.AddOrder(StoreHash, Live(11, new BigCommerceProductSeed { Sku = "NOTEBOOK-A5", Name = "Dot Grid Notebook A5", Quantity = 2, Price = 9.50m, Weight = 300 }));
        sim.SetOrderStatus(StoreHash, later.Id, 9);
    }
}
