using Fulfilment.Channels.BigCommerce;
using Microsoft.Extensions.Logging.Abstractions;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Storage;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>Connections, carrier accounts and shipments against Azurite.</summary>
public sealed class AccountStoreTests
{
    [Fact]
    public async Task A_connection_round_trips_and_a_stale_etag_is_a_conflict()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IConnectionStore>();
        var connection = new ChannelConnection
        {
            Id = StorageTestContext.Unique("bc/zq3demo01"), Channel = "BigCommerce", StoreId = "zq3demo01", TradingName = "Demo",
            Cursor = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), Credentials = { ["accessToken"] = "token" }, MaxOrderAgeDays = 14,
            MarkDespatchedOnChannel = false, CreatedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        };
        await store.SaveAsync(connection, default);

        var a = (await store.GetAsync(connection.Id, default))!;
        var b = (await store.GetAsync(connection.Id, default))!;
        a.Cursor = a.Cursor!.Value.AddMinutes(5);
        await store.SaveAsync(a, default);
        b.Status = ConnectionStatus.ReconnectRequired;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(b, default));
        var stored = (await store.GetAsync(connection.Id, default))!;
        Assert.Equal(a.Cursor, stored.Cursor);
        Assert.Equal(ConnectionStatus.Active, stored.Status);
        Assert.Equal((connection.StoreId, connection.TradingName, "token", 14, false, connection.CreatedAt),
            (stored.StoreId, stored.TradingName, stored.Credential("accessToken"), stored.MaxOrderAgeDays, stored.MarkDespatchedOnChannel, stored.CreatedAt));
        Assert.Contains(await store.ListAsync(default), c => c.Id == connection.Id);
    }

    [Fact]
    public async Task A_refusal_of_credentials_replaced_since_leaves_the_connection_active_and_one_of_the_stored_ones_marks_it()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IConnectionStore>();
        var failures = new CredentialFailures(store, ctx.Get<ICarrierAccountStore>(), NullLogger<CredentialFailures>.Instance);
        var connection = new ChannelConnection
        {
            Id = StorageTestContext.Unique("bc/zq3demo02"), Channel = "BigCommerce", StoreId = "zq3demo02", Credentials = { ["accessToken"] = "old" },
            CreatedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        };
        await store.SaveAsync(connection, default);
        // A copy kept a few seconds (as the pipeline's settings are) while the merchant reconnects with a new token.
        var kept = (await store.GetAsync(connection.Id, default))!;
        var reconnected = (await store.GetAsync(connection.Id, default))!;
        reconnected.Credentials = new(StringComparer.OrdinalIgnoreCase) { ["accessToken"] = "new" };
        await store.SaveAsync(reconnected, default);

        var answer = await failures.ConnectionRefusedAsync(kept, BigCommerceException.FromResponse(401, null), default);

        Assert.Equal((ConnectionStatus.Active, "new"), (answer.Status, answer.Credential("accessToken")));
        Assert.Equal(ConnectionStatus.Active, (await store.GetAsync(connection.Id, default))!.Status);
        Assert.Equal(ConnectionStatus.Active, kept.Status); // the kept copy is not changed (others may share it)

        answer = await failures.ConnectionRefusedAsync(answer, BigCommerceException.FromResponse(401, null), default);
        var stored = (await store.GetAsync(connection.Id, default))!;
        Assert.Equal(ConnectionStatus.ReconnectRequired, stored.Status);
        Assert.Equal(stored.StatusReason, answer.StatusReason);
        Assert.Contains("reconnect", stored.StatusReason);
    }

    [Fact]
    public async Task A_carrier_account_round_trips()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<ICarrierAccountStore>();
        var account = new CarrierAccount
        {
            Id = StorageTestContext.Unique("rm-demo"), Carrier = "ClickAndDrop", Credentials = { ["apiKey"] = "key" }, Settings = { ["onlineBusinessAccount"] = "true" },
            Status = CarrierAccountStatus.NeedsCredentials, StatusReason = "401",
        };
        await store.SaveAsync(account, default);
        Assert.NotNull(account.ETag);

        var stored = (await store.GetAsync(account.Id, default))!;
        Assert.Equal((account.Carrier, "key", true, CarrierAccountStatus.NeedsCredentials, "401", account.ETag),
            (stored.Carrier, stored.Credential("apiKey"), stored.Flag("onlineBusinessAccount"), stored.Status, stored.StatusReason, stored.ETag));
    }

    [Fact]
    public async Task Only_open_shipments_are_listed_for_their_account()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IShipmentStore>();
        var account = StorageTestContext.Unique("rm");
        ShipmentRecord Shipment(string id) => new()
        {
            CarrierAccountId = account, CarrierShipmentId = id, Carrier = "ClickAndDrop", Order = new OrderKey("c", "o" + id),
            Reference = "FF-o" + id, CreatedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        };
        var open = await store.AddAsync(Shipment("1"), default);
        var done = await store.AddAsync(Shipment("2"), default);
        done.State = ShipmentState.Despatched;
        done.TrackingNumber = "TT123456789GB";
        await store.SaveAsync(done, default);

        var listed = await store.ListOpenAsync(account, default);
        var stored = await store.GetAsync(account, "2", default);

        Assert.Equal(["1"], listed.Select(s => s.CarrierShipmentId));
        Assert.Equal(open.Order, listed[0].Order);
        Assert.Equal((ShipmentState.Despatched, "TT123456789GB"), (stored!.State, stored.TrackingNumber));
    }

    [Fact]
    public async Task Open_shipments_created_since_a_time_are_listed_without_older_or_closed_ones()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IShipmentStore>();
        var account = StorageTestContext.Unique("rm");
        var t0 = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        ShipmentRecord Shipment(string id, int secondsAfter) => new()
        {
            CarrierAccountId = account, CarrierShipmentId = id, Carrier = "ClickAndDrop", Order = new OrderKey("c", "o" + id),
            Reference = "FF-o" + id, CreatedAt = t0.AddSeconds(secondsAfter),
        };
        await store.AddManyAsync([Shipment("1", 0), Shipment("2", 30), Shipment("3", 60), Shipment("4", 90)], default);
        var closed = (await store.GetAsync(account, "4", default))!;
        closed.State = ShipmentState.Despatched;
        await store.SaveAsync(closed, default);

        var listed = await store.ListOpenCreatedSinceAsync(account, t0.AddSeconds(30), default);

        Assert.Equal(["2", "3"], listed.Select(s => s.CarrierShipmentId).Order());
    }

    [Fact]
    public async Task A_shipment_is_added_once_and_saved_only_with_its_etag_open_or_closed()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IShipmentStore>();
        var account = StorageTestContext.Unique("rm");
        ShipmentRecord Shipment() => new()
        {
            CarrierAccountId = account, CarrierShipmentId = "1001", Carrier = "ClickAndDrop", Order = new OrderKey("c", "o1"),
            Reference = "FF-o1", CreatedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), TrackingNumber = "first",
        };

        var added = await store.AddAsync(Shipment(), default);
        var retry = Shipment();
        retry.TrackingNumber = "second";
        var again = await store.AddAsync(retry, default);
        Assert.Equal("first", again.TrackingNumber); // a retry never overwrites what is stored

        var a = (await store.GetAsync(account, "1001", default))!;
        var b = (await store.GetAsync(account, "1001", default))!;
        a.LabelBlob = "labels/1001.pdf";
        await store.SaveAsync(a, default);
        b.State = ShipmentState.Despatched;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(b, default)); // open: stale ETag refused

        var c = (await store.GetAsync(account, "1001", default))!;
        c.State = ShipmentState.Despatched;
        await store.SaveAsync(c, default);
        var d = (await store.GetAsync(account, "1001", default))!;
        c.TrackingNumber = "changed";
        await store.SaveAsync(c, default);
        d.TrackingNumber = "stale";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(d, default)); // closed: stale ETag refused too

        var stored = (await store.GetAsync(account, "1001", default))!;
        Assert.Equal((ShipmentState.Despatched, "labels/1001.pdf", "changed"), (stored.State, stored.LabelBlob, stored.TrackingNumber));
        Assert.Empty(await store.ListOpenAsync(account, default));
        Assert.NotNull(added.ETag);
    }
}
