using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Carriers.Ekart;
using Fulfilment.Channels.BigCommerce;
using Fulfilment.Functions.Middleware;
using Fulfilment.Functions.Telemetry;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The isolated worker: the Functions host (Azure, `func start`, or tools/LocalHost) starts this process, hands it the
// function invocations over gRPC and forwards HTTP requests to its ASP.NET Core server.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Every invocation, once: log scope, the order's trace context, unreadable messages parked, HTTP failures as problem+json.
builder.UseMiddleware<InvocationScopeMiddleware>();
builder.UseWhen<QueueMessageMiddleware>(FunctionTriggers.IsQueue);
builder.UseWhen<HttpProblemMiddleware>(FunctionTriggers.IsHttp);
builder.Services.Configure<WorkerOptions>(options => options.InputConverters.RegisterAt<PipelineMessageConverter>(0));

// The host logs every invocation already; ASP.NET's per-request lines would only repeat it.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

builder.Services.AddFulfilmentStorage(builder.Configuration);
builder.Services.AddFulfilmentPipeline(builder.Configuration);
builder.Services.AddBigCommerce(builder.Configuration);
builder.Services.AddEkm(builder.Configuration);
builder.Services.AddClickAndDrop(builder.Configuration);
builder.Services.AddEkart(builder.Configuration);
builder.Services.AddEcomdash(builder.Configuration);
builder.Services.AddFulfilmentTelemetry(builder.Configuration);

builder.Build().Run();
