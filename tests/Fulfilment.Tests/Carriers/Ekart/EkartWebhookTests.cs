using System.Security.Cryptography;
using System.Text;
using Fulfilment.Carriers.Ekart;

namespace Fulfilment.Tests.Carriers.Ekart;

public class EkartWebhookTests
{
    private const string Secret = "whsec-ekart-test";

    [Fact]
    public void The_signature_is_the_hmac_of_the_raw_bytes_in_hex_or_base64()
    {
        var body = EkartFixtures.Bytes("webhook-pickup.json");
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body);

        Assert.True(EkartWebhookSignature.IsValid(body, Secret, Convert.ToHexStringLower(mac)));
        Assert.True(EkartWebhookSignature.IsValid(body, Secret, Convert.ToHexString(mac)));
        Assert.True(EkartWebhookSignature.IsValid(body, Secret, Convert.ToBase64String(mac)));
        Assert.True(EkartWebhookSignature.IsValid(body, Secret, "sha256=" + Convert.ToHexStringLower(mac)));
    }

    [Fact]
    public void A_forged_or_altered_body_or_garbage_signature_is_refused()
    {
        var body = EkartFixtures.Bytes("webhook-pickup.json");
        var signature = EkartWebhookSignature.Sign(body, Secret);
        var altered = (byte[])body.Clone();
        altered[^5] ^= 1;

        Assert.False(EkartWebhookSignature.IsValid(body, "another-secret", signature));
        Assert.False(EkartWebhookSignature.IsValid(altered, Secret, signature));
        Assert.False(EkartWebhookSignature.IsValid(body, Secret, "not a signature"));
        Assert.False(EkartWebhookSignature.IsValid(body, Secret, null));
        Assert.False(EkartWebhookSignature.IsValid(body, Secret, signature[..^2]));
    }

    [Fact]
    public void An_event_with_unknown_fields_is_read()
    {
        var (received, problem) = EkartWebhookEventReader.Read(EkartFixtures.Bytes("webhook-pickup.json"));

        Assert.Null(problem);
        Assert.Equal(("FFQP0000000001", "pickup_complete", "FFQP0000000001-4"), (received!.TrackingId, received.Status, received.EventId));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 6, 40, 0, TimeSpan.Zero), received.At.ToUniversalTime());
        Assert.Equal("Bengaluru Pickup Hub", received.HubName);
    }

    [Fact]
    public void An_elite_style_body_is_read_too()
    {
        var (received, _) = EkartWebhookEventReader.Read(Encoding.UTF8.GetBytes(
            """{"ctime":1772433000000,"status":"RTO In Transit","location":"Pune","desc":"Returning","wbn":"EK123","id":"FFQP0000000009"}"""));

        Assert.Equal(("FFQP0000000009", "RTO In Transit", "Pune"), (received!.TrackingId, received.Status, received.City));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"status\":\"delivered\",\"event_date\":\"2026-03-02 10:00:00\"}", "tracking_id")]
    [InlineData("{\"tracking_id\":\"FFQP0000000001\",\"event_date\":\"2026-03-02 10:00:00\"}", "status")]
    [InlineData("{\"tracking_id\":\"FFQP0000000001\",\"status\":\"delivered\",\"event_date\":\"yesterday\"}", "time")]
    public void A_malformed_event_says_what_is_wrong(string body, string problem)
    {
        var (received, why) = EkartWebhookEventReader.Read(Encoding.UTF8.GetBytes(body));

        Assert.Null(received);
        Assert.Contains(problem, why);
    }
}
