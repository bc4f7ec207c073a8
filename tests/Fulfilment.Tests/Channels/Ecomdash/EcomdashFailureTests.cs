using System.Net;
using Fulfilment.Channels.Ecomdash;
using Fulfilment.Partners;
using Polly;

namespace Fulfilment.Tests.Channels.Ecomdash;

public class EcomdashFailureTests
{
    private static readonly EcomdashOptions Options = new() { MaxRateLimitWait = TimeSpan.FromSeconds(65), ConcurrencyRetryDelay = TimeSpan.FromMilliseconds(500) };

    [Fact]
    public void A_refused_merchant_key_says_in_plain_words_that_the_key_or_app_pair_is_not_valid_or_the_subscription_lapsed()
    {
        var ex = EcomdashException.FromResponse(403,
            """{"Message":"The provided 'ecd-subscription-key' / 'application-id' combination is not valid or does not belong to a company with a current ecomdash subscription."}""", "getOrders");

        Assert.Equal(PartnerFailureKind.Authentication, ex.Kind);
        Assert.StartsWith(EcomdashException.RefusedCredentials, ex.Message);
        Assert.Contains("subscription has lapsed", ex.Message);
    }

    [Fact]
    public void Our_refused_developer_key_is_retried_later_rather_than_blamed_on_the_merchant()
    {
        var ex = EcomdashException.FromResponse(401, """{"statusCode":401,"message":"Access denied due to invalid subscription key."}""", "getOrders");

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.Contains("Ecomdash__DeveloperKey", ex.Message);
    }

    [Theory]
    [InlineData(429, PartnerFailureKind.RateLimited)]
    [InlineData(500, PartnerFailureKind.Transient)]
    [InlineData(503, PartnerFailureKind.Transient)]
    [InlineData(404, PartnerFailureKind.Rejected)]
    [InlineData(400, PartnerFailureKind.Rejected)]
    public void Http_failures_are_classified_by_status(int status, PartnerFailureKind kind) =>
        Assert.Equal(kind, EcomdashException.FromResponse(status, null, "getOrders").Kind);

    [Fact]
    public void A_model_error_names_the_member_that_was_refused()
    {
        var ex = EcomdashException.FromResponse(400, """{"Message":"The request is invalid.","ModelState":{"request.Staus":["Could not find member 'Staus'."]}}""", "getOrders");

        Assert.Contains("request.Staus: Could not find member 'Staus'.", ex.Message);
    }

    [Fact]
    public void A_failure_envelope_is_a_rejection_carrying_the_messages()
    {
        var ex = EcomdashException.Refused("getOrders", ["FromDate must not be later than ToDate."]);

        Assert.Equal(PartnerFailureKind.Rejected, ex.Kind);
        Assert.Equal("Failure", ex.PartnerErrorCode);
        Assert.Equal(["FromDate must not be later than ToDate."], ex.Messages);
        Assert.Contains("FromDate must not be later", ex.Message);
    }

    [Fact]
    public void Index_messages_are_read_per_element_and_the_rest_concern_the_call()
    {
        var (byIndex, general) = EcomdashItemMessages.Parse(["Index 1: No active products with SKU 'aabbcc' were found.", "index 3 : Quantity cannot be negative.", "Something else."]);

        Assert.Equal("No active products with SKU 'aabbcc' were found.", byIndex[1]);
        Assert.Equal("Quantity cannot be negative.", byIndex[3]);
        Assert.Equal(["Something else."], general);
    }

    [Fact]
    public void A_quota_429_is_retried_after_its_retry_after_and_a_concurrency_429_shortly()
    {
        using var quota = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        quota.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(37));
        using var concurrency = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.True(EcomdashResilience.ShouldRetry(Outcome.FromResult(quota), EcomdashOperations.CreateShipment, 0, Options, TimeProvider.System));
        Assert.Equal(TimeSpan.FromSeconds(37), EcomdashResilience.RetryDelay(quota, 0, Options, TimeProvider.System));
        Assert.True(EcomdashResilience.ShouldRetry(Outcome.FromResult(concurrency), EcomdashOperations.CreateShipment, 0, Options, TimeProvider.System));
        Assert.InRange(EcomdashResilience.RetryDelay(concurrency, 0, Options, TimeProvider.System)!.Value, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(750));
    }

    [Fact]
    public void Waits_after_concurrency_refusals_double_up_to_eight_times_the_first_and_have_their_own_budget()
    {
        using var concurrency = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var quota = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        quota.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
        var options = new EcomdashOptions { ConcurrencyRetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryAttempts = 2, ConcurrencyRetryAttempts = 6 };

        Assert.InRange(EcomdashResilience.RetryDelay(concurrency, 1, options, TimeProvider.System)!.Value, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));
        Assert.InRange(EcomdashResilience.RetryDelay(concurrency, 2, options, TimeProvider.System)!.Value, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(600));
        Assert.InRange(EcomdashResilience.RetryDelay(concurrency, 7, options, TimeProvider.System)!.Value, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(1200));
        Assert.True(EcomdashResilience.ShouldRetry(Outcome.FromResult(concurrency), EcomdashOperations.GetProducts, 5, options, TimeProvider.System));
        Assert.False(EcomdashResilience.ShouldRetry(Outcome.FromResult(concurrency), EcomdashOperations.GetProducts, 6, options, TimeProvider.System));
        Assert.True(EcomdashResilience.ShouldRetry(Outcome.FromResult(quota), EcomdashOperations.GetProducts, 1, options, TimeProvider.System));
        Assert.False(EcomdashResilience.ShouldRetry(Outcome.FromResult(quota), EcomdashOperations.GetProducts, 2, options, TimeProvider.System));
    }

    [Fact]
    public void A_retry_after_longer_than_we_sit_out_fails_the_call_for_the_queue_to_retry()
    {
        using var quota = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        quota.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMinutes(5));

        Assert.False(EcomdashResilience.ShouldRetry(Outcome.FromResult(quota), EcomdashOperations.GetOrders, 0, Options, TimeProvider.System));
    }

    [Fact]
    public void Server_failures_are_retried_only_for_operations_safe_to_repeat()
    {
        using var failed = new HttpResponseMessage(HttpStatusCode.InternalServerError);

        Assert.True(EcomdashResilience.ShouldRetry(Outcome.FromResult(failed), EcomdashOperations.GetOrders, 0, Options, TimeProvider.System));
        Assert.True(EcomdashResilience.ShouldRetry(Outcome.FromResult(failed), EcomdashOperations.UpdateQuantityOnHand, 0, Options, TimeProvider.System));
        Assert.False(EcomdashResilience.ShouldRetry(Outcome.FromResult(failed), EcomdashOperations.CreateShipment, 0, Options, TimeProvider.System));
        Assert.False(EcomdashResilience.ShouldRetry(Outcome.FromResult(failed), EcomdashOperations.SubmitTrackingInfo, 0, Options, TimeProvider.System));
    }
}
