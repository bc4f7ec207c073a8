using System.Reflection;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Tests.Functions;

/// <summary>
/// The trigger attributes the SDK turns into the function metadata the host reads: every queue is one of ours, on our
/// storage connection, bound to a pipeline message type; no route collides with the host's own.
/// </summary>
public class FunctionDefinitionsTests
{
    private static readonly Assembly App = typeof(Fulfilment.Functions.Middleware.FunctionTriggers).Assembly;

    private static List<(string Name, MethodInfo Method)> Functions() =>
        App.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => (Attribute: m.GetCustomAttribute<FunctionAttribute>(), Method: m))
            .Where(f => f.Attribute is not null)
            .Select(f => (f.Attribute!.Name, f.Method))
            .ToList();

    private static T? Trigger<T>(MethodInfo method) where T : Attribute =>
        method.GetParameters().Select(p => p.GetCustomAttribute<T>()).FirstOrDefault(a => a is not null);

    [Fact]
    public void Function_names_are_unique_and_named_after_their_class()
    {
        var functions = Functions();
        Assert.NotEmpty(functions);
        Assert.Equal(functions.Count, functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(functions, f => Assert.Equal(f.Method.DeclaringType!.Name, f.Name));
    }

    [Fact]
    public void Every_queue_trigger_is_one_of_our_queues_on_our_connection_bound_to_a_pipeline_message()
    {
        var queueFunctions = Functions().Where(f => Trigger<QueueTriggerAttribute>(f.Method) is not null).ToList();

        Assert.Equal(StorageNames.Queues.All.Order(StringComparer.Ordinal),
            queueFunctions.Select(f => Trigger<QueueTriggerAttribute>(f.Method)!.QueueName).Order(StringComparer.Ordinal));
        Assert.All(queueFunctions, f =>
        {
            var parameter = f.Method.GetParameters().Single(p => p.GetCustomAttribute<QueueTriggerAttribute>() is not null);
            Assert.Equal(StorageNames.ConnectionName, parameter.GetCustomAttribute<QueueTriggerAttribute>()!.Connection);
            Assert.True(typeof(IPipelineMessage).IsAssignableFrom(parameter.ParameterType), $"{f.Name} binds {parameter.ParameterType.Name}");
        });
    }

    [Fact]
    public void No_route_starts_with_a_segment_the_host_reserves()
    {
        var routes = Functions().Select(f => Trigger<HttpTriggerAttribute>(f.Method)?.Route).OfType<string>().ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.False(
            route.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase),
            $"route '{route}' conflicts with the host's built-in routes"));
    }

    [Fact]
    public void Timer_schedules_come_from_settings()
    {
        var schedules = Functions().Select(f => Trigger<TimerTriggerAttribute>(f.Method)?.Schedule).OfType<string>().ToList();

        Assert.NotEmpty(schedules);
        Assert.All(schedules, s => Assert.Matches("^%[A-Za-z]+%$", s));
    }
}
