using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

public sealed class EcomdashDemoMerchantTests : EcomdashTestBase
{
    [Fact]
    public async Task Demo_merchant_serves_recent_paid_orders_with_its_own_keys()
    {
        EcomdashDemoMerchant.Seed(Sim);

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getOrders",
            new { Status = "InProcess", FromDate = Api.Clock.GetUtcNow().AddDays(-3).ToString("O") },
            EcomdashDemoMerchant.DeveloperKey, EcomdashDemoMerchant.EcdKey));

        Assert.Equal(8, envelope.GetProperty("pagination").GetProperty("TotalNumberOfEntries").GetInt32());
    }
}
