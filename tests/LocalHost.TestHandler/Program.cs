using System.Text.Json;
using System.Text.Json.Nodes;

// A deliberately small custom handler for the LocalHost tests: each function reports what it received so the tests can
// check the host's side of the protocol. It answers only on the port the host gives it.
var port = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT")
    ?? throw new InvalidOperationException("FUNCTIONS_CUSTOMHANDLER_PORT is not set: run me under the Functions host.");
var greeting = args.SkipWhile(a => a != "--greeting").Skip(1).FirstOrDefault() ?? "";

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.ClearProviders();
var app = builder.Build();
Console.WriteLine($"Test handler listening on {port}");

// Timer: echo the timer payload to the report queue through an output binding.
app.MapPost("/Tick", async (HttpRequest request) =>
{
    var body = await JsonNode.ParseAsync(request.Body);
    var report = new JsonObject
    {
        ["function"] = "Tick",
        ["greeting"] = greeting,
        ["data"] = body?["Data"]?.DeepClone(),
        ["metadata"] = body?["Metadata"]?.DeepClone(),
        ["invocationId"] = request.Headers["X-Azure-Functions-InvocationId"].ToString(),
        ["userAgent"] = request.Headers.UserAgent.ToString(),
    };
    return Results.Json(new { Outputs = new { report = report.ToJsonString() }, Logs = new[] { "tick ran" } });
});

// Queue: fail for "fail"; otherwise send the trigger value exactly as received (a JSON string) to the done queue.
app.MapPost("/Work", async (HttpRequest request) =>
{
    var body = await JsonNode.ParseAsync(request.Body);
    var received = body!["Data"]!["msg"]!.GetValue<string>();
    var text = JsonSerializer.Deserialize<string>(received) ?? "";
    if (text.Contains("fail", StringComparison.Ordinal))
        return Results.Json(new { error = "asked to fail" }, statusCode: 500);
    if (text == "bad-json")
        return Results.Text("this is not json", "application/json");
    if (text.StartsWith("many:", StringComparison.Ordinal))
    {
        var n = int.Parse(text["many:".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new { Outputs = new { done = Enumerable.Range(1, n).Select(i => $"item-{i}").ToArray() } });
    }
    var metadata = body["Metadata"]!;
    return Results.Json(new
    {
        Outputs = new { done = new[] { received, metadata.ToJsonString() } },
        Logs = new[] { $"work received {text.Length} chars" },
    });
});

// Forwarded HTTP: the original request at its original path; answer with the raw body bytes.
app.MapMethods("/api/echo/{id?}", ["POST", "PUT"], async (HttpRequest request, HttpResponse response, string? id) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    response.Headers["X-Echo-Length"] = buffer.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
    response.Headers["X-Echo-Target"] = request.Path + request.QueryString;
    response.Headers["X-Echo-Id"] = id ?? "";
    response.Headers["X-Echo-Signature"] = request.Headers["X-Signature"].ToString();
    response.Headers["X-Echo-Invocation"] = request.Headers["X-Azure-Functions-InvocationId"].ToString();
    response.Headers["X-Handler-Pid"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    response.StatusCode = 201;
    response.ContentType = request.ContentType ?? "application/octet-stream";
    await response.Body.WriteAsync(buffer.ToArray());
});

// Payload-mode HTTP (has a queue output, so never forwarded): describe Data.req in the response body.
app.MapPost("/Payload", async (HttpRequest request) =>
{
    var body = await JsonNode.ParseAsync(request.Body);
    var req = body!["Data"]!["req"]!;
    var description = new JsonObject
    {
        ["method"] = req["Method"]?.DeepClone(),
        ["url"] = req["Url"]?.DeepClone(),
        ["query"] = req["Query"]?.DeepClone(),
        ["params"] = req["Params"]?.DeepClone(),
        ["body"] = req["Body"]?.DeepClone(),
        ["testHeader"] = req["Headers"]?["X-Test"]?.DeepClone(),
    };
    return Results.Json(new
    {
        Outputs = new
        {
            res = new { statusCode = 202, body = description, headers = new Dictionary<string, string> { ["X-Mode"] = "payload" } },
            audit = "payload-called",
        },
    });
});

app.MapGet("/api/secure", () => Results.Text("secure ok"));
app.MapGet("/api/admin-only", () => Results.Text("admin ok"));

app.Run();
