using System.Net;
using Fulfilment.Channels.BigCommerce;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Xunit;

namespace Fulfilment.Tests.Channels.BigCommerce;

public class BigCommerceResilienceTests
{
    private static readonly BigCommerceOptions Options = new() { MaxRateLimitWait = TimeSpan.FromSeconds(10), HeaderlessRateLimitBackoff = TimeSpan.FromSeconds(2) };

    private static Outcome<HttpResponseMessage> Status(int code, params (string, string)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)code);
        foreach (var (n, v) in headers)
            response.Headers.TryAddWithoutValidation(n, v);
        return Outcome.FromResult(response);
    }

    private static HttpRequestMessage Get => new(HttpMethod.Get, "http://x/stores/a/v2/orders");
    private static HttpRequestMessage Post => new(HttpMethod.Post, "http://x/stores/a/v2/orders/1/shipments");

    [Fact]
    public void Gets_are_retried_on_server_errors_and_timeouts()
    {
        Assert.True(BigCommerceResilience.ShouldRetryTransient(Get, Status(503)));
        Assert.True(BigCommerceResilience.ShouldRetryTransient(Get, Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset"))));
        Assert.False(BigCommerceResilience.ShouldRetryTransient(Get, Status(404)));
        Assert.False(BigCommerceResilience.ShouldRetryTransient(Get, Status(401)));
        Assert.False(BigCommerceResilience.ShouldRetryTransient(Get, Status(429)));
    }

    [Fact]
    public void A_shipment_post_is_never_retried_on_a_failure_that_may_have_created_it_but_waits_out_a_429()
    {
        Assert.True(BigCommerceResilience.ShouldWaitOutRateLimit(Status(429, ("X-Rate-Limit-Time-Reset-Ms", "500")), Options));
        Assert.False(BigCommerceResilience.ShouldRetryTransient(Post, Status(500)));
        Assert.False(BigCommerceResilience.ShouldRetryTransient(Post, Status(503)));
        Assert.False(BigCommerceResilience.ShouldRetryTransient(Post, Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset"))));
    }

    [Fact]
    public void A_429_asking_for_longer_than_the_budget_is_left_to_the_queue()
    {
        Assert.False(BigCommerceResilience.ShouldWaitOutRateLimit(Status(429, ("X-Retry-After", "25")), Options));
        Assert.True(BigCommerceResilience.ShouldWaitOutRateLimit(Status(429), Options));
        Assert.False(BigCommerceResilience.ShouldWaitOutRateLimit(Status(503), Options));
    }

    [Fact]
    public void By_default_a_429_asking_for_a_whole_30_second_window_is_waited_out()
    {
        var defaults = new BigCommerceOptions();

        Assert.True(BigCommerceResilience.ShouldWaitOutRateLimit(Status(429, ("X-Rate-Limit-Time-Reset-Ms", "30000"), ("X-Retry-After", "30")), defaults));
        Assert.True(defaults.MaxRateLimitWait >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void The_worst_case_call_counts_every_wait_and_timeout_the_settings_allow()
    {
        var options = new BigCommerceOptions { MaxRetryAttempts = 2, MaxRateLimitWait = TimeSpan.FromSeconds(30), CallTimeout = TimeSpan.FromSeconds(50) };

        // The gate's wait, three call timeouts and a rate-limit wait between each.
        Assert.Equal(TimeSpan.FromSeconds(30 + 3 * 50 + 2 * 30), options.WorstCaseCallDuration());
    }

    [Fact]
    public void Missing_settings_fail_validation_with_their_names()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BigCommerce:ApiBaseUrl"] = "not a url",
            ["BigCommerce:LoginBaseUrl"] = "https://login.bigcommerce.com",
        }).Build();
        using var provider = new ServiceCollection().AddBigCommerce(config).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BigCommerceOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("ClientId"));
        Assert.Contains(ex.Failures, f => f.Contains("ClientSecret"));
        Assert.Contains(ex.Failures, f => f.Contains("ApiBaseUrl"));
    }

    [Fact]
    public void Registration_exposes_the_channel_as_an_IChannel_with_its_descriptor()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BigCommerce:ApiBaseUrl"] = "https://api.bigcommerce.com",
            ["BigCommerce:LoginBaseUrl"] = "https://login.bigcommerce.com",
            ["BigCommerce:ClientId"] = "id",
            ["BigCommerce:ClientSecret"] = "secret",
            ["BigCommerce:AuthCallbackUrl"] = "https://example.com/api/bigcommerce/auth",
        }).Build();
        using var provider = new ServiceCollection().AddBigCommerce(config).BuildServiceProvider();

        var channel = Assert.Single(provider.GetServices<Fulfilment.Channels.IChannel>());

        Assert.Equal("BigCommerce", channel.Descriptor.Name);
        Assert.Equal("9", channel.Descriptor.DefaultImportStatus);
        Assert.Equal(Fulfilment.Channels.ChannelCapabilities.DespatchWriteBack, channel.Descriptor.Capabilities);
        Assert.Same(channel, provider.GetServices<Fulfilment.Channels.IChannel>().Single());
    }
}
