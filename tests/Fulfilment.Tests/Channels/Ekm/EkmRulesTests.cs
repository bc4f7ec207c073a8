using System.Net;
using Fulfilment.Channels.Ekm;
using Fulfilment.Channels.Ekm.Dtos;
using Fulfilment.Connections;
using Fulfilment.Partners;

namespace Fulfilment.Tests.Channels.Ekm;

public class EkmRulesTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("PROCESSING", "SUCCESS", "txn-1", true)]
    [InlineData("processing", "success", "txn-1", true)]
    [InlineData("PROCESSING", "FAILED", "txn-1", false)]
    [InlineData("PROCESSING", "UNKNOWN", "txn-1", false)]
    [InlineData("PROCESSING", "SUCCESS", null, false)]
    [InlineData("PROCESSING", "SUCCESS", " ", false)]
    [InlineData("PENDING", "SUCCESS", "txn-1", false)]
    public void Only_paid_orders_in_the_import_status_are_eligible(string status, string payment, string? transaction, bool eligible)
    {
        var order = new EkmOrder { Id = 1, Status = status, PaymentStatus = payment, TransactionId = transaction, OrderDate = Since.AddDays(1) };

        Assert.Equal(eligible, EkmEligibility.IsEligible(order, "PROCESSING", Since, requireTransactionId: true));
    }

    [Fact]
    public void A_shop_whose_gateway_sets_no_transaction_id_can_rely_on_the_payment_status_alone()
    {
        var order = new EkmOrder { Id = 1, Status = "PROCESSING", PaymentStatus = "SUCCESS", OrderDate = Since };

        Assert.True(EkmEligibility.IsEligible(order, "PROCESSING", Since, requireTransactionId: false));
        Assert.False(EkmEligibility.IsEligible(order with { OrderDate = Since.AddTicks(-1) }, "PROCESSING", Since, requireTransactionId: false));
    }

    [Fact]
    public void The_search_filter_quotes_text_and_dates_and_breaks_time_ties_by_id()
    {
        var at = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero).AddTicks(5);

        Assert.Equal("status eq 'AWAITING O''BRIEN' and payment_status eq 'SUCCESS' and order_date ge '2026-11-21T00:00:00.0000000Z'",
            EkmFilter.Eligible("AWAITING O'BRIEN", Since));
        Assert.Equal("(last_updated gt '2026-11-28T10:00:00.0000005Z' or (last_updated eq '2026-11-28T10:00:00.0000005Z' and id gt 1001))",
            EkmFilter.After("last_updated", at, 1001));
        Assert.Equal("order_date ge '2026-11-28T10:00:00.0000005Z'", EkmFilter.After("order_date", at, null));
    }

    [Fact]
    public void Statuses_the_store_lacks_are_named_and_defaults_apply_when_unset()
    {
        var connection = new ChannelConnection { Id = "ekm-x", Channel = "EKM", StoreId = "x" };
        string[] store = ["Pending", "Processing", "Dispatched", "Awaiting Stock"];

        Assert.Empty(EkmStatusSettings.ProblemsWith(connection, store));
        connection.ImportStatus = "awaiting stock";
        Assert.Empty(EkmStatusSettings.ProblemsWith(connection, store));
        connection.Settings[EkmSettings.DespatchedStatus] = "Shipped";
        Assert.Equal(["despatchedStatus 'Shipped' is not one of the store's order statuses (Pending, Processing, Dispatched, Awaiting Stock)"],
            EkmStatusSettings.ProblemsWith(connection, store));
    }

    [Theory]
    [InlineData(400, """{"error":"invalid_grant"}""", PartnerFailureKind.Authentication, "invalid_grant")]
    [InlineData(400, """{"error":"invalid_client"}""", PartnerFailureKind.Rejected, "invalid_client")]
    [InlineData(401, "", PartnerFailureKind.Authentication, null)]
    [InlineData(403, "", PartnerFailureKind.Authentication, null)]
    [InlineData(429, "", PartnerFailureKind.RateLimited, null)]
    [InlineData(503, "<html>busy</html>", PartnerFailureKind.Transient, null)]
    [InlineData(404, """{"validation_result":[{"member_names":["id"],"error_message":"Order '1' not found."}],"data":null}""", PartnerFailureKind.Rejected, null)]
    public void Error_answers_are_classified_by_status_and_oauth_error(int status, string body, PartnerFailureKind kind, string? code)
    {
        var ex = EkmException.FromResponse(status, body);

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(code, ex.PartnerErrorCode);
        Assert.Equal("EKM", ex.Partner);
    }

    [Fact]
    public void A_validation_error_message_is_kept_and_a_refused_refresh_names_the_likely_causes()
    {
        Assert.Contains("Order '1' not found.", EkmException.FromResponse(404, """{"validation_result":[{"member_names":["id"],"error_message":"Order '1' not found."}]}""").Message, StringComparison.Ordinal);
        var refused = EkmException.FromResponse(400, """{"error":"invalid_grant"}""").Message;
        Assert.Contains("another application", refused, StringComparison.Ordinal);
        Assert.Contains("15 days", refused, StringComparison.Ordinal);
        Assert.Contains("password", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_limit_headers_give_a_wait_when_the_bucket_is_nearly_full_and_a_429_waits_for_retry_after_or_the_fallback()
    {
        using var nearlyFull = new HttpResponseMessage(HttpStatusCode.OK);
        nearlyFull.Headers.Add("x-ekm-ratelimit-remaining", "1");
        nearlyFull.Headers.Add("X-EKM-RateLimit-LeakAmount", "2");
        nearlyFull.Headers.Add("X-EKM-RateLimit-LeakRate", "1");
        using var roomy = new HttpResponseMessage(HttpStatusCode.OK);
        roomy.Headers.Add("X-EKM-RateLimit-Remaining", "30");
        using var limited = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        using var bare = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(2), EkmRateLimit.DrainWaitFor(nearlyFull.Headers, keepFree: 4));
        Assert.Null(EkmRateLimit.DrainWaitFor(roomy.Headers, keepFree: 4));
        Assert.Equal(TimeSpan.FromSeconds(3), EkmRateLimit.RetryDelayFor(limited, TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(2), EkmRateLimit.RetryDelayFor(bare, TimeSpan.FromSeconds(2)));
        Assert.Null(EkmRateLimit.RetryDelayFor(roomy, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Token_records_never_show_a_token()
    {
        var tokens = new EkmTokenSet("access-secret-value", "refresh-secret-value", Since);
        var grant = new EkmGrant("shop1", tokens, "tempest.orders.read");
        var shop = new EkmShop("shop1", "access-secret-value");

        foreach (var text in new[] { tokens.ToString(), grant.ToString(), shop.ToString() })
        {
            Assert.DoesNotContain("secret-value", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Tokens_round_trip_through_the_connections_credential_fields()
    {
        var connection = new ChannelConnection { Id = "ekm-x", Channel = "EKM", StoreId = "x" };
        var tokens = new EkmTokenSet("a", "r", Since.AddTicks(7));

        tokens.ApplyTo(connection);

        Assert.Equal(tokens, EkmTokenSet.From(connection));
        Assert.Null(EkmTokenSet.From(new ChannelConnection { Id = "ekm-y", Channel = "EKM", StoreId = "y" }));
    }

    [Theory]
    [InlineData("RoyalMail", "Royal Mail", true)]
    [InlineData("Ekart", "Ekart", true)]
    [InlineData("Parcel Pigeons", "Parcel Pigeons", false)]
    public void Carriers_get_ekms_company_name_and_a_tracking_page_when_we_know_one(string carrier, string company, bool hasUrl)
    {
        Assert.Equal(company, EkmCarriers.CompanyFor(carrier));
        Assert.Equal(hasUrl, EkmCarriers.TrackingUrlFor(carrier, "AB 12") is not null);
    }

    [Theory]
    [InlineData("merchant-one", true)]
    [InlineData("shop.name_2@x", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a'b", false)]
    public void Only_plain_shop_usernames_are_accepted(string username, bool ok) => Assert.Equal(ok, EkmWebhooks.IsUsername(username));

    [Theory]
    [InlineData("GET", 500, true)]
    [InlineData("GET", 404, false)]
    [InlineData("PUT", 500, false)]
    [InlineData("PUT", 429, true)]
    [InlineData("POST", 503, false)]
    public void Reads_are_retried_on_server_errors_and_writes_only_on_429_where_ekm_did_nothing(string method, int status, bool retried)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.ekm.net/api/v2/orders/1");
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(retried, EkmResilience.ShouldRetry(request, Polly.Outcome.FromResult(response), new EkmOptions()));
    }

    [Fact]
    public void A_429_asking_for_longer_than_we_sit_out_is_left_to_the_queue()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.ekm.net/api/v2/orders");
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(60));

        Assert.False(EkmResilience.ShouldRetry(request, Polly.Outcome.FromResult(response), new EkmOptions()));
    }
}
