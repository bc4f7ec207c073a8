using Fulfilment.Carriers;
using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Partners;
using Microsoft.Extensions.Time.Testing;
using Sandbox.ClickAndDrop;
using Xunit;
using static Fulfilment.IntegrationTests.Carriers.ClickAndDrop.ClickAndDropPlans;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>The Click &amp; Drop carrier over real HTTP against the in-process Sandbox simulator.</summary>
public class ClickAndDropCarrierTests
{
    [Fact]
    public async Task Batch_of_150_orders_goes_in_two_requests_with_an_outcome_per_order()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();
        var plans = Enumerable.Range(1, 150).Select(i => i switch
        {
            7 => International($"FF-{i}-intl-no-origin", origin: null), // the simulator wants customs origin abroad
            42 => Uk($"FF-{i}-bad-format") with { PackageFormat = "hugeParcel" },
            140 => International($"FF-{i}-intl"),
            _ => Uk($"FF-{i}-uk"),
        }).ToList();

        var result = await h.Carrier.CreateShipmentsAsync(account, Requests(plans), default);

        Assert.Equal(2, h.Simulator.CreateRequestCount(account.Id));
        Assert.Equal(148, result.Created.Count);
        Assert.Equal(["FF-42-bad-format", "FF-7-intl-no-origin"], result.Rejected.Select(r => r.Reference).Order());
        Assert.Contains("packages[0].contents[0].originCountryCode", result.Rejected.Single(r => r.Reference == "FF-7-intl-no-origin").Reason);
        Assert.Contains("packages[0].packageFormatIdentifier", result.Rejected.Single(r => r.Reference == "FF-42-bad-format").Reason);

