using Fulfilment.Carriers;
using Fulfilment.Carriers.Ekart;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Time.Testing;
using Sandbox.Ekart;
using EkartOperation = Sandbox.Ekart.EkartOperation;

namespace Fulfilment.IntegrationTests.Carriers.Ekart;

/// <summary>The Ekart carrier against the Ekart simulator over real HTTP on loopback.</summary>
public class EkartCarrierTests
{
    [Fact]
    public async Task Prepaid_and_cash_on_delivery_orders_become_ekart_shipments_under_our_tracking_ids()
    {
        await using var h = await EkartHarness.StartAsync();
        var prepaid = EkartHarness.India();
        var cod = EkartHarness.India(cashOnDelivery: true);

        var result = await h.Carrier.CreateShipmentsAsync(h.Account(), EkartHarness.Requests(prepaid, cod), default);

        Assert.Empty(result.Rejected);
        Assert.Equal(2, result.Created.Count);
        var p = result.Created.Single(c => c.Reference == prepaid.Reference);
        var c = result.Created.Single(c => c.Reference == cod.Reference);
        Assert.Matches($"^{h.MerchantCode}P[0-9]{{10}}$", p.CarrierShipmentId);
        Assert.Matches($"^{h.MerchantCode}C[0-9]{{10}}$", c.CarrierShipmentId);
        Assert.Equal(p.CarrierShipmentId, p.TrackingNumber);
        var shipments = h.Simulator.Shipments(h.MerchantCode);
        Assert.Equal((false, 0m), (shipments.Single(s => s.TrackingId == p.CarrierShipmentId).IsCod, shipments.Single(s => s.TrackingId == p.CarrierShipmentId).AmountToCollect));
        Assert.Equal((true, 1499m), (shipments.Single(s => s.TrackingId == c.CarrierShipmentId).IsCod, shipments.Single(s => s.TrackingId == c.CarrierShipmentId).AmountToCollect));
        Assert.All(shipments, s => Assert.Equal(EkartHarness.LocationCode, s.Source.LocationCode));
        Assert.Equal("62114290", shipments[0].Request["shipment"]!["shipment_items"]![0]!["hsn"]!.GetValue<string>());
        // One create call, one token.
        Assert.Equal(1, h.Simulator.RequestLog().Count(r => r.Operation == EkartOperation.Create));
        Assert.Equal(1, h.Simulator.RequestLog().Count(r => r.Operation == EkartOperation.Token));
    }

    [Fact]
    public async Task Without_a_location_code_the_pickup_address_is_the_source()
    {
        await using var h = await EkartHarness.StartAsync();

        var result = await h.Carrier.CreateShipmentsAsync(h.Account(withLocationCode: false), EkartHarness.Requests(EkartHarness.India()), default);

        var shipment = h.Simulator.Shipment(Assert.Single(result.Created).CarrierShipmentId)!;
        Assert.Null(shipment.Source.LocationCode);
        Assert.Equal(("Bengaluru", "560066", "Plot 7, Whitefield"), (shipment.Source.City, shipment.Source.Pincode, shipment.Source.AddressLine1));
    }

    [Fact]
    public async Task A_retry_after_a_create_that_landed_but_failed_finds_the_shipment_and_creates_no_second()
    {
        await using var h = await EkartHarness.StartAsync();
        var plan = EkartHarness.India();
        var account = h.Account();

        h.Simulator.ActThenFail(EkartOperation.Create, EkartActThenFailMode.ServerError);
        var failure = await Assert.ThrowsAsync<EkartException>(() => h.Carrier.CreateShipmentsAsync(account, EkartHarness.Requests(plan), default));
        Assert.Equal(PartnerFailureKind.Transient, failure.Kind);
        var trackingId = Assert.Single(h.Simulator.Shipments(h.MerchantCode)).TrackingId;

        // The pipeline looks the reference up first: the shipment is found under the id we claimed for it.
        var found = Assert.Single(await h.Carrier.FindByReferenceAsync(account, [plan.Reference], default));
        Assert.Equal((trackingId, plan.Reference), (found.CarrierShipmentId, found.Reference));

        // Had the lookup missed it, the resend carries the same id; Ekart's "already present" is confirmed as ours.
        var resend = await h.Carrier.CreateShipmentsAsync(account, EkartHarness.Requests(plan), default);
        Assert.Equal(trackingId, Assert.Single(resend.Created).CarrierShipmentId);
        Assert.Single(h.Simulator.Shipments(h.MerchantCode));
    }

