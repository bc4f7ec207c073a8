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
        Assert.True(BigCommerceResilience.ShouldRetry(Get, Status(503), Options));
        Assert.True(BigCommerceResilience.ShouldRetry(Get, Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset")), Options));
        Assert.False(BigCommerceResilience.ShouldRetry(Get, Status(404), Options));
        Assert.False(BigCommerceResilience.ShouldRetry(Get, Status(401), Options));
    }

    [Fact]
    public void A_shipment_post_is_retried_only_on_429()
    {
        Assert.True(BigCommerceResilience.ShouldRetry(Post, Status(429, ("X-Rate-Limit-Time-Reset-Ms", "500")), Options));
        Assert.False(BigCommerceResilience.ShouldRetry(Post, Status(500), Options));
        Assert.False(BigCommerceResilience.ShouldRetry(Post, Status(503), Options));
        Assert.False(BigCommerceResilience.ShouldRetry(Post, Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset")), Options));
    }

    [Fact]
    public void A_429_asking_for_longer_than_the_budget_is_left_to_the_queue()
    {
        Assert.False(BigCommerceResilience.ShouldRetry(Get, Status(429, ("X-Retry-After", "25")), Options));
        Assert.True(BigCommerceResilience.ShouldRetry(Get, Status(429), Options));
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
