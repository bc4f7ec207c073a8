using System.Net;
using System.Text.Json.Nodes;
using Sandbox.Ekart;

namespace Sandbox.Tests.Ekart;

/// <summary>POST /v2/shipments/create: what Ekart accepts, what it rejects and with which answer.</summary>
public sealed class EkartCreateTests
{
    private static readonly string Prepaid = EkartTrackingId.Create(EkartFixture.Merchant, isCod: false, 1);
    private static readonly string Cod = EkartTrackingId.Create(EkartFixture.Merchant, isCod: true, 2);

    [Fact]
    public async Task Valid_prepaid_shipment_is_received_and_starts_as_shipment_created()
    {
        await using var ekart = await EkartFixture.StartAsync();

        var (status, body) = await ekart.CreateAsync(EkartRequests.Forward(Prepaid));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body!["request_id"]!.GetValue<string>()));
        var line = body["response"]![0]!;
        Assert.Equal(Prepaid, line["tracking_id"]!.GetValue<string>());
        Assert.Equal("REQUEST_RECEIVED", line["status"]!.GetValue<string>());
        Assert.Equal(200, line["status_code"]!.GetValue<int>());
        var shipment = ekart.Simulator.Shipment(Prepaid)!;
        Assert.Equal(EkartStatuses.ShipmentCreated, shipment.Status);
        Assert.Equal("ORD-1", shipment.ClientReferenceId);
        Assert.Equal("Mumbai", shipment.Destination.City);
        Assert.Equal(EkartFixture.Location, shipment.Source.LocationCode);
    }

    [Fact]
    public async Task Cod_shipment_with_addresses_everywhere_and_no_return_location_is_received()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Cod, amountToCollect: 1499);
        var data = EkartRequests.ServiceData(request);
        data["source"] = new JsonObject { ["address"] = EkartRequests.Address() };
        data.Remove("return_location");

        var (status, body) = await ekart.CreateAsync(request);

        Assert.True(status == HttpStatusCode.OK, body!.ToJsonString());
        var shipment = ekart.Simulator.Shipment(Cod)!;
        Assert.True(shipment.IsCod);
        Assert.Equal(1499m, shipment.AmountToCollect);
    }

    [Fact]
    public async Task Numbers_sent_as_strings_are_read_like_numbers()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Cod, amountToCollect: 1);
        EkartRequests.ServiceData(request)["amount_to_collect"] = "499";
        EkartRequests.Shipment(request)["shipment_value"] = "499.50";
        EkartRequests.Shipment(request)["shipment_dimensions"]!["weight"]!["value"] = "0.5";

        var (status, _) = await ekart.CreateAsync(request);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(499m, ekart.Simulator.Shipment(Cod)!.AmountToCollect);
    }

    [Theory]
    [InlineData("ABCP000000001")] // nine digits
    [InlineData("ABCX0000000001")] // neither C nor P
    [InlineData("abcP0000000001")]
    [InlineData("XYZP0000000001")] // another merchant's prefix
    public async Task Tracking_id_not_shaped_merchant_code_c_or_p_ten_digits_is_rejected(string trackingId)
    {
        await using var ekart = await EkartFixture.StartAsync();

        var (status, body) = await ekart.CreateAsync(EkartRequests.Forward(trackingId));

        AssertRejected(status, body, "Invalid tracking ID");
        Assert.Equal(trackingId, body!["response"]![0]!["tracking_id"]!.GetValue<string>());
        Assert.Null(ekart.Simulator.Shipment(trackingId));
    }

    [Fact]
    public async Task Cod_tracking_id_with_nothing_to_collect_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();

        var (status, body) = await ekart.CreateAsync(EkartRequests.Forward(Cod, amountToCollect: 0));

        AssertRejected(status, body, "Invalid tracking ID: a COD (C) tracking id needs amount_to_collect above 0");
    }

    [Fact]
    public async Task Prepaid_tracking_id_with_an_amount_to_collect_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();

        var (status, body) = await ekart.CreateAsync(EkartRequests.Forward(Prepaid, amountToCollect: 250));

        AssertRejected(status, body, "Invalid tracking ID: a prepaid (P) tracking id needs amount_to_collect 0");
    }

    [Fact]
    public async Task Cod_over_50000_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();

        var (status, body) = await ekart.CreateAsync(EkartRequests.Forward(Cod, amountToCollect: 50001));

        AssertRejected(status, body, "Amount to collect should not exceed 50000");
    }

    [Fact]
    public async Task Missing_amount_to_collect_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        EkartRequests.ServiceData(request).Remove("amount_to_collect");

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, "Amount to collect is Null or Empty");
    }

    [Theory]
    [InlineData("source")]
    [InlineData("destination")]
    [InlineData("return_location")]
    public async Task Location_with_neither_code_nor_address_is_rejected(string role)
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        EkartRequests.ServiceData(request)[role] = new JsonObject { ["location_code"] = null, ["address"] = null };

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, "Location code and Address both are null");
    }

    [Fact]
    public async Task Missing_destination_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        EkartRequests.ServiceData(request).Remove("destination");

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, "Destination location is Null");
    }

    [Fact]
    public async Task Location_code_the_merchant_has_not_registered_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        EkartRequests.ServiceData(request)["source"] = new JsonObject { ["location_code"] = "ABC_DEL_99" };

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, "Invalid location code ABC_DEL_99");
    }

    [Fact]
    public async Task Location_code_over_120_characters_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        EkartRequests.ServiceData(request)["source"] = new JsonObject { ["location_code"] = new string('L', 121) };

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, "Location code exceeds maximum allowed length - 120");
    }

    [Theory]
    [InlineData("40002")]
    [InlineData("4000201")]
    [InlineData("40002A")]
    [InlineData("040020")]
    public async Task Pincode_that_is_not_six_digits_is_rejected(string pincode)
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        EkartRequests.ServiceData(request)["destination"]!["address"]!["pincode"] = pincode;

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, $"Invalid pincode {pincode} in destination address: must be 6 digits");
    }

    [Theory]
    [InlineData("987654321")]
    [InlineData("+919876543210")]
    public async Task Contact_number_that_is_not_ten_digits_is_rejected(string phone)
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        EkartRequests.ServiceData(request)["destination"]!["address"]!["primary_contact_number"] = phone;

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, $"Invalid primary_contact_number {phone} in destination address: must be 10 digits");
    }

    [Fact]
    public async Task Name_with_non_ascii_characters_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        EkartRequests.ServiceData(request)["destination"]!["address"]!["first_name"] = "आशा राव";

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, "destination.address.first_name contains characters other than printable ASCII");
    }

    [Fact]
    public async Task Client_reference_id_over_15_characters_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();

        var (status, body) = await ekart.CreateAsync(EkartRequests.Forward(Prepaid, clientReference: "ORDER-1234567890"));

        AssertRejected(status, body, "Client reference id exceeds maximum allowed length - 15");
    }

    [Fact]
    public async Task Client_name_other_than_the_callers_merchant_code_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        request["client_name"] = EkartFixture.OtherMerchant;

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, "Invalid client name XYZ");
    }

    [Fact]
    public async Task Unknown_goods_category_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        request["goods_category"] = "LUXURY";

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, "Invalid goods category, Provided value: LUXURY");
    }

    [Fact]
    public async Task Box_longer_than_75_cm_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        EkartRequests.Shipment(request)["shipment_dimensions"]!["length"]!["value"] = 80;

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, "Shipment dimensions exceed the maximum allowed: longest side 75, second side 55");
    }

    [Fact]
    public async Task Shipment_without_items_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        EkartRequests.Shipment(request)["shipment_items"] = new JsonArray();

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, "Shipment Items can not be empty");
    }

    [Theory]
    [InlineData("2026-03-02T12:00:00+05:30")]
    [InlineData("02/03/2026")]
    public async Task Dispatch_date_in_another_format_is_rejected(string date)
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        EkartRequests.ServiceData(request)["dispatch_date"] = date;

        var (status, body) = await ekart.CreateAsync(request);

        AssertRejected(status, body, "Invalid Date Format");
    }

    [Fact]
    public async Task Tracking_id_already_used_is_rejected_as_already_present_and_nothing_is_created_twice()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await ekart.CreateAsync(EkartRequests.Forward(Prepaid, clientReference: "ORD-1"));

        var (status, body) = await ekart.CreateAsync(EkartRequests.Forward(Prepaid, clientReference: "ORD-2"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQUEST_REJECTED", EkartRequests.LineStatus(body));
        Assert.Contains(EkartRequests.Messages(body), m => m.Contains("already present", StringComparison.Ordinal));
        Assert.Single(ekart.Simulator.Shipments(EkartFixture.Merchant));
    }

    [Fact]
    public async Task Client_reference_id_already_used_is_rejected_as_already_existing()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await ekart.CreateAsync(EkartRequests.Forward(Prepaid, clientReference: "ORD-1"));

        var other = EkartTrackingId.Create(EkartFixture.Merchant, false, 99);
        var (_, body) = await ekart.CreateAsync(EkartRequests.Forward(other, clientReference: "ORD-1"));

        Assert.Contains(EkartRequests.Messages(body), m => m.Contains("already exists with the same", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_with_one_good_and_one_bad_shipment_answers_200_with_a_line_for_each()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        request["services"]![0]!["service_details"]!.AsArray().Add(EkartRequests.Detail("ABC-BAD", clientReference: "ORD-2"));

        var (status, body) = await ekart.CreateAsync(request);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("REQUEST_RECEIVED", EkartRequests.LineStatus(body, 0));
        Assert.Equal("REQUEST_REJECTED", EkartRequests.LineStatus(body, 1));
        Assert.Equal(400, body!["response"]![1]!["status_code"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("""{"client_name":"ABC","services":[]}""")]
    [InlineData("""{"client_name":"ABC","services":{"service_code":"REGULAR"}}""")]
    public async Task Body_that_cannot_be_read_as_a_create_request_is_400_with_code_and_message(string json)
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var response = await ekart.SendAsync(HttpMethod.Post, "ekart/v2/shipments/create", json, EkartFixture.Merchant, await ekart.BearerAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await EkartFixture.ReadJsonAsync(response);
        Assert.Equal(400, body!["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Object_where_a_scalar_belongs_makes_the_whole_request_400_and_creates_nothing()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(Prepaid);
        request["services"]![0]!["service_details"]!.AsArray().Add(EkartRequests.Detail(Cod, 10, "ORD-2"));
        EkartRequests.Shipment(request)["client_reference_id"] = new JsonObject { ["id"] = 1 };

        var (status, body) = await ekart.CreateAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body!["code"]);
        Assert.Empty(ekart.Simulator.Shipments(EkartFixture.Merchant));
    }

    private static void AssertRejected(HttpStatusCode status, JsonNode? body, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQUEST_REJECTED", EkartRequests.LineStatus(body));
        Assert.Contains(message, EkartRequests.Messages(body));
    }
}