    [Fact]
    public async Task A_tracking_id_ekart_holds_for_another_order_is_a_rejection_not_a_success()
    {
        await using var h = await EkartHarness.StartAsync();
        var account = h.Account();
        var first = EkartHarness.India();
        var taken = Assert.Single((await h.Carrier.CreateShipmentsAsync(account, EkartHarness.Requests(first), default)).Created).CarrierShipmentId;
        // A second order handed the same id (a restored table, a block shared with another system).
        var second = EkartHarness.India();
        await h.Get<IIdentifierStore>().ClaimAsync($"ekart-tracking-id:{h.MerchantCode}", second.Reference + "|P", taken, default);

        var result = await h.Carrier.CreateShipmentsAsync(account, EkartHarness.Requests(second), default);

        Assert.Empty(result.Created);
        Assert.Contains($"holds tracking id {taken} for another shipment", Assert.Single(result.Rejected).Reason);
    }

    [Fact]
    public async Task Ekarts_rejections_come_back_per_shipment_with_its_reasons()
    {
        await using var h = await EkartHarness.StartAsync();
        var good = EkartHarness.India();
        var bad = EkartHarness.India(tariff: "6211.42.90") with { PackageFormat = "SMALL", ServiceCode = "SUPERFAST" };

        var result = await h.Carrier.CreateShipmentsAsync(h.Account(), EkartHarness.Requests(good, bad), default);

        Assert.Equal(good.Reference, Assert.Single(result.Created).Reference);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(bad.Reference, rejected.Reference);
        Assert.Contains("Invalid service code SUPERFAST", rejected.Reason);
    }

    [Fact]
    public async Task An_expired_token_mid_run_is_renewed_and_the_call_made_once_more()
    {
        await using var h = await EkartHarness.StartAsync();
        var account = h.Account();
        await h.Carrier.CreateShipmentsAsync(account, EkartHarness.Requests(EkartHarness.India()), default);

        h.Simulator.ExpireTokens();
        var result = await h.Carrier.CreateShipmentsAsync(account, EkartHarness.Requests(EkartHarness.India()), default);

        Assert.Single(result.Created);
        var log = h.Simulator.RequestLog();
        Assert.Equal(2, log.Count(r => r.Operation == EkartOperation.Token));
        Assert.Equal(1, log.Count(r => r.Operation == EkartOperation.Create && r.Status == 401));
        Assert.Equal(2, h.Simulator.Shipments(h.MerchantCode).Count);
    }

    [Fact]
    public async Task A_token_is_reused_until_shortly_before_it_expires_then_renewed_without_a_refusal()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await EkartHarness.StartAsync(new() { ["Ekart:TokenRenewBefore"] = "00:05:00" }, time);
        h.Simulator.TokenLifetime = TimeSpan.FromMinutes(50);
        var account = h.Account();
        var shipment = Assert.Single((await h.Carrier.CreateShipmentsAsync(account, EkartHarness.Requests(EkartHarness.India()), default)).Created).CarrierShipmentId;

        time.Advance(TimeSpan.FromMinutes(44));
        await h.Carrier.GetStatusAsync(account, [shipment], default);
        Assert.Equal(1, h.Simulator.RequestLog().Count(r => r.Operation == EkartOperation.Token));

