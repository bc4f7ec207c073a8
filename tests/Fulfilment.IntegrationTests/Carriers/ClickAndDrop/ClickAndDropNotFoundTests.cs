using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Partners;
using Sandbox.ClickAndDrop;
using Xunit;
using static Fulfilment.IntegrationTests.Carriers.ClickAndDrop.ClickAndDropPlans;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>
/// A 404 means "Click &amp; Drop has none of these" only when Click &amp; Drop wrote it: read as "none" from a proxy, a wrong
/// base URL or an error page, it would make the pipeline create a second carrier order.
/// </summary>
public class ClickAndDropNotFoundTests
{
    [Fact]
    public async Task Click_and_drops_own_404_is_an_empty_result()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();

        Assert.Empty(await h.Carrier.FindByReferenceAsync(account, ["FF-none-00000000"], default));
        Assert.Empty(await h.Carrier.GetStatusAsync(account, ["999999"], default));
        Assert.Equal([404, 404], h.Simulator.RequestLog(account.Id).Select(r => r.StatusCode));
    }

    [Theory]
    [InlineData(ClickAndDropForeignNotFound.Empty)]
    [InlineData(ClickAndDropForeignNotFound.Html)]
    [InlineData(ClickAndDropForeignNotFound.GatewayJson)]
    public async Task Lookup_answered_by_a_404_click_and_drop_did_not_write_is_transient(ClickAndDropForeignNotFound kind)
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();
        await h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-1-exists")]), default);
        h.Simulator.ForeignNotFoundNext(account.Id, 1, kind);

        var ex = await Assert.ThrowsAsync<ClickAndDropException>(() => h.Carrier.FindByReferenceAsync(account, ["FF-1-exists"], default));

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.Equal(404, ex.StatusCode);
        Assert.Single(await h.Carrier.FindByReferenceAsync(account, ["FF-1-exists"], default)); // it was there all along
    }

    [Fact]
    public async Task Wrong_base_url_makes_lookups_and_creates_transient_not_empty_or_rejected()
    {
        await using var h = await ClickAndDropHarness.StartAsync(apiPrefix: "/clickanddrop/api/v2");
        var account = h.NewAccount();

        var lookup = await Assert.ThrowsAsync<ClickAndDropException>(() => h.Carrier.FindByReferenceAsync(account, ["FF-1-wrong-url"], default));
        var status = await Assert.ThrowsAsync<ClickAndDropException>(() => h.Carrier.GetStatusAsync(account, ["1001"], default));
        var create = await Assert.ThrowsAsync<ClickAndDropException>(() => h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-1-wrong-url")]), default));

        Assert.All([lookup, status, create], ex => Assert.Equal(PartnerFailureKind.Transient, ex.Kind));
        Assert.Contains("BaseUrl", create.Message);
        Assert.Empty(h.Simulator.Orders(account.Id));
    }

    [Fact]
    public async Task Lookup_during_an_outage_that_answers_404_pages_is_transient()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();
        var now = h.Simulator.Time.GetUtcNow();
        h.Simulator.SetOutage(now.AddMinutes(-1), now.AddMinutes(5), ClickAndDropOutageAnswer.NotFoundPage);

        var ex = await Assert.ThrowsAsync<ClickAndDropException>(() => h.Carrier.FindByReferenceAsync(account, ["FF-1-outage"], default));

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
    }
}
