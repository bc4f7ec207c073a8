using Fulfilment.Channels.BigCommerce;
using Fulfilment.Partners;
using Xunit;

namespace Fulfilment.Tests.Channels.BigCommerce;

public class BigCommerceExceptionTests
{
    [Theory]
    [InlineData(401, PartnerFailureKind.Authentication)]
    [InlineData(403, PartnerFailureKind.Authentication)]
    [InlineData(429, PartnerFailureKind.RateLimited)]
    [InlineData(500, PartnerFailureKind.Transient)]
    [InlineData(502, PartnerFailureKind.Transient)]
    [InlineData(503, PartnerFailureKind.Transient)]
    [InlineData(408, PartnerFailureKind.Transient)]
    [InlineData(400, PartnerFailureKind.Rejected)]
    [InlineData(404, PartnerFailureKind.Rejected)]
    [InlineData(409, PartnerFailureKind.Rejected)]
    [InlineData(422, PartnerFailureKind.Rejected)]
    public void Status_codes_map_to_failure_kinds(int status, PartnerFailureKind kind)
    {
        var ex = BigCommerceException.FromResponse(status, null);

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("BigCommerce", ex.Partner);
        Assert.Equal(kind is PartnerFailureKind.RateLimited or PartnerFailureKind.Transient, ex.IsRetryable);
    }

    [Fact]
    public void V2_error_array_messages_are_read()
    {
        var ex = BigCommerceException.FromResponse(400, """[{"status":400,"message":"The field 'order_address_id' is invalid."},{"status":400,"message":"Second."}]""");

        Assert.Contains("The field 'order_address_id' is invalid.; Second.", ex.Message);
        Assert.Equal("400", ex.PartnerErrorCode);
    }

    [Fact]
    public void V3_error_object_title_and_field_errors_are_read()
    {
        var ex = BigCommerceException.FromResponse(422, """{"status":422,"title":"JSON data is missing or invalid","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes","errors":{"sku":"must be unique"}}""");

        Assert.Equal(PartnerFailureKind.Rejected, ex.Kind);
        Assert.Contains("JSON data is missing or invalid", ex.Message);
        Assert.Contains("sku: must be unique", ex.Message);
        Assert.Equal("https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes", ex.PartnerErrorCode);
    }

    [Fact]
    public void Login_error_object_is_read()
    {
        var ex = BigCommerceException.FromResponse(400, """{"error":"invalid_grant","error_description":"Invalid verification code."}""");

        Assert.Equal("invalid_grant", ex.PartnerErrorCode);
        Assert.Contains("Invalid verification code.", ex.Message);
    }

    [Fact]
    public void Non_json_bodies_are_kept_short()
    {
        var ex = BigCommerceException.FromResponse(502, "<html>" + new string('x', 5000) + "</html>");

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.True(ex.Message.Length < 400);
    }

    [Fact]
    public void Transport_failures_are_transient_without_a_status()
    {
        var ex = BigCommerceException.FromTransportFailure(new TaskCanceledException("timed out"));

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.Null(ex.StatusCode);
        Assert.True(ex.IsRetryable);
    }
}