        time.Advance(TimeSpan.FromMinutes(2));
        await h.Carrier.GetStatusAsync(account, [shipment], default);
        Assert.Equal(2, h.Simulator.RequestLog().Count(r => r.Operation == EkartOperation.Token));
        Assert.DoesNotContain(h.Simulator.RequestLog(), r => r.Status == 401);
    }

    [Fact]
    public async Task A_refused_merchant_token_is_an_authentication_failure()
    {
        await using var h = await EkartHarness.StartAsync();

        var failure = await Assert.ThrowsAsync<EkartException>(() =>
            h.Carrier.CreateShipmentsAsync(h.Account(token: "wrong"), EkartHarness.Requests(EkartHarness.India()), default));

        Assert.Equal(PartnerFailureKind.Authentication, failure.Kind);
        Assert.DoesNotContain("wrong", failure.Message);
    }

    [Theory]
    [InlineData(EkartRateLimitStyle.DocumentedForbidden)]
    [InlineData(EkartRateLimitStyle.TooManyRequests)]
    public async Task Rate_limits_are_waited_out_within_the_call(EkartRateLimitStyle style)
    {
        await using var h = await EkartHarness.StartAsync();
        h.Simulator.RateLimitNext(2, TimeSpan.FromSeconds(1), EkartOperation.Create, style);

        var result = await h.Carrier.CreateShipmentsAsync(h.Account(), EkartHarness.Requests(EkartHarness.India()), default);

        Assert.Single(result.Created);
        Assert.Equal(3, h.Simulator.RequestLog().Count(r => r.Operation == EkartOperation.Create));
    }

    [Fact]
    public async Task A_create_that_fails_on_the_server_is_not_sent_again_in_the_same_call()
    {
        await using var h = await EkartHarness.StartAsync();
        h.Simulator.FailNext(3, EkartOperation.Create);

        var failure = await Assert.ThrowsAsync<EkartException>(() => h.Carrier.CreateShipmentsAsync(h.Account(), EkartHarness.Requests(EkartHarness.India()), default));

        Assert.Equal(PartnerFailureKind.Transient, failure.Kind);
        Assert.Equal(1, h.Simulator.RequestLog().Count(r => r.Operation == EkartOperation.Create));
    }

    [Theory]
    [InlineData(EkartTrackShape.KeyedByTrackingId)]
    [InlineData(EkartTrackShape.Array)]
    public async Task Tracking_reads_the_whole_history_whatever_the_answer_shape(EkartTrackShape shape)
    {
        await using var h = await EkartHarness.StartAsync();
        var account = h.Account();
        var id = Assert.Single((await h.Carrier.CreateShipmentsAsync(account, EkartHarness.Requests(EkartHarness.India()), default)).Created).CarrierShipmentId;
        h.Simulator.Advance(id, EkartStatuses.PickupComplete);
        h.Simulator.Advance(id, EkartStatuses.InTransit);
        h.Simulator.TrackShape = shape;

        var events = (await h.Tracking.TrackAsync(account, [id], default))[id];

        // Ekart stamps whole seconds: events of one second are told apart by how far along they are.
        Assert.Equal(["shipment_created", "pickup_complete", "in_transit"], events.OrderBy(e => e.At).ThenBy(e => e.State).Select(e => e.CarrierStatus));
        var summary = Fulfilment.Tracking.TrackingProjection.Summarise(events.Select(e =>
            Fulfilment.Tracking.TrackingEvent.From(account.Id, id, e, Fulfilment.Tracking.TrackingEventSource.Poll, DateTimeOffset.UtcNow)));
        Assert.Equal(Fulfilment.Tracking.TrackingState.InTransit, summary.State);
        var status = Assert.Single(await h.Carrier.GetStatusAsync(account, [id], default));
        Assert.NotNull(status.DespatchedAt);
    }

    [Fact]
    public async Task Cancelling_before_pickup_cancels_and_after_pickup_returns_to_origin_and_a_repeat_says_the_same()
    {
        await using var h = await EkartHarness.StartAsync();
        var account = h.Account();
        var created = (await h.Carrier.CreateShipmentsAsync(account, EkartHarness.Requests(EkartHarness.India(), EkartHarness.India()), default)).Created;
        var waiting = created[0];
        var pickedUp = created[1];
        h.Simulator.Advance(pickedUp.CarrierShipmentId, EkartStatuses.PickupComplete);

        var cancelled = await h.Cancellation.CancelAsync(account, waiting.CarrierShipmentId, waiting.Reference, "Customer changed their mind", default);
        var returning = await h.Cancellation.CancelAsync(account, pickedUp.CarrierShipmentId, pickedUp.Reference, "Customer changed their mind", default);

        Assert.Equal(CarrierCancelOutcome.Cancelled, cancelled.Outcome);
        Assert.Equal(EkartStatuses.Cancelled, h.Simulator.Shipment(waiting.CarrierShipmentId)!.Status);
        Assert.Equal(CarrierCancelOutcome.ReturnToOrigin, returning.Outcome);
        Assert.StartsWith(EkartStatuses.RtoCreatedPrefix, h.Simulator.Shipment(pickedUp.CarrierShipmentId)!.Status);

        Assert.Equal(CarrierCancelOutcome.Cancelled, (await h.Cancellation.CancelAsync(account, waiting.CarrierShipmentId, waiting.Reference, "again", default)).Outcome);
        Assert.Equal(CarrierCancelOutcome.ReturnToOrigin, (await h.Cancellation.CancelAsync(account, pickedUp.CarrierShipmentId, pickedUp.Reference, "again", default)).Outcome);
    }

    [Fact]
    public async Task A_delivered_shipment_cannot_be_cancelled_and_the_answer_says_why()
    {
        await using var h = await EkartHarness.StartAsync();
        var account = h.Account();
        var shipment = Assert.Single((await h.Carrier.CreateShipmentsAsync(account, EkartHarness.Requests(EkartHarness.India()), default)).Created);
        foreach (var status in new[] { EkartStatuses.PickupComplete, EkartStatuses.InTransit, EkartStatuses.OutForDelivery, EkartStatuses.Delivered })
            h.Simulator.Advance(shipment.CarrierShipmentId, status);

        var answer = await h.Cancellation.CancelAsync(account, shipment.CarrierShipmentId, shipment.Reference, "too late", default);

        Assert.Equal(CarrierCancelOutcome.Refused, answer.Outcome);
        Assert.Contains("already delivered", answer.Message);
    }
}
