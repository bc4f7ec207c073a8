using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Fulfilment.IntegrationTests.LocalHost;

public sealed class HttpTriggerTests
{
    [Fact]
    public async Task Forwarded_request_body_arrives_byte_exact_and_the_response_is_copied_back()
    {
        await using var app = await LocalHostTestApp.StartAsync();
        var body = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray(); // every byte value, not UTF-8
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/echo/42?x=1%202&y=a+b") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-test-bytes");
        request.Headers.Add("X-Signature", "sha256=abc");

        using var response = await app.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/x-test-bytes", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("4096", response.Headers.GetValues("X-Echo-Length").Single());
        Assert.Equal("/api/echo/42?x=1%202&y=a+b", response.Headers.GetValues("X-Echo-Target").Single());
        Assert.Equal("42", response.Headers.GetValues("X-Echo-Id").Single());
        Assert.Equal("sha256=abc", response.Headers.GetValues("X-Echo-Signature").Single());
        Assert.True(Guid.TryParse(response.Headers.GetValues("X-Echo-Invocation").Single(), out _));
        Assert.Contains(app.ResultsOf("Echo"), r => r.Succeeded && r.Trigger == "httpTrigger");
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
    public async Task Payload_mode_sends_data_req_and_answers_from_outputs_res()
    {
        await using var app = await LocalHostTestApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/items/7?q=a") { Content = new StringContent("hello body") };
        request.Headers.Add("X-Test", "v1");

        using var response = await app.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("payload", response.Headers.GetValues("X-Mode").Single());
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("POST", json["method"]!.GetValue<string>());
        Assert.Equal("7", json["params"]!["id"]!.GetValue<string>());
        Assert.Equal("a", json["query"]!["q"]!.GetValue<string>());
        Assert.Equal("hello body", json["body"]!.GetValue<string>());
        Assert.Equal("v1", json["testHeader"]![0]!.GetValue<string>());
        Assert.EndsWith("/api/items/7?q=a", json["url"]!.GetValue<string>());
        Assert.Equal("payload-called", Assert.Single(await app.ReceiveAsync(app.ReportQueue, 1)));
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
    }

    [Fact]
    public async Task Admin_level_route_accepts_only_the_master_key()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        using var noKey = await app.Http.GetAsync("/api/admin-only");
        using var functionKey = await app.Http.GetAsync($"/api/admin-only?code={Uri.EscapeDataString(app.Host.FunctionKey)}");
        using var master = await app.Http.GetAsync($"/api/admin-only?code={Uri.EscapeDataString(app.Host.MasterKey)}");

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, functionKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        Assert.Equal("admin ok", await master.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Restarted_handler_is_a_new_process_that_serves_requests()
    {
        await using var app = await LocalHostTestApp.StartAsync();
        async Task<(string Pid, string Body)> EchoAsync(string text)
        {
            using var response = await app.Http.PostAsync("/api/echo", new StringContent(text, Encoding.UTF8));
            response.EnsureSuccessStatusCode();
            return (response.Headers.GetValues("X-Handler-Pid").Single(), await response.Content.ReadAsStringAsync());
        }

        var before = await EchoAsync("before");
        await app.Host.RestartHandlerAsync();
        var after = await EchoAsync("after");

        Assert.Equal("before", before.Body);
        Assert.Equal("after", after.Body);
        Assert.NotEqual(before.Pid, after.Pid);
        Assert.Equal(app.Host.HandlerProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), after.Pid);
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(int.Parse(before.Pid, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
