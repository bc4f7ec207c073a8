using Fulfilment.Channels;
using Fulfilment.Channels.Ekm;
using Fulfilment.Connections;
using Sandbox.Ekm;

namespace Fulfilment.IntegrationTests.Channels.Ekm;

/// <summary>Despatch write-back: tracking, then the despatched status, each exactly once.</summary>
public class EkmDespatchTests
{
    [Fact]
    public async Task Tracking_then_the_despatched_status_are_written_once_even_when_delivered_twice()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        var order = ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING" }, fireWebhook: false);

        var first = await ekm.Channel.MarkDespatchedAsync(connection, Notice(order.Id), CancellationToken.None);
        var second = await ekm.Channel.MarkDespatchedAsync(connection, Notice(order.Id), CancellationToken.None);

        Assert.False(first.AlreadyRecorded);
        Assert.True(second.AlreadyRecorded);
        var writes = ekm.Simulator.GetWriteBacks(username, order.Id);
        Assert.Equal([EkmWriteBackKind.DeliveryTracking, EkmWriteBackKind.Status], writes.Select(w => w.Kind));
        Assert.Equal("RM123456785GB", writes[0].TrackingNumber);
        Assert.Equal("Royal Mail", writes[0].TrackingCompany);
        Assert.Contains("RM123456785GB", writes[0].TrackingUrl, StringComparison.Ordinal);
        Assert.Equal("DISPATCHED", writes[1].Status);
        Assert.Equal("DISPATCHED", ekm.Simulator.GetOrder(username, order.Id).Status);
    }

    [Fact]
    public async Task A_delivery_that_stopped_after_the_tracking_is_finished_without_writing_the_tracking_again()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        var order = ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING" }, fireWebhook: false);
        // An earlier delivery wrote the tracking, then its instance died before the status.
        var token = await ekm.Get<EkmTokens>().AccessTokenAsync(connection, CancellationToken.None);
        await ekm.Get<EkmClient>().PutDeliveryTrackingAsync(new EkmShop(username, token), order.Id, "RM123456785GB", "Royal Mail", null, CancellationToken.None);

        var retried = await ekm.Channel.MarkDespatchedAsync(connection, Notice(order.Id), CancellationToken.None);

        Assert.False(retried.AlreadyRecorded);
        Assert.Equal([EkmWriteBackKind.DeliveryTracking, EkmWriteBackKind.Status], ekm.Simulator.GetWriteBacks(username, order.Id).Select(w => w.Kind));
    }

    [Fact]
    public async Task A_despatch_that_ekm_fails_is_written_by_a_later_delivery_tracking_then_status_once()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        var order = ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING" }, fireWebhook: false);
        ekm.Simulator.SetFaults(username, new EkmFaults { Next500 = 6 });

        await Assert.ThrowsAsync<EkmException>(() => ekm.Channel.MarkDespatchedAsync(connection, Notice(order.Id), CancellationToken.None));
        ekm.Simulator.ClearFaults(username);
        var retried = await ekm.Channel.MarkDespatchedAsync(connection, Notice(order.Id), CancellationToken.None);

        Assert.False(retried.AlreadyRecorded);
        Assert.Equal([EkmWriteBackKind.DeliveryTracking, EkmWriteBackKind.Status], ekm.Simulator.GetWriteBacks(username, order.Id).Select(w => w.Kind));
    }

    [Fact]
    public async Task The_connections_own_despatched_status_is_used()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        ekm.Simulator.AddOrderStatus(username, "With Courier");
        var connection = await ekm.ConnectAsync(username);
        connection.Settings[EkmSettings.DespatchedStatus] = "With Courier";
        var order = ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING" }, fireWebhook: false);

        await ekm.Channel.MarkDespatchedAsync(connection, Notice(order.Id), CancellationToken.None);

        Assert.Equal("WITH COURIER", ekm.Simulator.GetOrder(username, order.Id).Status);
    }

    private static DespatchNotice Notice(long orderId) => new()
    {
        ChannelOrderId = orderId.ToString(),
        Lines = [],
        TrackingNumber = "RM123456785GB",
        ShippingCarrier = "RoyalMail",
        DespatchedAt = DateTimeOffset.UtcNow,
    };
}
