using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Channels.BigCommerce;
using Fulfilment.Functions;
using Fulfilment.Functions.Telemetry;
using Fulfilment.Pipeline;
using Fulfilment.Storage;

// The Azure Functions custom handler: the Functions host starts this process, tells it the port, and calls one route
// per function (POST /{FunctionName} for timers and queues, /api/{route} for forwarded HTTP requests).
var builder = WebApplication.CreateBuilder(args);
var port = builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"];
if (!int.TryParse(port, out var listenPort))
    throw new InvalidOperationException("FUNCTIONS_CUSTOMHANDLER_PORT is not set: this app is started by the Functions host (or tools/LocalHost).");
builder.WebHost.UseUrls($"http://127.0.0.1:{listenPort}");
// The host logs every invocation already; ASP.NET's per-request lines would only repeat it.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

builder.Services.AddFulfilmentStorage(builder.Configuration);
builder.Services.AddFulfilmentPipeline(builder.Configuration);
builder.Services.AddBigCommerce(builder.Configuration);
builder.Services.AddClickAndDrop(builder.Configuration);
builder.Services.AddFulfilmentTelemetry(builder.Configuration);

var app = builder.Build();

// The host polls GET / until it answers anything; answer plainly so start-up is visible in logs.
app.MapGet("/", () => Results.Text("Fulfilment custom handler"));
FunctionCatalogue.MapAll(app);
app.Run();

/// <summary>Entry point; public so tests can build the same service graph.</summary>
public partial class Program;
