using Sandbox.BigCommerce;
using Sandbox.ClickAndDrop;
using Sandbox.Ecomdash;

namespace Sandbox;

/// <summary>The realistic demo the local run starts with: a BigCommerce store full of orders and a Click &amp; Drop account.</summary>
public static class DemoSeed
{
    public static void Apply(SandboxHost host)
    {
        BigCommerceDemoStore.Seed(host.BigCommerce, host.BigCommerce.Time);
        ClickAndDropDemoAccount.Seed(host.ClickAndDrop);
        EcomdashDemoMerchant.Seed(host.Ecomdash);
    }
}
