using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Demo;
using Fulfilment.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Fuzz;

/// <summary>
/// The stack as an operator leaves it before the fuzz: the demo's Click &amp; Drop account and catalogue, a BigCommerce
/// store, an EKM shop and an Ecomdash merchant connected, two Ekart accounts with their own webhook secrets, and an
/// Ecomdash export link. Its ids feed the generators; its secrets are what the log scan looks for.
/// </summary>
public sealed class FuzzWorld
{
    public const string EkartAccountId = "ekart-fuzz";
    public const string EkartWebhookSecret = "whsec-fuzz-ekart-0001-do-not-log";
    public const string OtherEkartAccountId = "ekart-other";
    public const string OtherEkartWebhookSecret = "whsec-fuzz-other-0002-do-not-log";
    public const string EkartToken = "ekart-fuzz-merchant-token-do-not-log";
    public const string OtherEkartToken = "ekart-other-merchant-token-do-not-log";

    public required DevStack Stack { get; init; }
    public required KnownValues Known { get; init; }
    public string ExportUrl { get; set; } = "";

    public static async Task<FuzzWorld> SetUpAsync(DevStack stack, CancellationToken ct)
    {
        await stack.ConfigureDemoAsync(ct);
        await stack.InstallBigCommerceAppAsync(DevStack.DemoStoreHash, ct);
        await EkmDemoShop.ConnectAsync(stack, ct);
        await EcomdashDemo.ConnectAsync(stack, ct);
        foreach (var (id, token, secret, code) in new[] { (EkartAccountId, EkartToken, EkartWebhookSecret, "FFQ"), (OtherEkartAccountId, OtherEkartToken, OtherEkartWebhookSecret, "FFR") })
            await Ensure(stack.Admin.PutAsJsonAsync($"manage/carrier-accounts/{id}", new
            {
                carrier = "Ekart",
                tradingName = "Fuzz Goods India",
                settings = new { merchantCode = code, locationCode = code + "_BLR_01" },
                credentials = new { token, webhookSecret = secret },
            }, ct));

        var connections = (await stack.ListConnectionsAsync(ct)).Select(c => c["id"]!.GetValue<string>()).ToList();
        var orderIds = new List<string> { "1", "100", "999999", "0" };
        var known = new KnownValues(
            connections,
            [DevStack.ClickAndDropAccountId, EkartAccountId, OtherEkartAccountId],
            orderIds,
            ["bigcommerce", "ekm", "ecomdash", "BigCommerce", "nochannel"],
            ["ekart", "clickanddrop", "Ekart", "nocarrier"],
            BodyTemplates);
        var world = new FuzzWorld { Stack = stack, Known = known };
        world.ExportUrl = await world.IssueExportLinkAsync(ct);
        return world;
    }

