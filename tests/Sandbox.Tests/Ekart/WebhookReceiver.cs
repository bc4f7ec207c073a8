using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sandbox.Tests.Ekart;

/// <summary>One POST the receiver got: the raw body, the signature header (null when absent) and whether it verified.</summary>
internal sealed record ReceivedWebhook(string Body, string? Signature, bool Verified);

/// <summary>
/// A tiny Kestrel endpoint standing in for our pipeline's webhook route: it checks the HMAC-SHA256 of the raw body
/// against its secret, answers 401 when it does not match and <see cref="AnswerWith"/> otherwise, and keeps what it got.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, string secret, string header, bool base64)
    {
        _app = app;
        Secret = secret;
        app.MapPost("/hooks/ekart", async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var signature = ctx.Request.Headers.TryGetValue(header, out var value) ? value.ToString() : null;
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body));
            var expected = base64 ? Convert.ToBase64String(mac) : Convert.ToHexStringLower(mac);
            var verified = signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected));
            Received.Enqueue(new ReceivedWebhook(body, signature, verified));
            ctx.Response.StatusCode = verified ? AnswerWith : StatusCodes.Status401Unauthorized;
        });
    }

    public string Secret { get; }
    public string Url => _app.Urls.First().TrimEnd('/') + "/hooks/ekart";
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();
    /// <summary>Status for a correctly signed delivery (200 unless a test wants the receiver to fail).</summary>
    public int AnswerWith { get; set; } = StatusCodes.Status200OK;

    public static async Task<WebhookReceiver> StartAsync(string secret = "whsec-abc", string header = "X-Ekart-Signature", bool base64 = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret, header, base64);
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
