using Sandbox.Ekart;

namespace Sandbox.Tests.Ekart;

/// <summary>The simulated courier: statuses set by hand, or on a schedule that follows the simulator's clock.</summary>
public sealed class EkartCourierTests
{
    [Fact]
    public async Task Advance_by_hand_appends_to_the_history_at_the_simulators_time()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();

        ekart.Clock.Advance(TimeSpan.FromHours(2));
        var shipment = ekart.Simulator.Advance(trackingId, EkartStatuses.UndeliveredAttempted("Customer not available"));

        Assert.Equal("shipment_undelivered_attempted_customer_not_available", shipment.Status);
        Assert.Equal(EkartFixture.Start.AddHours(2), shipment.History[^1].At);
        Assert.Equal("Mumbai", shipment.History[^1].City);
        Assert.Equal(2, shipment.History[^1].Sequence);
    }

    [Theory]
    [InlineData("teleported")]
    [InlineData("shipment_rto_created_")] // a reason prefix needs its reason
    public async Task Advance_refuses_codes_ekart_does_not_document(string status)
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();

        Assert.Throws<ArgumentException>(() => ekart.Simulator.Advance(trackingId, status));
    }

    [Fact]
    public async Task Advance_refuses_a_shipment_that_reached_the_end()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();
        ekart.Simulator.Advance(trackingId, EkartStatuses.Lost);

        Assert.Throws<InvalidOperationException>(() => ekart.Simulator.Advance(trackingId, EkartStatuses.Delivered));
    }

    [Fact]
    public async Task Scheduled_courier_delivers_with_each_step_stamped_when_it_fell_due()
    {
        await using var ekart = await EkartFixture.StartAsync();
        ekart.Simulator.SetCourier(EkartFixture.Merchant, EkartCourierSchedule.Realistic);
        var trackingId = await ekart.CreateShipmentAsync();

        ekart.Clock.Advance(TimeSpan.FromDays(2)); // one big jump: the steps still get their own times
        var history = ekart.Simulator.Shipment(trackingId)!.History;

        Assert.Equal(
            [EkartStatuses.ShipmentCreated, EkartStatuses.PickupScheduled, EkartStatuses.OutForPickup, EkartStatuses.PickupComplete,
             EkartStatuses.InTransit, EkartStatuses.OutForDelivery, EkartStatuses.Delivered],
            history.Select(e => e.Status));
        var s = EkartCourierSchedule.Realistic;
        Assert.Equal(
            [TimeSpan.Zero, s.PickupScheduled, s.OutForPickup, s.PickupComplete, s.InTransit, s.OutForDelivery, s.Delivered],
            history.Select((e, i) => i == 0 ? TimeSpan.Zero : e.At - history[i - 1].At));
    }

    [Fact]
    public async Task Scheduled_courier_waits_for_the_clock()
    {
        await using var ekart = await EkartFixture.StartAsync();
        ekart.Simulator.SetCourier(EkartFixture.Merchant, EkartCourierSchedule.Realistic);
        var trackingId = await ekart.CreateShipmentAsync();

        ekart.Clock.Advance(EkartCourierSchedule.Realistic.PickupScheduled - TimeSpan.FromSeconds(1));
        var before = ekart.Simulator.Shipment(trackingId)!.Status;
        ekart.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = ekart.Simulator.Shipment(trackingId)!.Status;

        Assert.Equal(EkartStatuses.ShipmentCreated, before);
        Assert.Equal(EkartStatuses.PickupScheduled, after);
    }

    [Fact]
    public async Task After_a_failed_attempt_the_courier_goes_out_for_delivery_again()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();
        ekart.Simulator.Advance(trackingId, EkartStatuses.UndeliveredAttempted("Door locked"));
        ekart.Simulator.SetCourier(EkartFixture.Merchant, EkartCourierSchedule.Quick);

        ekart.Clock.Advance(TimeSpan.FromMinutes(1));

        var statuses = ekart.Simulator.Shipment(trackingId)!.History.Select(e => e.Status).TakeLast(2);
        Assert.Equal([EkartStatuses.OutForDelivery, EkartStatuses.Delivered], statuses);
    }

    [Fact]
    public async Task Turning_the_courier_off_stops_it()
    {
        await using var ekart = await EkartFixture.StartAsync();
        ekart.Simulator.SetCourier(EkartFixture.Merchant, EkartCourierSchedule.Quick);
        var trackingId = await ekart.CreateShipmentAsync();

        ekart.Simulator.SetCourier(EkartFixture.Merchant, null);
        ekart.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(EkartStatuses.ShipmentCreated, ekart.Simulator.Shipment(trackingId)!.Status);
    }
}
