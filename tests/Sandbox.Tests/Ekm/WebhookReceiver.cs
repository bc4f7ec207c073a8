using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Tests.Ekm;

/// <summary>
/// A webhook endpoint on its own loopback port that records what EKM posts and answers from a script (a status per
/// delivery, or "hang" to outlast the sender's timeout); once the script runs out it answers 200.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public const int Hang = -1;

    private readonly ConcurrentQueue<int> _script;
    private readonly SimulatorHost _host;

    private WebhookReceiver(SimulatorHost host, ConcurrentQueue<int> script)
    {
        _host = host;
        _script = script;
    }

    public string Url => _host.BaseUrl + "/hooks/ekm";

    public ConcurrentQueue<JsonElement> Received { get; } = new();

    public static async Task<WebhookReceiver> StartAsync(params int[] script)
    {
        var queue = new ConcurrentQueue<int>(script);
        WebhookReceiver? receiver = null;
        var host = await SimulatorHost.StartAsync(app => app.MapPost("/hooks/ekm", async (HttpContext http) =>
        {
            var body = await JsonDocument.ParseAsync(http.Request.Body);
            receiver!.Received.Enqueue(body.RootElement.Clone());
            var status = queue.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
            if (status == Hang)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted); }
                catch (OperationCanceledException) { /* the sender gave up */ }
                return;
            }
            http.Response.StatusCode = status;
        }));
        receiver = new WebhookReceiver(host, queue);
        return receiver;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
