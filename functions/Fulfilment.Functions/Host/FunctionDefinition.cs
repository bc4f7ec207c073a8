namespace Fulfilment.Functions.Host;

/// <summary>The kind of trigger a function has.</summary>
public enum TriggerKind { Timer, Queue, Http }

/// <summary>
/// What the code expects of a function's function.json: name, trigger, queue or route. A test compares these with the
/// function.json files, so the two cannot drift apart.
/// </summary>
public sealed record FunctionDefinition(string Name, TriggerKind Trigger, string? QueueName = null, string? Route = null,
    string[]? Methods = null, string? AuthLevel = null, string? Schedule = null)
{
    /// <summary>The path the handler serves: /{Name} for invocations, /api/{route} for forwarded HTTP requests.</summary>
    public string HandlerPath => Trigger == TriggerKind.Http ? "/api/" + Route : "/" + Name;

    public static FunctionDefinition Timer(string name, string schedule) => new(name, TriggerKind.Timer, Schedule: schedule);
    public static FunctionDefinition Queue(string name, string queueName) => new(name, TriggerKind.Queue, QueueName: queueName);
    public static FunctionDefinition Http(string name, string route, string authLevel, params string[] methods) =>
        new(name, TriggerKind.Http, Route: route, Methods: methods, AuthLevel: authLevel);
}
