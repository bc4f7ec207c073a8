namespace Sandbox.Ekm;

/// <summary>Turns the simulator's state into the Partner API's JSON models.</summary>
internal static class EkmJsonMapper
{
    private static readonly Dictionary<string, string> CountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GB"] = "United Kingdom", ["IE"] = "Ireland", ["FR"] = "France", ["DE"] = "Germany", ["ES"] = "Spain",
        ["NL"] = "Netherlands", ["US"] = "United States", ["JE"] = "Jersey", ["GG"] = "Guernsey", ["IM"] = "Isle of Man",
    };

    public static V2OrderJson Order(EkmStoredOrder order)
    {
        var seed = order.Seed;
        var address = seed.ShippingAddress;
        var subTotal = Math.Round(order.Lines.Sum(l => l.Seed.ItemPrice * l.Seed.Quantity), 2);
        var created = Utc(order.OrderDate);
        return new V2OrderJson
        {
            Id = order.Id,
            OrderNumber = order.OrderNumber,
            OrderDate = created,
            IsConfirmed = seed.IsConfirmed,
            SubTotal = subTotal,
            TotalDelivery = seed.TotalDelivery,
            TotalTax = seed.TotalTax,
            TotalCost = Math.Round(subTotal + seed.TotalDelivery - seed.DiscountsTotal, 2),
            Status = order.Status,
            PaymentStatus = order.PaymentStatus,
            DeliveryMethod = seed.DeliveryMethod,
            TransactionId = order.TransactionId,
            TransactionStatus = seed.TransactionStatus,
            OrderType = seed.OrderType,
            UseShippingAddress = seed.UseShippingAddress,
            ShippingAddress = new V1ShippingAddressJson
            {
                FirstName = address.FirstName,
                LastName = address.LastName,
                Id = order.AddressId,
                CreatedDate = created,
                ModifiedDate = created,
                CustomerId = order.CustomerId,
                IsPreferredBillingAddress = true,
                IsPreferredShippingAddress = true,
                Company = address.Company,
                Address = address.Address,
                Address2 = address.Address2,
                Town = address.Town,
                County = address.County,
                Country = address.Country,
                FriendlyCountry = CountryNames.GetValueOrDefault(address.Country),
                PostCode = address.PostCode,
                Telephone = address.Telephone,
            },
            InternalNotes = seed.InternalNotes,
            CustomerFacingNotes = seed.CustomerFacingNotes,
            Emailed = order.Emailed,
            Discounts = "",
            DiscountsTotal = seed.DiscountsTotal,
            ShippingCompany = seed.ShippingCompany,
            IpAddress = "127.0.0.1",
            Guid = order.Guid,
            LastUpdated = order.LastUpdated is { } updated ? Utc(updated) : null,
            CustomerDetails = new V1OrderCustomerDetailsJson
            {
                CustomerId = order.CustomerId,
                EmailAddress = seed.EmailAddress,
                FirstName = address.FirstName,
                LastName = address.LastName,
                Company = address.Company,
                Address = address.Address,
                Address2 = address.Address2,
                Town = address.Town,
                County = address.County,
                Country = address.Country,
                FriendlyCountry = CountryNames.GetValueOrDefault(address.Country),
                PostCode = address.PostCode,
                Telephone = address.Telephone,
                BillingAddressVerified = true,
            },
            DeliveryTrackingNumber = order.DeliveryTrackingNumber,
            DeliveryTrackingCompany = order.DeliveryTrackingCompany,
            DeliveryTrackingUrl = order.DeliveryTrackingUrl,
        };
    }

    public static V2OrderItemJson Item(EkmStoredOrder order, EkmStoredLine line) => new()
    {
        Id = line.Id,
        ItemDelivery = line.Seed.ItemDelivery,
        ItemDiscount = line.Seed.ItemDiscount,
        ItemId = (int)line.Id,
        ItemName = line.ItemName,
        ItemOptions = line.Seed.ItemOptions,
        ItemPrice = line.Seed.ItemPrice,
        ItemTax = line.Seed.ItemTax,
        OrderNumber = order.OrderNumber,
        Quantity = line.Seed.Quantity,
        ProductId = line.ProductId,
        OrderId = order.Id,
        ProductCode = line.Seed.ProductCode,
    };

    public static V1ProductJson Product(EkmStoredProduct product)
    {
        var seed = product.Seed;
        var name = seed.Name ?? seed.ProductCode;
        return new V1ProductJson
        {
            Id = product.Id,
            Name = name,
            NumberInStock = seed.NumberInStock,
            Price = seed.Price,
            ProductCode = seed.ProductCode,
            ChargeDelivery = true,
            Brand = seed.Brand,
            Condition = seed.Condition,
            Gtin = seed.Gtin,
            Mpn = seed.Mpn,
            ProductWeight = seed.ProductWeight,
            CanBeAddedToCart = seed.Live,
            TaxApplicable = true,
            Live = seed.Live,
            LastModified = Utc(product.LastModified),
            TotalProductStock = seed.NumberInStock,
            ParentProductId = 0,
            SeoFriendlyUrl = $"{Slug(name)}-{product.Id}-p.asp",
        };
    }

    public static V1OrderStatusesJson Statuses(IEnumerable<EkmOrderStatus> statuses) =>
        new(statuses.Select(s => new V1OrderStatusSettingJson(s.Name, s.Colour, s.ShowInQuickStats)).ToList());

    public static V2WebhookSubscriptionJson Subscription(EkmWebhookSubscription s) =>
        new(s.Id, s.Topic, s.Username, s.ClientId, s.Endpoint, s.IsEnabled, null);

    private static DateTime Utc(DateTimeOffset value) => value.UtcDateTime;

    private static string Slug(string name) =>
        new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