        var orders = h.Simulator.Orders(account.Id);
        Assert.Equal(result.Created.Select(c => (c.Reference, c.CarrierShipmentId)).Order(),
            orders.Select(o => (o.OrderReference!, o.OrderIdentifier.ToString())).Order());
        var international = orders.Single(o => o.OrderReference == "FF-140-intl");
        Assert.Equal(410, international.WeightInGrams);
        var line = Assert.Single(international.Contents);
        Assert.Equal("3406000000", (string?)line["customsCode"]);
        Assert.Equal("GB", (string?)line["originCountryCode"]);
        Assert.Equal("eCommerceSaleOfGoods", (string?)line["customsDeclarationCategory"]);
        Assert.Null(orders.First(o => o.OrderReference == "FF-1-uk").Contents[0]["customsCode"]);
    }

    [Fact]
    public async Task Lookup_by_reference_round_trips_references_with_semicolons_and_quotes()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();
        string[] references = ["FF-1001-ab12cd34", "A;B", "say \"hi\";1001", "50%/off"];
        var created = await h.Carrier.CreateShipmentsAsync(account, Requests(references.Select(r => Uk(r))), default);
        Assert.Equal(4, created.Created.Count);

        var found = await h.Carrier.FindByReferenceAsync(account, [.. references, "FF-unknown-00000000"], default);

        Assert.Equal(references.Order(), found.Select(f => f.Reference!).Order());
        foreach (var shipment in created.Created)
            Assert.Equal(shipment.CarrierShipmentId, found.Single(f => f.Reference == shipment.Reference).CarrierShipmentId);
        var byId = await h.Carrier.GetStatusAsync(account, created.Created.Select(c => c.CarrierShipmentId).ToList(), default);
        Assert.Equal(references.Order(), byId.Select(f => f.Reference!).Order());
        // What went over the wire: ';' inside a reference stays encoded, the separators do not.
        var lookup = h.Simulator.RequestLog(account.Id).First(r => r.Method == "GET");
        Assert.Contains("A%3BB", lookup.RawTarget);
        Assert.Contains(";", lookup.RawTarget.Replace("%3B", ""));
    }

    [Fact]
    public async Task Nothing_found_is_an_empty_list()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();

        Assert.Empty(await h.Carrier.FindByReferenceAsync(account, ["FF-none-00000000"], default));
        Assert.Empty(await h.Carrier.GetStatusAsync(account, ["999999"], default));
    }

    [Fact]
    public async Task Create_that_fails_after_creating_is_transient_and_the_orders_are_findable_by_reference()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();
        h.Simulator.CreateThenFail(account.Id, CreateThenFailMode.ServerError);
        string[] references = ["FF-1-ambiguous", "FF-2-ambiguous", "FF-3-ambiguous"];

        var ex = await Assert.ThrowsAsync<ClickAndDropException>(() => h.Carrier.CreateShipmentsAsync(account, Requests(references.Select(r => Uk(r))), default));

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.Equal(500, ex.StatusCode);
        Assert.Equal(1, h.Simulator.CreateRequestCount(account.Id)); // never sent twice
        var found = await h.Carrier.FindByReferenceAsync(account, references, default);
        Assert.Equal(references, found.Select(f => f.Reference!).Order());
    }

    [Fact]
    public async Task Create_that_stalls_past_the_timeout_is_transient_and_the_orders_are_findable_by_reference()
    {
        await using var h = await ClickAndDropHarness.StartAsync(new() { ["ClickAndDrop:AttemptTimeout"] = "00:00:02", ["ClickAndDrop:TotalTimeout"] = "00:00:05" });
        var account = h.NewAccount();
        h.Simulator.CreateThenFail(account.Id, CreateThenFailMode.Stall, TimeSpan.FromSeconds(30));

        var ex = await Assert.ThrowsAsync<ClickAndDropException>(() => h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-1-stalled")]), default));

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.Null(ex.StatusCode);
        Assert.Equal(1, h.Simulator.CreateRequestCount(account.Id));
        Assert.Equal("FF-1-stalled", Assert.Single(await h.Carrier.FindByReferenceAsync(account, ["FF-1-stalled"], default)).Reference);
    }

    [Fact]
    public async Task Wrong_api_key_is_an_authentication_failure()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();
        account.Credentials["apiKey"] = "revoked-key";

        var ex = await Assert.ThrowsAsync<ClickAndDropException>(() => h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-1-auth")]), default));

        Assert.Equal(PartnerFailureKind.Authentication, ex.Kind);
        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain("revoked-key", ex.Message);
    }

    [Fact]
    public async Task Bearer_scheme_is_accepted_as_well_as_the_raw_key()
    {
        await using var h = await ClickAndDropHarness.StartAsync(new() { ["ClickAndDrop:AuthorizationScheme"] = "Bearer" });
        var account = h.NewAccount();

        Assert.Single((await h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-1-bearer")]), default)).Created);
    }

    [Fact]
    public async Task Warehouse_applies_postage_then_despatches_and_status_polling_sees_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z"));
        // Without the label in the create response, postage waits for the warehouse.
        await using var h = await ClickAndDropHarness.StartAsync(new() { ["ClickAndDrop:LabelInCreateResponse"] = "false" }, sandboxTime: time);
        var account = h.NewAccount(warehouse: new ClickAndDropWarehouse(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6)));
        var id = Assert.Single((await h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-1-warehouse")]), default)).Created).CarrierShipmentId;

        var fresh = Assert.Single(await h.Carrier.GetStatusAsync(account, [id], default));
        time.Advance(TimeSpan.FromSeconds(3));
        var printed = Assert.Single(await h.Carrier.GetStatusAsync(account, [id], default));
        time.Advance(TimeSpan.FromSeconds(3));
        var despatched = Assert.Single(await h.Carrier.GetStatusAsync(account, [id], default));

        Assert.Null(fresh.LabelPrintedAt);
        Assert.Null(fresh.TrackingNumber);
        Assert.NotNull(printed.LabelPrintedAt);
        Assert.NotNull(printed.TrackingNumber);
        Assert.Null(printed.DespatchedAt);
        Assert.Equal(time.GetUtcNow(), despatched.DespatchedAt);
        Assert.Equal(printed.TrackingNumber, despatched.TrackingNumber);
    }
}
