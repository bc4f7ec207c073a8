using Fulfilment.Carriers;
using Fulfilment.Carriers.ClickAndDrop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Fulfilment.Storage;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>Click &amp; Drop cancellation against the simulator: deleted before despatch, refused with the reason after.</summary>
public class ClickAndDropCancellationTests
{
    private static async Task<(ClickAndDropHarness Harness, ServiceProvider Services, ICarrierCancellation Cancellation)> StartAsync()
    {
        var harness = await ClickAndDropHarness.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IDistributedRateGate>(new InMemoryRateGate(TimeProvider.System));
        services.AddClickAndDrop(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClickAndDrop:BaseUrl"] = harness.Sandbox.BaseUrl + Sandbox.ClickAndDrop.ClickAndDropSimulator.ApiPrefix,
        }).Build());
        var provider = services.BuildServiceProvider();
        return (harness, provider, provider.GetServices<ICarrierCancellation>().Single(c => c.Carrier == ClickAndDropCarrier.CarrierName));
    }

    [Fact]
    public async Task Before_despatch_the_order_is_deleted_and_a_repeat_finds_it_gone()
    {
        var (h, services, cancellation) = await StartAsync();
        await using var _ = h;
        await using var __ = services;
        var account = h.NewAccount();
        var created = Assert.Single((await h.Carrier.CreateShipmentsAsync(account, ClickAndDropPlans.Requests([ClickAndDropPlans.Uk("FF-C1-0001")]), default)).Created);
        h.Simulator.ApplyPostage(long.Parse(created.CarrierShipmentId));

        var answer = await cancellation.CancelAsync(account, created.CarrierShipmentId, created.Reference, "customer cancelled", default);
        var again = await cancellation.CancelAsync(account, created.CarrierShipmentId, created.Reference, "customer cancelled", default);

        Assert.Equal(CarrierCancelOutcome.Cancelled, answer.Outcome);
        Assert.Contains("label", answer.Message); // postage was applied: its label is void now
        Assert.True(h.Simulator.Order(long.Parse(created.CarrierShipmentId))!.Deleted);
        Assert.Equal(CarrierCancelOutcome.Cancelled, again.Outcome);
    }

    [Fact]
    public async Task After_despatch_it_is_refused_with_the_date_and_nothing_is_deleted()
    {
        var (h, services, cancellation) = await StartAsync();
        await using var _ = h;
        await using var __ = services;
        var account = h.NewAccount();
        var created = Assert.Single((await h.Carrier.CreateShipmentsAsync(account, ClickAndDropPlans.Requests([ClickAndDropPlans.Uk("FF-C2-0001")]), default)).Created);
        h.Simulator.Despatch(long.Parse(created.CarrierShipmentId));

        var answer = await cancellation.CancelAsync(account, created.CarrierShipmentId, created.Reference, "customer cancelled", default);

        Assert.Equal(CarrierCancelOutcome.Refused, answer.Outcome);
        Assert.Contains("was despatched on", answer.Message);
        Assert.False(h.Simulator.Order(long.Parse(created.CarrierShipmentId))!.Deleted);
    }
}
