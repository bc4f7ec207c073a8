using System.Net;
using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Partners;
using Polly.Timeout;
using Xunit;

namespace Fulfilment.Tests.Carriers.ClickAndDrop;

public class ClickAndDropExceptionTests
{
    [Fact]
    public void Bad_request_is_rejected_with_the_error_code_and_message()
    {
        var ex = ClickAndDropException.FromResponse(HttpStatusCode.BadRequest, """{"code":"InvalidRequest","message":"items is required","details":"items[0]"}""", "create orders");

        Assert.Equal(PartnerFailureKind.Rejected, ex.Kind);
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("InvalidRequest", ex.PartnerErrorCode);
        Assert.Contains("items is required items[0]", ex.Message);
        Assert.False(ex.IsRetryable);
        Assert.Equal("ClickAndDrop", ex.Partner);
    }

    [Fact]
    public void Array_error_body_of_per_order_endpoints_is_read()
    {
        var ex = ClickAndDropException.FromResponse(HttpStatusCode.BadRequest, """[{"accountOrderNumber":null,"code":"TooManyOrderIdentifiers","message":"At most 100"}]""", "get orders");

        Assert.Equal("TooManyOrderIdentifiers", ex.PartnerErrorCode);
        Assert.Contains("At most 100", ex.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "", PartnerFailureKind.Authentication)]
    [InlineData(HttpStatusCode.Forbidden, null, PartnerFailureKind.Authentication)]
    [InlineData(HttpStatusCode.NotFound, "", PartnerFailureKind.Transient)]
    [InlineData(HttpStatusCode.NotFound, """[{"code":"OrderNotFound","message":"Order not found."}]""", PartnerFailureKind.Transient)]
    [InlineData(HttpStatusCode.BadRequest, "<html><body>400 Bad Request</body></html>", PartnerFailureKind.Transient)]
    [InlineData(HttpStatusCode.BadRequest, "", PartnerFailureKind.Transient)]
    [InlineData(HttpStatusCode.BadRequest, """{"statusCode":400,"message":"Bad request"}""", PartnerFailureKind.Transient)]
    [InlineData(HttpStatusCode.MethodNotAllowed, "", PartnerFailureKind.Transient)]
    [InlineData(HttpStatusCode.BadRequest, """{"code":"InvalidRequest","message":"items is required"}""", PartnerFailureKind.Rejected)]
    [InlineData(HttpStatusCode.BadRequest, """[{"code":"TooManyOrderIdentifiers","message":"At most 100"}]""", PartnerFailureKind.Rejected)]
    [InlineData(HttpStatusCode.TooManyRequests, "", PartnerFailureKind.RateLimited)]
    [InlineData(HttpStatusCode.InternalServerError, """{"code":"Oops","message":"boom"}""", PartnerFailureKind.Transient)]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", PartnerFailureKind.Transient)]
    [InlineData(HttpStatusCode.RequestTimeout, "", PartnerFailureKind.Transient)]
    public void Status_codes_map_to_failure_kinds(HttpStatusCode status, string? body, PartnerFailureKind kind)
    {
        var ex = ClickAndDropException.FromResponse(status, body, "create orders");

        Assert.Equal(kind, ex.Kind);
        Assert.Equal((int)status, ex.StatusCode);
    }

    [Fact]
    public void Foreign_4xx_says_it_did_not_come_from_click_and_drop_and_names_the_setting()
    {
        var ex = ClickAndDropException.FromResponse(HttpStatusCode.NotFound, "<html>Not Found</html>", "get orders");

        Assert.Contains("did not come from Click & Drop", ex.Message);
        Assert.Contains("ClickAndDrop:BaseUrl", ex.Message);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public void No_response_is_transient_and_keeps_the_cause()
    {
        var cause = new TimeoutRejectedException();

        var ex = ClickAndDropException.FromFailure(cause, "create orders");

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.True(ex.IsRetryable);
        Assert.Null(ex.StatusCode);
        Assert.Same(cause, ex.InnerException);
    }
}
