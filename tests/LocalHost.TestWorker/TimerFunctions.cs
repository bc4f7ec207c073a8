using System.Text.Json;
using Microsoft.Azure.Functions.Worker;

namespace LocalHost.TestWorker;

/// <summary>A timer that reports its TimerInfo (as the worker deserialised it) and an app setting.</summary>
public sealed class TimerFunctions
{
    [Function("Tick")]
    [QueueOutput("%ReportQueue%", Connection = "TestStorage")]
    public static string Tick([TimerTrigger("%TickSchedule%")] TimerInfo myTimer, FunctionContext context) =>
        JsonSerializer.Serialize(new
        {
            timer = myTimer,
            greeting = Environment.GetEnvironmentVariable("TestGreeting"),
            invocationId = context.InvocationId,
            traceParent = context.TraceContext.TraceParent,
        });
}
