using System.Text;
using Fulfilment.Channels.Ekm;
using Fulfilment.Partners;

namespace Fulfilment.IntegrationTests.Channels.Ekm;

/// <summary>What anyone can send to channels/ekm/{action}: only EKM-shaped webhooks are hints, everything else a 4xx.</summary>
public class EkmCallbackInputTests
{
    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"username":"shop1","topic":"order.created"}""")]
    [InlineData("""{"username":"shop1","topic":"order.created","entity_id":"-5"}""")]
    [InlineData("""{"username":"shop1","topic":"order.created","entity_id":"99999999999999999999999"}""")]
    [InlineData("""{"username":"../../x","topic":"order.created","entity_id":"1"}""")]
    [InlineData("""{"username":"shop1","topic":"order.created","entity_id":{"id":1}}""")]
    public async Task A_webhook_body_that_is_not_ekms_shape_is_refused(string body)
    {
        await using var ekm = await EkmHarness.StartAsync();

        var answer = await Handle(ekm, "webhook", "POST", body);

        Assert.Equal(400, answer.StatusCode);
    }

    [Theory]
    [InlineData("""{"username":"nobody-here","topic":"order.created","entity_id":"1001"}""")]
    [InlineData("""{"username":"nobody-here","topic":"order.updated","entity_id":1001}""")]
    [InlineData("""{"username":"nobody-here","topic":"customer.created","entity_id":"7"}""")]
    public async Task A_well_formed_webhook_for_an_unknown_shop_or_topic_is_acknowledged_so_ekm_stops_retrying(string body)
    {
        await using var ekm = await EkmHarness.StartAsync();

        var answer = await Handle(ekm, "webhook", "POST", body);

        Assert.Equal(200, answer.StatusCode);
    }

    [Theory]
    [InlineData("webhook", "GET", 405)]
    [InlineData("oauth", "POST", 405)]
    [InlineData("install", "GET", 404)]
    public async Task Other_actions_and_methods_are_refused(string action, string method, int status)
    {
        await using var ekm = await EkmHarness.StartAsync();

        Assert.Equal(status, (await Handle(ekm, action, method, "")).StatusCode);
    }

    private static Task<PartnerHttpResponse> Handle(EkmHarness ekm, string action, string method, string body) =>
        ekm.Get<EkmCallbacks>().HandleAsync(new PartnerHttpRequest(action, method, new Dictionary<string, string>(), new Dictionary<string, string>(),
            Encoding.UTF8.GetBytes(body)), CancellationToken.None);
}
