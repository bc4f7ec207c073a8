using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Fulfilment.Carriers;
using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Connections;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Fulfilment.Tests.Carriers.ClickAndDrop;

/// <summary>
/// The registered HttpClient pipeline (resilience handler + rate gate) over a scripted in-memory handler: which failures
/// are retried, which surface, what each attempt sends. No sockets.
/// </summary>
public class ClickAndDropPipelineTests
{
    private static readonly CarrierAccount Account = new()
    {
        Id = "acct-1", Carrier = "ClickAndDrop", Credentials = { ["apiKey"] = "key-123" }, Settings = { ["onlineBusinessAccount"] = "true" },
    };

    [Fact]
    public async Task Create_that_gets_a_5xx_is_not_retried_and_throws_transient()
    {
        using var harness = new Harness();
        harness.Respond(HttpStatusCode.InternalServerError, """{"code":"Oops","message":"boom"}""");

        var ex = await Assert.ThrowsAsync<ClickAndDropException>(() => harness.Carrier.CreateShipmentsAsync(Account, [new ShipmentRequest(ClickAndDropPlans.Uk())], default));

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.Equal(500, ex.StatusCode);
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task Whole_request_refusal_is_narrowed_down_by_halves_to_the_bad_order()
    {
        using var harness = new Harness(new() { ["ClickAndDrop:MaxOrdersPerRequest"] = "4" });
        const string refused = """{"code":"InvalidRequest","message":"Cannot bind items[3]"}""";
        harness.Respond(HttpStatusCode.BadRequest, refused);
        harness.Respond(HttpStatusCode.OK, Created((1, "R-1"), (2, "R-2")));
        harness.Respond(HttpStatusCode.BadRequest, refused);
        harness.Respond(HttpStatusCode.OK, Created((3, "R-3")));
        harness.Respond(HttpStatusCode.BadRequest, refused);
        var plans = Enumerable.Range(1, 4).Select(i => new ShipmentRequest(ClickAndDropPlans.Uk($"R-{i}"))).ToList();

        var result = await harness.Carrier.CreateShipmentsAsync(Account, plans, default);

        Assert.Equal(["R-1", "R-2", "R-3"], result.Created.Select(c => c.Reference));
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal("R-4", rejected.Reference);
        Assert.Contains("Cannot bind items[3]", rejected.Reason);
        Assert.Equal([4, 2, 2, 1, 1], harness.Requests.Select(r => r.Body!.Split("\"orderReference\"").Length - 1));
    }

    private static string Created(params (long Id, string Reference)[] orders) =>
        $$"""{"successCount":{{orders.Length}},"errorsCount":0,"createdOrders":[{{string.Join(',', orders.Select(o => $$"""{"orderIdentifier":{{o.Id}},"orderReference":"{{o.Reference}}"}"""))}}],"failedOrders":[]}""";

    [Fact]
    public async Task Lookup_that_gets_a_5xx_is_retried()
    {
        using var harness = new Harness();
        harness.Respond(HttpStatusCode.ServiceUnavailable, "");
        harness.Respond(HttpStatusCode.OK, """[{"orderIdentifier":1001,"orderReference":"FF-1001-ab12cd34"}]""");

        var found = await harness.Carrier.FindByReferenceAsync(Account, ["FF-1001-ab12cd34"], default);

        Assert.Equal("1001", Assert.Single(found).CarrierShipmentId);
        Assert.Equal(2, harness.Requests.Count);
    }

    [Fact]
    public async Task Create_that_gets_429_is_retried_and_every_attempt_passes_the_rate_gate()
    {
        using var harness = new Harness();
        harness.Respond(HttpStatusCode.TooManyRequests, "", retryAfterSeconds: 0);
        harness.Respond(HttpStatusCode.OK, """{"successCount":1,"errorsCount":0,"createdOrders":[{"orderIdentifier":7,"orderReference":"FF-1001-ab12cd34"}],"failedOrders":[]}""");

        var result = await harness.Carrier.CreateShipmentsAsync(Account, [new ShipmentRequest(ClickAndDropPlans.Uk())], default);

        Assert.Equal("7", Assert.Single(result.Created).CarrierShipmentId);
        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal(harness.Requests[0].Body, harness.Requests[1].Body); // the same body was sent again
        Assert.Equal([("clickanddrop:acct-1", 5), ("clickanddrop:acct-1", 5)], harness.Gate.Calls);
    }

    [Fact]
    public async Task A_429_asking_for_a_longer_wait_than_allowed_surfaces_as_rate_limited()
    {
        using var harness = new Harness();
        harness.Respond(HttpStatusCode.TooManyRequests, "", retryAfterSeconds: 120);

        var ex = await Assert.ThrowsAsync<ClickAndDropException>(() => harness.Carrier.GetStatusAsync(Account, ["1001"], default));

        Assert.Equal(PartnerFailureKind.RateLimited, ex.Kind);
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task Unauthorized_throws_authentication_without_retrying()
    {
        using var harness = new Harness();
        harness.Respond(HttpStatusCode.Unauthorized, "");

        var ex = await Assert.ThrowsAsync<ClickAndDropException>(() => harness.Carrier.GetStatusAsync(Account, ["1001"], default));

        Assert.Equal(PartnerFailureKind.Authentication, ex.Kind);
        Assert.Single(harness.Requests);
    }

    private const string NoneFound = """[{"accountOrderNumber":1001,"code":"OrderNotFound","message":"Order not found."}]""";

    [Fact]
    public async Task Lookup_with_click_and_drops_404_is_an_empty_list()
    {
        using var harness = new Harness();
        harness.Respond(HttpStatusCode.NotFound, NoneFound);

        Assert.Empty(await harness.Carrier.GetStatusAsync(Account, ["1001", "not-a-number"], default));
        Assert.EndsWith("/orders/1001", harness.Requests[0].Uri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body><h1>404 Not Found</h1></body></html>")]
    [InlineData("""{"statusCode":404,"message":"Resource not found"}""")]
    public async Task Lookup_with_a_404_click_and_drop_did_not_write_is_transient_and_not_retried_in_call(string body)
    {
        using var harness = new Harness();
        harness.Respond(HttpStatusCode.NotFound, body);

        var ex = await Assert.ThrowsAsync<ClickAndDropException>(() => harness.Carrier.FindByReferenceAsync(Account, ["FF-1001-ab12cd34"], default));

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task Label_refused_with_403_is_refused_not_not_yet()
    {
        using var harness = new Harness();
        harness.Respond(HttpStatusCode.Forbidden, "");

        var label = await harness.Carrier.GetLabelAsync(Account, "1001", default);

        Assert.Null(label.Pdf);
        Assert.Contains("Online Business Accounts only", label.Problem);
        Assert.EndsWith("/orders/1001/label?documentType=postageLabel&includeReturnsLabel=false", harness.Requests[0].Uri);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "<html>a proxy's page</html>")]
    [InlineData(HttpStatusCode.BadRequest, "<html>400 Bad Request</html>")]
    [InlineData(HttpStatusCode.NotFound, "")]
    public async Task Label_answer_click_and_drop_did_not_write_is_transient(HttpStatusCode status, string body)
    {
        using var harness = new Harness();
        harness.Respond(status, body);

        var ex = await Assert.ThrowsAsync<ClickAndDropException>(() => harness.Carrier.GetLabelAsync(Account, "1001", default));

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
    }

    [Theory]
    [InlineData("RawKey", "key-123")]
    [InlineData("Bearer", "Bearer key-123")]
    public async Task Authorization_header_follows_the_configured_scheme(string scheme, string expected)
    {
        using var harness = new Harness(new() { ["ClickAndDrop:AuthorizationScheme"] = scheme });
        harness.Respond(HttpStatusCode.NotFound, NoneFound);

        await harness.Carrier.GetStatusAsync(Account, ["1001"], default);

        Assert.Equal(expected, harness.Requests[0].Authorization);
    }

    [Fact]
    public void Descriptor_batch_size_comes_from_settings()
    {
        using var harness = new Harness(new() { ["ClickAndDrop:MaxOrdersPerRequest"] = "40" });

        var descriptor = harness.Services.GetServices<ICarrier>().Single().Descriptor;

        Assert.Equal(("ClickAndDrop", "RoyalMail", 40, 100), (descriptor.Name, descriptor.ShippingCarrier, descriptor.MaxBatchSize, descriptor.MaxLookupBatchSize));
        Assert.Equal(CarrierCapabilities.StatusPolling | CarrierCapabilities.Labels, descriptor.Capabilities);
        Assert.Contains(descriptor.AccountFields, f => f is { Name: "apiKey", Required: true, Secret: true });
    }

    [Fact]
    public void Missing_base_url_fails_validation_naming_the_setting()
    {
        using var harness = new Harness(new() { ["ClickAndDrop:BaseUrl"] = "" });

        var ex = Assert.Throws<OptionsValidationException>(() => harness.Services.GetRequiredService<IOptions<ClickAndDropOptions>>().Value);

        Assert.Contains("ClickAndDrop:BaseUrl", ex.Message);
    }

    private sealed record SentRequest(string Method, string Uri, string? Authorization, string? Body);

    /// <summary>Registrations as production has them, with a scripted primary handler and a recording rate gate.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly ConcurrentQueue<Func<HttpResponseMessage>> _responses = new();

        public Harness(Dictionary<string, string?>? settings = null)
        {
            var values = new Dictionary<string, string?>
            {
                ["ClickAndDrop:BaseUrl"] = "https://cnd.test/api/v1",
                ["ClickAndDrop:RetryBaseDelay"] = "00:00:00.001",
            };
            foreach (var (k, v) in settings ?? []) values[k] = v;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
            var services = new ServiceCollection();
            services.AddSingleton<IDistributedRateGate>(Gate);
            services.AddClickAndDrop(configuration);
            services.AddHttpClient(ClickAndDropClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new ScriptedHandler(this));
            Services = services.BuildServiceProvider();
        }

        public ServiceProvider Services { get; }
        public RecordingGate Gate { get; } = new();
        public List<SentRequest> Requests { get; } = [];
        public ClickAndDropCarrier Carrier => Services.GetRequiredService<ClickAndDropCarrier>();

        public void Respond(HttpStatusCode status, string body, int? retryAfterSeconds = null) => _responses.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (retryAfterSeconds is { } s) response.Headers.RetryAfter = new(TimeSpan.FromSeconds(s));
            return response;
        });

        public void Dispose() => Services.Dispose();

        private sealed class ScriptedHandler(Harness harness) : HttpMessageHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
                lock (harness.Requests)
                    harness.Requests.Add(new(request.Method.Method, request.RequestUri!.AbsoluteUri,
                        request.Headers.TryGetValues("Authorization", out var auth) ? auth.Single() : null, body));
                if (!harness._responses.TryDequeue(out var next))
                    throw new InvalidOperationException("No scripted response left.");
                var response = next();
                response.RequestMessage = request;
                return response;
            }
        }
    }

    /// <summary>An in-memory gate that lets everything through and records what it was asked.</summary>
    private sealed class RecordingGate : IDistributedRateGate
    {
        public List<(string Key, int PermitsPerSecond)> Calls { get; } = [];

        public ValueTask<DateTimeOffset> WaitAsync(string key, int permitsPerSecond, CancellationToken cancellationToken)
        {
            lock (Calls) Calls.Add((key, permitsPerSecond));
            return ValueTask.FromResult(DateTimeOffset.UtcNow);
        }
    }
}
