using System.Net;
using System.Text;
using Fulfilment.Carriers.Ekart;
using Fulfilment.Partners;
using Polly;

namespace Fulfilment.Tests.Carriers.Ekart;

public class EkartFailureTests
{
    private const string RateLimitText = "Rate limit exceeded";

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "{\"unauthorised\":\"The token has expired. Please request a new token\"}", PartnerFailureKind.Authentication)]
    [InlineData(HttpStatusCode.Forbidden, "{\"forbidden\":\"Rate limit exceeded\"}", PartnerFailureKind.RateLimited)]
    [InlineData(HttpStatusCode.Forbidden, "{\"forbidden\":\"The token was not issued to merchant XYZ\"}", PartnerFailureKind.Authentication)]
    [InlineData(HttpStatusCode.TooManyRequests, "", PartnerFailureKind.RateLimited)]
    [InlineData(HttpStatusCode.InternalServerError, "{\"code\":500,\"message\":\"Internal Server Error\"}", PartnerFailureKind.Transient)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "", PartnerFailureKind.Transient)]
    [InlineData(HttpStatusCode.BadRequest, "{\"code\":400,\"message\":\"Unable to process JSON\"}", PartnerFailureKind.Rejected)]
    public void Answers_are_classified_by_status_and_body(HttpStatusCode status, string body, PartnerFailureKind kind)
    {
        var failure = EkartException.FromResponse(status, body, "create shipments", RateLimitText);

        Assert.Equal(kind, failure.Kind);
        Assert.Equal("Ekart", failure.Partner);
    }

    [Fact]
    public void The_message_carries_ekarts_reason_not_the_raw_body()
    {
        var failure = EkartException.FromResponse(HttpStatusCode.BadRequest, "{\"code\":400,\"message\":\"Unable to process JSON\"}", "create shipments", RateLimitText);

        Assert.Equal("Ekart create shipments: HTTP 400: Unable to process JSON", failure.Message);
    }

    [Theory]
    [InlineData(EkartOperation.Track, true)]
    [InlineData(EkartOperation.Token, true)]
    [InlineData(EkartOperation.Create, false)]
    [InlineData(EkartOperation.Cancel, false)]
    public async Task Only_calls_that_change_nothing_are_repeated_after_a_server_failure(EkartOperation operation, bool retried)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.InternalServerError);

        Assert.Equal(retried, await EkartResilience.ShouldRetryAsync(Outcome.FromResult(response), operation, new EkartOptions(), TimeProvider.System));
    }

    [Fact]
    public async Task Ekarts_documented_rate_limit_403_is_retried_and_a_refused_token_is_not()
    {
        using var limited = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("{\"forbidden\":\"Rate limit exceeded\"}", Encoding.UTF8) };
        using var refused = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("{\"forbidden\":\"nope\"}", Encoding.UTF8) };

        Assert.True(await EkartResilience.ShouldRetryAsync(Outcome.FromResult(limited), EkartOperation.Create, new EkartOptions(), TimeProvider.System));
        Assert.False(await EkartResilience.ShouldRetryAsync(Outcome.FromResult(refused), EkartOperation.Create, new EkartOptions(), TimeProvider.System));
    }

    [Fact]
    public async Task A_429_asking_for_a_long_wait_is_left_to_the_next_run()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMinutes(5));

        Assert.False(await EkartResilience.ShouldRetryAsync(Outcome.FromResult(response), EkartOperation.Create, new EkartOptions(), TimeProvider.System));
    }

    [Fact]
    public void Options_name_each_bad_setting()
    {
        var result = new EkartOptionsValidator().Validate(null, new EkartOptions { BaseUrl = "nope", GoodsCategory = "FOOD", HsnLengths = "x", WebhookSignatureHeader = "a b" });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Ekart:BaseUrl", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Ekart:GoodsCategory", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Ekart:HsnLengths", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Ekart:WebhookSignatureHeader", StringComparison.Ordinal));
    }
}
