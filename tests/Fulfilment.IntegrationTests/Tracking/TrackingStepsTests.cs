using Fulfilment.Cancellation;
using Fulfilment.Connections;
using Fulfilment.IntegrationTests.Carriers.Ekart;
using Fulfilment.IntegrationTests.Storage;
using Fulfilment.Orders;
using Fulfilment.Pipeline;
using Fulfilment.Shipping;
using Fulfilment.Storage;
using Fulfilment.Tracking;
using Sandbox.Ekart;

namespace Fulfilment.IntegrationTests.Tracking;

/// <summary>
/// The tracking and cancellation steps on Azurite (and the Ekart simulator) without the host, so redeliveries and two
/// instances racing can be staged exactly: each "instance" is its own harness over the same storage.
/// </summary>
public class TrackingStepsTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.UtcNow.AddHours(-2);

    /// <summary>A BigCommerce order at ShipmentCreated with an Ekart shipment, as CreateShipments leaves it.</summary>
    private static async Task<(OrderKey Key, ShipmentRecord Shipment)> SeedAsync(EkartHarness h, string trackingId, string accountId)
    {
        var connectionId = StorageTestContext.Unique("bigcommerce");
        await h.Get<IConnectionStore>().SaveAsync(new ChannelConnection
        {
            Id = connectionId, Channel = "BigCommerce", StoreId = "store", MarkDespatchedOnChannel = true, CreatedAt = Created,
        }, default);
        var key = new OrderKey(connectionId, "1001");
        var plan = EkartHarness.India() with { CarrierAccountId = accountId };
        var order = new FulfilmentOrder(key, "BigCommerce", StorageTestContext.Snapshot("1001"), Created) { Plan = plan };
        order.MoveTo(OrderState.Normalised, Created);
        order.MoveTo(OrderState.ShipmentRequested, Created);
        order.CarrierShipmentId = trackingId;
        order.TrackingNumber = trackingId;
        order.MoveTo(OrderState.ShipmentCreated, Created);
        Assert.True(await h.Get<IOrderStore>().TryAddAsync(order, default));
        var shipment = await h.Get<IShipmentStore>().AddAsync(new ShipmentRecord
        {
            CarrierAccountId = accountId, CarrierShipmentId = trackingId, Carrier = "Ekart", Order = key, Reference = plan.Reference,
            TrackingNumber = trackingId, CreatedAt = Created,
        }, default);
        return (key, shipment);
    }

    private static TrackingEvent Event(string accountId, string trackingId, int minutes, string status) =>
        TrackingEvent.From(accountId, trackingId, new CarrierTrackingEvent(Created.AddMinutes(minutes), status, Fulfilment.Carriers.Ekart.EkartStatusMap.Map(status)),
            TrackingEventSource.Webhook, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Two_instances_applying_the_same_pickup_at_once_despatch_the_order_once()
    {
        await using var one = await EkartHarness.StartAsync();
        await using var two = await EkartHarness.StartAsync();
        var account = StorageTestContext.Unique("ekart");
        var trackingId = "FFQP" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);
        var (key, _) = await SeedAsync(one, trackingId, account);
        await one.Get<ITrackingEventStore>().AddNewAsync(account, trackingId,
            [Event(account, trackingId, 0, "shipment_created"), Event(account, trackingId, 30, "pickup_complete")], default);
        var message = new TrackShipmentMessage(key.ConnectionId, key.ChannelOrderId, account, trackingId);

        await Task.WhenAll(one.Get<ApplyTrackingStep>().RunAsync(message, default), two.Get<ApplyTrackingStep>().RunAsync(message, default));
        await one.Get<ApplyTrackingStep>().RunAsync(message, default); // and a redelivery afterwards

        var order = (await one.Get<IOrderStore>().GetAsync(key, default))!;
        Assert.Equal(OrderState.Despatched, order.State);
        Assert.Single(order.History, t => t.To == OrderState.Despatched);
        Assert.Equal(Created.AddMinutes(30), order.DespatchedAt);
        Assert.NotNull(await one.Get<IWriteBackOutbox>().GetAsync(key, default));
        var shipment = (await one.Get<IShipmentStore>().GetAsync(account, trackingId, default))!;
        Assert.Equal((TrackingState.PickedUp, ShipmentState.Open), (shipment.TrackingState, shipment.State));
    }

    [Fact]
    public async Task An_older_event_applied_after_a_newer_one_changes_nothing()
    {
        await using var h = await EkartHarness.StartAsync();
        var account = StorageTestContext.Unique("ekart");
        var trackingId = "FFQP" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);
        var (key, _) = await SeedAsync(h, trackingId, account);
        var events = h.Get<ITrackingEventStore>();
        var step = h.Get<ApplyTrackingStep>();
        var message = new TrackShipmentMessage(key.ConnectionId, key.ChannelOrderId, account, trackingId);

        await events.AddNewAsync(account, trackingId, [Event(account, trackingId, 90, "out_for_delivery")], default);
        await step.RunAsync(message, default);
        var before = (await h.Get<IOrderStore>().GetAsync(key, default))!;
        await events.AddNewAsync(account, trackingId, [Event(account, trackingId, 30, "pickup_complete"), Event(account, trackingId, 0, "shipment_created")], default);
        Assert.Equal(TrackingState.OutForDelivery, await step.RunAsync(message, default));

        var after = (await h.Get<IOrderStore>().GetAsync(key, default))!;
        Assert.Equal(before.History.Count, after.History.Count);
        var shipment = (await h.Get<IShipmentStore>().GetAsync(account, trackingId, default))!;
        Assert.Equal((TrackingState.OutForDelivery, Created.AddMinutes(90)), (shipment.TrackingState, shipment.TrackingStateAt));
        // The parcel left when the earliest event after pickup says, even though that event arrived last.
        Assert.Equal(Created.AddMinutes(30), shipment.DespatchedAt);
    }

    [Fact]
    public async Task Two_cancellations_of_the_same_order_at_once_cancel_it_once_and_record_it_once()
    {
        await using var one = await EkartHarness.StartAsync();
        var account = one.Account();
        await one.Get<ICarrierAccountStore>().SaveAsync(account, default);
        var trackingId = Assert.Single((await one.Carrier.CreateShipmentsAsync(account, EkartHarness.Requests(EkartHarness.India()), default)).Created).CarrierShipmentId;
        var (key, _) = await SeedAsync(one, trackingId, account.Id);

        var outcomes = await Task.WhenAll(
            one.Get<OrderCancellation>().CancelAsync(key, "customer cancelled", CancellationSource.Operator, default),
            one.Get<OrderCancellation>().CancelAsync(key, "customer cancelled", CancellationSource.Operator, default));

        Assert.All(outcomes, o => Assert.Contains(o.Kind, new[] { CancelOutcomeKind.Cancelled, CancelOutcomeKind.AlreadyCancelled }));
        var order = (await one.Get<IOrderStore>().GetAsync(key, default))!;
        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.Single(order.History, t => t is { To: OrderState.Cancelled, From: not OrderState.Cancelled });
        var shipment = one.Simulator.Shipment(trackingId)!;
        Assert.Equal(EkartStatuses.Cancelled, shipment.Status);
        Assert.Single(shipment.Cancellations, c => c.Accepted);
        Assert.Equal(ShipmentState.Cancelled, (await one.Get<IShipmentStore>().GetAsync(account.Id, trackingId, default))!.State);
    }
}
