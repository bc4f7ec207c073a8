using System.Net;
using System.Net.Http.Headers;

namespace Fulfilment.IntegrationTests.LocalHost;

public sealed class HttpTriggerTests
{
    [Fact]
    public async Task Request_reaches_the_worker_byte_exact_and_its_answer_comes_back_as_is()
    {
        await using var app = await LocalHostTestApp.StartAsync();
        var body = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray(); // every byte value, not UTF-8
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/echo/42?x=1%202&y=a+b") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-test-bytes");
        request.Headers.Add("X-Signature", "sha256=abc");
        request.Headers.Add("X-Echo-Status", "201");

        using var response = await app.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/x-test-bytes", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PUT", Header(response, "X-Echo-Method"));
        Assert.Equal("/api/echo/42?x=1%202&y=a+b", Header(response, "X-Echo-Target"));
        Assert.Equal("1 2", Header(response, "X-Echo-Query-X"));
        Assert.Equal("42", Header(response, "X-Echo-Id"));
        Assert.Equal("4096", Header(response, "X-Echo-Length"));
        Assert.Equal("sha256=abc", Header(response, "X-Echo-Signature"));
        Assert.Equal(new Uri(app.Host.BaseUrl).Authority, Header(response, "X-Echo-Host")); // X-Forwarded-Host honoured by the worker
        Assert.Equal(app.Host.WorkerProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(response, "X-Worker-Pid"));
        await app.WaitUntilAsync(() => app.ResultsOf("Echo").Count > 0, "the Echo invocation's result");
        var result = Assert.Single(app.ResultsOf("Echo"));
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("httpTrigger", result.Trigger);
        Assert.Equal(result.InvocationId.ToString(), Header(response, "X-Echo-Invocation"));
    }

    [Fact]
    public async Task Verb_not_listed_in_methods_does_not_reach_the_function()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        using var response = await app.Http.GetAsync("/api/echo/1");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Empty(app.ResultsOf("Echo"));
    }

    [Fact]
    public async Task Unknown_route_is_404_without_an_invocation()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        using var response = await app.Http.GetAsync("/api/no-such-route");
        using var outsidePrefix = await app.Http.GetAsync("/open");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsidePrefix.StatusCode);
        Assert.Empty(app.Results);
    }

    [Fact]
    public async Task Anonymous_route_needs_no_key()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        using var response = await app.Http.GetAsync("/api/open");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("open ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Function_level_route_needs_the_function_or_master_key()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        using var noKey = await app.Http.GetAsync("/api/secure");
        using var wrongKey = await app.Http.GetAsync("/api/secure?code=wrong");
        using var functionKey = await app.Http.GetAsync($"/api/secure?code={Uri.EscapeDataString(app.Host.FunctionKey)}");
        using var masterHeader = new HttpRequestMessage(HttpMethod.Get, "/api/secure");
        masterHeader.Headers.Add("x-functions-key", app.Host.MasterKey);
        using var master = await app.Http.SendAsync(masterHeader);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Empty(await noKey.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, functionKey.StatusCode);
        Assert.Equal("secure ok", await functionKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        // Refused calls never reach the worker. (A result is recorded just after the answer goes out, so wait for it.)
        await app.WaitUntilAsync(() => app.ResultsOf("Secure").Count >= 2, "two Secure invocations");
        Assert.Equal(2, app.ResultsOf("Secure").Count);
    }

    [Fact]
    public async Task Admin_level_route_accepts_only_the_master_key()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        using var noKey = await app.Http.GetAsync("/api/staff/only");
        using var functionKey = await app.Http.GetAsync($"/api/staff/only?code={Uri.EscapeDataString(app.Host.FunctionKey)}");
        using var master = await app.Http.GetAsync($"/api/staff/only?code={Uri.EscapeDataString(app.Host.MasterKey)}");

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, functionKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        Assert.Equal("admin ok", await master.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disabled_http_function_has_no_route()
    {
        await using var app = await LocalHostTestApp.StartAsync(settings: new Dictionary<string, string?> { ["AzureWebJobs.Open.Disabled"] = "true" });

        using var response = await app.Http.GetAsync("/api/open");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Open", app.Host.Functions);
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();
}
