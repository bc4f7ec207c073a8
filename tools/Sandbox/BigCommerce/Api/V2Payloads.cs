using System.Globalization;
using Sandbox.BigCommerce.State;

namespace Sandbox.BigCommerce.Api;

/// <summary>The JSON shapes of v2 orders, lines, shipping addresses and shipments (snake_case, money as 4-decimal strings).</summary>
internal static class V2Payloads
{
    // Prices in the simulator include 20 % tax.
    private const decimal TaxFactor = 1.2m;

    public static object Order(string? baseUrl, string storeHash, SimOrder o, V2OrderIncludes includes)
    {
        var api = $"{baseUrl}/bigcommerce/api/stores/{storeHash}/v2/orders/{o.Id}";
        var subtotal = o.Subtotal;
        var total = subtotal + o.ShippingCost;
        return new
        {
            id = o.Id,
            customer_id = o.CustomerId,
            date_created = SimDates.Format(o.Created),
            date_modified = SimDates.Format(o.Modified),
            date_shipped = SimDates.Format(o.Shipped),
            status_id = o.StatusId,
            status = V2OrderStatuses.Name(o.StatusId),
            subtotal_ex_tax = Money(subtotal / TaxFactor),
            subtotal_inc_tax = Money(subtotal),
            subtotal_tax = Money(subtotal - subtotal / TaxFactor),
            shipping_cost_ex_tax = Money(o.ShippingCost / TaxFactor),
            shipping_cost_inc_tax = Money(o.ShippingCost),
            total_ex_tax = Money(total / TaxFactor),
            total_inc_tax = Money(total),
            total_tax = Money(total - total / TaxFactor),
            items_total = o.Lines.Sum(l => l.Quantity),
            items_shipped = o.Lines.Sum(l => l.QuantityShipped),
            payment_method = "Credit Card",
            payment_status = o.StatusId is 0 or 7 ? "" : "captured",
            // The display currency (storefront) and the transactional one (what was charged; every amount is in it).
            currency_id = 1,
            currency_code = o.DisplayCurrency,
            // An illustrative rate when the display currency differs (UNCONFIRMED value; v2-created orders always say 1).
            currency_exchange_rate = o.DisplayCurrency == o.Currency ? "1.0000000000" : "1.1700000000",
            default_currency_id = 1,
            default_currency_code = o.Currency,
            store_default_currency_code = o.Currency,
            store_default_to_transactional_exchange_rate = "1.0000000000",
            order_is_digital = o.Lines.All(l => !l.IsPhysical),
            customer_message = o.CustomerMessage ?? "",
            staff_notes = "",
            channel_id = 1,
            external_id = (string?)null,
            billing_address = AddressFields(o.Billing),
            products = new { url = api + "/products", resource = $"/orders/{o.Id}/products" },
            // The link says "shippingaddresses" while the documented path has an underscore; both paths answer.
            shipping_addresses = new { url = api + "/shipping_addresses", resource = $"/orders/{o.Id}/shippingaddresses" },
            coupons = new { url = api + "/coupons", resource = $"/orders/{o.Id}/coupons" },
            consignments = includes.Consignments
                ? Consignments(api, o, includes.ConsignmentLines)
                : new { url = api + "/consignments", resource = $"/orders/{o.Id}/consignments" },
        };
    }

    /// <summary>
    /// The order's consignments as <c>consignment_structure=object</c> gives them: one shipping consignment per address
    /// with its physical lines, and the digital lines as one download consignment to the billing email. Lines are the
    /// products payload, or a link to them without <c>consignments.line_items</c>. Pickups and gift certificates are not
    /// simulated (always empty).
    /// </summary>
    private static object Consignments(string api, SimOrder o, bool withLines)
    {
        object Lines(IEnumerable<SimLine> lines) => withLines
            ? lines.Select(l => Product(o, l)).ToList()
            : new[] { new { url = api + "/products", resource = $"/orders/{o.Id}/products" } };
        var shipping = o.Addresses.Select(a =>
        {
            var fields = ShippingAddress(o, a);
            fields.Remove("order_id");
            fields["line_items"] = Lines(o.Lines.Where(l => l.IsPhysical && l.AddressId == a.Id));
            return fields;
        }).ToList();
        var digital = o.Lines.Where(l => !l.IsPhysical).ToList();
        return new
        {
            pickups = Array.Empty<object>(),
            shipping,
            downloads = digital.Count == 0 ? [] : new[] { new { recipient_email = o.Billing.Email, line_items = Lines(digital) } },
            email = new { gift_certificates = Array.Empty<object>() },
        };
    }

    public static object Product(SimOrder o, SimLine l) => new
    {
        id = l.Id,
        order_id = o.Id,
        product_id = l.ProductId,
        variant_id = l.ProductId + 100000,
        order_address_id = l.AddressId,
        name = l.Seed.Name ?? l.Seed.Sku,
        sku = l.Seed.Sku,
        type = l.Seed.Type,
        base_price = Money(l.Price / TaxFactor),
        price_ex_tax = Money(l.Price / TaxFactor),
        price_inc_tax = Money(l.Price),
        price_tax = Money(l.Price - l.Price / TaxFactor),
        base_total = Money(l.Price * l.Quantity / TaxFactor),
        total_ex_tax = Money(l.Price * l.Quantity / TaxFactor),
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

    public static Dictionary<string, object?> ShippingAddress(SimOrder o, SimShippingAddress a)
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

    public static object Shipment(SimOrder o, BigCommerceSimShipment s) => new
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

    public static object OrderStatus((int Id, string Name) s, int index) =>
        new { id = s.Id, name = s.Name, system_label = s.Name, custom_label = s.Name, system_description = s.Name, order = index };

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

    private static string Money(decimal d) => d.ToString("0.0000", CultureInfo.InvariantCulture);
}