    /// <summary>Issues (or re-issues, revoking the last) the Ecomdash connection's export link; returns its URL.</summary>
    public async Task<string> IssueExportLinkAsync(CancellationToken ct)
    {
        using var response = await Stack.Admin.PostAsync($"manage/connections/{EcomdashDemo.ConnectionId}/export-link", null, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Issuing the export link answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["url"]!.GetValue<string>();
    }

    /// <summary>
    /// Every secret the stack knows, by name, for the log scan (values never printed): the settings', the keys, the
    /// partners', and every credential stored on a connection or a carrier account (EKM's OAuth tokens included),
    /// read back through the app's own stores, which decrypt them.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> SecretsAsync(CancellationToken ct)
    {
        var secrets = new Dictionary<string, string>(Secrets(), StringComparer.Ordinal);
        var configuration = Stack.AppConfiguration();
        await using var provider = new ServiceCollection().AddLogging().AddFulfilmentStorage(configuration).BuildServiceProvider();
        var connections = provider.GetRequiredService<IConnectionStore>();
        var accounts = provider.GetRequiredService<ICarrierAccountStore>();
        foreach (var connection in await connections.ListAsync(ct))
            foreach (var (name, value) in connection.Credentials)
                if (value is { Length: >= 6 } && !name.EndsWith("At", StringComparison.Ordinal)) // expiry times are not secret
                    secrets[$"{connection.Id} {name}"] = value;
        foreach (var account in await accounts.ListAsync(ct))
            foreach (var (name, value) in account.Credentials)
                if (value is { Length: >= 6 } && !name.EndsWith("At", StringComparison.Ordinal)) // expiry times are not secret
                    secrets[$"{account.Id} {name}"] = value;
        return secrets;
    }

    private IReadOnlyDictionary<string, string> Secrets()
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string? value)
        {
            if (value is { Length: >= 6 })
                secrets[name] = value;
        }
        foreach (var (name, value) in Stack.Settings)
        {
            if (value is null)
                continue;
            if (name.Contains("Storage", StringComparison.OrdinalIgnoreCase) && value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase))
                Add(name + " AccountKey", value.Split(';').First(p => p.StartsWith("AccountKey=", StringComparison.OrdinalIgnoreCase))["AccountKey=".Length..]);
            else if (name.Equals("Secrets__ActiveKey", StringComparison.OrdinalIgnoreCase) || name.Equals("Secrets__PreviousKeys", StringComparison.OrdinalIgnoreCase))
                foreach (var key in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    Add(name, key[(key.IndexOf(':') + 1)..]);
            else if (System.Text.RegularExpressions.Regex.IsMatch(name, "(Secret|ApiKey|Token$|Password|SubscriptionKey|DeveloperKey)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
                     && !name.Contains("Header", StringComparison.OrdinalIgnoreCase))
                Add(name, value);
        }
        Add("function key (default)", Stack.Host.FunctionKey);
        Add("function key (master)", Stack.Host.MasterKey);
        Add("Click & Drop API key", DevStack.ClickAndDropApiKey);
        Add("BigCommerce access token", Stack.Sandbox.BigCommerce.GetAccessToken(DevStack.DemoStoreHash));
        Add("Ekart token", EkartToken);
        Add("Ekart token (other)", OtherEkartToken);
        Add("Ekart webhook secret", EkartWebhookSecret);
        Add("Ekart webhook secret (other)", OtherEkartWebhookSecret);
        Add("Ecomdash ECD key", Sandbox.Ecomdash.EcomdashDemoMerchant.EcdKey);
        Add("Ecomdash developer key", Sandbox.Ecomdash.EcomdashDemoMerchant.DeveloperKey);
        if (ExportUrl.Length > 0)
            Add("export link key", System.Web.HttpUtility.ParseQueryString(new Uri(ExportUrl).Query)["key"]);
        return secrets;
    }

    /// <summary>Valid bodies of our management API and of partners' webhooks: the generators' starting points for wrong types.</summary>
    private static readonly IReadOnlyList<string> BodyTemplates =
    [
        Json(new { carrier = "ClickAndDrop", tradingName = "Demo Goods Ltd", settings = new { onlineBusinessAccount = "true" }, credentials = new { apiKey = "fuzz-key" } }),
        Json(new { carrier = "Ekart", tradingName = "T", settings = new { merchantCode = "FFZ", locationCode = "FFZ_1" }, credentials = new { token = "t", webhookSecret = "s" } }),
        Json(new object[] { new { sku = "FUZZ-1", name = "Fuzz", weightGrams = 100, tariffCode = "62114290", originCountryCode = "GB", price = "1.00", quantityOnHand = 3 } }),
        Json(new object[] { new { connectionId = "bigcommerce-zq3demo01", shippingMethod = "*", carrier = "ClickAndDrop", carrierAccountId = "rm-demo", serviceCode = "TRM48", packageFormat = "smallParcel" } }),
        Json(new { tradingName = "T", rules = new object[] { new { name = "r", when = new { destinationCountries = new[] { "IN" } }, use = new { carrier = "Ekart", carrierAccountId = "ekart-fuzz", serviceCode = "REGULAR", packageFormat = "SMALL" } } } }),
        Json(new { status = "Active", tradingName = "T", markDespatchedOnChannel = true }),
        Json(new { channel = "Ecomdash", tradingName = "T", settings = new { warehouses = "MAIN=W" }, credentials = new { ecdSubscriptionKey = "k" } }),
        Json(new { reason = "customer asked" }),
        Json(new { tradingName = "T", integrationName = "I", markDespatchedOnChannel = "true" }),
        Json(new { allProducts = true }),
        Json(new { skus = new[] { "FUZZ-1", "MUG-RED" } }),
        Json(new { topic = "order.created", username = "demo-ekm-shop", entity_id = "1" }),
        Json(new { tracking_id = "FUZZ0001", status = "In Transit", event_date_iso8601 = "2026-11-30T03:00:00Z", city = "Bengaluru", event_id = "e-1" }),
        "{}",
    ];

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static async Task Ensure(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
