using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sandbox;
using Sandbox.ClickAndDrop;
using Xunit;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>Behaviours of the simulator our carrier does not exercise, over raw HTTP.</summary>
public class ClickAndDropSimulatorHttpTests
{
    private const string Order = """{"orderReference":"R-1","recipient":{"address":{"addressLine1":"1 High St","city":"Leeds","countryCode":"GB"}},"orderDate":"2026-11-23T09:00:00Z","subtotal":1,"shippingCostCharged":1,"total":2,"packages":[{"weightInGrams":100,"packageFormatIdentifier":"letter"}]}""";

    [Fact]
    public async Task Malformed_body_is_400_with_an_error_response()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = Client(sandbox, "k1");

        var response = await http.PostAsync("orders", new StringContent("{\"items\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("InvalidJson", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task More_than_100_identifiers_is_400_and_version_needs_no_key()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = Client(sandbox, "k1");
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };

        var tooMany = await http.GetAsync("orders/" + string.Join(';', Enumerable.Range(1, 101)));
        var version = await anonymous.GetAsync("version");
        var unauthorised = await anonymous.GetAsync("orders/1");

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        Assert.Empty(await unauthorised.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task List_pages_with_a_continuation_token_and_delete_hides_orders()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = Client(sandbox, "k1");
        var items = string.Join(',', Enumerable.Range(1, 3).Select(i => Order.Replace("R-1", $"R-{i}")));
        (await http.PostAsync("orders", new StringContent($"{{\"items\":[{items}]}}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var first = await http.GetFromJsonAsync<JsonElement>("orders?pageSize=2");
        var token = first.GetProperty("continuationToken").GetString();
        var second = await http.GetFromJsonAsync<JsonElement>($"orders?pageSize=2&continuationToken={token}");
        var deleted = await http.DeleteAsync("orders/%22R-2%22");
        var afterDelete = await http.GetFromJsonAsync<JsonElement>("orders?pageSize=100");

        Assert.Equal(2, first.GetProperty("orders").GetArrayLength());
        Assert.Equal("R-3", second.GetProperty("orders")[0].GetProperty("orderReference").GetString());
        Assert.Equal(JsonValueKind.Null, second.TryGetProperty("continuationToken", out var t) ? t.ValueKind : JsonValueKind.Null);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(["R-1", "R-3"], afterDelete.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderReference").GetString()));
    }

    [Fact]
    public async Task Control_endpoints_add_an_account_and_inject_create_then_fail()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var control = new HttpClient { BaseAddress = new Uri(sandbox.BaseUrl + ClickAndDropSimulator.ControlPrefix + "/") };
        (await control.PostAsJsonAsync("accounts", new { id = "acct-x", apiKey = "kx", isOba = false })).EnsureSuccessStatusCode();
        (await control.PostAsJsonAsync("accounts/acct-x/faults", new { createThenFail = "serverError" })).EnsureSuccessStatusCode();
        using var http = Api(sandbox, "kx");

        var response = await http.PostAsync("orders", new StringContent($"{{\"items\":[{Order}]}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Single(sandbox.ClickAndDrop.Orders("acct-x"));
        var stats = await control.GetFromJsonAsync<JsonElement>("accounts/acct-x/stats");
        Assert.Equal(1, stats.GetProperty("createRequests").GetInt32());
    }

    private static HttpClient Client(SandboxHost sandbox, string key)
    {
        sandbox.ClickAndDrop.AddAccount("acct-" + key, key, isOba: true);
        return Api(sandbox, key);
    }

    private static HttpClient Api(SandboxHost sandbox, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(sandbox.BaseUrl + ClickAndDropSimulator.ApiPrefix + "/") };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", key);
        return http;
    }
}
