using Fulfilment.Carriers.Ekart;
using Fulfilment.Connections;
using Fulfilment.IntegrationTests.Carriers.ClickAndDrop;
using Fulfilment.IntegrationTests.Infrastructure;
using Fulfilment.Orders;
using Fulfilment.Pipeline;
using Fulfilment.Shipping;
using Fulfilment.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sandbox;
using Sandbox.Ekart;

namespace Fulfilment.IntegrationTests.Carriers.Ekart;

/// <summary>
/// The Sandbox in-process, the real storage on the shared Azurite (tracking ids are claimed there), and the Ekart carrier
/// registered as production registers it, pointed at the simulator. Each harness has its own merchant, so tracking-id
/// sequences and simulator state never mix between tests.
/// </summary>
internal sealed class EkartHarness : IAsyncDisposable
{
    public const string Token = "ekart-merchant-token";
    public const string LocationCode = "BLR_WH_01";
    private static int _merchants;
    private ServiceProvider? _services;

    private EkartHarness(SandboxHost sandbox, string merchantCode)
    {
        Sandbox = sandbox;
        MerchantCode = merchantCode;
    }

    public SandboxHost Sandbox { get; }
    public EkartSimulator Simulator => Sandbox.Ekart;
    public string MerchantCode { get; }
    public EkartCarrier Carrier => Get<EkartCarrier>();
    public Fulfilment.Carriers.ICarrierTracking Tracking => _services!.GetServices<Fulfilment.Carriers.ICarrierTracking>().Single(t => t.Carrier == EkartCarrier.CarrierName);
    public Fulfilment.Carriers.ICarrierCancellation Cancellation =>
        _services!.GetServices<Fulfilment.Carriers.ICarrierCancellation>().Single(c => c.Carrier == EkartCarrier.CarrierName);

    public T Get<T>() where T : notnull => _services!.GetRequiredService<T>();

    /// <param name="time">The clock of the simulator and of our token cache (token expiry tests share a fake one).</param>
    public static async Task<EkartHarness> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        // A merchant code unused by earlier runs on the shared Azurite: "Q" + two base-36 digits of a random number.
        var n = Random.Shared.Next(36 * 36);
        var code = "Q" + Base36(n / 36) + Base36((n + Interlocked.Increment(ref _merchants)) % 36);
        var harness = new EkartHarness(await SandboxHost.StartAsync(time: time), code);
        harness.Simulator.AddMerchant(code, Token, LocationCode);
        var azurite = await AzuriteInstance.Shared;
        var values = new Dictionary<string, string?>
        {
            [StorageNames.ConnectionName] = azurite.ConnectionString,
            ["Secrets:ActiveKey"] = TestSecrets.ActiveKey,
            ["Ekart:BaseUrl"] = harness.Sandbox.BaseUrl + EkartSimulator.ApiPrefix,
            ["Ekart:RetryBaseDelay"] = "00:00:00.050",
        };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        if (time is not null) services.AddSingleton(time);
        services.AddSingleton<IDistributedRateGate>(new InMemoryRateGate(TimeProvider.System));
        services.AddLogging();
        services.AddFulfilmentStorage(configuration);
        services.AddFulfilmentPipeline(configuration);
        services.AddEkart(configuration);
        harness._services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await harness.Get<IStorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Our carrier account for the harness's merchant: the location code, or a pickup address instead.</summary>
    public CarrierAccount Account(bool withLocationCode = true, string? token = null) => new()
    {
        Id = "ekart-" + MerchantCode.ToLowerInvariant(),
        Carrier = EkartCarrier.CarrierName,
        TradingName = "Demo Goods India",
        Credentials = { [EkartAccount.Token] = token ?? Token },
        Settings = withLocationCode
            ? new(StringComparer.OrdinalIgnoreCase) { [EkartAccount.MerchantCode] = MerchantCode, [EkartAccount.LocationCode] = LocationCode }
            : new(StringComparer.OrdinalIgnoreCase)
            {
                [EkartAccount.MerchantCode] = MerchantCode,
                [EkartAccount.PickupName] = "Demo Goods India",
                [EkartAccount.PickupAddressLine1] = "Plot 7, Whitefield",
                [EkartAccount.PickupCity] = "Bengaluru",
                [EkartAccount.PickupState] = "Karnataka",
                [EkartAccount.PickupPincode] = "560066",
                [EkartAccount.PickupPhone] = "+91 98450 12345",
            },
    };

    /// <summary>A plan to an Indian address with a fresh reference.</summary>
    public static ShipmentPlan India(bool cashOnDelivery = false, string? tariff = "62114290") => new()
    {
        Reference = $"FF-{Guid.NewGuid():N}"[..20],
        ChannelOrderNumber = "1001",
        Carrier = EkartCarrier.CarrierName,
        CarrierAccountId = "ekart-test",
        ServiceCode = "REGULAR",
        PackageFormat = "SMALL",
        OrderDate = DateTimeOffset.UtcNow,
        Recipient = new Address
        {
            FullName = "Ananya Rao", Line1 = "14 MG Road", City = "Bengaluru", County = "Karnataka", Postcode = "560001", CountryCode = "IN", Phone = "+91 98450 12345",
        },
        Currency = "INR",
        Subtotal = 1399m,
        ShippingCost = 100m,
        Total = 1499m,
        TotalWeightGrams = 450,
        RequiresCustoms = false,
        CashOnDelivery = cashOnDelivery,
        Lines = [new ShipmentLine { ChannelLineId = "1", Sku = "KURTA-COTTON", Name = "Cotton kurta", Quantity = 1, UnitValue = 1399m, UnitWeightGrams = 450, TariffCode = tariff }],
    };

    public static IReadOnlyList<Fulfilment.Carriers.ShipmentRequest> Requests(params ShipmentPlan[] plans) => plans.Select(p => new Fulfilment.Carriers.ShipmentRequest(p)).ToList();

    private static char Base36(int digit) => "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit];

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
