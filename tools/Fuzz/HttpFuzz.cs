using CsCheck;
using Demo;

namespace Fuzz;

/// <summary>Sends each HTTP function its generated cases, a few at a time, and tallies the answers.</summary>
public sealed class HttpFuzz(DevStack stack, Tally tally, int parallelism)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(100) };

    public async Task RunAsync(IReadOnlyList<HttpTarget> targets, KnownValues known, int cases, ulong seed, uint firstStream, Action<string> progress, CancellationToken ct)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var generator = HttpCases.For(target, known);
            // One PCG stream per target (targets in name order): the same seed gives the same cases.
            var pcg = new PCG(firstStream + (uint)i, seed);
            var batch = Enumerable.Range(0, cases).Select(_ => generator.Generate(pcg, null, out Size _)).ToList();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
                async (@case, token) => await SendAsync(target, @case, token));
            var counts = tally.Http[target.Function];
            progress($"  {target.Function,-28} {cases} cases in {clock.Elapsed.TotalSeconds,5:0.0} s: {counts.Status2xx} 2xx, {counts.Status4xx} 4xx, {counts.Status5xx} 5xx");
        }
    }

    private async Task SendAsync(HttpTarget target, HttpCase @case, CancellationToken ct)
    {
        var pathAndQuery = @case.Key switch
        {
            KeyMode.QueryCode => Append(@case.PathAndQuery, "code=" + Uri.EscapeDataString(stack.Host.FunctionKey)),
            KeyMode.WrongQueryCode => Append(@case.PathAndQuery, "code=wrong-" + Guid.NewGuid().ToString("N")),
            _ => @case.PathAndQuery,
        };
        using var request = new HttpRequestMessage(new HttpMethod(@case.Method), ToUri(pathAndQuery));
        if (@case.Key == KeyMode.Header)
            request.Headers.TryAddWithoutValidation("x-functions-key", stack.Host.FunctionKey);
        else if (@case.Key == KeyMode.Wrong)
            request.Headers.TryAddWithoutValidation("x-functions-key", "wrong-" + Guid.NewGuid().ToString("N"));
        if (@case.Body is not null)
        {
            request.Content = new ByteArrayContent(@case.Body);
            if (@case.ContentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", @case.ContentType);
        }
        int status;
        string? body = null;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            status = (int)response.StatusCode;
            if (status >= 500 || (status < 300 && !@case.KeyIsValid))
                body = await response.Content.ReadAsStringAsync(ct);
            else
                await response.Content.CopyToAsync(Stream.Null, ct);
        }
        catch (HttpRequestException ex) when (@case.Body is { Length: > 1_000_000 } && ex.InnerException is IOException)
        {
            // The server closed the connection before taking the whole body (Kestrel's size limit): a refusal, counted
            // with the 4xx and shown apart in the report, not a failure.
            status = 413;
            tally.CountCutOff();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            status = 0;
            body = ex.GetType().Name + ": " + ex.Message;
        }
        tally.Record(target.Function, @case, status, body, target.NeedsKey);
    }

    private Uri ToUri(string pathAndQuery)
    {
        try
        {
            return new Uri(stack.Host.BaseUrl + pathAndQuery);
        }
        catch (UriFormatException)
        {
            // Text no URI can hold as is (a lone surrogate): sent escaped instead.
            return new Uri(stack.Host.BaseUrl + string.Concat(pathAndQuery.Select(c => char.IsSurrogate(c) || char.IsControl(c) ? "%EF%BF%BD" : c.ToString())));
        }
    }

    private static string Append(string pathAndQuery, string pair) => pathAndQuery + (pathAndQuery.Contains('?') ? "&" : "?") + pair;
}
