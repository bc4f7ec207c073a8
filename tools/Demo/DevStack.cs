using System.Net.Http.Json;
using System.Text.Json;
using LocalHost;
using Sandbox;

namespace Demo;

/// <summary>How to start the local stack.</summary>
public sealed class DevStackOptions
{
    /// <summary>0 = any free port (tests); the demo uses the ports local.settings.sample.json names.</summary>
    public int SandboxPort { get; init; }
    public int HostPort { get; init; }
    public bool SeedDemo { get; init; }
    /// <summary>Settings that win over local.settings.sample.json (schedules, tuning).</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
    public Action<string>? Log { get; init; }
    /// <summary>False in tests: timers fire only when a test triggers them, so every step is deterministic.</summary>
    public bool EnableTimerSchedules { get; init; } = true;
    /// <summary>The simulators' clock (minute quotas, created dates); tests move it to reach a state without waiting. Default: the system clock.</summary>
    public TimeProvider? SandboxTime { get; init; }
    /// <summary>
    /// The storage connection string the function app is given, from the started Azurite; default its own. The
    /// benchmark points the app at a counting proxy in front of Azurite to count every storage request it makes.
    /// </summary>
    public Func<AzuriteInstance, string>? AppStorageConnectionString { get; init; }
    /// <summary>Azurite keeps its data on disk (in a private folder) instead of in memory, so it can be restarted with its data (<see cref="AzuriteInstance.RestartAsync"/>).</summary>
    public bool PersistentAzurite { get; init; }
    /// <summary>
    /// BigCommerce order webhooks on: the app subscribes its LocalHost URL (the simulator then allows http, which real
    /// BigCommerce does not) and orders arrive by webhook as well as by poll. Off: poll only, as before.
    /// </summary>
    public bool BigCommerceWebhooks { get; init; }
}

/// <summary>
/// The whole pipeline on one machine: a private Azurite, the partner simulators, and the function app under the local
/// Functions host, configured from local.settings.sample.json. Used by the demo and by the end-to-end tests.
/// </summary>
public sealed class DevStack : IAsyncDisposable
{
    public const string ClickAndDropAccountId = "rm-demo";
    public const string ClickAndDropApiKey = "rm-demo-key-0000";
    public const string DemoStoreHash = "zq3demo01";

    private DevStack(AzuriteInstance azurite, SandboxHost sandbox, FunctionsLocalHost host, HttpClient admin, IReadOnlyDictionary<string, string?> settings)
    {
        Azurite = azurite;
        Sandbox = sandbox;
        Host = host;
        Admin = admin;
        Settings = settings;
    }

    /// <summary>The function app's build output, copied beside this assembly by FunctionApp.targets.</summary>
    public static string FunctionAppDirectory => Path.Combine(AppContext.BaseDirectory, "functionapp");

    public AzuriteInstance Azurite { get; }
    public SandboxHost Sandbox { get; }
    public FunctionsLocalHost Host { get; }
    /// <summary>An HTTP client for the function app's /api routes, carrying the function key.</summary>
    public HttpClient Admin { get; }
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>
    /// The function app's settings as configuration, as the worker reads them ("__" as ":"), with
    /// <paramref name="overrides"/> on top: for building the app's services a second time (another instance, its stores).
    /// </summary>
    public Microsoft.Extensions.Configuration.IConfiguration AppConfiguration(IReadOnlyDictionary<string, string?>? overrides = null) =>
        new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(Settings.Select(s => new KeyValuePair<string, string?>(s.Key.Replace("__", ":"), s.Value)))
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

