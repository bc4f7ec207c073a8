using Fulfilment.Channels;
using Fulfilment.Channels.Ecomdash;
using Fulfilment.Partners;
using Sandbox.Ecomdash;

using SimOperations = Sandbox.Ecomdash.EcomdashOperations;

namespace Fulfilment.IntegrationTests.Channels.Ecomdash;

/// <summary>Get Orders against the simulator: status and age, keyset paging, envelopes, decimal ids, and the refused key.</summary>
public class EcomdashOrdersTests
{
    private static readonly Dictionary<string, string?> SmallPages = new() { ["Ecomdash:PageSize"] = "2" };

    [Fact]
    public async Task Only_orders_in_the_import_status_created_within_the_window_are_read_and_each_once_across_pages()
    {
        await using var harness = await EcomdashHarness.StartAsync(SmallPages);
        var (connection, merchant) = harness.NewMerchant();
        var now = harness.Clock.GetUtcNow();
        var wanted = Enumerable.Range(1, 5).Select(i => harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { CreatedAt = now.AddHours(-i) }).OrderId).ToList();
        harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { Status = EcomdashOrderStatus.New, CreatedAt = now.AddHours(-1) });
        harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { Status = EcomdashOrderStatus.Complete, CreatedAt = now.AddHours(-1) });
        harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { CreatedAt = now.AddDays(-9) });

        var pages = await harness.ReadAllAsync(connection, harness.Query(days: 7));

        var read = pages.SelectMany(p => p.Orders).Select(o => o.ChannelOrderId).ToList();
        Assert.Equal(wanted.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), read.Order());
        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.True(pages.Count >= 3, "five orders at two a page take several pages");
        Assert.All(pages.Zip(pages.Skip(1)), p => Assert.True(p.First.Next.CompareTo(p.Second.Next) <= 0));
    }

    [Fact]
    public async Task An_order_leaving_the_status_while_pages_are_read_hides_no_other()
    {
        await using var harness = await EcomdashHarness.StartAsync(SmallPages);
        var (connection, merchant) = harness.NewMerchant();
        var now = harness.Clock.GetUtcNow();
        var ids = Enumerable.Range(0, 6).Select(i => harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { CreatedAt = now.AddMinutes(-60 + i * 5) }).OrderId).ToList();

        var read = new List<string>();
        await using (var pages = harness.Channel.ReadOrdersAsync(connection, harness.Query(), CancellationToken.None).GetAsyncEnumerator())
        {
            Assert.True(await pages.MoveNextAsync());
            read.AddRange(pages.Current.Orders.Select(o => o.ChannelOrderId));
            // The first order ships meanwhile: with page numbers the third order would slide onto page 1 and be skipped.
            harness.Simulator.SetOrderStatus(merchant.Id, ids[0], EcomdashOrderStatus.Complete);
            while (await pages.MoveNextAsync())
                read.AddRange(pages.Current.Orders.Select(o => o.ChannelOrderId));
        }

        Assert.Equal(ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), read);
    }

    [Fact]
    public async Task More_orders_in_one_second_than_fit_a_page_are_all_read()
    {
        await using var harness = await EcomdashHarness.StartAsync(SmallPages);
        var (connection, merchant) = harness.NewMerchant();
        var second = harness.Clock.GetUtcNow().AddHours(-2);
        second = second.AddTicks(-(second.Ticks % TimeSpan.TicksPerSecond));
        var ids = Enumerable.Range(0, 5).Select(_ => harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { CreatedAt = second }).OrderId).ToList();
        var later = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { CreatedAt = second.AddMinutes(5) }).OrderId;

        var read = (await harness.ReadAllAsync(connection, harness.Query())).SelectMany(p => p.Orders).Select(o => long.Parse(o.ChannelOrderId)).ToList();

        Assert.Equal([.. ids, later], read);
    }

    [Fact]
    public async Task Reading_after_a_position_gives_only_later_orders()
    {
        await using var harness = await EcomdashHarness.StartAsync(SmallPages);
        var (connection, merchant) = harness.NewMerchant();
        var now = harness.Clock.GetUtcNow();
        var ids = Enumerable.Range(0, 4).Select(i => harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { CreatedAt = now.AddMinutes(-40 + i * 10) }).OrderId).ToList();
        var first = (await harness.ReadAllAsync(connection, harness.Query())).SelectMany(p => p.Orders).ToList();

        var rest = (await harness.ReadAllAsync(connection, harness.Query(after: first[1].Position))).SelectMany(p => p.Orders).Select(o => long.Parse(o.ChannelOrderId));

        Assert.Equal(ids.Skip(2), rest);
    }

    [Fact]
    public async Task A_failure_envelope_on_http_200_is_a_rejection_with_ecomdash_s_message()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed());
        harness.Simulator.ForceEnvelope(merchant.Id, SimOperations.GetOrders, EcomdashEnvelopeStatus.Failure, ["The order search is unavailable for this company."]);

        var ex = await Assert.ThrowsAsync<EcomdashException>(() => harness.ReadAllAsync(connection, harness.Query()));

        Assert.Equal(PartnerFailureKind.Rejected, ex.Kind);
        Assert.Contains("The order search is unavailable for this company.", ex.Message);
    }

    [Fact]
    public async Task A_partial_success_still_answers_its_orders()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var id = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed()).OrderId;
        harness.Simulator.ForceEnvelope(merchant.Id, SimOperations.GetOrders, EcomdashEnvelopeStatus.PartialSuccess, ["Some storefronts could not be searched."]);

        var read = (await harness.ReadAllAsync(connection, harness.Query())).SelectMany(p => p.Orders).Single();

        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), read.ChannelOrderId);
    }

    [Fact]
    public async Task An_order_is_read_whole_with_its_lines_address_and_digital_flag()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var seeded = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed
        {
            ShippingMethod = "Next Day",
            Lines = [new EcomdashLineSeed("MUG-RED", 2, 8.5m), new EcomdashLineSeed("GIFT-25", 1, 25m) { IsDigital = true }],
        });
        var summary = (await harness.ReadAllAsync(connection, harness.Query())).SelectMany(p => p.Orders).Single();

        var order = await harness.Channel.GetOrderAsync(connection, summary, CancellationToken.None);
        var again = await harness.Channel.GetOrderAsync(connection, new ChannelOrderSummary(summary.ChannelOrderId, summary.ModifiedAt), CancellationToken.None);

        Assert.Equal(seeded.LineItemIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), order.Lines.Select(l => l.LineId));
        Assert.Equal([true, false], order.Lines.Select(l => l.IsPhysical));
        Assert.Equal(("Next Day", "Leeds", "GB", "GBP"), (order.ShippingMethod, order.ShippingAddress!.City, order.ShippingAddress.CountryCode, order.Currency));
        Assert.Equal(order.Lines.Select(l => (l.LineId, l.Sku, l.Quantity)), again.Lines.Select(l => (l.LineId, l.Sku, l.Quantity)));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "wrong-app")]
    public async Task A_lapsed_subscription_or_a_wrong_app_id_is_refused_in_plain_words(bool active, string? applicationId)
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant(s => s with { ApplicationId = "app-123" });
        connection.Credentials[EcomdashMerchant.ApplicationIdField] = applicationId ?? "app-123";
        harness.Simulator.SetSubscriptionActive(merchant.Id, active);

        var ex = await Assert.ThrowsAsync<EcomdashException>(() => harness.Channel.ValidateSettingsAsync(connection, CancellationToken.None));

        Assert.Equal(PartnerFailureKind.Authentication, ex.Kind);
        Assert.Equal(403, ex.StatusCode);
        Assert.StartsWith(EcomdashException.RefusedCredentials, ex.Message);
    }

    [Fact]
    public async Task Settings_are_checked_against_the_account_s_statuses_warehouses_and_carriers()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, _) = harness.NewMerchant();
        connection.ImportStatus = "Shipped";
        connection.Settings["warehouses"] = "MAIN=ECD Warehouse;LEEDS=Leeds";
        connection.Settings["carriers"] = "RoyalMail=Royal Mail;Ekart=Ekart Logistics";

        var problems = await harness.Channel.ValidateSettingsAsync(connection, CancellationToken.None);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("importStatus must be one of New, InProcess, Complete", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("warehouses: Ecomdash has no warehouse \"Leeds\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("carriers: Ecomdash has no carrier \"Ekart Logistics\"", StringComparison.Ordinal));
    }
}
