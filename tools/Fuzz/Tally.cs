using System.Collections.Concurrent;
using LocalHost;

namespace Fuzz;

/// <summary>Answers per HTTP target, invocations per function, and samples of whatever went wrong.</summary>
public sealed class Tally
{
    public sealed class HttpCounts
    {
        public int Cases, Status2xx, Status3xx, Status4xx, Status5xx, NoAnswer, KeylessAccepted;
        public readonly ConcurrentQueue<string> Samples = new();
    }

    public sealed class InvocationCounts
    {
        public int Succeeded, Failed;
        public readonly ConcurrentQueue<string> Errors = new();
    }

    public ConcurrentDictionary<string, HttpCounts> Http { get; } = new();
    public ConcurrentDictionary<string, InvocationCounts> Invocations { get; } = new();
    public ConcurrentDictionary<string, int> Kinds { get; } = new();
    private int _cutOff;

    /// <summary>Requests over 1 MB whose connection the server closed before taking the whole body.</summary>
    public int CutOff => Volatile.Read(ref _cutOff);

    public void CountCutOff() => Interlocked.Increment(ref _cutOff);

    public void OnInvocation(InvocationResult result)
    {
        var counts = Invocations.GetOrAdd(result.FunctionName, _ => new InvocationCounts());
        if (result.Succeeded)
            Interlocked.Increment(ref counts.Succeeded);
        else
        {
            Interlocked.Increment(ref counts.Failed);
            if (counts.Errors.Count < 5)
                counts.Errors.Enqueue(HttpCase.Shorten(result.Error ?? "(no error text)", 600));
        }
    }

    public void Record(string target, HttpCase @case, int status, string? body, bool keyRequired)
    {
        var counts = Http.GetOrAdd(target, _ => new HttpCounts());
        Interlocked.Increment(ref counts.Cases);
        Kinds.AddOrUpdate(@case.Kind, 1, (_, n) => n + 1);
        switch (status)
        {
            case 0: Interlocked.Increment(ref counts.NoAnswer); break;
            case < 300: Interlocked.Increment(ref counts.Status2xx); break;
            case < 400: Interlocked.Increment(ref counts.Status3xx); break;
            case < 500: Interlocked.Increment(ref counts.Status4xx); break;
            default: Interlocked.Increment(ref counts.Status5xx); break;
        }
        var keylessAccepted = keyRequired && !@case.KeyIsValid && status is >= 200 and < 300;
        if (keylessAccepted)
            Interlocked.Increment(ref counts.KeylessAccepted);
        if ((status is 0 or >= 500 || keylessAccepted) && counts.Samples.Count < 5)
            counts.Samples.Enqueue($"{(status == 0 ? "no answer" : status.ToString())} ← {@case}{(body is null ? "" : " → " + HttpCase.Shorten(body, 300))}");
    }
}
