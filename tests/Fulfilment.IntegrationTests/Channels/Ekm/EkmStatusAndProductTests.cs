using Fulfilment.Channels.Ekm;
using Fulfilment.Connections;
using Sandbox.Ekm;

namespace Fulfilment.IntegrationTests.Channels.Ekm;

/// <summary>Custom statuses checked against the store's own; products looked up by SKU for their weight.</summary>
public class EkmStatusAndProductTests
{
    [Fact]
    public async Task Statuses_the_store_has_are_valid_custom_ones_included_and_others_are_named()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        ekm.Simulator.AddOrderStatus(username, "Awaiting Stock");
        var connection = await ekm.ConnectAsync(username);

        connection.ImportStatus = "awaiting stock";
        var valid = await ekm.Channel.ValidateSettingsAsync(connection, CancellationToken.None);
        connection.Settings[EkmSettings.DespatchedStatus] = "Shipped";
        var invalid = await ekm.Channel.ValidateSettingsAsync(connection, CancellationToken.None);

        Assert.Empty(valid);
        Assert.Contains(invalid, p => p.Contains("'Shipped' is not one of the store's order statuses", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_status_the_store_no_longer_has_is_reset_to_the_defaults_on_the_next_poll_with_the_reason()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        // Set while the store had it; the merchant has since deleted the custom status.
        connection.ImportStatus = "Ready To Pack";
        connection.Settings[EkmSettings.DespatchedStatus] = "Dispatched";
        await ekm.Connections.SaveAsync(connection, CancellationToken.None);
        var order = ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING" }, fireWebhook: false);

        var listed = (await ekm.ReadAllAsync(connection, importStatus: "Ready To Pack")).SelectMany(p => p.Orders).ToList();

        var stored = await ekm.ReloadAsync(connection);
        Assert.Null(stored.ImportStatus);
        Assert.Null(stored.Setting(EkmSettings.DespatchedStatus));
        Assert.Contains("'Ready To Pack' is not one of the store's order statuses", stored.Setting(EkmSettings.StatusesReset), StringComparison.Ordinal);
        Assert.Equal([order.Id.ToString()], listed.Select(o => o.ChannelOrderId)); // read with the default status at once
    }

    [Fact]
    public async Task A_reconnect_resets_a_status_the_store_no_longer_has()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        connection.Settings[EkmSettings.DespatchedStatus] = "Gone Away";
        await ekm.Connections.SaveAsync(connection, CancellationToken.None);

        await ekm.CallbackAsync(await ekm.ConsentAsync(username, ekm.NewState()));

        var stored = await ekm.ReloadAsync(connection);
        Assert.Null(stored.Setting(EkmSettings.DespatchedStatus));
        Assert.Contains("Gone Away", stored.Setting(EkmSettings.StatusesReset), StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Active, stored.Status);
    }

    [Fact]
    public async Task A_sku_on_one_product_gives_its_weight_in_grams_and_on_two_gives_both()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        var single = ekm.Simulator.AddProduct(username, new EkmProductSeed { ProductCode = "SOCKS-RED", ProductWeight = 0.12, Name = "Red socks", Gtin = "5012345678900" });
        ekm.Simulator.AddProduct(username, new EkmProductSeed { ProductCode = "TWICE" });
        ekm.Simulator.AddProduct(username, new EkmProductSeed { ProductCode = "TWICE", AllowDuplicateCode = true });
        var products = ekm.Get<EkmProducts>();

        var one = Assert.Single(await products.FindBySkuAsync(connection, "SOCKS-RED", CancellationToken.None));
        var two = await products.FindBySkuAsync(connection, "TWICE", CancellationToken.None);
        var none = await products.FindBySkuAsync(connection, "O'BRIEN-MUG", CancellationToken.None);

        Assert.Equal(single.ToString(), one.ProductId);
        Assert.Equal(120m, one.WeightGrams);
        Assert.Equal("Red socks", one.Name);
        Assert.Equal(2, two.Count);
        Assert.Empty(none);
    }
}
