using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

/// <summary>Gives each test its own simulator, port and fake clock (xunit makes a class instance per test).</summary>
public abstract class EcomdashTestBase : IAsyncLifetime
{
    protected EcomdashTestHost Api { get; private set; } = null!;
    protected EcomdashSimulator Sim => Api.Simulator;
    protected const string Merchant = EcomdashTestHost.MerchantId;

    public async Task InitializeAsync() => Api = await EcomdashTestHost.StartAsync();

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