    public static async Task<DevStack> StartAsync(DevStackOptions options, CancellationToken cancellationToken = default)
    {
        var log = options.Log ?? (_ => { });
        var sample = LocalSettings.Load(Path.Combine(AzuriteInstance.RepoRoot, "local.settings.sample.json"));

        log("Starting Azurite…");
        var azurite = await AzuriteInstance.StartAsync(options.PersistentAzurite, cancellationToken);
        // The app creates its storage at start-up too, but may take HTTP calls before that finishes; in Azure the Bicep
        // creates it first. Doing the same here keeps the first management calls from racing the worker's start.
        await new Fulfilment.Storage.StorageInitializer(
            new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString),
            new Azure.Storage.Queues.QueueServiceClient(azurite.ConnectionString),
            new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString)).EnsureCreatedAsync(cancellationToken);
        log("Starting the partner simulators…");
        var sandbox = await SandboxHost.StartAsync(options.SandboxPort, seedDemo: options.SeedDemo, time: options.SandboxTime);

        var hostPort = options.HostPort != 0 ? options.HostPort : FreePort();
        var hostUrl = $"http://127.0.0.1:{hostPort}";
        var appStorage = options.AppStorageConnectionString?.Invoke(azurite) ?? azurite.ConnectionString;
        var settings = new Dictionary<string, string?>(sample.Values, StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = appStorage,
            ["FulfilmentStorage"] = appStorage,
            ["BigCommerce__ApiBaseUrl"] = $"{sandbox.BaseUrl}/bigcommerce/api",
            ["BigCommerce__LoginBaseUrl"] = $"{sandbox.BaseUrl}/bigcommerce/login",
            ["BigCommerce__AuthCallbackUrl"] = $"{hostUrl}/api/channels/bigcommerce/auth",
            ["ClickAndDrop__BaseUrl"] = $"{sandbox.BaseUrl}/clickanddrop/api/v1",
            ["Ekm__ApiBaseUrl"] = $"{sandbox.BaseUrl}/ekm",
            ["Ekm__AuthBaseUrl"] = $"{sandbox.BaseUrl}/ekm",
            ["Ekm__RedirectUrl"] = $"{hostUrl}/api/channels/ekm/oauth",
            ["Ekm__WebhookUrl"] = $"{hostUrl}/api/channels/ekm/webhook",
            ["Ekart__BaseUrl"] = $"{sandbox.BaseUrl}/ekart",
            ["Ecomdash__BaseUrl"] = $"{sandbox.BaseUrl}{(global::Sandbox.Ecomdash.EcomdashSimulator.ApiPrefix)}",
        };
        if (options.BigCommerceWebhooks)
        {
            settings["BigCommerce__WebhookUrl"] = $"{hostUrl}/api/channels/bigcommerce/webhook";
            sandbox.BigCommerce.Webhooks = sandbox.BigCommerce.Webhooks with { AllowHttpDestinations = true };
        }
        else
        {
            settings.Remove("BigCommerce__WebhookUrl");
        }
        if (!options.EnableTimerSchedules)
        {
            // Tests fire the drain themselves and expect what is waiting to go: a batch does not wait for more orders
            // unless a test says so.
            settings["Pipeline__CreateBatchMaxWaitSeconds"] = "0";
            // Likewise every carrier sync a test fires looks every open shipment up.
            settings["Pipeline__CarrierFullSyncSeconds"] = "0";
        }
        foreach (var (key, value) in options.Settings)
            settings[key] = value;

        sandbox.BigCommerce.RegisterApp(settings["BigCommerce__ClientId"]!, settings["BigCommerce__ClientSecret"]!,
            $"{hostUrl}/api/channels/bigcommerce/auth", $"{hostUrl}/api/channels/bigcommerce/load", $"{hostUrl}/api/channels/bigcommerce/uninstall");
        sandbox.Ekm.RegisterApp(settings["Ekm__ClientId"]!, settings["Ekm__ClientSecret"]!, settings["Ekm__RedirectUrl"]!);

        log("Starting the function app under the local Functions host…");
        var host = await FunctionsLocalHost.StartAsync(new LocalHostOptions
        {
            AppDirectory = FunctionAppDirectory,
            Settings = settings,
            MasterKey = sample.Keys["master"],
            FunctionKey = sample.Keys["default"],
            EnableTimerSchedules = options.EnableTimerSchedules,
            HttpPort = hostPort,
            Log = options.Log,
        }, cancellationToken);

        var admin = new HttpClient { BaseAddress = new Uri(host.BaseUrl + "/api/"), Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Add("x-functions-key", sample.Keys["default"]);
        return new DevStack(azurite, sandbox, host, admin, settings);
    }

    /// <summary>Our catalogue, shipping mappings and the Click &amp; Drop account, through the admin API as an operator would.</summary>
    public async Task ConfigureDemoAsync(CancellationToken cancellationToken = default)
    {
        await Ensure(Admin.PutAsJsonAsync($"manage/carrier-accounts/{ClickAndDropAccountId}", new
        {
            carrier = "ClickAndDrop",
            tradingName = "Demo Goods Ltd",
            settings = new { onlineBusinessAccount = "true" },
            credentials = new { apiKey = ClickAndDropApiKey },
        }, cancellationToken));
        await Ensure(Admin.PostAsJsonAsync("manage/products", DemoConfiguration.Products, cancellationToken));
        await Ensure(Admin.PutAsJsonAsync("manage/shipping-mappings", DemoConfiguration.Mappings, cancellationToken));
    }

    /// <summary>
    /// Plays the merchant installing our app in BigCommerce (the simulator redirects to our auth callback), then the
    /// operator approving the new store through the management API, as every new store needs.
    /// </summary>
    public async Task InstallBigCommerceAppAsync(string storeHash, CancellationToken cancellationToken = default, bool approve = true)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
        var clientId = Settings["BigCommerce__ClientId"];
        var response = await browser.GetAsync($"{Sandbox.BaseUrl}/bigcommerce/login/app/{clientId}/install?store_hash={storeHash}", cancellationToken);
        await Ensure(Task.FromResult(response));
        if (approve)
            await ApproveAsync(BigCommerceConnectionId(storeHash), cancellationToken);
    }

    public static string BigCommerceConnectionId(string storeHash) => $"bigcommerce-{storeHash}";

    /// <summary>
    /// Connects an EKM shop as an operator and a merchant would: the management API's connect call gives EKM's consent
    /// link, the merchant (the simulator, consenting as <paramref name="username"/>) is sent back to our OAuth callback,
    /// and the operator approves the new store. Returns the page our callback answered with.
    /// </summary>
    public async Task<(int Status, string Page)> ConnectEkmShopAsync(string username, string tradingName, CancellationToken cancellationToken = default, bool approve = true)
    {
        using var start = await Admin.PostAsJsonAsync("manage/channels/ekm/connect", new { tradingName }, cancellationToken);
        var answer = await start.Content.ReadAsStringAsync(cancellationToken);
        if (!start.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST manage/channels/ekm/connect → {(int)start.StatusCode}: {answer}");
        var authorizeUrl = JsonDocument.Parse(answer).RootElement.GetProperty("authorizeUrl").GetString()!;
        Sandbox.Ekm.ConsentAs(username);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
        using var landed = await browser.GetAsync(authorizeUrl, cancellationToken);
        var page = await landed.Content.ReadAsStringAsync(cancellationToken);
        if (approve && landed.IsSuccessStatusCode)
            await ApproveAsync(EkmConnectionId(username), cancellationToken);
        return ((int)landed.StatusCode, page);
    }

    public static string EkmConnectionId(string username) => $"ekm-{username}";

    /// <summary>An operator approves a newly connected store (PATCH status Active).</summary>
    public Task ApproveAsync(string connectionId, CancellationToken cancellationToken = default) =>
        Ensure(Admin.PatchAsJsonAsync($"manage/connections/{connectionId}", new { status = "Active" }, cancellationToken));

    /// <summary>Every order the pipeline knows, as the admin API lists them.</summary>
    public async Task<IReadOnlyList<OrderView>> ListOrdersAsync(CancellationToken cancellationToken = default)
    {
        var page = await Admin.GetFromJsonAsync<OrderPage>("manage/orders?take=1000", Json, cancellationToken);
        return page?.Orders ?? [];
    }

    /// <summary>Every connection as the management API lists them.</summary>
    public async Task<IReadOnlyList<System.Text.Json.Nodes.JsonNode>> ListConnectionsAsync(CancellationToken cancellationToken = default) =>
        System.Text.Json.Nodes.JsonNode.Parse(await Admin.GetStringAsync("manage/connections", cancellationToken))!.AsArray().Select(c => c!).ToList();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task Ensure(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

/// <summary>A page of orders as the management API lists them.</summary>
public sealed record OrderPage(IReadOnlyList<OrderView> Orders, int Count, bool More);

/// <summary>An order as the management API lists it (the fields the demo and tests read).</summary>
public sealed record OrderView(string ConnectionId, string ChannelOrderId, string? ChannelOrderNumber, string State, string? Reason,
    string? CarrierShipmentId, string? TrackingNumber);
