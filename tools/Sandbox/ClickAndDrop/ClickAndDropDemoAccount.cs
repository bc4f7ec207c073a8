namespace Sandbox.ClickAndDrop;

/// <summary>The demo's Click &amp; Drop account: OBA (labels work), with a warehouse that prints after ~3 s and despatches after ~6 s.</summary>
public static class ClickAndDropDemoAccount
{
    public const string AccountId = "rm-demo";
    /// <summary>A simulator key, not a secret.</summary>
    public const string ApiKey = "rm-demo-key-0000";

    public static void Seed(ClickAndDropSimulator sim) =>
        sim.AddAccount(AccountId, ApiKey, isOba: true, new ClickAndDropWarehouse(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6)));
}
